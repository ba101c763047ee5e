import type { ReceptionDayView, SwapStatus } from '../../../miniprogram/core/api';
import { addDays, type ReceptionRule } from '../../../miniprogram/core/reception';
import {
  HOLIDAY_POLICY_LABELS,
  nextPlannedDays,
  planReceptionDays,
  type PlannedDay,
  type ReceptionOverride,
  type ReceptionPlan,
} from '../../../miniprogram/core/reception-plan';
import { DEFAULT_DEPUTIES_PER_DAY, type Member, type Unavailability } from '../../../miniprogram/core/roster';
import { chinaDate, truncate, weekdayLabel } from '../../../miniprogram/core/text';
import type { App, Db } from '../platform/app';
import { officialCalendar } from '../calendar/official';
import type { OutboxJob } from '../platform/schema/cases';
import type { DeputyDoc, StationDoc } from '../directory/records';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { duplicateIndex } from '../cases/new-case';
import { deliverClaimed, LEASE_MS, newJob } from '../outbox/outbox';

/**
 * Reception days (接待日) as stored, for the station function, the resident landing page and the
 * duty reminders (timers). The rule and staff's changes live on the station document; each reception
 * day that has anything stored (a roster, attendance, reminders) has one `reception_days` document;
 * the visitor log is `visitors`; and `reception_attendance` mirrors roster and attendance in the
 * shape the deputy record reads (core/deputy-record.ts AttendanceDay).
 *
 * A reception day is identified by its ORIGIN date (core/reception-plan.ts: the date the rule yields
 * for it, or the date an extra day was first added on), not by the date it is held on: staff can
 * move a day, and its roster, attendance and reminders move with it (and back, if the move is
 * undone). The document's `date` is the date the day is held on, kept in step by `changeDay`.
 */

/** A declared absence of a deputy (出差、住院…), both dates included: `deputies.unavailability`. */
export interface DeclaredAbsence {
  from: string;
  to: string;
  reason?: string;
}

/** Optional fields of `deputies` this module reads. */
export type DeputyWithAbsences = DeputyDoc & { unavailability?: DeclaredAbsence[] | null };

/** Optional fields of `stations` this module reads and writes. */
export interface StationReceptionFields {
  /** Staff's changes to the rule's days (core/reception-plan.ts ReceptionOverride), in order. */
  receptionChanges?: ReceptionOverride[];
  /** Bumped by every change of `receptionChanges`, which is conditional on it (compare-and-set). */
  receptionVersion?: number;
  /** Deputies on duty per reception day; 2 when left out (core/roster.ts). */
  deputiesPerDay?: number;
  /** The leaders' pool (分管领导), where the station wants a leader on duty. */
  leaders?: Array<Member & { unavailability?: DeclaredAbsence[] | null }>;
}

export type ReceptionStation = StationDoc & StationReceptionFields;

export interface StaffRef {
  openid: string;
  name: string;
}

