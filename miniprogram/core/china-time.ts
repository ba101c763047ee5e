import { invalid, ok, type Failure, type Success } from './result';

/**
 * China-local time, computed explicitly. China keeps one zone, UTC+8, with no daylight saving, so
 * a China-local date is the UTC date of the instant plus eight hours, whatever zone the phone or
 * the server runs in. Instants are epoch milliseconds; calendar dates are `YYYY-MM-DD` strings,
 * which sort and compare as dates. Nothing here reads the clock: callers pass `now`.
 */

export const DAY_MS = 24 * 3600_000;
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** China-local calendar date of an instant, as YYYY-MM-DD. */
export function chinaDate(at: number): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** China-local date and time of an instant, as YYYY-MM-DD HH:mm. */
export function chinaDateTime(at: number): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The China-local year of an instant. */
export const chinaYear = (at: number): number => Number(chinaDate(at).slice(0, 4));

const parts = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
};

/** The first instant of a China-local date: 00:00:00.000 at UTC+8. */
export function startOfChinaDay(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) - CHINA_OFFSET_MS;
}

/** The last instant of a China-local date: 23:59:59.999 at UTC+8. */
export function endOfChinaDay(date: string): number {
  return startOfChinaDay(date) + DAY_MS - 1;
}

/** The date `days` later (earlier when negative): calendar arithmetic, no time zone involved. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((startOfChinaDay(to) - startOfChinaDay(from)) / DAY_MS);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** 0 for Sunday … 6 for Saturday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export const isWeekend = (date: string): boolean => weekdayOf(date) === 0 || weekdayOf(date) === 6;

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 周一 … 周日 */
export const weekdayLabel = (date: string): string => WEEKDAYS[weekdayOf(date)];

/** A span of China-local dates, both included. */
export interface Period {
  from: string;
  to: string;
}

/** Validates a period from a form: two dates, the first not after the second. */
export function validatePeriod(raw: unknown): Success<Period> | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  if (!isIsoDate(input.from)) fields.from = '请选择开始日期';
  if (!isIsoDate(input.to)) fields.to = '请选择结束日期';
  else if (isIsoDate(input.from) && input.from > input.to) fields.to = '结束日期不能早于开始日期';
  if (Object.keys(fields).length > 0) return invalid(fields);
  return ok({ from: input.from as string, to: input.to as string });
}

export const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` });

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The last date of the month a date is in. */
export function endOfMonth(date: string): string {
  const [y, m] = parts(date);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The whole month of a `YYYY-MM`, or null when it is not one. */
export function monthPeriod(month: unknown): Period | null {
  if (typeof month !== 'string' || !MONTH.test(month)) return null;
  return { from: `${month}-01`, to: endOfMonth(`${month}-01`) };
}

/** The whole months from the one holding `from` to the one holding `to`. */
export const monthsSpanning = (from: string, to: string): Period => ({
  from: `${from.slice(0, 7)}-01`,
  to: endOfMonth(to),
});
