import type { RosterProposalView, StationDayView } from '../../../miniprogram/core/api';
import {
  addDays,
  daysBetween,
  isIsoDate,
  validatePeriod,
  weekdayLabel,
} from '../../../miniprogram/core/china-time';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { proposeRosters, validateRoster, type Duty } from '../../../miniprogram/core/roster';
import { charLength, textInput, WRONG_TYPE } from '../../../miniprogram/core/text';
import {
  collection,
  getById,
  readAll,
  screenTexts,
  TEXT_SCENE,
  type ActionContext,
  type ReceptionDayDoc,
} from '../platform';
import type { PlannedDay } from '../../../miniprogram/core/reception-plan';
import { NO_RULE, NO_SUCH_DAY, stationStaff, type StationStaff } from './access';
import { syncAttendance, writeDay, type DayFields } from './days';
import { confirmedIds, decideSwap as decide, keptConfirmations } from './duties';
import { MAX_LEDGER, tooMuch } from './ledger';
import { formerNames, peopleOf } from './people';
import { planOf, plannedDayOn, receptionDayId } from './plan';
import { changePresence } from './presence';
import { oneDayView, rosterView } from './views';

/** Duty rosters (值班表) and attendance: proposed by a fair rotation, saved, published, swapped. */

/** The longest period a roster is proposed for. */
const MAX_PROPOSAL_DAYS = 366;