/** One document per station and reception day (by origin date): `reception_days`. */
export interface ReceptionDayDoc {
  _id: string;
  stationId: string;
  originDate: string;
  /** The date the day is held on now. */
  date: string;
  /** Deputy ids on the roster (empty until staff save one). */
  deputies: string[];
  leader: string | null;
  /** A published roster shows on the station page; its deputies are reminded the day before. */
  published: boolean;
  publishedAt: Date | null;
  rosterBy: StaffRef | null;
  /** Deputy ids ticked present; null until attendance is taken. */
  present: string[] | null;
  attendanceAt: Date | null;
  attendanceBy: StaffRef | null;
  /** The duty reminders, delivered through the outbox (_lib/outbox.ts) like a case's notifications. */
  outbox: OutboxJob[];
  outboxDueAt: Date | null;
  outboxRev: number;
  /** Deputies who confirmed their duty (确认值班), each for the date the day was held on then. */
  confirmations?: DutyConfirmation[];
  /** Deputies' requests to hand over or swap this duty (换班申请), never removed (_lib/duties.ts). */
  swapRequests?: SwapRequestDoc[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DutyConfirmation {
  deputyId: string;
  /** A confirmation holds for this date only: a day moved since needs confirming again. */
  date: string;
  at: Date;
}

export interface SwapRequestDoc {
  /** Derived from the deputy and the request's clientRequestId, so a retry finds it. */
  id: string;
  deputyId: string;
  /** The date the day was held on when asked. */
  date: string;
  withDeputyId: string | null;
  /** The colleague's reception day offered in exchange, by id (it follows a move) and date. */
  withDayId: string | null;
  withDate: string | null;
  reason: string;
  status: SwapStatus;
  requestedAt: Date;
  decidedAt: Date | null;
  decidedBy: StaffRef | null;
  note: string | null;
}

export const receptionDayId = (stationId: string, originDate: string) => `${stationId}_${originDate}`;

/** The station's changes to its rule's days, as stored (none when never changed). */
export const changesOf = (station: ReceptionStation): ReceptionOverride[] => station.receptionChanges ?? [];

/** The station's reception days from `from` to `to`; null when the station has no rule. */
export function planOf(station: ReceptionStation, from: string, to: string): ReceptionPlan | null {
  if (!station.receptionRule) return null;
  return planReceptionDays(station.receptionRule, changesOf(station), from, to, officialCalendar);
}

/** The planned (not cancelled) day held on `date`, if any. */
export function plannedDayOn(station: ReceptionStation, date: string): PlannedDay | null {
  return planOf(station, date, date)?.days.find((d) => d.date === date) ?? null;
}

export interface People {
  deputies: Member[];
  /** The deputies as stored (their bound WeChat account, for notifications). */
  docs: Map<string, DeputyWithAbsences>;
  leaders: Member[];
  unavailability: Unavailability[];
  perDay: number;
  names: Map<string, string>;
}

/** The station's active deputies, its leaders' pool and everyone's declared absences. */
export async function peopleOf(db: Db, station: ReceptionStation): Promise<People> {
  const { data } = await db
    .collection('deputies')
    .where({ stationId: station._id, active: true })
    .limit(200)
    .get();
  const deputies = (data as DeputyWithAbsences[]).sort((a, b) => (a.code < b.code ? -1 : 1));
  const leaders = station.leaders ?? [];
  const names = new Map<string, string>();
  for (const d of deputies) names.set(d._id, d.name);
  for (const l of leaders) names.set(l.id, l.name);
  return {
    deputies: deputies.map((d) => ({ id: d._id, name: d.name })),
    docs: new Map(deputies.map((d) => [d._id, d])),
    leaders: leaders.map((l) => ({ id: l.id, name: l.name })),
    unavailability: [...unavailabilityOf(deputies), ...unavailabilityOf(leaders)],
    perDay: Math.max(1, Math.floor(station.deputiesPerDay ?? DEFAULT_DEPUTIES_PER_DAY)),
    names,
  };
}

/** Declared absences as core/roster.ts reads them. */
export function unavailabilityOf(
  people: ReadonlyArray<{ _id?: string; id?: string; unavailability?: DeclaredAbsence[] | null }>,
): Unavailability[] {
  return people.flatMap((p) =>
    (p.unavailability ?? []).flatMap((u) =>
      typeof u?.from === 'string' && typeof u?.to === 'string'
        ? [{ personId: (p._id ?? p.id)!, from: u.from, to: u.to }]
        : [],
    ),
  );
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const ORDINALS: Record<number, string> = { 1: '一', 2: '二', 3: '三', 4: '四', 5: '五', [-1]: '最后一' };

/** 每月10日（节假日顺延）, 每月第一、三个星期二（节假日顺延）, 1、3、5月15日（节假日照常）. */
export function ruleLabel(rule: ReceptionRule): string {
  const months = rule.months ? `${rule.months.join('、')}月` : '每月';
  const when =
    rule.kind === 'day_of_month'
      ? `${months}${rule.day}日`
      : `${months}第${rule.nth.map((n) => ORDINALS[n] ?? String(n)).join('、')}个${WEEKDAY_NAMES[rule.weekday]}`;
  return `${when}（${HOLIDAY_POLICY_LABELS[rule.holidayPolicy]}）`;
}

/** Documents by id, in chunks (a `_.in` list is kept short). */
export async function byIds<T extends { _id: string }>(
  db: Db,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100);
    const { data } = await db
      .collection(collection)
      .where({ _id: db.command.in(chunk) })
      .limit(chunk.length)
      .get();
    for (const doc of data as T[]) out.set(doc._id, doc);
  }
  return out;
}

type DayFields = Partial<Omit<ReceptionDayDoc, '_id' | 'stationId' | 'originDate' | 'version' | 'createdAt'>>;

/** Fields for an update, arrays and objects written whole (`_.set`), never merged. */
const wholeFields = (db: Db, fields: DayFields) =>
  Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      k,
      v !== null && typeof v === 'object' && !(v instanceof Date) ? db.command.set(v) : v,
    ]),
  );

