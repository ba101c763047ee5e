import type { CaseFigures, FiguresDimension, FiguresScope, NamedPeriod } from './api-figures';
import { daysBetween, endOfMonth, validatePeriod, type Period } from './china-time';
import { CASE_CHANNEL_LABELS, CASE_KINDS, type CaseChannel, type CaseKind } from './model';
import { invalid, ok, type Failure, type Success } from './result';

/**
 * 统计 (figures): what the office reports of the cases RECEIVED in a period (created from `from`
 * to `to`, China-local dates, both included), in any scope. Pure: the database sums the cases
 * (cloudfunctions/_lib/figures/, by aggregation) and this turns the sums into the figures. Each
 * figure counts cases, each case at most once, by its state when asked:
 *
 * - 受理 accepted: every case received (every appeal gets its 受理编号 at once), whatever became of it.
 * - 办理回复 replied: cases holding an answer (`answeredAt`): answered, or closed after one. A case
 *   sent back (发回重办) is not replied again until its new answer.
 * - 正在办理 in progress: cases still open (submitted, accepted, waiting for review, in progress).
 *   Declined (解释说明), merged and withdrawn (撤回) cases are neither replied nor in progress; they
 *   are counted apart, so accepted = replied + inProgress + declined + merged + withdrawn.
 * - 按期回复率 on-time reply rate: replies that met the deadline of the clock running when they were
 *   given (an answer before any clock ran, straight from 待受理, met it) ÷ replies whose timing is
 *   recorded (every answer since outcomes were recorded; see decision 0017).
 * - 满意 / 基本满意 / 不满意 and their shares of the rated (已评价); 满意率 satisfaction rate =
 *   (满意 + 基本满意) ÷ rated. The rating of the latest answer counts. 超时未评价 closed unrated: closed
 *   by time with no rating, apart from the rated.
 * - 超期 overdue now: open cases whose deadline has passed at `asOf`.
 * - 发回重办 sent back: cases sent back to be redone at least once; 督办 supervised: cases under
 *   supervision.
 * - 回复用时 median working days from the day a case was received to the day of its answer, over
 *   the replied cases whose time is recorded (a half when the middle falls between two).
 * - 办成率 resolved rate: answers recorded 已解决或采纳 (solved) ÷ replied. An answer that recorded no
 *   outcome (an older app) counts in the denominator only: it never inflates the rate.
 */

export const FIGURES_DIMENSIONS: readonly FiguresDimension[] = [
  'station',
  'deputy',
  'unit',
  'category',
  'channel',
  'kind',
];

export const FIGURES_DIMENSION_LABELS: Record<FiguresDimension, string> = {
  station: '联络站',
  deputy: '代表',
  unit: '承办单位',
  category: '类别',
  channel: '渠道',
  kind: '类型',
};

export const NAMED_PERIODS: readonly NamedPeriod[] = ['month', 'quarter', 'year'];

/** The longest period the figures cover at once. */
export const MAX_FIGURES_DAYS = 10 * 366;

/** This month, quarter or year, as of the China-local date `today`: from its first day to its last. */
export function namedPeriod(name: NamedPeriod, today: string): Period {
  const year = today.slice(0, 4);
  const month = Number(today.slice(5, 7));
  const first = (m: number) => `${year}-${String(m).padStart(2, '0')}-01`;
  switch (name) {
    case 'month':
      return { from: first(month), to: endOfMonth(today) };
    case 'quarter': {
      const start = month - ((month - 1) % 3);
      return { from: first(start), to: endOfMonth(first(start + 2)) };
    }
    case 'year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
  }
}

/** A scope as validated: each narrowing field, or null. */
export type ParsedScope = { [K in keyof FiguresScope]-?: NonNullable<FiguresScope[K]> | null };

