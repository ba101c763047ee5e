import type { ReceptionPlanView, StationOverviewView } from '../../../miniprogram/core/api';
import { isIsoDate, monthPeriod, monthsSpanning } from '../../../miniprogram/core/china-time';
import { changeReceptionDay, type ReceptionOverride } from '../../../miniprogram/core/reception-plan';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { officialCalendar } from '../calendar';
import {
  byIds,
  collection,
  getById,
  screenTexts,
  TEXT_SCENE,
  type ActionContext,
  type StationDoc,
} from '../platform';
import { NO_RULE, stationStaff } from './access';
import { syncAttendance, writeDay } from './days';
import { ledgerFigures, loadVisits, visitCounts } from './ledger';
import { peopleOf } from './people';
import { changesOf, heldOn, receptionDayId } from './plan';
import { planView, stationView } from './views';

/** The month at a glance (本月概览), and staff's changes to the reception days shown on it. */

/** `station.overview`: a month's reception days, visitors and cases (the current month by default). */
export async function overview(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<StationOverviewView | Failure> {
  const access = await stationStaff(input, ctx, 'read');
  if (isFailure(access)) return access;
  const { station, today } = access;
  const month =
    input.month === undefined || input.month === null || input.month === '' ? today.slice(0, 7) : input.month;
  const period = monthPeriod(month);
  if (!period) return invalid({ month: '请选择月份' });
  const [people, ledger] = await Promise.all([
    peopleOf(ctx.db, station),
    ledgerFigures(ctx.db, station._id, period, ctx.now),
  ]);
  if (isFailure(ledger)) return ledger;
  const plan = await planView(ctx.db, station, period, people, today, visitCounts(ledger.visits));
  const f = ledger.figures;
  const mine = await byIds(ctx.db, 'stations', access.mine);
  return {
    station: stationView(station, people),
    month: period.from.slice(0, 7),
    today,
    plan,
    visitors: { visits: f.visits, answeredOnSpot: f.answeredOnSpot },
    cases: { opened: f.suggestions, answered: f.handled, open: f.remaining, overdue: f.overdue ?? 0 },
    uncoveredYears: plan.uncoveredYears,
    stations: [...mine.values()]
      .map((s) => ({ id: s._id, name: s.name }))
      .sort((a, b) => access.mine.indexOf(a.id) - access.mine.indexOf(b.id)),
  };
}

const sameChange = (a: ReceptionOverride, b: ReceptionOverride) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `station.changeDay`: moves, cancels, adds or restores one reception day, with a reason
 * (core/reception-plan.ts decides). The station's changes are one compare-and-set on its
 * `receptionVersion`; the stored rosters, attendance and reminders of the days touched follow them.
 * Answers the months the change touched.
 */
export async function changeDay(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<ReceptionPlanView | Failure> {
  const access = await stationStaff(input, ctx, 'write');
  if (isFailure(access)) return access;
  const { db } = ctx;
  let station: StationDoc = access.station;
  const raw = {
    action: input.kind,
    date: input.date,
    to: input.toDate,
    reason: input.reason,
    force: input.force,
  };
  // The reason is shown with the changed day, to deputies and on the station's page.
  const screened = await screenTexts(ctx.caller.openid, [
    {
      field: 'reason',
      label: '调整原因',
      text: typeof input.reason === 'string' ? input.reason : null,
      scene: TEXT_SCENE.comment,
    },
  ]);
  if (isFailure(screened)) return screened;
  const _ = db.command;
  let before: ReceptionOverride[] = [];
  let after: ReceptionOverride[] | null = null;
  for (let attempt = 0; attempt < 3 && after === null; attempt++) {
    if (attempt > 0) {
      const fresh = await getById(db, 'stations', station._id);
      if (!fresh) return fail('NOT_FOUND', '没有找到这个联络站');
      station = fresh;
    }
    if (!station.receptionRule) return NO_RULE(station);
    before = changesOf(station);
    const result = changeReceptionDay(station.receptionRule, before, raw, {
      today: access.today,
      calendar: officialCalendar,
    });
    if (!result.ok) return result;
    const version = station.receptionVersion ?? 0;
    const { updated } = await collection(db, 'stations')
      .where({ _id: station._id, receptionVersion: version === 0 ? _.exists(false) : version })
      .update({ receptionChanges: _.set(result.data), receptionVersion: version + 1 });
    if (updated) after = result.data;
  }
  if (after === null) return fail('CONFLICT', '接待日安排刚刚被其他人修改，请刷新后再试');
  const changed = after;
  station = { ...station, receptionChanges: changed, receptionVersion: (station.receptionVersion ?? 0) + 1 };

  // The days whose changes differ now: their stored roster, attendance and reminders follow them.
  const touched = [
    ...before.filter((o) => !changed.some((n) => sameChange(o, n))),
    ...changed.filter((n) => !before.some((o) => sameChange(o, n))),
  ].map((o) => o.date);
  const docs = await byIds(
    db,
    'reception_days',
    touched.map((origin) => receptionDayId(station._id, origin)),
  );
  for (const doc of docs.values()) {
    const date = heldOn(station, doc.originDate);
    if (date && date !== doc.date) {
      await writeDay(db, station._id, doc, { date }, ctx.now);
      doc.date = date;
    }
    await syncAttendance(db, doc, date !== null);
  }

  const people = await peopleOf(db, station);
  const dates = [input.date, input.toDate, ...touched].filter((d): d is string => isIsoDate(d)).sort();
  const period = monthsSpanning(dates[0], dates[dates.length - 1]);
  const visits = await loadVisits(db, station._id, period);
  if (isFailure(visits)) return visits;
  return planView(db, station, period, people, access.today, visitCounts(visits));
}
