import type { DutyView, MyDutiesView, PersonRef, SwapRequestView } from '../../../miniprogram/core/api';
import { chinaDate, isIsoDate, weekdayLabel } from '../../../miniprogram/core/china-time';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { applySwap, type CheckedRoster } from '../../../miniprogram/core/roster';
import { charLength, textInput, WRONG_TYPE } from '../../../miniprogram/core/text';
import {
  byIds,
  collection,
  derivedId,
  getById,
  inTransaction,
  requestIdOf,
  requireDeputy,
  screenTexts,
  TEXT_SCENE,
  type ActionContext,
  type Db,
  type DeputyDoc,
  type ReceptionDayDoc,
  type StaffRef,
  type StationDoc,
  type SwapRequestDoc,
  type Transaction,
} from '../platform';
import { syncAttendance, updateDay } from './days';
import { peopleOf, type People } from './people';
import { plannedDayOn, receptionDayId } from './plan';

/**
 * Deputies' side of the duty rosters: deputies on duty are reminded the day before and can confirm
 * or ask to swap. The flow, as a station runs it:
 *
 * 1. A deputy on a published roster opens 我的值班 (from the reminder, or their inbox) and either
 *    confirms the duty (确认值班) or asks to hand it over (申请换班) with a reason, optionally naming
 *    the colleague who would take over and, for a swap rather than a hand-over, the colleague's own
 *    duty day they would take in exchange.
 * 2. The request is recorded on the reception day and shown to staff on 本月概览 and 排班. Staff,
 *    who phone the colleague anyway, apply it (core/roster.ts applySwap, validated exactly as their
 *    own roster edits: unavailability, duplicates, station membership, no past days) or decline it
 *    with a note. When the deputy named nobody, staff choose who takes over. The colleague is not
 *    asked in the app: their agreement is the staff's phone call, and the duty reminder the day
 *    before goes to whoever is on the roster then.
 * 3. The deputy sees the outcome on 我的值班: a declined request stays shown with the note; an applied
 *    one moves the duty.
 *
 * Rules (the reasons: docs/decisions/0006-duty-confirmations-and-swaps.md):
 * - A confirmation holds for the date the day is held on: a day staff move needs confirming again.
 *   A deputy taken off the roster loses it with the duty; confirmations are never shown for a draft.
 * - One pending request per deputy and day (DUTY.SWAP_PENDING for another). Confirming the duty
 *   withdraws the deputy's pending request (撤回申请，我来值班): there is no separate withdraw.
 * - A request naming a colleague is checked when made with applySwap on the current rosters, so a
 *   deputy learns at once that the colleague is away that day rather than after staff look at it.
 * - Writes are compare-and-set on the reception day's `version` (days.ts updateDay);
 *   applying a swap across two days is one transaction over both documents, so either both rosters
 *   change or neither. Request ids derive from the deputy and the form's clientRequestId: a retried
 *   request or confirmation records nothing twice.
 * - Deputies see only their own station's published rosters (already public on the landing page).
 */

const REASON_MIN = 2;
const REASON_MAX = 100;
/** Upcoming reception days read at once: a station holds a few dozen a year. */
const HORIZON = 100;

type Fields = Record<string, string>;
const NO_DUTY = () => fail('NOT_FOUND', '没有找到这次值班，值班表可能已调整，请刷新');
const PAST = (date: string) =>
  fail('RECEPTION.DATE_PAST', `${date} 已经过去，值班不能再调整`, { date: '该日已过' });
const swapId = (deputyId: string, clientRequestId: string) => derivedId('s', deputyId, clientRequestId);

/** A published roster still held on its date (not cancelled, not moved since). */
export const isHeld = (station: StationDoc, doc: ReceptionDayDoc): boolean =>
  doc.published && plannedDayOn(station, doc.date)?.originDate === doc.originDate;

