import type { CaseFigures, FiguresGroup } from '../../../miniprogram/core/api-figures';
import type { RankingColumn, RankingOf, RankingRow } from '../../../miniprogram/core/api-accounts';
import type { Period } from '../../../miniprogram/core/china-time';
import { deputyRecord, type DeputyRecordFigures } from '../../../miniprogram/core/deputy-record';
import { percent } from '../../../miniprogram/core/figures';
import { cellOf, columnsOf, previousPeriod, rankRows } from '../../../miniprogram/core/rankings';
import { fail, type Failure } from '../../../miniprogram/core/result';
import { officialCalendar } from '../calendar';
import { byIds, readAll, type Db } from '../platform';
import { caseFigures, type CaseScope } from './case-figures';
import { receptionAttendance } from './deputy-record';
import { deputyCounts, noCounts, type DeputyCounts } from './deputy-ranking';

/**
 * 排行 (rankings): units, stations or deputies side by side for a period, each column with the
 * previous period's value and the change (core/rankings.ts says what the columns are and what
 * "previous" is). Reusable: the office's and staff's actions (accounts.ts) and the bi-monthly
 * report call `rankings(db, { of, period, scope, sortBy, order, now })`.
 *
 * - Units and stations: the figures of their cases, by the one aggregation (`caseFigures` grouped
 *   by unit or station), once for the period and once for the previous one. A row for every unit or
 *   station that had cases in either; cases with no unit (not routed to one) or no station are not
 *   a row. "Overdue now" is judged at `now` for both periods.
 * - Deputies: their record's figures (core/deputy-record.ts, as `deputy.record` computes them) for
 *   both periods, by one aggregation over the cases grouped by deputy (deputy-ranking.ts), and the
 *   reception-day attendance. A row for every active deputy in scope, and any retired one with
 *   something in either period. Staff's scope (`stationIds`) picks the deputies of those stations.
 */

export interface RankingsQuery {
  of: RankingOf;
  period: Period;
  /** Units and stations: which cases count (staff: their stations). Deputies: `stationIds` picks them. */
  scope: CaseScope;
  sortBy: RankingColumn;
  order: 'desc' | 'asc';
  now: number;
}

export interface Rankings {
  period: Period;
  previous: Period;
  rows: RankingRow[];
}

/** The most deputies one ranking holds. */
const RANKING_MAX_DEPUTIES = 20_000;

/** A unit's or station's columns from its figures. */
function caseColumns(f: CaseFigures | undefined): Record<string, number | null> {
  return {
    cases: f?.accepted ?? 0,
    onTimeRate: f?.onTimeRate ?? null,
    satisfactionRate: f?.satisfactionRate ?? null,
    unsatisfied: f?.unsatisfied ?? 0,
    sentBack: f?.sentBack ?? 0,
    overdue: f?.overdue ?? 0,
  };
}

/** A deputy's columns from their record (rates as percentages, as the figures give them). */
function deputyColumns(
  r: DeputyCounts & Pick<DeputyRecordFigures, 'receptionDaysAttended'>,
): Record<string, number | null> {
  return {
    received: r.received,
    accepted: r.accepted,
    answered: r.answered,
    answeredOnTime: r.answeredOnTime,
    satisfactionRate: percent(r.satisfied + r.basicallySatisfied, r.rated),
    receptionDaysAttended: r.receptionDaysAttended,
  };
}

function rowOf(
  of: RankingOf,
  key: string,
  name: string,
  stationName: string | null,
  now: Record<string, number | null>,
  before: Record<string, number | null>,
): RankingRow {
  const cells: RankingRow['cells'] = {};
  for (const column of columnsOf(of)) cells[column] = cellOf(now[column] ?? null, before[column] ?? null);
  return { rank: null, key, name, stationName, cells };
}

async function caseRankings(db: Db, query: RankingsQuery, previous: Period): Promise<RankingRow[]> {
  const groupBy = query.of === 'unit' ? 'unit' : 'station';
  const ask = (period: Period) =>
    caseFigures(db, { period, scope: query.scope, groupBy, now: query.now }).then(({ groups }) =>
      groups.filter((g): g is FiguresGroup & { key: string } => g.key !== null),
    );
  const [current, earlier] = await Promise.all([ask(query.period), ask(previous)]);
  const now = new Map(current.map((g) => [g.key, g]));
  const before = new Map(earlier.map((g) => [g.key, g]));
  const keys = new Set([...now.keys(), ...before.keys()]);
  return [...keys].map((key) => {
    const a = now.get(key);
    const b = before.get(key);
    return rowOf(
      query.of,
      key,
      a?.name ?? b?.name ?? key,
      null,
      caseColumns(a?.figures),
      caseColumns(b?.figures),
    );
  });
}

async function deputyRankings(
  db: Db,
  query: RankingsQuery,
  previous: Period,
): Promise<RankingRow[] | Failure> {
  const _ = db.command;
  const stationIds = query.scope.stationIds;
  const both: Period = { from: previous.from, to: query.period.to };
  const deputies = await readAll(db, 'deputies', stationIds ? { stationId: _.in(stationIds) } : {}, {
    max: RANKING_MAX_DEPUTIES,
    fields: { name: true, stationId: true, active: true, openid: true },
  });
  if (!deputies) return fail('INTERNAL', '代表太多，暂时无法排行，请联系代表工委');
  const [counts, attendance, stations] = await Promise.all([
    deputyCounts(db, deputies, query.period, previous, stationIds !== null, query.now),
    receptionAttendance(db, null, both),
    byIds(
      db,
      'stations',
      deputies.flatMap((d) => (d.stationId ? [d.stationId] : [])),
    ),
  ]);
  const rows: RankingRow[] = [];
  for (const deputy of deputies) {
    const own = counts.get(deputy._id) ?? { now: noCounts(), before: noCounts() };
    // The reception days, as the record counts them (its cases are counted by the aggregation).
    const days = (period: Period) => {
      const r = deputyRecord({
        deputyId: deputy._id,
        cases: [],
        attendance,
        period,
        calendar: officialCalendar,
      });
      return {
        receptionDaysRostered: r.receptionDaysRostered,
        receptionDaysAttended: r.receptionDaysAttended,
      };
    };
    const now = { ...own.now, ...days(query.period) };
    const before = { ...own.before, ...days(previous) };
    const anything = (r: typeof now) =>
      r.received + r.accepted + r.answered + r.rated + r.receptionDaysRostered > 0;
    if (!deputy.active && !anything(now) && !anything(before)) continue;
    const stationName = deputy.stationId ? (stations.get(deputy.stationId)?.name ?? null) : null;
    rows.push(
      rowOf('deputy', deputy._id, deputy.name, stationName, deputyColumns(now), deputyColumns(before)),
    );
  }
  return rows;
}

/** The ranking of a period: its rows sorted by `sortBy`, each with its change. */
export async function rankings(db: Db, query: RankingsQuery): Promise<Rankings | Failure> {
  const previous = previousPeriod(query.period);
  const rows =
    query.of === 'deputy'
      ? await deputyRankings(db, query, previous)
      : await caseRankings(db, query, previous);
  if (!Array.isArray(rows)) return rows;
  return { period: query.period, previous, rows: rankRows(rows, query.sortBy, query.order) };
}
