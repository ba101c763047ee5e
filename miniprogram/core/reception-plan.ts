import { receptionDates, type HolidayPolicy, type ReceptionRule, type WorkCalendar } from './reception';
import { fail, invalid, ok, type Failure, type Success } from './result';
import { charLength, textInput, WRONG_TYPE } from './text';
import { addDays, isIsoDate } from './china-time';

/**
 * A station's reception days (接待日) as staff plan them: the dates the rule yields (reception.ts),
 * changed by staff one day at a time. Staff can move a day to another date, cancel it, or add an
 * extra one, always with a reason; they can also undo a change (restore).
 *
 * The changes are stored as a list of overrides per station, not as the resulting dates, so a change
 * of rule or an update of the official calendar never leaves a stale copy of the rule's dates behind.
 * An override names the day it changes by its "origin date": the date the rule yields for it (after
 * the holiday policy), or for an extra day the date it was first added on. Moving a day twice keeps
 * its origin, so one origin has at most one move or cancel.
 *
 * Dates are China-local calendar dates, YYYY-MM-DD. `today` is passed in; there is no hidden clock.
 */

export type ReceptionOverride =
  | { kind: 'move'; date: string; to: string; reason: string }
  | { kind: 'cancel'; date: string; reason: string }
  | { kind: 'add'; date: string; reason: string };

export type DayOrigin = 'rule' | 'extra';

export interface PlannedDay {
  date: string;
  origin: DayOrigin;
  /** What overrides refer to: the rule's date for this day, or the date an extra day was added on. */
  originDate: string;
  /** The calendar date the rule names, when the holiday policy moved it (节假日顺延); else null. */
  ruleDate: string | null;
  /** The origin date, when staff moved the day; else null. */
  movedFrom: string | null;
  /** Staff's reason for moving or adding the day; null for an unchanged rule day. */
  reason: string | null;
  /** Held on a weekend or holiday: a forced move or extra day, or a station that keeps holidays. */
  onHoliday: boolean;
}

export interface CancelledDay {
  /** The origin date: where the day would have been. */
  date: string;
  origin: DayOrigin;
  reason: string;
}

/** Why an override was left out of the plan: its day no longer exists, or its date is taken. */
export type IgnoredReason = 'NO_SUCH_DAY' | 'DATE_TAKEN';

export interface ReceptionPlan {
  /** In date order, one per date. */
  days: PlannedDay[];
  cancelled: CancelledDay[];
  /**
   * Overrides that no longer apply, typically after the rule changed (a move of a day the rule no
   * longer yields). They are shown to staff rather than silently dropped or applied.
   */
  ignored: Array<{ override: ReceptionOverride; why: IgnoredReason }>;
  /**
   * Years in the period whose official holidays are not published yet (the State Council announces
   * them late in the previous year): dates there may still move, and screens should say so.
   */
  uncoveredYears: number[];
}

const yearOf = (date: string) => Number(date.slice(0, 4));

// ---------------------------------------------------------------------------------------------------
// Rules

export const HOLIDAY_POLICIES: HolidayPolicy[] = ['postpone', 'advance', 'keep'];

export const HOLIDAY_POLICY_LABELS: Record<HolidayPolicy, string> = {
  postpone: '节假日顺延',
  advance: '节假日提前',
  keep: '节假日照常',
};

/** A calendar in which every day is a working day: the rule's own dates, before any holiday policy. */
const EVERY_DAY: WorkCalendar = { isWorkday: () => true, covers: () => true };

/**
 * 28 consecutive years between 1901 and 2099 contain every kind of year there is (each weekday of
 * 1 January, leap or not), so a rule that yields a date in each of these yields one in every year.
 */
const CHECK_YEARS = Array.from({ length: 28 }, (_, i) => 2001 + i);

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