/** The deputies on the published roster who confirmed for the date the day is held on. */
export function confirmedIds(
  doc: Pick<ReceptionDayDoc, 'published' | 'confirmations' | 'deputies' | 'date'>,
): string[] {
  if (!doc.published) return [];
  const confirmations = doc.confirmations ?? [];
  return doc.deputies.filter((id) => confirmations.some((c) => c.deputyId === id && c.date === doc.date));
}

/** The confirmations that still hold for a roster's new deputies (the others lost the duty). */
export const keptConfirmations = (doc: Pick<ReceptionDayDoc, 'confirmations'>, deputies: readonly string[]) =>
  (doc.confirmations ?? []).filter((c) => deputies.includes(c.deputyId));

/** Pending requests of deputies still on the day's published roster: what staff have to decide. */
export const pendingSwaps = (doc: ReceptionDayDoc): SwapRequestDoc[] =>
  doc.published
    ? (doc.swapRequests ?? []).filter((r) => r.status === 'pending' && doc.deputies.includes(r.deputyId))
    : [];

export function swapView(r: SwapRequestDoc, person: (id: string) => PersonRef): SwapRequestView {
  return {
    id: r.id,
    deputy: person(r.deputyId),
    date: r.date,
    withDeputy: r.withDeputyId ? person(r.withDeputyId) : null,
    withDate: r.withDate,
    reason: r.reason,
    status: r.status,
    requestedAt: r.requestedAt,
    decidedAt: r.decidedAt,
    note: r.note,
  };
}

export const personIn = (people: People) => (id: string) => ({ id, name: people.names.get(id) ?? id });

/** The station's published, held reception days from today on, in date order. */
export async function upcomingDays(db: Db, station: StationDoc, today: string): Promise<ReceptionDayDoc[]> {
  const { data } = await collection(db, 'reception_days')
    .where({ stationId: station._id, date: db.command.gte(today), published: true })
    .orderBy('date', 'asc')
    .limit(HORIZON)
    .get();
  return data.filter((d) => isHeld(station, d));
}

/**
 * The rosters a swap changes, validated by core/roster.ts applySwap against the day and, for an
 * exchange, the colleague's day (`other`, counted only while published and held).
 */
function validateSwap(
  station: StationDoc,
  people: People,
  day: ReceptionDayDoc,
  other: ReceptionDayDoc | null,
  swap: { deputyId: string; withDeputyId: string; withDate: string | null },
  today: string,
): CheckedRoster[] | Failure {
  const held = other && isHeld(station, other) ? other : null;
  const result = applySwap(
    [day, ...(held ? [held] : [])].map((d) => ({ date: d.date, deputies: d.deputies, leader: d.leader })),
    { date: day.date, ...swap },
    people.deputies,
    people.unavailability,
    { today, deputiesPerDay: people.perDay, leaders: people.leaders },
  );
  return result.ok ? result.data.changed : result;
}

/** The reception day held on `date`, as stored, if any. */
async function dayOn(db: Db, station: StationDoc, date: string | null): Promise<ReceptionDayDoc | null> {
  const planned = date ? plannedDayOn(station, date) : null;
  return planned ? getById(db, 'reception_days', receptionDayId(station._id, planned.originDate)) : null;
}

// ---------------------------------------------------------------------------------------------------
// The deputy's side

