import { endOfChinaDay, startOfChinaDay, type Period } from '../../../miniprogram/core/china-time';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { stationFigures, type LedgerCase, type LedgerVisit } from '../../../miniprogram/core/station-figures';
import { byIds, readAll, type CaseDoc, type Db, type VisitDoc } from '../platform';

/**
 * A station's ledger (台账) for the month at a glance: its visitor log and the cases raised at it, and
 * the figures from them. `station.figures` is the office's aggregation (figures/station-figures.ts).
 */

/** The most documents one figure reads; more is refused, never half counted. */
export const MAX_LEDGER = 20_000;

export const tooMuch = (what: string) => {
  console.error(`[station] more than ${MAX_LEDGER} ${what} for one figure`);
  return fail('INTERNAL', '数据太多，暂时无法统计，请缩短统计时段');
};

export async function loadVisits(
  db: Db,
  stationId: string,
  period: Period,
): Promise<LedgerVisit[] | Failure> {
  const _ = db.command;
  const docs = await readAll<'visitors', Pick<VisitDoc, '_id' | 'date' | 'answeredOnSpot' | 'caseIds'>>(
    db,
    'visitors',
    { stationId, date: _.gte(period.from).and(_.lte(period.to)) },
    { max: MAX_LEDGER, fields: { date: true, answeredOnSpot: true, caseIds: true } },
  );
  if (!docs) return tooMuch('visitors');
  return docs.map((v) => ({
    id: v._id,
    date: v.date,
    answeredOnSpot: v.answeredOnSpot,
    caseIds: v.caseIds ?? [],
  }));
}

/** Visits per date. */
export function visitCounts(visits: readonly LedgerVisit[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of visits) counts.set(v.date, (counts.get(v.date) ?? 0) + 1);
  return counts;
}

type LedgerFields = Pick<CaseDoc, '_id' | 'channel' | 'kind' | 'status' | 'createdAt' | 'dueAt' | 'visit'>;

const toLedgerCase = (c: LedgerFields): LedgerCase => ({
  id: c._id,
  channel: c.channel,
  kind: c.kind,
  status: c.status,
  createdAt: c.createdAt,
  dueAt: c.dueAt,
});

/**
 * The station's figures for a period (core/station-figures.ts). Cases raised at the station are
 * read by creation time (a case is never created before its visit), plus those the period's visits
 * opened later (a paper log typed in afterwards); a case whose visit lies outside the period brings
 * that visit's date along so it is dated by it, without counting the visit.
 */
export async function ledgerFigures(db: Db, stationId: string, period: Period, now: number) {
  const _ = db.command;
  const visits = await loadVisits(db, stationId, period);
  if (isFailure(visits)) return visits;
  const created = await readAll<'cases', LedgerFields>(
    db,
    'cases',
    {
      stationId,
      channel: _.in(['reception_day', 'station_code']),
      createdAt: _.gte(startOfChinaDay(period.from)).and(_.lte(endOfChinaDay(period.to))),
    },
    {
      max: MAX_LEDGER,
      fields: { channel: true, kind: true, status: true, createdAt: true, dueAt: true, visit: true },
    },
  );
  if (!created) return tooMuch('cases');
  const loaded = new Set(created.map((c) => c._id));
  const later = await byIds(
    db,
    'cases',
    visits.flatMap((v) => v.caseIds).filter((id) => !loaded.has(id)),
  );
  const cases: LedgerFields[] = [...created, ...later.values()];
  const known = new Set(visits.flatMap((v) => v.caseIds));
  const datedElsewhere: LedgerVisit[] = cases.flatMap((c) =>
    c.visit && !known.has(c._id)
      ? [{ id: c.visit.id, date: c.visit.date, answeredOnSpot: false, caseIds: [c._id] }]
      : [],
  );
  return {
    visits,
    figures: stationFigures([...visits, ...datedElsewhere], cases.map(toLedgerCase), period, now),
  };
}