function checkIntList(
  value: unknown,
  valid: (n: number) => boolean,
  fields: Record<string, string>,
  field: string,
  messages: { empty: string; invalid: string; duplicate: string },
): number[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    fields[field] = messages.empty;
    return null;
  }
  if (!value.every((n) => isInt(n) && valid(n))) {
    fields[field] = messages.invalid;
    return null;
  }
  if (new Set(value).size !== value.length) {
    fields[field] = messages.duplicate;
    return null;
  }
  return [...(value as number[])].sort((a, b) => (a === -1 ? 1 : b === -1 ? -1 : a - b));
}

/**
 * Validates and normalises a reception rule from a staff form: day 1–31, weekday 0–6, nth 1–5 or -1
 * (the last), months 1–12 without repeats, a known holiday policy (postpone when left out, the
 * default the seeds describe). Lists come back sorted. A rule that would leave some year without a
 * single reception day (the 31st in February, April and June; the 29th of February; the fifth
 * Tuesday of January alone) is refused with RECEPTION.RULE_EMPTY.
 *
 * A day of 29–31 with other months is accepted: the months that lack the day have no reception day,
 * as reception.ts computes it, and the screen shows the resulting dates.
 */
export function validateRule(raw: unknown): Success<ReceptionRule> | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};

  const kind = input.kind;
  if (kind !== 'day_of_month' && kind !== 'nth_weekday')
    fields.kind = '请选择接待日规则（每月几日或第几个星期几）';

  const policy = input.holidayPolicy === undefined ? 'postpone' : input.holidayPolicy;
  if (!HOLIDAY_POLICIES.includes(policy as HolidayPolicy)) fields.holidayPolicy = '请选择节假日的处理方式';

  let months: number[] | undefined;
  if (input.months !== undefined && input.months !== null) {
    months =
      checkIntList(input.months, (m) => m >= 1 && m <= 12, fields, 'months', {
        empty: '请至少选择一个月份，或不限月份',
        invalid: '月份应为 1 到 12',
        duplicate: '月份有重复',
      }) ?? undefined;
  }

  let rule: ReceptionRule | null = null;
  const holidayPolicy = policy as HolidayPolicy;
  const withMonths = months ? { months } : {};
  if (kind === 'day_of_month') {
    if (!isInt(input.day) || input.day < 1 || input.day > 31) fields.day = '日期应为每月 1 日到 31 日';
    else rule = { kind, day: input.day, ...withMonths, holidayPolicy };
  } else if (kind === 'nth_weekday') {
    if (!isInt(input.weekday) || input.weekday < 0 || input.weekday > 6) fields.weekday = '请选择星期几';
    const nth = checkIntList(input.nth, (n) => (n >= 1 && n <= 5) || n === -1, fields, 'nth', {
      empty: '请选择第几个（第一个到第五个，或最后一个）',
      invalid: '第几个应为 1 到 5，或最后一个',
      duplicate: '第几个有重复',
    });
    if (nth && !fields.weekday)
      rule = { kind, weekday: input.weekday as number, nth, ...withMonths, holidayPolicy };
  }

  const problems = Object.keys(fields);
  if (problems.length > 0) return invalid(fields);
  const valid = rule as ReceptionRule;

  const emptyYear = CHECK_YEARS.find(
    (y) => receptionDates(valid, `${y}-01-01`, `${y}-12-31`, EVERY_DAY).length === 0,
  );
  if (emptyYear !== undefined) {
    return fail('RECEPTION.RULE_EMPTY', '按这条规则，有的年份一个接待日也没有，请检查日期和月份', {
      [valid.kind === 'day_of_month' ? 'day' : 'nth']: '所选月份中没有这一天',
    });
  }
  return ok(valid);
}

// ---------------------------------------------------------------------------------------------------
// The plan

/**
 * The rule's dates from `from` to `to`. reception.ts looks a month back for dates postponed into the
 * range, but not a month ahead for dates brought forward into it (节假日提前: 1 October is held on
 * 30 September), so look a month further and cut.
 */