/**
 * Writes fields of one reception day's document, creating it on first use. Every write bumps
 * `version`, so an update reports whether the document exists; a creation racing another falls
 * back to the update. Arrays and objects are written whole (`_.set`), never merged.
 */
export async function writeDay(
  db: Db,
  stationId: string,
  day: { originDate: string; date: string },
  fields: DayFields,
  now: number,
): Promise<void> {
  const _ = db.command;
  const id = receptionDayId(stationId, day.originDate);
  const update = () =>
    db
      .collection('reception_days')
      .where({ _id: id })
      .update({ ...wholeFields(db, fields), version: _.inc(1), updatedAt: new Date(now) });
  if ((await update()).updated) return;
  const fresh: ReceptionDayDoc = {
    _id: id,
    stationId,
    originDate: day.originDate,
    date: day.date,
    deputies: [],
    leader: null,
    published: false,
    publishedAt: null,
    rosterBy: null,
    present: null,
    attendanceAt: null,
    attendanceBy: null,
    outbox: [],
    outboxDueAt: null,
    outboxRev: 0,
    version: 1,
    createdAt: new Date(now),
    updatedAt: new Date(now),
    ...fields,
  };
  try {
    await db.collection('reception_days').add(fresh);
  } catch (error) {
    if (!duplicateIndex(error)) throw error;
    await update();
  }
}

/**
 * Changes an existing reception day by compare-and-set on its `version`: `change` sees the document
 * as stored and answers the fields to write, null when there is nothing to do (a retry), or a
 * Failure. Tried again on a fresh read when someone else wrote in between; CONFLICT after three.
 */
export async function updateDay(
  db: Db,
  id: string,
  change: (doc: ReceptionDayDoc) => DayFields | null | Failure,
  now: number,
): Promise<ReceptionDayDoc | Failure> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { data } = await db.collection('reception_days').where({ _id: id }).limit(1).get();
    const doc = (data as ReceptionDayDoc[])[0];
    if (!doc) return fail('NOT_FOUND', '没有找到这个接待日');
    const fields = change(doc);
    if (fields === null) return doc;
    if (isFailure(fields)) return fields;
    const { updated } = await db
      .collection('reception_days')
      .where({ _id: id, version: doc.version })
      .update({ ...wholeFields(db, fields), version: doc.version + 1, updatedAt: new Date(now) });
    if (updated) return { ...doc, ...fields, version: doc.version + 1 };
  }
  return fail('CONFLICT', '值班安排刚刚被其他人修改，请刷新后再试');
}

/**
 * Keeps `reception_attendance` (what deputy.record reads: core/deputy-record.ts AttendanceDay) in
 * step with one reception day: a document exists while the day is held (not cancelled) and has a
 * published roster or attendance taken; its `deputies` are the published roster (a draft is not
 * duty). Derived entirely from the reception day, so rewriting it is always safe.
 */
export async function syncAttendance(db: Db, doc: ReceptionDayDoc | null, held: boolean): Promise<void> {
  if (!doc) return;
  const ref = db.collection('reception_attendance').doc(doc._id);
  const deputies = doc.published ? doc.deputies : [];
  if (!held || (deputies.length === 0 && doc.present === null)) {
    await ref.remove();
    return;
  }
  await ref.set({
    stationId: doc.stationId,
    date: doc.date,
    deputies,
    leader: doc.published ? doc.leader : null,
    present: doc.present,
  });
}

/**
 * The station's next reception days for the landing page: the plan (rule and staff's changes), only
 * dates whose year's official calendar is known (a guessed date is worse than none), each with the
 * deputies on duty when its roster is published.
 */
