import type { CaseFigures, FiguresDimension, FiguresGroup } from '../../../miniprogram/core/api';
import { endOfChinaDay, startOfChinaDay, type Period } from '../../../miniprogram/core/china-time';
import {
  emptySums,
  figuresOf,
  SUM_FIELDS,
  type DaysCount,
  type FigureSums,
} from '../../../miniprogram/core/figures';
import {
  CASE_CHANNEL_LABELS,
  CASE_KIND_LABELS,
  OPEN_STATUSES,
  type CaseChannel,
  type CaseKind,
} from '../../../miniprogram/core/model';
import { byIds, type Db } from '../platform';

/**
 * The figures (统计) of the cases received in a period and scope, summed by the database in one
 * aggregation and never paged out: `$match` on the period and scope (led by the case indexes on
 * station, deputy or creation time); a `$group` of the cases by what the figures need to know of
 * each (status, rating, outcome, on time, reply time, …: stored fields, so little is computed per
 * case); and a second `$group` per breakdown key that sums those groups into the figures and keeps
 * the reply times as a histogram for the median. What each
 * sum means: core/figures.ts. Reusable: rankings and reports call `caseFigures` with their own
 * period, scope and breakdown.
 */

/** Which cases count besides the period; null fields do not narrow. Staff are limited by `stationIds`. */
export interface CaseScope {
  /** null: every station. */
  stationIds: string[] | null;
  deputyId: string | null;
  unitId: string | null;
  category: string | null;
  channel: CaseChannel | null;
  kind: CaseKind | null;
}

export const ALL_CASES: CaseScope = {
  stationIds: null,
  deputyId: null,
  unitId: null,
  category: null,
  channel: null,
  kind: null,
};

export interface FiguresQuery {
  period: Period;
  scope: CaseScope;
  groupBy: FiguresDimension | null;
  /** "Overdue now" is judged at this instant. */
  now: number;
}

/** One group as the database answers it: its key, the sums and the reply-time histogram. */
export interface FiguresRow {
  key: string | null;
  sums: FigureSums;
  histogram: DaysCount[];
  /** The category's name, when grouped by category. */
  categoryName: string | null;
}

/** The most groups one breakdown answers (a province has some ten thousand deputies). */
export const MAX_GROUPS = 20_000;

const GROUP_FIELDS: Record<FiguresDimension, string> = {
  station: 'stationId',
  deputy: 'deputyId',
  unit: 'unitId',
  category: 'category',
  channel: 'channel',
  kind: 'kind',
};

/** The database condition for the period and scope. */
export function figuresWhere(db: Db, period: Period, scope: CaseScope): Record<string, unknown> {
  const _ = db.command;
  const where: Record<string, unknown> = {};
  if (scope.stationIds)
    where.stationId = scope.stationIds.length === 1 ? scope.stationIds[0] : _.in(scope.stationIds);
  if (scope.deputyId) where.deputyId = scope.deputyId;
  if (scope.unitId) where.unitId = scope.unitId;
  if (scope.category) where.category = scope.category;
  if (scope.channel) where.channel = scope.channel;
  if (scope.kind) where.kind = scope.kind;
  where.createdAt = _.gte(startOfChinaDay(period.from)).and(_.lte(endOfChinaDay(period.to)));
  return where;
}

/**
 * The first `$group`'s key: what each figure needs to know of a case, as few computed expressions
 * as possible (the database evaluates them once per case; everything else is a stored field), so
 * that the cases of a period fall into a few hundred groups per breakdown key.
 */
function caseKey(key: string | null, now: number): Record<string, unknown> {
  return {
    g: key,
    status: '$status',
    rating: { $ifNull: ['$rating', null] },
    outcome: { $ifNull: ['$outcome', null] },
    closedBy: { $ifNull: ['$closedBy', null] },
    supervised: { $ifNull: ['$supervised', false] },
    sentBack: { $ifNull: ['$sentBack', false] },
    onTime: { $ifNull: ['$answeredOnTime', null] },
    days: { $ifNull: ['$answerWorkingDays', null] },
    replied: { $gt: [{ $ifNull: ['$answeredAt', 0] }, 0] },
    late: { $lt: [{ $ifNull: ['$dueAt', now] }, now] },
  };
}

/** The second `$group`: per breakdown key, each figure that is a count, summed over the first's groups. */
function sumsOverGroups(): Record<keyof FigureSums, unknown> {
  const count = (condition: unknown) => ({ $sum: { $cond: [condition, '$n', 0] } });
  const is = (field: string, value: unknown) => ({ $eq: [`$_id.${field}`, value] });
  const replied = '$_id.replied';
  const open = { $in: ['$_id.status', OPEN_STATUSES] };
  return {
    accepted: { $sum: '$n' },
    replied: count(replied),
    inProgress: count(open),
    declined: count(is('status', 'declined')),
    merged: count(is('status', 'merged')),
    withdrawn: count(is('status', 'withdrawn')),
    repliedOnTime: count({ $and: [replied, is('onTime', true)] }),
    timed: count({ $and: [replied, { $in: ['$_id.onTime', [true, false]] }] }),
    satisfied: count(is('rating', 'satisfied')),
    basicallySatisfied: count(is('rating', 'basically_satisfied')),
    unsatisfied: count(is('rating', 'unsatisfied')),
    closedUnrated: count(is('closedBy', 'time')),
    overdue: count({ $and: [open, '$_id.late'] }),
    sentBack: count(is('sentBack', true)),
    supervised: count(is('supervised', true)),
    solved: count({ $and: [replied, is('outcome', 'solved')] }),
    planned: count({ $and: [replied, is('outcome', 'planned')] }),
    explained: count({ $and: [replied, is('outcome', 'explained')] }),
  };
}