function ruleDates(rule: ReceptionRule, from: string, to: string, calendar: WorkCalendar) {
  return receptionDates(rule, from, addDays(to, 31), calendar).filter((d) => d.date <= to);
}

const byDate = <T extends { date: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * The reception days from `from` to `to` inclusive: the rule's dates with the overrides applied.
 *
 * Overrides are resolved over the whole span they touch, not only the period asked for, so that a
 * day moved into or out of the period is where a plan of any other period says it is. Moved and
 * cancelled days first leave their origin dates, then moved days take their new dates; so a day can
 * be moved onto a date another day has just left, whatever order the changes were made in. An
 * override that names a day that does not exist, or moves a day onto a date another day holds, is
 * left out and reported in `ignored` (a day whose move is ignored stays at its origin date).
 */
export function planReceptionDays(
  rule: ReceptionRule,
  overrides: readonly ReceptionOverride[],
  from: string,
  to: string,
  calendar: WorkCalendar,
): ReceptionPlan {
  let spanFrom = from;
  let spanTo = to;
  for (const o of overrides) {
    for (const d of o.kind === 'move' ? [o.date, o.to] : [o.date]) {
      if (d < spanFrom) spanFrom = d;
      if (d > spanTo) spanTo = d;
    }
  }

  const days = new Map<string, PlannedDay>();
  const ignored: ReceptionPlan['ignored'] = [];
  const dayAt = (date: string, origin: DayOrigin, ruleDate: string | null): PlannedDay => ({
    date,
    origin,
    originDate: date,
    ruleDate,
    movedFrom: null,
    reason: null,
    onHoliday: !calendar.isWorkday(date),
  });

  for (const r of ruleDates(rule, spanFrom, spanTo, calendar))
    days.set(r.date, dayAt(r.date, 'rule', r.movedFrom));
  for (const o of overrides) {
    if (o.kind !== 'add') continue;
    if (days.has(o.date)) ignored.push({ override: o, why: 'DATE_TAKEN' });
    else days.set(o.date, { ...dayAt(o.date, 'extra', null), reason: o.reason });
  }

  // Every day a move or cancel names leaves its origin first.
  const cancelled: CancelledDay[] = [];
  const moves: Array<{ override: Extract<ReceptionOverride, { kind: 'move' }>; day: PlannedDay }> = [];
  for (const o of overrides) {
    if (o.kind === 'add') continue;
    const day = days.get(o.date);
    if (!day || day.originDate !== o.date) {
      ignored.push({ override: o, why: 'NO_SUCH_DAY' });
      continue;
    }
    days.delete(o.date);
    if (o.kind === 'cancel') cancelled.push({ date: o.date, origin: day.origin, reason: o.reason });
    else moves.push({ override: o, day });
  }
  for (const { override: o, day } of moves) {
    if (days.has(o.to)) {
      ignored.push({ override: o, why: 'DATE_TAKEN' });
      if (!days.has(day.date)) days.set(day.date, day);
      continue;
    }
    days.set(o.to, {
      ...day,
      date: o.to,
      movedFrom: o.date,
      reason: o.reason,
      onHoliday: !calendar.isWorkday(o.to),
    });
  }

  const inRange = (d: { date: string }) => d.date >= from && d.date <= to;
  const uncoveredYears: number[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) if (!calendar.covers(y)) uncoveredYears.push(y);

  return {
    days: [...days.values()].filter(inRange).sort(byDate),
    cancelled: cancelled.filter(inRange).sort(byDate),
    ignored,
    uncoveredYears,
  };
}

/** The next `count` reception days on or after `today` (cancelled ones left out), a year ahead at most. */
export function nextPlannedDays(
  rule: ReceptionRule,
  overrides: readonly ReceptionOverride[],
  today: string,
  count: number,
  calendar: WorkCalendar,
): PlannedDay[] {
  return planReceptionDays(rule, overrides, today, addDays(today, 366), calendar).days.slice(0, count);
}

// ---------------------------------------------------------------------------------------------------
// Staff changes

export type DayChangeAction = 'move' | 'cancel' | 'add' | 'restore';

/** One change a staff member makes, as the form sends it. */
export type DayChange =
  | { action: 'move'; date: string; to: string; reason: string; force?: boolean }
  | { action: 'cancel'; date: string; reason: string }
  | { action: 'add'; date: string; reason: string; force?: boolean }
  /** Undo the move or cancellation of the day whose current (or cancelled) date is `date`. */
  | { action: 'restore'; date: string };

export const REASON_LIMITS = { min: 2, max: 100 } as const;

/** How far ahead a day can be moved or added: a year, which also catches a mistyped year. */
const HORIZON_DAYS = 366;

export interface DayChangeContext {
  today: string;
  calendar: WorkCalendar;
}

function parseChange(raw: unknown, today: string): Success<DayChange> | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const action = input.action as DayChangeAction;
  if (!['move', 'cancel', 'add', 'restore'].includes(action)) fields.action = '请选择要做的调整';
  const date = input.date;
  if (!isIsoDate(date)) fields.date = '请选择日期';
  const horizon = addDays(today, HORIZON_DAYS);
  if (action === 'add' && isIsoDate(date) && date > horizon) fields.date = '只能安排一年以内的日期';
  const to = input.to;
  if (action === 'move') {
    if (!isIsoDate(to)) fields.to = '请选择新的日期';
    else if (to === date) fields.to = '新日期与原日期相同';
    else if (to > horizon) fields.to = '只能安排一年以内的日期';
  }
  const reasonText = textInput(input.reason);
  const reason = reasonText ?? '';
  if (reasonText === null) fields.reason = `原因${WRONG_TYPE}`;
  else if (action !== 'restore') {
    const length = charLength(reason);
    if (length < REASON_LIMITS.min) fields.reason = `请填写原因，至少 ${REASON_LIMITS.min} 个字`;
    else if (length > REASON_LIMITS.max)
      fields.reason = `原因最多 ${REASON_LIMITS.max} 个字，当前 ${length} 个字`;
  }
  const problems = Object.keys(fields);
  if (problems.length > 0) return invalid(fields);
  const force = input.force === true;
  const d = date as string;
  switch (action) {
    case 'move':
      return ok({ action, date: d, to: to as string, reason, force });
    case 'cancel':
      return ok({ action, date: d, reason });
    case 'add':
      return ok({ action, date: d, reason, force });
    case 'restore':
      return ok({ action: 'restore', date: d });
  }
}