/** 我的值班: the deputy's upcoming duties, their colleagues, and the station's days to swap with. */
async function dutiesOf(db: Db, deputy: DeputyDoc, now: number): Promise<MyDutiesView> {
  const today = chinaDate(now);
  const station = await getById(db, 'stations', deputy.stationId);
  if (!station) return { role: 'deputy', today, duties: [], colleagues: [], stationDays: [] };
  const [days, people] = await Promise.all([upcomingDays(db, station, today), peopleOf(db, station)]);
  const person = personIn(people);
  const duties: DutyView[] = days
    .filter((d) => d.deputies.includes(deputy._id))
    .map((d) => {
      // The latest request still about this duty: a withdrawn one hides an older refusal too.
      const mine = (d.swapRequests ?? []).filter((r) => r.deputyId === deputy._id && r.status !== 'applied');
      const last = mine[mine.length - 1];
      const latest = last && last.status !== 'withdrawn' ? last : null;
      return {
        dayId: d._id,
        station: { id: station._id, name: station.name },
        date: d.date,
        weekday: weekdayLabel(d.date),
        colleagues: [...d.deputies.filter((id) => id !== deputy._id), ...(d.leader ? [d.leader] : [])].map(
          person,
        ),
        confirmed: confirmedIds(d).includes(deputy._id),
        swapRequest: latest ? swapView(latest, person) : null,
      };
    });
  return {
    role: 'deputy',
    today,
    duties,
    colleagues: people.deputies.filter((d) => d.id !== deputy._id),
    stationDays: days.map((d) => ({
      date: d.date,
      weekday: weekdayLabel(d.date),
      deputies: d.deputies.map(person),
    })),
  };
}

/** The deputy's duty named by `dayId`: on their station's published roster, held, not past. */
async function ownDuty(
  db: Db,
  deputy: DeputyDoc,
  dayId: unknown,
  today: string,
): Promise<{ day: ReceptionDayDoc; station: StationDoc } | Failure> {
  if (typeof dayId !== 'string' || !dayId) return invalid({ dayId: '请选择值班日' });
  const day = await getById(db, 'reception_days', dayId);
  if (!day || !deputy.stationId || day.stationId !== deputy.stationId || !day.deputies.includes(deputy._id))
    return NO_DUTY();
  const station = await getById(db, 'stations', day.stationId);
  if (!station || !isHeld(station, day)) return NO_DUTY();
  if (day.date < today) return PAST(day.date);
  return { day, station };
}

