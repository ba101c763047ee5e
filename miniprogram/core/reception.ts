import { addDays } from './china-time';

/**
 * Reception days (接待日) from a station's rule: a fixed day of the month (Jixian, Karamay: the
 * 10th), or the Nth weekday of the month (Wuxi: the third Tuesday; others: 1st and 3rd Tuesday),
 * optionally only in some months, with a holiday policy (节假日顺延 by default). Dates are China-local
 * calendar dates as YYYY-MM-DD; the official calendar (holidays and make-up workdays) comes in
 * through the WorkCalendar port, so this stays pure.
 */

export type HolidayPolicy = 'postpone' | 'advance' | 'keep';

export type ReceptionRule =
  | { kind: 'day_of_month'; day: number; months?: number[]; holidayPolicy: HolidayPolicy }
  | {
      kind: 'nth_weekday';
      /** 0 Sunday … 6 Saturday */
      weekday: number;
      /** 1–5, or -1 for the last one in the month. */
      nth: number[];
      months?: number[];
      holidayPolicy: HolidayPolicy;
    };

export interface WorkCalendar {
  isWorkday(date: string): boolean;
  /** Whether the official calendar of that year is known (holidays are announced a year ahead). */
  covers(year: number): boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The rule's nominal dates in one month, before the holiday policy. */
function nominalDates(rule: ReceptionRule, y: number, m: number): string[] {
  if (rule.months && !rule.months.includes(m)) return [];
  if (rule.kind === 'day_of_month') return rule.day <= daysIn(y, m) ? [ymd(y, m, rule.day)] : [];
  const firstWeekday = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  const firstDay = 1 + ((rule.weekday - firstWeekday + 7) % 7);
  const occurrences: number[] = [];
  for (let d = firstDay; d <= daysIn(y, m); d += 7) occurrences.push(d);
  return rule.nth
    .map((n) => (n === -1 ? occurrences[occurrences.length - 1] : occurrences[n - 1]))
    .filter((d): d is number => d !== undefined)
    .map((d) => ymd(y, m, d));
}

/** Moves a date off holidays and weekends per the policy; at most a month away, else null. */
function applyPolicy(date: string, policy: HolidayPolicy, calendar: WorkCalendar): string | null {
  if (policy === 'keep' || calendar.isWorkday(date)) return date;
  const step = policy === 'postpone' ? 1 : -1;
  let current = date;
  for (let i = 0; i < 31; i++) {
    current = addDays(current, step);
    if (calendar.isWorkday(current)) return current;
  }
  return null;
}

export interface ReceptionDate {
  date: string;
  /** The rule's own date, when the holiday policy moved it. */
  movedFrom: string | null;
}

/** Reception dates from `from` to `to` inclusive, in order, without duplicates. */
export function receptionDates(
  rule: ReceptionRule,
  from: string,
  to: string,
  calendar: WorkCalendar,
): ReceptionDate[] {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const out = new Map<string, ReceptionDate>();
  // One month either side: a date postponed out of the previous month, or brought forward out of
  // the next one, may land in range.
  const [endY, endM] = tm === 12 ? [ty + 1, 1] : [ty, tm + 1];
  for (let y = fy, m = fm - 1; y < endY || (y === endY && m <= endM); m++) {
    if (m === 0) {
      y -= 1;
      m = 12;
    }
    if (m === 13) {
      y += 1;
      m = 1;
    }
    for (const nominal of nominalDates(rule, y, m)) {
      const date = applyPolicy(nominal, rule.holidayPolicy, calendar);
      if (date && date >= from && date <= to && !out.has(date)) {
        out.set(date, { date, movedFrom: date === nominal ? null : nominal });
      }
    }
    if (m === 12) {
      y += 1;
      m = 0;
    }
  }
  return [...out.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** The next `count` reception dates on or after `today`, looking at most a year ahead. */
export function nextReceptionDates(
  rule: ReceptionRule,
  today: string,
  count: number,
  calendar: WorkCalendar,
): ReceptionDate[] {
  return receptionDates(rule, today, addDays(today, 366), calendar).slice(0, count);
}