const past = (date: string) =>
  fail('RECEPTION.DATE_PAST', `${date} 已经过去，不能再调整`, { date: '该日已过' });

function checkTarget(
  date: string,
  field: 'to' | 'date',
  force: boolean,
  rule: ReceptionRule,
  ctx: DayChangeContext,
): Failure | null {
  if (date < ctx.today)
    return fail('RECEPTION.DATE_PAST', '不能安排在今天之前的日期', { [field]: '不能早于今天' });
  if (!force && rule.holidayPolicy !== 'keep' && !ctx.calendar.isWorkday(date)) {
    return fail('RECEPTION.NOT_WORKDAY', `${date} 是休息日或法定节假日，确需安排请确认后再提交`, {
      [field]: '该日不是工作日',
    });
  }
  return null;
}

/**
 * Applies one staff change to a station's overrides and answers the new list to store, or why not:
 * - INPUT.INVALID: a malformed date, no reason (2–100 characters), moving a day onto itself, a date
 *   more than a year ahead;
 * - RECEPTION.NO_SUCH_DAY: there is no reception day (or no change to undo) on `date`;
 * - RECEPTION.DATE_PAST: the day has already passed, or the new date is before today (today is
 *   allowed: a day can be cancelled or added on the morning itself);
 * - RECEPTION.DATE_TAKEN: another reception day is already on the new date, or an extra day would
 *   land on the date of a day that was moved away or cancelled (undo that change instead);
 * - RECEPTION.NOT_WORKDAY: the new date is a weekend or a holiday by the official calendar. This is
 *   an error, not a warning, so that nobody schedules residents onto a holiday by accident, and the
 *   server, which trusts nothing, cannot be bypassed; the form asks "确需安排？" and sends the
 *   change again with `force: true`. Stations whose rule keeps holidays (`keep`) are not asked.
 */