/** `deputy.duties`: 我的值班. */
export async function myDuties(
  _input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<MyDutiesView | Failure> {
  const found = await requireDeputy(ctx);
  return isFailure(found) ? found : dutiesOf(ctx.db, found.deputy, ctx.now);
}

/** `deputy.confirmDuty`: 确认值班; withdraws the deputy's pending swap request for the day. Idempotent. */
export async function confirmDuty(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<MyDutiesView | Failure> {
  const found = await requireDeputy(ctx);
  if (isFailure(found)) return found;
  const { deputy } = found;
  const { db, now } = ctx;
  const duty = await ownDuty(db, deputy, input.dayId, chinaDate(now));
  if (isFailure(duty)) return duty;
  const written = await updateDay(
    db,
    duty.day._id,
    (doc) => {
      if (!doc.published || !doc.deputies.includes(deputy._id)) return NO_DUTY();
      const requests = doc.swapRequests ?? [];
      const pending = requests.some((r) => r.deputyId === deputy._id && r.status === 'pending');
      if (confirmedIds(doc).includes(deputy._id) && !pending) return null;
      return {
        confirmations: [
          ...(doc.confirmations ?? []).filter((c) => c.deputyId !== deputy._id),
          { deputyId: deputy._id, date: doc.date, at: now },
        ],
        ...(pending
          ? {
              swapRequests: requests.map((r) =>
                r.deputyId === deputy._id && r.status === 'pending'
                  ? { ...r, status: 'withdrawn' as const, decidedAt: now }
                  : r,
              ),
            }
          : {}),
      };
    },
    now,
  );
  return isFailure(written) ? written : dutiesOf(db, deputy, now);
}

/** `deputy.requestSwap`: 申请换班, recorded on the reception day for staff. A retry records nothing twice. */
export async function requestSwap(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<MyDutiesView | Failure> {
  const found = await requireDeputy(ctx);
  if (isFailure(found)) return found;
  const { deputy } = found;
  const { db, now } = ctx;
  const fields: Fields = {};
  const reasonText = textInput(input.reason);
  const reason = reasonText ?? '';
  if (reasonText === null) fields.reason = `换班原因${WRONG_TYPE}`;
  else if (charLength(reason) < REASON_MIN) fields.reason = '请填写换班原因';
  else if (charLength(reason) > REASON_MAX) fields.reason = `原因最多 ${REASON_MAX} 个字`;
  const withDeputyId = input.withDeputyId ?? null;
  const withDate = input.withDate ?? null;
  if (withDeputyId !== null && (typeof withDeputyId !== 'string' || !withDeputyId))
    fields.withDeputyId = '请选择接替的代表';
  if (withDate !== null && !isIsoDate(withDate)) fields.withDate = '请选择换班日期';
  else if (withDate !== null && withDeputyId === null) fields.withDate = '请先选择换班的代表';
  const clientRequestId = requestIdOf(input);
  if (isFailure(clientRequestId)) Object.assign(fields, clientRequestId.fields);
  if (isFailure(clientRequestId) || Object.keys(fields).length > 0) return invalid(fields);
  const screened = await screenTexts(ctx.caller.openid, [
    { field: 'reason', label: '换班原因', text: reason, scene: TEXT_SCENE.comment },
  ]);
  if (isFailure(screened)) return screened;

  const id = swapId(deputy._id, clientRequestId);
  const today = chinaDate(now);
  const known = typeof input.dayId === 'string' ? await getById(db, 'reception_days', input.dayId) : null;
  if (known?.swapRequests?.some((r) => r.id === id && r.deputyId === deputy._id))
    return dutiesOf(db, deputy, now);
  const duty = await ownDuty(db, deputy, input.dayId, today);
  if (isFailure(duty)) return duty;
  const people = await peopleOf(db, duty.station);
  if (withDeputyId !== null) {
    if (withDeputyId === deputy._id) return invalid({ withDeputyId: '不能与自己换班' });
    const checked = validateSwap(
      duty.station,
      people,
      duty.day,
      await dayOn(db, duty.station, withDate as string | null),
      { deputyId: deputy._id, withDeputyId: withDeputyId as string, withDate: withDate as string | null },
      today,
    );
    if (isFailure(checked)) return checked;
  }
  const withDay = withDate ? plannedDayOn(duty.station, withDate as string) : null;
  const written = await updateDay(
    db,
    duty.day._id,
    (doc) => {
      const requests = doc.swapRequests ?? [];
      if (requests.some((r) => r.id === id)) return null;
      if (!doc.published || !doc.deputies.includes(deputy._id)) return NO_DUTY();
      if (requests.some((r) => r.deputyId === deputy._id && r.status === 'pending'))
        return fail('DUTY.SWAP_PENDING', '这次值班已有换班申请在等工作人员处理');
      const request: SwapRequestDoc = {
        id,
        deputyId: deputy._id,
        date: doc.date,
        withDeputyId: withDeputyId as string | null,
        withDayId: withDay ? receptionDayId(duty.station._id, withDay.originDate) : null,
        withDate: withDate as string | null,
        reason,
        status: 'pending',
        requestedAt: now,
        decidedAt: null,
        decidedBy: null,
        note: null,
      };
      return {
        swapRequests: [...requests, request],
        // Asking to hand the duty over takes back a confirmation given before.
        confirmations: (doc.confirmations ?? []).filter((c) => c.deputyId !== deputy._id),
      };
    },
    now,
  );
  return isFailure(written) ? written : dutiesOf(db, deputy, now);
}

// ---------------------------------------------------------------------------------------------------
// The staff's side

export interface Decision {
  requestId: string;
  decision: 'apply' | 'decline';
  withDeputyId: string | null;
  note: string | null;
}

/**
 * Applies or declines a pending request on the reception day `day` (by id). Deciding again as
 * before changes nothing (a retry); deciding a request already decided otherwise, or withdrawn, is
 * CONFLICT. Applying writes both rosters of an exchange in one transaction; the attendance mirror
 * (deputy records) follows.
 */
export async function decideSwap(
  db: Db,
  station: StationDoc,
  dayId: string,
  d: Decision,
  who: StaffRef,
  today: string,
  now: number,
): Promise<true | Failure> {
  const status = d.decision === 'apply' ? 'applied' : 'declined';
  const decided = (r: SwapRequestDoc, withDeputyId = r.withDeputyId): SwapRequestDoc => ({
    ...r,
    status,
    withDeputyId,
    decidedAt: now,
    decidedBy: who,
    note: d.note,
  });
  const settled = (r: SwapRequestDoc | undefined): Failure | null => {
    if (!r) return fail('NOT_FOUND', '没有找到这条换班申请');
    if (r.status === 'withdrawn') return fail('CONFLICT', '代表已撤回这条换班申请');
    return r.status === 'pending' ? null : fail('CONFLICT', '这条换班申请已经处理过了，请刷新');
  };
  const stored = await getById(db, 'reception_days', dayId);
  const before = stored?.swapRequests?.find((r) => r.id === d.requestId);
  if (before?.status === status) return true;

  if (d.decision === 'decline') {
    const written = await updateDay(
      db,
      dayId,
      (doc) => {
        const r = doc.swapRequests?.find((x) => x.id === d.requestId);
        if (r?.status === status) return null;
        const problem = settled(r);
        if (problem) return problem;
        return { swapRequests: (doc.swapRequests ?? []).map((x) => (x.id === d.requestId ? decided(x) : x)) };
      },
      now,
    );
    return isFailure(written) ? written : true;
  }

  const people = await peopleOf(db, station);
  let outcome: Failure | null = null;
  let touched: string[] = [];
  try {
    await db.runTransaction(async (tx: Transaction) => {
      outcome = null;
      touched = [];
      const days = inTransaction(tx, 'reception_days');
      const read = async (id: string) => (await days.doc(id).get()).data ?? null;
      const day = await read(dayId);
      const r = day?.swapRequests?.find((x) => x.id === d.requestId);
      if (r?.status === status) return;
      outcome = settled(r);
      if (outcome || !day || !r) return;
      const withDeputyId = r.withDeputyId ?? d.withDeputyId;
      if (!withDeputyId) {
        outcome = invalid({ withDeputyId: '请选择接替值班的代表' });
        return;
      }
      if (!isHeld(station, day) || !day.deputies.includes(r.deputyId)) {
        outcome = fail('CONFLICT', '值班表已调整，这条申请不再适用，请刷新');
        return;
      }
      const other = r.withDayId ? await read(r.withDayId) : null;
      const checked = validateSwap(
        station,
        people,
        day,
        other,
        {
          deputyId: r.deputyId,
          withDeputyId,
          withDate: r.withDayId ? (other && isHeld(station, other) ? other.date : r.withDate) : null,
        },
        today,
      );
      if (isFailure(checked)) {
        outcome = checked;
        return;
      }
      for (const roster of checked) {
        const doc: ReceptionDayDoc | null = roster.date === day.date ? day : other;
        if (!doc) continue;
        const fields: Partial<ReceptionDayDoc> = {
          deputies: roster.deputies,
          confirmations: keptConfirmations(doc, roster.deputies),
          version: doc.version + 1,
          updatedAt: now,
        };
        if (doc === day)
          fields.swapRequests = (day.swapRequests ?? []).map((x) =>
            x.id === r.id ? decided(x, withDeputyId) : x,
          );
        await days.doc(doc._id).update(fields);
        touched.push(doc._id);
      }
    });
  } catch (error) {
    if ((error as { code?: string }).code !== 'DATABASE_TRANSACTION_CONFLICT') throw error;
    return fail('CONFLICT', '值班安排刚刚被其他人修改，请刷新后再试');
  }
  if (outcome) return outcome;
  const written = await byIds(db, 'reception_days', touched);
  for (const doc of written.values()) await syncAttendance(db, doc, true);
  return true;
}
