import type { CaseFigures, FiguresGroup, RankingRow } from '../../../miniprogram/core/api';
import { chinaDate, endOfChinaDay, startOfChinaDay, type Period } from '../../../miniprogram/core/china-time';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, OPEN_STATUSES } from '../../../miniprogram/core/model';
import { isFailure } from '../../../miniprogram/core/result';
import { ALL_CASES, caseFigures, isWaitingUnsatisfied, rankings, WAITING_UNSATISFIED } from '../figures';
import { byIds, collection, type CaseDoc, type Db } from '../platform';

/**
 * What a 双月反馈 report says, read once and written as a PDF or an .xlsx (the two never differ):
 * the office's figures of the period (figures/ caseFigures, the same numbers as `office.figures`),
 * the same by station, the handling units ranked (figures/ rankings, as `office.rankings`), and the
 * two lists the 代表工委 acts on — the
 * cases past their deadline and the unsatisfied answers waiting (待处理的不满意, the one definition of
 * figures/unsatisfied.ts).
 */

/** The most cases a list shows; the figures still count them all, and the report says how many more. */
export const LIST_MAX = 500;

export interface ReportCase {
  caseNo: string;
  /** Received, China-local date. */
  date: string;
  station: string;
  deputy: string;
  unit: string;
  kind: string;
  category: string;
  status: string;
  /** The deadline, China-local date, or ''. */
  due: string;
}

export interface BimonthlyData {
  period: Period;
  asOf: number;
  total: CaseFigures;
  stations: FiguresGroup[];
  /** The handling units ranked by 满意率 (figures/ rankings), each with the previous period's change. */
  units: RankingRow[];
  overdue: ReportCase[];
  unsatisfied: ReportCase[];
}

type ListFields = Pick<
  CaseDoc,
  | '_id'
  | 'caseNo'
  | 'createdAt'
  | 'stationId'
  | 'deputyId'
  | 'unitId'
  | 'kind'
  | 'categoryName'
  | 'status'
  | 'rating'
  | 'dueAt'
>;

const LIST_FIELDS = {
  caseNo: true,
  createdAt: true,
  stationId: true,
  deputyId: true,
  unitId: true,
  kind: true,
  categoryName: true,
  status: true,
  rating: true,
  dueAt: true,
} as const;

async function list(db: Db, where: Record<string, unknown>): Promise<ListFields[]> {
  const { data } = await collection(db, 'cases')
    .where(where)
    .orderBy('createdAt', 'asc')
    .limit(LIST_MAX)
    .field<ListFields>({ _id: true, ...LIST_FIELDS })
    .get();
  return data;
}

async function named(db: Db, cases: ListFields[]): Promise<ReportCase[]> {
  const [stations, deputies, units] = await Promise.all([
    byIds(
      db,
      'stations',
      cases.flatMap((c) => (c.stationId ? [c.stationId] : [])),
    ),
    byIds(
      db,
      'deputies',
      cases.flatMap((c) => (c.deputyId ? [c.deputyId] : [])),
    ),
    byIds(
      db,
      'departments',
      cases.flatMap((c) => (c.unitId ? [c.unitId] : [])),
    ),
  ]);
  return cases.map((c) => ({
    caseNo: c.caseNo,
    date: chinaDate(c.createdAt),
    station: (c.stationId && stations.get(c.stationId)?.name) || '',
    deputy: (c.deputyId && deputies.get(c.deputyId)?.name) || '',
    unit: (c.unitId && units.get(c.unitId)?.name) || '',
    kind: CASE_KIND_LABELS[c.kind],
    category: c.categoryName,
    // Waiting (figures/unsatisfied.ts): someone must choose 发回重办 or 督办.
    status: isWaitingUnsatisfied(c) ? '待发回重办或督办' : CASE_STATUS_LABELS[c.status],
    due: c.dueAt ? chinaDate(c.dueAt) : '',
  }));
}

/** The report's content for a period, as of `now`. */
export async function bimonthlyData(db: Db, period: Period, now: number): Promise<BimonthlyData> {
  const _ = db.command;
  const query = (groupBy: 'station' | null) => caseFigures(db, { period, scope: ALL_CASES, groupBy, now });
  const [byStation, units] = await Promise.all([
    query('station'),
    rankings(db, { of: 'unit', period, scope: ALL_CASES, sortBy: 'satisfactionRate', order: 'desc', now }),
  ]);
  if (isFailure(units)) throw new Error(`unit ranking: ${units.message}`);
  const received = _.gte(startOfChinaDay(period.from)).and(_.lte(endOfChinaDay(period.to)));
  const [overdue, unsatisfied] = await Promise.all([
    list(db, { createdAt: received, status: _.in(OPEN_STATUSES), dueAt: _.lt(now) }),
    // The period's unsatisfied answers waiting, as office.unsatisfied defines them.
    list(db, { createdAt: received, ...WAITING_UNSATISFIED }),
  ]);
  return {
    period,
    asOf: now,
    total: byStation.total,
    stations: byStation.groups,
    units: units.rows,
    overdue: await named(db, overdue),
    unsatisfied: await named(db, unsatisfied),
  };
}