export function changeReceptionDay(
  rule: ReceptionRule,
  overrides: readonly ReceptionOverride[],
  raw: unknown,
  ctx: DayChangeContext,
): Success<ReceptionOverride[]> | Failure {
  const parsed = parseChange(raw, ctx.today);
  if (!parsed.ok) return parsed;
  const change = parsed.data;
  const dayOn = (date: string) =>
    planReceptionDays(rule, overrides, date, date, ctx.calendar).days.find((d) => d.date === date);
  const taken = (date: string) =>
    dayOn(date)
      ? fail('RECEPTION.DATE_TAKEN', `${date} 已经是接待日`, {
          [change.action === 'move' ? 'to' : 'date']: '该日已有接待日',
        })
      : null;

  if (change.action === 'add') {
    const problem = checkTarget(change.date, 'date', change.force === true, rule, ctx) ?? taken(change.date);
    if (problem) return problem;
    // A rule day (or extra day) that was moved away or cancelled still owns its date: it comes back
    // by undoing that change, not by a second day on the same date.
    const owned =
      ruleDates(rule, change.date, change.date, ctx.calendar).length > 0 ||
      overrides.some((o) => o.kind === 'add' && o.date === change.date);
    if (owned) {
      return fail('RECEPTION.DATE_TAKEN', `${change.date} 原有的接待日已调整或取消，如需恢复请撤销那次调整`, {
        date: '该日原有接待日',
      });
    }
    return ok([...overrides, { kind: 'add', date: change.date, reason: change.reason }]);
  }

  if (change.action === 'restore') return restore(overrides, change.date, ctx, dayOn);

  const day = dayOn(change.date);
  if (!day) return fail('RECEPTION.NO_SUCH_DAY', `${change.date} 不是接待日`, { date: '该日没有接待日' });
  if (day.date < ctx.today) return past(day.date);
  const others = overrides.filter((o) => o.kind === 'add' || o.date !== day.originDate);

  if (change.action === 'cancel') {
    return ok([...others, { kind: 'cancel', date: day.originDate, reason: change.reason }]);
  }
  const problem = checkTarget(change.to, 'to', change.force === true, rule, ctx) ?? taken(change.to);
  if (problem) return problem;
  // Moving a day back onto its origin date is the same as undoing the move.
  if (change.to === day.originDate) return ok(others);
  return ok([...others, { kind: 'move', date: day.originDate, to: change.to, reason: change.reason }]);
}

function restore(
  overrides: readonly ReceptionOverride[],
  date: string,
  ctx: DayChangeContext,
  dayOn: (date: string) => PlannedDay | undefined,
): Success<ReceptionOverride[]> | Failure {
  const current = dayOn(date);
  const move = current?.movedFrom
    ? overrides.find((o) => o.kind === 'move' && o.date === current.originDate && o.to === date)
    : undefined;
  const target = move ?? overrides.find((o) => o.kind === 'cancel' && o.date === date);
  if (!target) return fail('RECEPTION.NO_SUCH_DAY', `${date} 没有可撤销的调整`, { date: '该日没有调整' });
  // The day goes back to its origin date: both where it is and where it returns must be ahead.
  if (date < ctx.today) return past(date);
  if (target.date < ctx.today) return past(target.date);
  if ((target.kind === 'move' && dayOn(target.date)) || (target.kind === 'cancel' && current)) {
    return fail('RECEPTION.DATE_TAKEN', `原日期 ${target.date} 已另有接待日`, { date: '原日期已有接待日' });
  }
  return ok(overrides.filter((o) => o !== target));
}
