import type { StationTodayView } from '../../../miniprogram/core/api';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { collection, duplicateIndex, getById, type ActionContext, type Db } from '../platform';
import { NO_RULE, stationStaff, type StationStaff } from './access';
import { writeDay } from './days';
import { peopleOf } from './people';
import { plannedDayOn, receptionDayId } from './plan';
import type { PlannedDay } from '../../../miniprogram/core/reception-plan';
import { today } from './today';

/**
 * Sign-in (签到) on the day: one person at a time, each an update of its own, so two staff signing
 * people in at once both count and a retried request changes nothing (decision 0030).
 */

/** Adds a deputy to a document's `present`, making it a list first when attendance was not taken. */
async function addPresent(db: Db, name: 'reception_days' | 'reception_attendance', id: string, who: string) {
  const _ = db.command;
  const docs = collection(db, name);
  // Either both of two racing sign-ins turn null into [], or one does and the other finds a list.
  await docs.where({ _id: id, present: null }).update({ present: _.set([]) });
  await docs.where({ _id: id }).update({ present: _.addToSet(who) });
}

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
  if (deputy) {
    await addPresent(db, 'reception_days', id, personId);
    // What the deputy record reads (days.ts syncAttendance): created from the day if missing, then
    // the deputy added on its own, so a copy written from an older read cannot drop them.
    const stored = await getById(db, 'reception_days', id);
    if (stored && !(await getById(db, 'reception_attendance', id))) {
      try {
        await collection(db, 'reception_attendance').add({
          _id: id,
          stationId: stored.stationId,
          date: stored.date,
          deputies: stored.published ? stored.deputies : [],
          leader: stored.published ? stored.leader : null,
          present: stored.present,
        });
      } catch (error) {
        if (!duplicateIndex(error)) throw error;
      }
    }
    await addPresent(db, 'reception_attendance', id, personId);
  }
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
