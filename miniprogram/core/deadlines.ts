import type { CaseKind, RouteKind } from './model';
import type { WorkCalendar } from './reception';
import { addDays, chinaDate, endOfChinaDay } from './china-time';

/**
 * Deadlines in working days (工作日), on China's official calendar: weekends and public holidays
 * are not counted, weekend make-up workdays (调休) are. The calendar comes in through the
 * WorkCalendar port (the functions pass `officialCalendar`, from the `chinese-days` package), so
 * this stays pure: no clock, no time zone of the machine, no dependency.
 *
 * Conventions (the reasons: docs/decisions/0004-working-day-deadlines.md):
 * - Counting starts on the first working day AFTER the start (acceptance, or a redo): the day of
 *   receipt is not counted, as in Guangdong's 12345 hotline and 政务服务 practice. Accepted on a
 *   Friday with 2 working days: due the following Tuesday. Accepted on a holiday or a weekend: the
 *   first working day after it is day 1.
 * - Dates are China-local (UTC+8 all year, no daylight saving), whatever the machine's zone.
 * - A deadline is met until the END of its due date: `dueAt` is 23:59:59.999 China time that day.
 * - Pauses (waiting for the resident): a pause from instant `from` to instant `to` stops the clock
 *   on the working days d with date(from) < d ≤ date(to). The day a pause starts was already
 *   running and counts; the day it ends is given back, like a new day of receipt. Paused days past
 *   the due date change nothing (an overdue case cannot be rescued by pausing it). A pause still
 *   open runs until `now`. Overlapping pauses count each day once.
 * - Coverage: the State Council announces a year's holidays late in the year before, and a
 *   calendar package may not have them yet. If any date a computation touches lies in a year the
 *   calendar does not cover, the result carries `uncovered: true`: the date is the calendar's best
 *   guess (weekends only) and the screens must say so, rather than guess silently.
 */

export interface DeadlineConfig {
  /** Working days by kind (Guangdong 12345: inquiry 2, help and suggestion 10, complaint 15). */
  byKind: Record<CaseKind, number>;
  /** Caps by route: a route listed here gets at most this many working days (直办 is shorter). */
  routeMax: Partial<Record<RouteKind, number>>;
  /** Working days for a case sent back to be redone (发回重办); null: the same rule as the first time. */
  redo: number | null;
  /** CALENDAR days the resident has to rate an answer before the case is closed by time. */
  ratingWindowDays: number;
}

export const DEFAULT_DEADLINES: DeadlineConfig = {
  byKind: { inquiry: 2, help: 10, suggestion: 10, complaint: 15 },
  routeMax: { direct: 5 },
  redo: null,
  ratingWindowDays: 7,
};

/** Working days allowed for a case of this kind on this route (null: not routed yet). */
export function deadlineDays(
  kind: CaseKind,
  route: RouteKind | null,
  config: DeadlineConfig = DEFAULT_DEADLINES,
  round: 'first' | 'redo' = 'first',
): number {
  if (round === 'redo' && config.redo !== null) return config.redo;
  const days = config.byKind[kind];
  const cap = route ? config.routeMax[route] : undefined;
  return cap === undefined ? days : Math.min(days, cap);
}

/** No calendar has ten years without a working day: past this, the calendar is broken. */
const MAX_STEPS = 3660;

const yearOf = (date: string): number => Number(date.slice(0, 4));

export interface WorkingDate {
  date: string;
  /** Some date on the way lies in a year the calendar does not cover: the date is a guess. */
  uncovered: boolean;
}

/**
 * The date `n` working days after `start` (start itself not counted); `n = 0` gives `start`.
 * `skip` holds working dates on which the clock stood still (they are passed over, not counted).
 */