interface RawRow extends Record<string, unknown> {
  _id: unknown;
  days?: Array<{ days?: unknown; count?: unknown }>;
  categoryName?: unknown;
}

/** The sums of the period and scope, one row per breakdown key (one row, key null, without). */
export async function aggregateFigures(db: Db, query: FiguresQuery): Promise<FiguresRow[]> {
  const field = query.groupBy ? GROUP_FIELDS[query.groupBy] : null;
  const first: Record<string, unknown> = {
    _id: caseKey(field ? `$${field}` : null, query.now),
    n: { $sum: 1 },
  };
  const second: Record<string, unknown> = {
    _id: '$_id.g',
    ...sumsOverGroups(),
    days: { $push: { days: '$_id.days', count: { $cond: ['$_id.replied', '$n', 0] } } },
  };
  if (query.groupBy === 'category') {
    first.categoryName = { $first: '$categoryName' };
    second.categoryName = { $first: '$categoryName' };
  }
  const { data: list } = (await db
    .collection('cases')
    .aggregate()
    .match(figuresWhere(db, query.period, query.scope))
    .group(first)
    .group(second)
    .sort({ accepted: -1, _id: 1 })
    .limit(MAX_GROUPS)
    .end()) as { data: RawRow[] };
  return list.map((row) => {
    const sums = emptySums();
    for (const name of SUM_FIELDS) sums[name] = Number(row[name] ?? 0);
    const bars = new Map<number, number>();
    for (const bar of row.days ?? [])
      if (typeof bar.days === 'number' && typeof bar.count === 'number' && bar.count > 0)
        bars.set(bar.days, (bars.get(bar.days) ?? 0) + bar.count);
    return {
      key: typeof row._id === 'string' ? row._id : null,
      sums,
      histogram: [...bars].map(([days, count]) => ({ days, count })),
      categoryName: typeof row.categoryName === 'string' ? row.categoryName : null,
    };
  });
}

/** Adds rows up: the sums add, the histograms merge. */
export function combine(rows: readonly FiguresRow[]): { sums: FigureSums; histogram: DaysCount[] } {
  const sums = emptySums();
  const bars = new Map<number, number>();
  for (const row of rows) {
    for (const name of SUM_FIELDS) sums[name] += row.sums[name];
    for (const bar of row.histogram) bars.set(bar.days, (bars.get(bar.days) ?? 0) + bar.count);
  }
  return { sums, histogram: [...bars].map(([days, count]) => ({ days, count })) };
}

const NO_KEY: Record<FiguresDimension, string> = {
  station: '未归属联络站',
  deputy: '未指定代表',
  unit: '未交承办单位',
  category: '未分类',
  channel: '未知渠道',
  kind: '未知类型',
};

/** People's names for the breakdown's keys. */
async function namesOf(db: Db, groupBy: FiguresDimension, rows: FiguresRow[]): Promise<Map<string, string>> {
  const ids = rows.flatMap((row) => (row.key ? [row.key] : []));
  const named = async (name: 'stations' | 'deputies' | 'departments') =>
    new Map([...(await byIds(db, name, ids))].map(([id, doc]) => [id, doc.name]));
  switch (groupBy) {
    case 'station':
      return named('stations');
    case 'deputy':
      return named('deputies');
    case 'unit':
      return named('departments');
    case 'category':
      return new Map(rows.flatMap((row) => (row.key ? [[row.key, row.categoryName ?? row.key]] : [])));
    case 'channel':
      return new Map(Object.entries(CASE_CHANNEL_LABELS));
    case 'kind':
      return new Map(Object.entries(CASE_KIND_LABELS));
  }
}

/** The figures of a period and scope: the total, and the breakdown when `groupBy` is given. */
export async function caseFigures(
  db: Db,
  query: FiguresQuery,
): Promise<{ total: CaseFigures; groups: FiguresGroup[] }> {
  const rows = await aggregateFigures(db, query);
  const all = combine(rows);
  const total = figuresOf(all.sums, all.histogram);
  if (!query.groupBy) return { total, groups: [] };
  const names = await namesOf(db, query.groupBy, rows);
  const groupBy = query.groupBy;
  return {
    total,
    groups: rows.map((row) => ({
      key: row.key,
      name: row.key ? (names.get(row.key) ?? row.key) : NO_KEY[groupBy],
      figures: figuresOf(row.sums, row.histogram),
    })),
  };
}