export interface FiguresRequest {
  period: Period;
  scope: ParsedScope;
  groupBy: FiguresDimension | null;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Validates a figures request; `today` (China-local) resolves a named period. */
export function parseFiguresRequest(raw: unknown, today: string): Success<FiguresRequest> | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};

  let period: Period | null = null;
  if (given(input.period)) {
    if (NAMED_PERIODS.includes(input.period as NamedPeriod))
      period = namedPeriod(input.period as NamedPeriod, today);
    else fields.period = '统计时段只能是本月、本季度或本年';
  } else {
    const dates = validatePeriod(input);
    if (!dates.ok) Object.assign(fields, dates.fields);
    else if (daysBetween(dates.data.from, dates.data.to) > MAX_FIGURES_DAYS) fields.to = '统计时段最长十年';
    else period = dates.data;
  }

  const id = (name: 'stationId' | 'deputyId' | 'unitId' | 'category', message: string): string | null => {
    const value = input[name];
    if (!given(value)) return null;
    if (typeof value === 'string' && ID.test(value)) return value;
    fields[name] = message;
    return null;
  };
  const scope: ParsedScope = {
    stationId: id('stationId', '联络站无效'),
    deputyId: id('deputyId', '代表无效'),
    unitId: id('unitId', '承办单位无效'),
    category: id('category', '类别无效'),
    channel: null,
    kind: null,
  };
  if (given(input.channel)) {
    if (Object.prototype.hasOwnProperty.call(CASE_CHANNEL_LABELS, String(input.channel)))
      scope.channel = input.channel as CaseChannel;
    else fields.channel = '渠道无效';
  }
  if (given(input.kind)) {
    if (CASE_KINDS.includes(input.kind as CaseKind)) scope.kind = input.kind as CaseKind;
    else fields.kind = '类型无效';
  }
  let groupBy: FiguresDimension | null = null;
  if (given(input.groupBy)) {
    if (FIGURES_DIMENSIONS.includes(input.groupBy as FiguresDimension))
      groupBy = input.groupBy as FiguresDimension;
    else fields.groupBy = '请选择按联络站、代表、承办单位、类别、渠道或类型分组';
  }
  if (Object.keys(fields).length > 0 || !period) return invalid(fields);
  return ok({ period, scope, groupBy });
}

/** What the database sums for a set of cases (one per figure that is a count). */
export interface FigureSums {
  accepted: number;
  replied: number;
  inProgress: number;
  declined: number;
  merged: number;
  withdrawn: number;
  repliedOnTime: number;
  /** Replies whose timing is recorded: the on-time rate's denominator. */
  timed: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  closedUnrated: number;
  overdue: number;
  sentBack: number;
  supervised: number;
  solved: number;
  planned: number;
  explained: number;
}

export const SUM_FIELDS: ReadonlyArray<keyof FigureSums> = [
  'accepted',
  'replied',
  'inProgress',
  'declined',
  'merged',
  'withdrawn',
  'repliedOnTime',
  'timed',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'closedUnrated',
  'overdue',
  'sentBack',
  'supervised',
  'solved',
  'planned',
  'explained',
];

export const emptySums = (): FigureSums =>
  Object.fromEntries(SUM_FIELDS.map((field) => [field, 0])) as unknown as FigureSums;

/** One bar of the reply-time histogram: `count` replies took `days` working days. */
export interface DaysCount {
  days: number;
  count: number;
}

/** A percentage rounded to two decimals, or null when the whole is nothing. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((10000 * part) / whole) / 100;
}

/** The median of a histogram: the middle value, or halfway between the two middle ones. */
export function medianOf(histogram: readonly DaysCount[]): number | null {
  const bars = histogram.filter((bar) => bar.count > 0).sort((a, b) => a.days - b.days);
  const total = bars.reduce((sum, bar) => sum + bar.count, 0);
  if (total === 0) return null;
  const at = (rank: number): number => {
    let seen = 0;
    for (const bar of bars) {
      seen += bar.count;
      if (rank < seen) return bar.days;
    }
    return bars[bars.length - 1].days;
  };
  const low = at(Math.floor((total - 1) / 2));
  const high = at(Math.floor(total / 2));
  return (low + high) / 2;
}

/** The figures of the sums. */
export function figuresOf(sums: FigureSums, histogram: readonly DaysCount[]): CaseFigures {
  const rated = sums.satisfied + sums.basicallySatisfied + sums.unsatisfied;
  const recorded = sums.solved + sums.planned + sums.explained;
  return {
    accepted: sums.accepted,
    replied: sums.replied,
    inProgress: sums.inProgress,
    declined: sums.declined,
    merged: sums.merged,
    withdrawn: sums.withdrawn,
    repliedOnTime: sums.repliedOnTime,
    onTimeRate: percent(sums.repliedOnTime, sums.timed),
    rated,
    satisfied: sums.satisfied,
    basicallySatisfied: sums.basicallySatisfied,
    unsatisfied: sums.unsatisfied,
    satisfiedShare: percent(sums.satisfied, rated),
    basicallySatisfiedShare: percent(sums.basicallySatisfied, rated),
    unsatisfiedShare: percent(sums.unsatisfied, rated),
    satisfactionRate: percent(sums.satisfied + sums.basicallySatisfied, rated),
    closedUnrated: sums.closedUnrated,
    overdue: sums.overdue,
    sentBack: sums.sentBack,
    supervised: sums.supervised,
    medianReplyWorkingDays: medianOf(histogram),
    solved: sums.solved,
    planned: sums.planned,
    explained: sums.explained,
    outcomeUnrecorded: Math.max(0, sums.replied - recorded),
    resolvedRate: percent(sums.solved, sums.replied),
  };
}
