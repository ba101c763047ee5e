import type { FiguresGroup, StationFiguresView } from '../../../miniprogram/core/api';
import { daysBetween, validatePeriod, type Period } from '../../../miniprogram/core/china-time';
import { percent } from '../../../miniprogram/core/figures';
import { CASE_KINDS, type CaseChannel, type CaseKind } from '../../../miniprogram/core/model';
import { invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { requireStation, type ActionContext, type Db } from '../platform';
import { ALL_CASES, caseFigures } from './case-figures';

/**
 * `station.figures`: a station's figures for a period as stations publish them (Jixian: 共接待群众68
 * 人次，收到建议56条，已办理55件，剩余1件), from the same aggregation as the office's figures
 * (case-figures.ts), so the station's and the office's numbers for a station never disagree.
 *
 * - visits (接待群众人次), answered on the spot, visits that opened a case: the visitor log, summed
 *   by the database (one `$group` over the station's visits in the period, index stationId_date).
 * - suggestions (收到意见建议): the cases raised at the station — items visitors raised (channel
 *   `reception_day`) and scans of the station's own code (`station_code`) — received in the period,
 *   merged duplicates apart; handled = replied + explained (解释说明), remaining = still open, so
 *   handled + remaining = suggestions. Cases a deputy of the station received through their own
 *   code belong to the deputy's figures, not here.
 *
 * A case is dated by when it was received (`createdAt`, China time), as in the office's figures.
 */

/** The longest period of figures. */
const MAX_DAYS = 5 * 366;

/** The channels of the cases raised at a station. */
const STATION_CHANNELS: ReadonlyArray<{ channel: CaseChannel; from: 'fromVisits' | 'fromScans' }> = [
  { channel: 'reception_day', from: 'fromVisits' },
  { channel: 'station_code', from: 'fromScans' },
];

interface VisitSums {
  visits: number;
  answeredOnSpot: number;
  visitsWithCases: number;
}

async function visitSums(db: Db, stationId: string, period: Period): Promise<VisitSums> {
  const _ = db.command;
  const { data } = (await db
    .collection('visitors')
    .aggregate()
    .match({ stationId, date: _.gte(period.from).and(_.lte(period.to)) })
    .group({
      _id: null,
      visits: { $sum: 1 },
      answeredOnSpot: { $sum: { $cond: [{ $eq: ['$answeredOnSpot', true] }, 1, 0] } },
      visitsWithCases: {
        $sum: { $cond: [{ $gt: [{ $size: { $ifNull: ['$caseIds', []] } }, 0] }, 1, 0] },
      },
    })
    .end()) as { data: Array<Partial<VisitSums>> };
  const [row] = data;
  return {
    visits: Number(row?.visits ?? 0),
    answeredOnSpot: Number(row?.answeredOnSpot ?? 0),
    visitsWithCases: Number(row?.visitsWithCases ?? 0),
  };
}

/** The station's figures for a period; `now` judges what is overdue. */
export async function stationLedgerFigures(
  db: Db,
  stationId: string,
  period: Period,
  now: number,
): Promise<StationFiguresView> {
  const byKind = Object.fromEntries(CASE_KINDS.map((k) => [k, 0])) as Record<CaseKind, number>;
  const view: StationFiguresView = {
    ...period,
    ...(await visitSums(db, stationId, period)),
    suggestions: 0,
    fromVisits: 0,
    fromScans: 0,
    byKind,
    handled: 0,
    closed: 0,
    answered: 0,
    explained: 0,
    remaining: 0,
    overdue: 0,
    merged: 0,
    withdrawn: 0,
    replied: 0,
    rated: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    unsatisfied: 0,
    satisfactionRate: null,
  };
  const groups: FiguresGroup[] = [];
  for (const { channel, from } of STATION_CHANNELS) {
    const answer = await caseFigures(db, {
      period,
      scope: { ...ALL_CASES, stationIds: [stationId], channel },
      groupBy: 'kind',
      now,
    });
    groups.push(...answer.groups);
    view[from] = answer.total.accepted - answer.total.merged - answer.total.withdrawn;
  }
  for (const { key, figures: f } of groups) {
    // Merged duplicates and withdrawn appeals are counted apart, not as suggestions received.
    const received = f.accepted - f.merged - f.withdrawn;
    if (key && key in byKind) byKind[key as CaseKind] += received;
    view.suggestions += received;
    view.remaining += f.inProgress;
    view.handled += received - f.inProgress;
    // Satisfied and basically satisfied close a case; so does the time for rating running out.
    const closed = f.satisfied + f.basicallySatisfied + f.closedUnrated;
    view.closed += closed;
    view.answered += f.replied - closed;
    view.explained += f.declined;
    view.overdue += f.overdue;
    view.merged += f.merged;
    view.withdrawn += f.withdrawn;
    view.replied += f.replied;
    view.satisfied += f.satisfied;
    view.basicallySatisfied += f.basicallySatisfied;
    view.unsatisfied += f.unsatisfied;
  }
  view.rated = view.satisfied + view.basicallySatisfied + view.unsatisfied;
  view.satisfactionRate = percent(view.satisfied + view.basicallySatisfied, view.rated);
  return view;
}

/** `station.figures`: the station's figures for any period up to five years. */
export async function stationReceptionFigures(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<StationFiguresView | Failure> {
  const access = await requireStation(ctx, input, 'read');
  if (isFailure(access)) return access;
  const period = validatePeriod(input);
  if (!period.ok) return period;
  if (daysBetween(period.data.from, period.data.to) > MAX_DAYS) return invalid({ to: '统计时段最长五年' });
  return stationLedgerFigures(ctx.db, access.station._id, period.data, ctx.now);
}
