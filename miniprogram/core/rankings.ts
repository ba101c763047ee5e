import type {
  CaseRankingColumn,
  DeputyRankingColumn,
  RankingCell,
  RankingColumn,
  RankingOf,
  RankingRow,
} from './api-accounts';
import type { NamedPeriod } from './api-figures';
import { addDays, daysBetween, endOfMonth, validatePeriod, type Period } from './china-time';
import { MAX_FIGURES_DAYS, namedPeriod, NAMED_PERIODS } from './figures';
import { invalid, ok, type Failure, type Success } from './result';

/**
 * 排行 (rankings): handling units, stations and deputies side by side for a period, each column with
 * its change against the previous period. Pure: the figures come from the database
 * (cloudfunctions/_lib/figures/rankings.ts); this names the columns, validates a request, finds the
 * previous period, and sorts.
 *
 * Units and stations are ranked by the figures (core/figures.ts) of the cases received in the
 * period: 受理 cases, 按期回复率 on-time rate, 满意率 satisfaction rate, 不满意 unsatisfied, 发回重办
 * sent back, 超期 overdue now. Deputies (履职考核) by their record (core/deputy-record.ts): 收到
 * received, 受理 accepted, 答复反馈 answered (reported back to the resident), 按时答复 answered on
 * time, 满意率 satisfaction rate, 接待日出勤 reception days attended.
 *
 * The previous period (decision 0022): a period of whole calendar months (a named month, quarter or
 * year, or dates from a 1st to a month's end) compares with as many whole months just before it
 * (November with October, Q4 with Q3); any other period with as many days just before it.
 */

export const CASE_RANKING_COLUMNS: readonly CaseRankingColumn[] = [
  'cases',
  'onTimeRate',
  'satisfactionRate',
  'unsatisfied',
  'sentBack',
  'overdue',
];

export const DEPUTY_RANKING_COLUMNS: readonly DeputyRankingColumn[] = [
  'received',
  'accepted',
  'answered',
  'answeredOnTime',
  'satisfactionRate',
  'receptionDaysAttended',
];

export const RANKING_COLUMN_LABELS: Record<RankingColumn, string> = {
  cases: '受理',
  onTimeRate: '按期回复率',
  satisfactionRate: '满意率',
  unsatisfied: '不满意',
  sentBack: '发回重办',
  overdue: '超期未办结',
  received: '收到',
  accepted: '受理',
  answered: '答复反馈',
  answeredOnTime: '按时答复',
  receptionDaysAttended: '接待日出勤',
};

export const RATE_COLUMNS: readonly RankingColumn[] = ['onTimeRate', 'satisfactionRate'];

export const RANKING_OF_LABELS: Record<RankingOf, string> = {
  unit: '承办单位',
  station: '联络站',
  deputy: '代表',
};

const RANKING_OFS: readonly RankingOf[] = ['unit', 'station', 'deputy'];

export const columnsOf = (of: RankingOf): readonly RankingColumn[] =>
  of === 'deputy' ? DEPUTY_RANKING_COLUMNS : CASE_RANKING_COLUMNS;

/** What a ranking is sorted by when the request does not say: satisfaction for units and stations, what deputies received. */
export const DEFAULT_SORT: Record<RankingOf, RankingColumn> = {
  unit: 'satisfactionRate',
  station: 'satisfactionRate',
  deputy: 'received',
};

export interface RankingsRequest {
  of: RankingOf;
  period: Period;
  sortBy: RankingColumn;
  order: 'desc' | 'asc';
  stationId: string | null;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Validates a rankings request; `today` (China-local) resolves a named period. */
export function parseRankingsRequest(raw: unknown, today: string): Success<RankingsRequest> | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};

  const of = RANKING_OFS.includes(input.of as RankingOf) ? (input.of as RankingOf) : null;
  if (!of) fields.of = '请选择排行的对象：承办单位、联络站或代表';

  let period: Period | null = null;
  if (given(input.period)) {
    const name = String(input.period).replace(/^this_/, '') as NamedPeriod;
    if (NAMED_PERIODS.includes(name)) period = namedPeriod(name, today);
    else fields.period = '统计时段只能是本月、本季度或本年';
  } else {
    const dates = validatePeriod(input);
    if (!dates.ok) Object.assign(fields, dates.fields);
    else if (daysBetween(dates.data.from, dates.data.to) > MAX_FIGURES_DAYS) fields.to = '统计时段最长十年';
    else period = dates.data;
  }

  let sortBy: RankingColumn | null = of ? DEFAULT_SORT[of] : null;
  if (given(input.sortBy) && of) {
    if (columnsOf(of).includes(input.sortBy as RankingColumn)) sortBy = input.sortBy as RankingColumn;
    else
      fields.sortBy = `只能按${columnsOf(of)
        .map((c) => RANKING_COLUMN_LABELS[c])
        .join('、')}排序`;
  }
  let order: 'desc' | 'asc' = 'desc';
  if (given(input.order)) {
    if (input.order === 'asc' || input.order === 'desc') order = input.order;
    else fields.order = '排序只能从高到低或从低到高';
  }
  let stationId: string | null = null;
  if (given(input.stationId)) {
    if (typeof input.stationId === 'string' && ID.test(input.stationId)) stationId = input.stationId;
    else fields.stationId = '联络站无效';
  }
  if (Object.keys(fields).length > 0 || !of || !period || !sortBy) return invalid(fields);
  return ok({ of, period, sortBy, order, stationId });
}

/** Months from the first of `from`'s month to the first of `to`'s, when the period is whole months; else null. */
function wholeMonths(period: Period): number | null {
  if (!period.from.endsWith('-01') || endOfMonth(period.to) !== period.to) return null;
  const months = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  return months(period.to) - months(period.from) + 1;
}

/** The period the change is measured against (see the header, and decision 0022). */
export function previousPeriod(period: Period): Period {
  const months = wholeMonths(period);
  if (months !== null) {
    const first = Number(period.from.slice(0, 4)) * 12 + Number(period.from.slice(5, 7)) - 1 - months;
    const from = `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}-01`;
    return { from, to: addDays(period.from, -1) };
  }
  const days = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

/** A column's cell: the value, the previous one and the change (rounded to two decimals). */
export function cellOf(value: number | null, previous: number | null): RankingCell {
  const delta = value === null || previous === null ? null : Math.round((value - previous) * 100) / 100;
  return { value, previous, delta };
}

/**
 * Sorts rows by a column and ranks them: rows with no value (a rate with nothing to divide) last
 * whatever the order, equal values sharing a rank (1, 2, 2, 4), ties then by name.
 */
export function rankRows(rows: RankingRow[], sortBy: RankingColumn, order: 'desc' | 'asc'): RankingRow[] {
  const valueOf = (row: RankingRow) => row.cells[sortBy]?.value ?? null;
  const sorted = [...rows].sort((a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) return order === 'desc' ? y - x : x - y;
    return a.name.localeCompare(b.name, 'zh-CN') || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
  let rank = 0;
  let last: number | null = null;
  return sorted.map((row, i) => {
    const value = valueOf(row);
    if (value === null) return { ...row, rank: null };
    if (i === 0 || value !== last) rank = i + 1;
    last = value;
    return { ...row, rank };
  });
}