export async function upcomingReceptions(
  db: Db,
  station: ReceptionStation,
  now: number,
  count: number,
): Promise<ReceptionDayView[]> {
  if (!station.receptionRule) return [];
  const days = nextPlannedDays(
    station.receptionRule,
    changesOf(station),
    chinaDate(now),
    count,
    officialCalendar,
  ).filter((d) => officialCalendar.covers(Number(d.date.slice(0, 4))));
  if (days.length === 0) return [];
  const docs = await byIds<ReceptionDayDoc>(
    db,
    'reception_days',
    days.map((d) => receptionDayId(station._id, d.originDate)),
  );
  const onDuty = (d: PlannedDay) => {
    const doc = docs.get(receptionDayId(station._id, d.originDate));
    return doc?.published && doc.date === d.date ? doc.deputies : [];
  };
  const names = await byIds<DeputyDoc>(db, 'deputies', days.flatMap(onDuty));
  return days.map((d) => ({
    date: d.date,
    weekday: weekdayLabel(d.date),
    stationName: station.name,
    deputiesOnDuty: onDuty(d).flatMap((id) => names.get(id)?.name ?? []),
  }));
}

/** Where a duty reminder takes the deputy: 我的值班, to confirm the duty or ask to swap it. */
export const DUTY_REMINDER_PAGE = 'pages/deputy/duties/index';

/** 2026年3月10日 */
const chineseDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The duty reminder (timers `reception`, daily in the evening): for each published reception day
 * held tomorrow (China time), a subscribe message to each deputy on its roster, queued on the
 * reception day's outbox and delivered at once; a failure is retried by the outbox sweep. The job
 * ids name the date and the deputy, and are only added when absent (compare-and-set on `outboxRev`),
 * so a sweep run twice sends nothing twice, a deputy added to the roster later is still reminded, and
 * a day moved to another date is reminded for its new date. A deputy with no bound WeChat account
 * gets a job marked "no recipient" (they see the roster in the mini-program).
 *
 * The template is `caseProgress` (诉求办理提醒), the handlers' template deputies already allow
 * when they act on cases: no new template to register and ask consent for. Its fields carry the
 * date (character_string1), 值班提醒 (phrase2), the station (thing3) and the date again (time4).
 */
export async function sweepReceptionReminders(
  app: App,
  db: Db,
  now: number,
  limit = 200,
): Promise<{ days: number; reminders: number }> {
  const tomorrow = addDays(chinaDate(now), 1);
  const { data } = await db
    .collection('reception_days')
    .where({ date: tomorrow, published: true })
    .limit(limit)
    .get();
  const docs = data as ReceptionDayDoc[];
  const stations = await byIds<ReceptionStation>(
    db,
    'stations',
    docs.map((d) => d.stationId),
  );
  const deputies = await byIds<DeputyDoc>(
    db,
    'deputies',
    docs.flatMap((d) => d.deputies),
  );
  const counts = { days: 0, reminders: 0 };
  const _ = db.command;
  for (const doc of docs) {
    const station = stations.get(doc.stationId);
    // Only a day still held tomorrow: not cancelled, not moved elsewhere since the roster was saved.
    const day = station?.active ? plannedDayOn(station, tomorrow) : null;
    if (!station || !day || day.originDate !== doc.originDate) continue;
    const seq = Number(tomorrow.replace(/-/g, ''));
    const jobs: OutboxJob[] = doc.deputies
      .filter((id) => !doc.outbox.some((j) => j.id === `${doc._id}:${seq}:duty-${id}`))
      .map((id) => ({
        ...newJob({
          caseId: doc._id,
          seq,
          recipient: `duty-${id}`,
          template: 'caseProgress',
          to: deputies.get(id)?.openid ?? null,
          // The fields of caseUpdatedData (core/notifications.ts), which the template has.
          data: {
            character_string1: { value: tomorrow },
            phrase2: { value: '值班提醒' },
            thing3: { value: truncate(`明天${station.name}接待日值班`, 20) },
            time4: { value: chineseDate(tomorrow) },
          },
          now,
          claimed: true,
          pageQuery: '',
        }),
        page: DUTY_REMINDER_PAGE,
      }));
    if (jobs.length === 0) continue;
    const { updated } = await db
      .collection('reception_days')
      .where({ _id: doc._id, outboxRev: doc.outboxRev })
      .update({
        outbox: _.push(jobs),
        outboxRev: _.inc(1),
        outboxDueAt: new Date(now + LEASE_MS),
      });
    if (!updated) continue;
    counts.days += 1;
    counts.reminders += jobs.filter((j) => j.to).length;
    await deliverClaimed(
      app,
      db,
      { _id: doc._id, outbox: [...doc.outbox, ...jobs] },
      jobs.map((j) => j.id),
      now,
      'reception_days',
    ).catch((error) => console.warn('[reception] remind', error));
  }
  return counts;
}
