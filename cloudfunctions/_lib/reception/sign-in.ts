import type { StationTodayView } from '../../../miniprogram/core/api';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { collection, getById, type ActionContext } from '../platform';
import { NO_RULE, stationStaff, type StationStaff } from './access';
import { writeDay } from './days';
import { peopleOf } from './people';
import { changePresence } from './presence';
import { plannedDayOn, receptionDayId } from './plan';
import type { PlannedDay } from '../../../miniprogram/core/reception-plan';
import { today } from './today';

/**
 * Sign-in (签到) on the day: one person at a time, each an update of its own, so two staff signing
 * people in at once both count and a retried request changes nothing (decision 0030).
 */

/** Today's reception day of the caller's station and the person named, a deputy or a leader of it. */
async function todaysPerson(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<{ access: StationStaff; day: PlannedDay; personId: string; deputy: boolean } | Failure> {
  const access = await stationStaff(input, ctx, 'write');
  if (isFailure(access)) return access;
  const { station } = access;
  if (!station.receptionRule) return NO_RULE(station);
  const { personId } = input;
  if (typeof personId !== 'string' || !personId) return invalid({ personId: '请选择签到的人' });
  const day = plannedDayOn(station, access.today);
  if (!day)
    return fail('RECEPTION.NO_SUCH_DAY', '今天不是本站的接待日，不用签到', { date: '今天没有接待日' });
  const people = await peopleOf(ctx.db, station);
  const deputy = people.deputies.some((d) => d.id === personId);
  if (!deputy && !people.leaders.some((l) => l.id === personId))
    return fail('ROSTER.NOT_STATION_DEPUTY', '签到的人必须是本站的代表或分管领导', {
      personId: '不是本站的代表或分管领导',
    });
  return { access, day, personId, deputy };
}

/** `station.signIn`: a deputy or the station's leader signs in on today's reception day. */
export async function signIn(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<StationTodayView | Failure> {
  const target = await todaysPerson(input, ctx);
  if (isFailure(target)) return target;
  const { access, day, personId, deputy } = target;
  const { db } = ctx;
  const _ = db.command;
  const id = receptionDayId(access.station._id, day.originDate);
  if (!(await getById(db, 'reception_days', id))) await writeDay(db, access.station._id, day, {}, ctx.now);
  // The first sign-in stands: the field is written only while absent, so a retry keeps its time.
  await collection(db, 'reception_days')
    .where({ _id: id, [`signIns.${personId}`]: _.exists(false) })
    .update({
      [`signIns.${personId}`]: _.set({ at: ctx.now, by: access.who }),
      version: _.inc(1),
      updatedAt: ctx.now,
    });
  // What the deputy record reads is changed with the day, the deputy alone (presence.ts).
  if (deputy) await changePresence(db, id, { add: [personId], remove: [] });
  return today(input, ctx);
}

/**
 * `station.cancelSignIn`: takes back a sign-in made by mistake today (the wrong person tapped), one
 * person alone as well: the sign-in is removed and the deputy pulled from `present`. Cancelling one
 * that is not there changes nothing.
 */
export async function cancelSignIn(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<StationTodayView | Failure> {
  const target = await todaysPerson(input, ctx);
  if (isFailure(target)) return target;
  const { access, day, personId, deputy } = target;
  const { db } = ctx;
  const _ = db.command;
  const id = receptionDayId(access.station._id, day.originDate);
  await collection(db, 'reception_days')
    .where({ _id: id, [`signIns.${personId}`]: _.exists(true) })
    .update({ [`signIns.${personId}`]: _.remove(), version: _.inc(1), updatedAt: ctx.now });
  if (deputy) {
    for (const name of ['reception_days', 'reception_attendance'] as const)
      await collection(db, name)
        .where({ _id: id, present: personId })
        .update({ present: _.pull(personId) });
  }
  return today(input, ctx);
}