export function addWorkingDays(
  start: string,
  n: number,
  calendar: WorkCalendar,
  skip: ReadonlySet<string> = new Set(),
): WorkingDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let uncovered = !calendar.covers(yearOf(start));
  let date = start;
  for (let counted = 0, steps = 0; counted < n; steps++) {
    if (steps > MAX_STEPS) throw new Error(`no working day within ten years after ${start}`);
    date = addDays(date, 1);
    if (!calendar.covers(yearOf(date))) uncovered = true;
    if (calendar.isWorkday(date) && !skip.has(date)) counted++;
  }
  return { date, uncovered };
}

/**
 * Working days d with a < d ≤ b: so that `workingDaysBetween(s, addWorkingDays(s, n).date) = n`.
 * Negative when b is before a. For lateness, and for "how many working days are left".
 */
export function workingDaysBetween(a: string, b: string, calendar: WorkCalendar): number {
  if (b < a) return -workingDaysBetween(b, a, calendar);
  let count = 0;
  for (let date = addDays(a, 1), steps = 0; date <= b; date = addDays(date, 1), steps++) {
    if (steps > MAX_STEPS * 10) throw new Error(`range too long: ${a} to ${b}`);
    if (calendar.isWorkday(date)) count++;
  }
  return count;
}

export interface PauseInterval {
  from: number;
  /** null while the clock is still paused. */
  to: number | null;
}

export interface DeadlineInput {
  /** The instant the clock started: acceptance, or the redo. */
  startAt: number;
  workingDays: number;
  pauses?: readonly PauseInterval[];
  /** Where a pause still open ends for now. */
  now: number;
}

export interface Deadline {
  startDate: string;
  dueDate: string;
  /** End of the due date, China time (epoch ms). */
  dueAt: number;
  /** Working days the clock stood still before the due date: the deadline moved by this many. */
  pausedWorkingDays: number;
  uncovered: boolean;
}

/** Working dates on which the clock stood still, per the pause convention in the header. */
export function pausedDates(
  pauses: readonly PauseInterval[],
  now: number,
  calendar: WorkCalendar,
): Set<string> {
  const dates = new Set<string>();
  for (const pause of pauses) {
    const end = chinaDate(Math.max(pause.from, pause.to ?? now));
    for (let date = addDays(chinaDate(pause.from), 1); date <= end; date = addDays(date, 1)) {
      if (calendar.isWorkday(date)) dates.add(date);
    }
  }
  return dates;
}

/** The due date of a clock, extended by its pauses. */
export function computeDeadline(input: DeadlineInput, calendar: WorkCalendar): Deadline {
  const startDate = chinaDate(input.startAt);
  const skip = pausedDates(input.pauses ?? [], input.now, calendar);
  const { date: dueDate, uncovered } = addWorkingDays(startDate, input.workingDays, calendar, skip);
  const pausedWorkingDays = [...skip].filter((d) => d > startDate && d <= dueDate).length;
  return { startDate, dueDate, dueAt: endOfChinaDay(dueDate), pausedWorkingDays, uncovered };
}

export type DeadlineStatus = 'ok' | 'due_soon' | 'overdue';

/**
 * Overdue once `now` is past `dueAt`; due soon when the due date is today or the next working day
 * (a reminder goes out the working day before); otherwise ok.
 */
export function deadlineStatus(dueAt: number, now: number, calendar: WorkCalendar): DeadlineStatus {
  if (now > dueAt) return 'overdue';
  return workingDaysBetween(chinaDate(now), chinaDate(dueAt), calendar) <= 1 ? 'due_soon' : 'ok';
}

/**
 * Whether an answer at `at` met the deadline, and by how many working days it missed it (0 when it
 * was late only by weekend or holiday days: late, but no working day lost).
 */
export function lateness(
  dueAt: number,
  at: number,
  calendar: WorkCalendar,
): { onTime: boolean; workingDaysLate: number } {
  if (at <= dueAt) return { onTime: true, workingDaysLate: 0 };
  return {
    onTime: false,
    workingDaysLate: workingDaysBetween(chinaDate(dueAt), chinaDate(at), calendar),
  };
}