/** `station.proposeRoster`: the rotation's proposal for the reception days of a period, beside what is saved. */
export async function proposeRoster(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<RosterProposalView | Failure> {
  const access = await stationStaff(input, ctx, 'write');
  if (isFailure(access)) return access;
  const { station, today } = access;
  const { db } = ctx;
  if (!station.receptionRule) return NO_RULE(station);
  const period = validatePeriod(input);
  if (!period.ok) return period;
  if (daysBetween(period.data.from, period.data.to) > MAX_PROPOSAL_DAYS)
    return invalid({ to: '一次最多安排一年的值班' });
  const from = period.data.from < today ? today : period.data.from;
  const { to } = period.data;
  const days = from > to ? [] : (planOf(station, from, to)?.days ?? []);

  // The rotation continues from the published rosters of the past year (and any already ahead).
  const historyFrom = addDays(from, -366);
  const _ = db.command;
  const stored = await readAll<
    'reception_days',
    Pick<
      ReceptionDayDoc,
      '_id' | 'originDate' | 'date' | 'deputies' | 'leader' | 'published' | 'confirmations'
    >
  >(
    db,
    'reception_days',
    { stationId: station._id, date: _.gte(historyFrom).and(_.lte(to)) },
    {
      max: MAX_LEDGER,
      fields: {
        originDate: true,
        date: true,
        deputies: true,
        leader: true,
        published: true,
        confirmations: true,
      },
    },
  );
  if (!stored) return tooMuch('reception days');
  const heldPlan = planOf(station, historyFrom, to);
  const held = new Set(heldPlan?.days.map((d) => `${d.originDate}@${d.date}`));
  const history: Duty[] = stored
    .filter((d) => d.published && held.has(`${d.originDate}@${d.date}`))
    .flatMap((d) => [
      ...d.deputies.map((personId) => ({ date: d.date, personId, role: 'deputy' as const })),
      ...(d.leader ? [{ date: d.date, personId: d.leader, role: 'leader' as const }] : []),
    ]);

  const people = await peopleOf(db, station);
  const proposals = proposeRosters(
    days.map((d) => d.date),
    people.deputies,
    history,
    people.unavailability,
    { deputiesPerDay: people.perDay, leaders: people.leaders },
  );
  const current = new Map(stored.map((d) => [d.originDate, d]));
  const more = await formerNames(db, current.values(), people);
  return {
    from,
    to,
    deputiesPerDay: people.perDay,
    days: days.map((d, i) => {
      const saved = current.get(d.originDate);
      return {
        date: d.date,
        weekday: weekdayLabel(d.date),
        proposal: rosterView({ ...proposals[i], published: false }, people),
        current:
          saved && saved.deputies.length > 0 ? rosterView(saved, people, more, confirmedIds(saved)) : null,
      };
    }),
  };
}

/** A staff change to one reception day: the station (which has a rule) and the day held on `input.date`. */
async function dayToChange(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<{ access: StationStaff; day: PlannedDay } | Failure> {
  const access = await stationStaff(input, ctx, 'write');
  if (isFailure(access)) return access;
  const { station } = access;
  if (!station.receptionRule) return NO_RULE(station);
  if (!isIsoDate(input.date)) return invalid({ date: '请选择接待日' });
  const day = plannedDayOn(station, input.date);
  return day ? { access, day } : NO_SUCH_DAY(input.date);
}

/** Writes fields of the day, keeps the attendance the deputy record reads in step, and answers the day. */
async function writeAndShow(
  ctx: ActionContext,
  access: StationStaff,
  day: PlannedDay,
  fields: DayFields,
): Promise<StationDayView | Failure> {
  const { db } = ctx;
  await writeDay(db, access.station._id, day, { date: day.date, ...fields }, ctx.now);
  const stored = await getById(db, 'reception_days', receptionDayId(access.station._id, day.originDate));
  await syncAttendance(db, stored, true);
  return oneDayView(db, access, day.date);
}

/** `station.saveRoster`: one day's roster, as a draft or published (checked as core/roster.ts says). */
export async function saveRoster(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<StationDayView | Failure> {
  const target = await dayToChange(input, ctx);
  if (isFailure(target)) return target;
  const { access, day } = target;
  if (typeof input.publish !== 'boolean') return invalid({ publish: '请选择保存草稿或发布' });
  const people = await peopleOf(ctx.db, access.station);
  const checked = validateRoster(
    day.date,
    { deputies: input.deputyIds, leader: input.leaderId ?? null },
    people.deputies,
    people.unavailability,
    { today: access.today, deputiesPerDay: people.perDay, leaders: people.leaders },
  );
  if (!checked.ok) return checked;
  const existing = await getById(
    ctx.db,
    'reception_days',
    receptionDayId(access.station._id, day.originDate),
  );
  return writeAndShow(ctx, access, day, {
    deputies: checked.data.deputies,
    leader: checked.data.leader,
    confirmations: keptConfirmations(existing ?? {}, checked.data.deputies),
    published: input.publish,
    publishedAt: input.publish ? (existing?.publishedAt ?? ctx.now) : null,
    rosterBy: access.who,
  });
}

/** Deputy ids as the input names them: a list of distinct non-empty strings, or null. */
const deputyIds = (ids: unknown): string[] | null =>
  Array.isArray(ids) &&
  ids.every((id) => typeof id === 'string' && id !== '') &&
  new Set(ids).size === ids.length
    ? (ids as string[])
    : null;

/**
 * `station.recordAttendance`: the deputies present on a reception day, on the day or after.
 * `presentDeputyIds` is the list the form sends; `previousDeputyIds` (optional) the list it showed
 * when it opened. Only the difference is written, one deputy at a time (presence.ts): those ticked
 * are added, those unticked pulled (their sign-in with them), so a deputy signed in on 今天 while the
 * form was open stays present. Without `previousDeputyIds` (older phones) the difference is taken
 * from the day as stored: the list replaces it, still deputy by deputy.
 */
export async function recordAttendance(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<StationDayView | Failure> {
  const target = await dayToChange(input, ctx);
  if (isFailure(target)) return target;
  const { access, day } = target;
  if (day.date > access.today)
    return fail('RECEPTION.NOT_YET', '接待日还没到，当天或之后再登记出席', { date: '尚未到' });
  const present = deputyIds(input.presentDeputyIds);
  if (!present) return invalid({ presentDeputyIds: '出席代表无效' });
  const previous = input.previousDeputyIds === undefined ? undefined : deputyIds(input.previousDeputyIds);
  if (previous === null) return invalid({ previousDeputyIds: '原来的出席代表无效，请刷新后再登记' });
  const people = await peopleOf(ctx.db, access.station);
  if (present.some((id) => !people.deputies.some((d) => d.id === id))) {
    return fail('ROSTER.NOT_STATION_DEPUTY', '出席代表必须是本站的代表', {
      presentDeputyIds: '不是本站代表',
    });
  }
  const { db } = ctx;
  const _ = db.command;
  const id = receptionDayId(access.station._id, day.originDate);
  await writeDay(
    db,
    access.station._id,
    day,
    { date: day.date, attendanceAt: ctx.now, attendanceBy: access.who },
    ctx.now,
  );
  const before = previous ?? (await getById(db, 'reception_days', id))?.present ?? [];
  const remove = before.filter((who) => !present.includes(who));
  await changePresence(db, id, { add: present.filter((who) => !before.includes(who)), remove });
  // A deputy recorded absent was not signed in either: 今天 must not show them as arrived.
  for (const who of remove)
    await collection(db, 'reception_days')
      .where({ _id: id, [`signIns.${who}`]: _.exists(true) })
      .update({ [`signIns.${who}`]: _.remove(), version: _.inc(1), updatedAt: ctx.now });
  return oneDayView(db, access, day.date);
}

/** `station.decideSwap`: applies or declines a deputy's swap request (duties.ts); answers the day. */
export async function decideSwap(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<StationDayView | Failure> {
  const access = await stationStaff(input, ctx, 'write');
  if (isFailure(access)) return access;
  const { station, today } = access;
  if (!station.receptionRule) return NO_RULE(station);
  const { date, requestId, decision } = input;
  const withDeputyId = input.withDeputyId ?? null;
  const noteText = textInput(input.note, 'lines');
  const note = noteText ?? '';
  const fields: Record<string, string> = {};
  if (noteText === null) fields.note = `说明${WRONG_TYPE}`;
  if (!isIsoDate(date)) fields.date = '请选择接待日';
  if (typeof requestId !== 'string' || !requestId) fields.requestId = '请选择换班申请';
  if (decision !== 'apply' && decision !== 'decline') fields.decision = '请选择同意或不同意';
  if (withDeputyId !== null && (typeof withDeputyId !== 'string' || !withDeputyId))
    fields.withDeputyId = '请选择接替值班的代表';
  else if (charLength(note) > 100) fields.note = '说明最多 100 个字';
  if (
    !isIsoDate(date) ||
    typeof requestId !== 'string' ||
    (decision !== 'apply' && decision !== 'decline') ||
    (withDeputyId !== null && typeof withDeputyId !== 'string') ||
    Object.keys(fields).length > 0
  )
    return invalid(fields);
  const screened = await screenTexts(ctx.caller.openid, [
    { field: 'note', label: '说明', text: note, scene: TEXT_SCENE.comment },
  ]);
  if (isFailure(screened)) return screened;
  const day = plannedDayOn(station, date);
  if (!day) return NO_SUCH_DAY(date);
  const decided = await decide(
    ctx.db,
    station,
    receptionDayId(station._id, day.originDate),
    { requestId, decision, withDeputyId, note: note || null },
    access.who,
    today,
    ctx.now,
  );
  return isFailure(decided) ? decided : oneDayView(ctx.db, access, day.date);
}
