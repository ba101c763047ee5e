import { createHash } from 'node:crypto';
import type {
  DutyRosterView,
  PersonRef,
  ReceptionPlanView,
  RosterProposalView,
  StationDayView,
  StationFiguresView,
  StationOverviewView,
  StationView,
  VisitView,
} from '../../miniprogram/core/api';
import { newCaseNo } from '../../miniprogram/core/case-number';
import { endOfChinaDay } from '../../miniprogram/core/deadlines';
import type { CaseKind } from '../../miniprogram/core/model';
import { fail, isFailure, type Failure } from '../../miniprogram/core/result';
import { addDays } from '../../miniprogram/core/reception';
import {
  changeReceptionDay,
  isIsoDate,
  type ReceptionOverride,
  type ReceptionPlan,
} from '../../miniprogram/core/reception-plan';
import { proposeRosters, validateRoster, type Duty } from '../../miniprogram/core/roster';
import {
  stationFigures,
  validatePeriod,
  type LedgerCase,
  type LedgerVisit,
  type Period,
} from '../../miniprogram/core/station-figures';
import { LIMITS, validateSubmit } from '../../miniprogram/core/submit';
import { charLength, chinaDate, isValidPhone, weekdayLabel } from '../../miniprogram/core/text';
import { getApp, getDb, type Db } from '../_lib/platform/app';
import {
  confirmedIds,
  decideSwap as decide,
  keptConfirmations,
  pendingSwaps,
  swapView,
} from '../_lib/reception/duties';
import { officialCalendar } from '../_lib/calendar/official';
import type { CaseDoc, PhotoRecord } from '../_lib/platform/schema/cases';
import { categories, getById, rolesOf, stationSummary } from '../_lib/directory/records';
import { defineFunction, requireCaller, type ActionContext } from '../_lib/platform/handler';
import { readAll as readAllPages } from '../_lib/platform/db';
import { checkPhotos, duplicateIndex, newCaseDoc } from '../_lib/cases/new-case';
import { deliverClaimed } from '../_lib/outbox/outbox';
import {
  byIds,
  changesOf,
  peopleOf,
  planOf,
  plannedDayOn,
  receptionDayId,
  ruleLabel,
  syncAttendance,
  writeDay,
  type People,
  type ReceptionDayDoc,
  type ReceptionStation,
  type StaffRef,
} from '../_lib/reception/store';

/**
 * What station staff do (issue 5): plan the reception days (接待日) from the station's rule, move,
 * cancel or add one with a reason; put deputies on duty (值班表) by a fair rotation and publish the
 * roster; register the visitors of a reception day, each item becoming a case addressed to the deputy
 * who received it; take attendance; and read the month at a glance and the figures for any period.
 *
 * Who may: staff of the station (role `staff` with its `stationId`, from `users`, never from the
 * request); the office (代表工委) may read `overview` and `figures` of any station it names. Everyone
 * else gets AUTH.FORBIDDEN. Dates are China-local YYYY-MM-DD; "today" is the call's instant in China.
 *
 * Decisions where the issue is silent:
 * - A reception day's roster, attendance and reminders are stored by the day's origin date
 *   (_lib/reception-store.ts), so they move with the day when staff move it.
 * - Visitors are registered for a reception day of the station, past or today (staff copy a paper
 *   log in afterwards), or for today when it is not one (a resident who walks in on an ordinary
 *   open day is received too). Never for a future date, nor for a past day that was not a reception
 *   day (RECEPTION.NO_SUCH_DAY).
 * - The deputy who received the visitor must belong to the station (ROSTER.NOT_STATION_DEPUTY) and,
 *   when the day has a published roster or attendance taken, be on it or present (ROSTER.NOT_ON_DUTY).
 * - A visit answered on the spot (当场答复) with no items opens no case and is counted as answered
 *   on the spot; items raised in the same visit still become cases.
 * - A visitor's case has no WeChat account behind it (`openid` empty, see _lib/new-case.ts); its
 *   text was typed by staff, so it is not sent through WeChat's content check.
 * - Attendance can be taken on the day or afterwards, not before (RECEPTION.NOT_YET).
 */

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Items one visitor can raise in one registration. */
const MAX_ITEMS = 10;
/** The longest period a roster is proposed for, and the longest period of figures. */
const MAX_PROPOSAL_DAYS = 366;
const MAX_FIGURES_DAYS = 5 * 366;
/** Documents read per page for the ledger, and the most one figure reads. */
const MAX_LEDGER = 20_000;

type Fields = Record<string, string>;
const invalid = (fields: Fields) => fail('INPUT.INVALID', Object.values(fields)[0], fields);

const startOfChinaDay = (date: string) => endOfChinaDay(date) + 1 - 24 * 3600_000;
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex');

// ---------------------------------------------------------------------------------------------------
// Who is calling, and for which station

interface Access {
  station: ReceptionStation;
  who: StaffRef;
  today: string;
  /** The stations the caller is staff of (empty for the office). */
  mine: string[];
}

/**
 * The station the caller works for, or a Failure. Staff bound to several stations name one with
 * `stationId`; the office reads (never writes) any station it names.
 */
async function stationAccess(
  db: Db,
  ctx: ActionContext,
  input: Record<string, unknown>,
  mode: 'read' | 'write',
): Promise<Access | Failure> {
  const unidentified = requireCaller(ctx);
  if (unidentified) return unidentified;
  const user = await rolesOf(db, ctx.caller.openid);
  const roles = user?.roles ?? [];
  const mine = roles.flatMap((r) => (r.role === 'staff' ? [r.stationId] : []));
  const office = mode === 'read' && roles.some((r) => r.role === 'office');
  const asked = typeof input.stationId === 'string' && input.stationId ? input.stationId : null;
  let stationId: string | null = null;
  if (asked && (mine.includes(asked) || office)) stationId = asked;
  else if (!asked && mine.length > 0) stationId = mine[0];
  else if (!asked && office) return invalid({ stationId: '请选择联络站' });
  if (!stationId) return fail('AUTH.FORBIDDEN', '此功能仅限本联络站的工作人员使用');
  const station = await getById<ReceptionStation>(db, 'stations', stationId);
  if (!station) return fail('NOT_FOUND', '没有找到这个联络站');
  if (mode === 'write' && !station.active) return fail('STATION.INACTIVE', `${station.name}已停止接待`);
  return {
    station,
    who: { openid: ctx.caller.openid, name: user?.name || station.name },
    today: chinaDate(ctx.now),
    mine,
  };
}

const NO_RULE = (station: ReceptionStation) =>
  fail('RECEPTION.NO_RULE', `${station.name}还没有设置接待日规则，请联系代表工委设置后再安排`);

// ---------------------------------------------------------------------------------------------------
// Views

function stationView(station: ReceptionStation, people: People): StationView {
  return {
    ...stationSummary(station),
    openingHours: station.openingHours,
    ruleLabel: station.receptionRule ? ruleLabel(station.receptionRule) : null,
    deputiesPerDay: people.perDay,
    deputies: people.deputies,
    leaders: people.leaders,
  };
}

function person(id: string, people: People, more?: Map<string, string>): PersonRef {
  return { id, name: people.names.get(id) ?? more?.get(id) ?? id };
}

function rosterView(
  roster: { deputies: readonly string[]; leader: string | null; published: boolean },
  people: People,
  more?: Map<string, string>,
  confirmed: readonly string[] = [],
): DutyRosterView {
  return {
    confirmed: confirmed.map((id) => person(id, people, more)),
    deputies: roster.deputies.map((id) => person(id, people, more)),
    leader: roster.leader ? person(roster.leader, people, more) : null,
    published: roster.published,
    shortBy: Math.max(0, people.perDay - roster.deputies.length),
    leaderMissing: people.leaders.length > 0 && !roster.leader,
  };
}

/** Names of people on stored rosters who have since left the station (a past roster still names them). */
async function formerNames(db: Db, docs: Iterable<ReceptionDayDoc>, people: People) {
  const ids = [...docs].flatMap((d) => [...d.deputies, ...(d.present ?? [])]);
  const missing = ids.filter((id) => !people.names.has(id));
  const found = await byIds<{ _id: string; name: string }>(db, 'deputies', missing);
  return new Map([...found.values()].map((d) => [d._id, d.name]));
}

async function dayViews(
  db: Db,
  station: ReceptionStation,
  plan: ReceptionPlan,
  people: People,
  today: string,
  visitsOn: Map<string, number>,
): Promise<StationDayView[]> {
  const docs = await byIds<ReceptionDayDoc>(db, 'reception_days', [
    ...plan.days.map((d) => receptionDayId(station._id, d.originDate)),
    ...plan.cancelled.map((c) => receptionDayId(station._id, c.date)),
  ]);
  const more = await formerNames(db, docs.values(), people);
  const stored = (origin: string) => {
    const doc = docs.get(receptionDayId(station._id, origin));
    return {
      roster:
        doc && (doc.deputies.length > 0 || doc.leader)
          ? rosterView(doc, people, more, confirmedIds(doc))
          : null,
      present: doc?.present ? doc.present.map((id) => person(id, people, more)) : null,
      swapRequests: doc ? pendingSwaps(doc).map((r) => swapView(r, (id) => person(id, people, more))) : [],
    };
  };
  const held: StationDayView[] = plan.days.map((d) => ({
    date: d.date,
    weekday: weekdayLabel(d.date),
    origin: d.origin,
    extra: d.origin === 'extra',
    ruleDate: d.ruleDate,
    movedFrom: d.movedFrom,
    cancelled: false,
    reason: d.reason,
    onHoliday: d.onHoliday,
    past: d.date < today,
    ...stored(d.originDate),
    visits: visitsOn.get(d.date) ?? 0,
  }));
  const cancelled: StationDayView[] = plan.cancelled.map((c) => ({
    date: c.date,
    weekday: weekdayLabel(c.date),
    origin: c.origin,
    extra: c.origin === 'extra',
    ruleDate: null,
    movedFrom: null,
    cancelled: true,
    reason: c.reason,
    onHoliday: !officialCalendar.isWorkday(c.date),
    past: c.date < today,
    ...stored(c.date),
    present: null,
    swapRequests: [],
    visits: 0,
  }));
  return [...held, ...cancelled].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const EMPTY_PLAN = (from: string, to: string): ReceptionPlan => {
  const uncoveredYears: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    if (!officialCalendar.covers(y)) uncoveredYears.push(y);
  return { days: [], cancelled: [], ignored: [], uncoveredYears };
};

async function planView(
  db: Db,
  station: ReceptionStation,
  period: Period,
  people: People,
  today: string,
  visitsOn: Map<string, number>,
): Promise<ReceptionPlanView> {
  const plan = planOf(station, period.from, period.to) ?? EMPTY_PLAN(period.from, period.to);
  return {
    from: period.from,
    to: period.to,
    days: await dayViews(db, station, plan, people, today, visitsOn),
    ignored: plan.ignored.map(({ override: o, why }) => ({
      kind: o.kind,
      date: o.date,
      to: o.kind === 'move' ? o.to : null,
      reason: o.reason,
      why,
    })),
    uncoveredYears: plan.uncoveredYears,
  };
}

/** The reception day (held on `date`) as staff see it, after a change. */
async function oneDayView(db: Db, access: Access, date: string): Promise<StationDayView | Failure> {
  const people = await peopleOf(db, access.station);
  const visits = await loadVisits(db, access.station._id, { from: date, to: date });
  if (isFailure(visits)) return visits;
  const plan = planOf(access.station, date, date) ?? EMPTY_PLAN(date, date);
  const days = await dayViews(db, access.station, plan, people, access.today, visitCounts(visits));
  const day = days.find((d) => d.date === date && !d.cancelled);
  return day ?? fail('RECEPTION.NO_SUCH_DAY', `${date} 不是接待日`, { date: '该日没有接待日' });
}

// ---------------------------------------------------------------------------------------------------
// The ledger (台账): visits and cases

interface VisitDoc {
  _id: string;
  stationId: string;
  date: string;
  /** The reception day's document id, or null for a walk-in on an ordinary day. */
  receptionDayId: string | null;
  receivedBy: string;
  receivedByName: string;
  visitorName: string | null;
  anonymous: boolean;
  phone: string | null;
  items: Array<{
    kind: CaseKind;
    category: string;
    categoryName: string;
    description: string;
    photos: string[];
    caseId: string;
    caseNo: string;
  }>;
  caseIds: string[];
  answeredOnSpot: boolean;
  answer: string | null;
  clientRequestId: string;
  registeredBy: StaffRef;
  createdAt: Date;
}

/** A case opened from a visitor's item knows its visit, so figures date it by the visit. */
type VisitorCaseDoc = CaseDoc & { visit?: { id: string; date: string } | null };

/** A whole query for a figure, up to MAX_LEDGER documents (more is refused, never half counted). */
async function readAll<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: Record<string, unknown>,
  fields: Record<string, true>,
): Promise<T[] | Failure> {
  const all = await readAllPages<T>(db, collection, where, { max: MAX_LEDGER, fields });
  if (all) return all;
  console.error(`[station] more than ${MAX_LEDGER} ${collection} for one figure`);
  return fail('INTERNAL', '数据太多，暂时无法统计，请缩短统计时段');
}

async function loadVisits(db: Db, stationId: string, period: Period): Promise<LedgerVisit[] | Failure> {
  const _ = db.command;
  const docs = await readAll<Pick<VisitDoc, '_id' | 'date' | 'answeredOnSpot' | 'caseIds'>>(
    db,
    'visitors',
    { stationId, date: _.gte(period.from).and(_.lte(period.to)) },
    { date: true, answeredOnSpot: true, caseIds: true },
  );
  if (isFailure(docs)) return docs;
  return docs.map((v) => ({
    id: v._id,
    date: v.date,
    answeredOnSpot: v.answeredOnSpot,
    caseIds: v.caseIds ?? [],
  }));
}

function visitCounts(visits: readonly LedgerVisit[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of visits) counts.set(v.date, (counts.get(v.date) ?? 0) + 1);
  return counts;
}

const toLedgerCase = (c: VisitorCaseDoc): LedgerCase => ({
  id: c._id,
  channel: c.channel,
  kind: c.kind,
  status: c.status,
  createdAt: new Date(c.createdAt),
  dueAt: c.dueAt ? new Date(c.dueAt) : null,
});

/**
 * The station's figures for a period (core/station-figures.ts). Cases raised at the station are
 * read by creation time (a case is never created before its visit), plus those the period's visits
 * opened later (a paper log typed in afterwards); a case whose visit lies outside the period brings
 * that visit's date along so it is dated by it, without counting the visit.
 */
async function ledgerFigures(db: Db, stationId: string, period: Period, now: number) {
  const _ = db.command;
  const visits = await loadVisits(db, stationId, period);
  if (isFailure(visits)) return visits;
  const fields = {
    channel: true,
    kind: true,
    status: true,
    createdAt: true,
    dueAt: true,
    visit: true,
  } as const;
  const created = await readAll<VisitorCaseDoc>(
    db,
    'cases',
    {
      stationId,
      channel: _.in(['reception_day', 'station_code']),
      createdAt: _.gte(new Date(startOfChinaDay(period.from))).and(_.lte(new Date(endOfChinaDay(period.to)))),
    },
    fields,
  );
  if (isFailure(created)) return created;
  const loaded = new Set(created.map((c) => c._id));
  const later = await byIds<VisitorCaseDoc>(
    db,
    'cases',
    visits.flatMap((v) => v.caseIds).filter((id) => !loaded.has(id)),
  );
  const cases = [...created, ...later.values()];
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

function figuresView(f: ReturnType<typeof stationFigures>): StationFiguresView {
  return { ...f, overdue: f.overdue ?? 0 };
}

// ---------------------------------------------------------------------------------------------------
// Actions

function monthPeriod(raw: unknown, today: string): Period | Failure {
  const month = raw === undefined || raw === null || raw === '' ? today.slice(0, 7) : raw;
  const match = typeof month === 'string' ? MONTH.exec(month) : null;
  if (!match) return invalid({ month: '请选择月份' });
  const last = new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).getUTCDate();
  return { from: `${month as string}-01`, to: `${month as string}-${String(last).padStart(2, '0')}` };
}

/** The months a change touched, whole, for the plan it answers. */
function monthsAround(dates: string[]): Period {
  const sorted = [...dates].sort();
  const last = sorted[sorted.length - 1];
  const [y, m] = last.split('-').map(Number);
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from: `${sorted[0].slice(0, 7)}-01`, to: end };
}

/** The date a day (by origin) is held on under `changes`, or null when it is cancelled or gone. */
function heldOn(station: ReceptionStation, origin: string): string | null {
  const change = changesOf(station).find((c) => c.kind !== 'add' && c.date === origin);
  const date = change?.kind === 'cancel' ? null : change?.kind === 'move' ? change.to : origin;
  return date && plannedDayOn(station, date)?.originDate === origin ? date : null;
}

const sameChange = (a: ReceptionOverride, b: ReceptionOverride) => JSON.stringify(a) === JSON.stringify(b);

async function changeDay(input: Record<string, unknown>, ctx: ActionContext) {
  const db = getDb();
  const access = await stationAccess(db, ctx, input, 'write');
  if (isFailure(access)) return access;
  let station = access.station;
  if (!station.receptionRule) return NO_RULE(station);
  const raw = {
    action: input.kind,
    date: input.date,
    to: input.toDate,
    reason: input.reason,
    force: input.force,
  };
  const _ = db.command;
  let before: ReceptionOverride[] = [];
  let after: ReceptionOverride[] | null = null;
  for (let attempt = 0; attempt < 3 && after === null; attempt++) {
    if (attempt > 0) {
      const fresh = await getById<ReceptionStation>(db, 'stations', station._id);
      if (!fresh?.receptionRule) return NO_RULE(station);
      station = fresh;
    }
    before = changesOf(station);
    const result = changeReceptionDay(station.receptionRule!, before, raw, {
      today: access.today,
      calendar: officialCalendar,
    });
    if (!result.ok) return result;
    const version = station.receptionVersion ?? 0;
    const { updated } = await db
      .collection('stations')
      .where({ _id: station._id, receptionVersion: version === 0 ? _.exists(false) : version })
      .update({ receptionChanges: _.set(result.data), receptionVersion: version + 1 });
    if (updated) after = result.data;
  }
  if (after === null) return fail('CONFLICT', '接待日安排刚刚被其他人修改，请刷新后再试');
  station = { ...station, receptionChanges: after, receptionVersion: (station.receptionVersion ?? 0) + 1 };

  // The days whose changes differ now: their stored roster, attendance and reminders follow them.
  const touched = [
    ...before.filter((o) => !after!.some((n) => sameChange(o, n))),
    ...after.filter((n) => !before.some((o) => sameChange(o, n))),
  ].map((o) => o.date);
  const docs = await byIds<ReceptionDayDoc>(
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
  const period = monthsAround(
    [input.date, input.toDate, ...touched].filter((d): d is string => isIsoDate(d)),
  );
  const visits = await loadVisits(db, station._id, period);
  if (isFailure(visits)) return visits;
  return planView(db, station, period, people, access.today, visitCounts(visits));
}

async function proposeRoster(input: Record<string, unknown>, ctx: ActionContext) {
  const db = getDb();
  const access = await stationAccess(db, ctx, input, 'write');
  if (isFailure(access)) return access;
  const { station, today } = access;
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
  const stored = await readAll<ReceptionDayDoc>(
    db,
    'reception_days',
    { stationId: station._id, date: _.gte(historyFrom).and(_.lte(to)) },
    { originDate: true, date: true, deputies: true, leader: true, published: true, confirmations: true },
  );
  if (isFailure(stored)) return stored;
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
  const view: RosterProposalView = {
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
  return view;
}

async function saveRoster(input: Record<string, unknown>, ctx: ActionContext) {
  const db = getDb();
  const access = await stationAccess(db, ctx, input, 'write');
  if (isFailure(access)) return access;
  const { station, today } = access;
  if (!station.receptionRule) return NO_RULE(station);
  const date = input.date;
  if (!isIsoDate(date)) return invalid({ date: '请选择接待日' });
  if (typeof input.publish !== 'boolean') return invalid({ publish: '请选择保存草稿或发布' });
  const day = plannedDayOn(station, date);
  if (!day) return fail('RECEPTION.NO_SUCH_DAY', `${date} 不是本站的接待日`, { date: '该日没有接待日' });
  const people = await peopleOf(db, station);
  const checked = validateRoster(
    date,
    { deputies: input.deputyIds, leader: input.leaderId ?? null },
    people.deputies,
    people.unavailability,
    { today, deputiesPerDay: people.perDay, leaders: people.leaders },
  );
  if (!checked.ok) return checked;
  const id = receptionDayId(station._id, day.originDate);
  const existing = await getById<ReceptionDayDoc>(db, 'reception_days', id);
  await writeDay(
    db,
    station._id,
    day,
    {
      date: day.date,
      deputies: checked.data.deputies,
      leader: checked.data.leader,
      confirmations: keptConfirmations(existing ?? {}, checked.data.deputies),
      published: input.publish,
      publishedAt: input.publish ? (existing?.publishedAt ?? new Date(ctx.now)) : null,
      rosterBy: access.who,
    },
    ctx.now,
  );
  await syncAttendance(db, await getById<ReceptionDayDoc>(db, 'reception_days', id), true);
  return oneDayView(db, access, day.date);
}

async function recordAttendance(input: Record<string, unknown>, ctx: ActionContext) {
  const db = getDb();
  const access = await stationAccess(db, ctx, input, 'write');
  if (isFailure(access)) return access;
  const { station, today } = access;
  if (!station.receptionRule) return NO_RULE(station);
  const date = input.date;
  if (!isIsoDate(date)) return invalid({ date: '请选择接待日' });
  const day = plannedDayOn(station, date);
  if (!day) return fail('RECEPTION.NO_SUCH_DAY', `${date} 不是本站的接待日`, { date: '该日没有接待日' });
  if (date > today)
    return fail('RECEPTION.NOT_YET', '接待日还没到，当天或之后再登记出席', { date: '尚未到' });
  const ids = input.presentDeputyIds;
  if (
    !Array.isArray(ids) ||
    ids.some((id) => typeof id !== 'string' || !id) ||
    new Set(ids).size !== ids.length
  )
    return invalid({ presentDeputyIds: '出席代表无效' });
  const people = await peopleOf(db, station);
  if ((ids as string[]).some((id) => !people.deputies.some((d) => d.id === id))) {
    return fail('ROSTER.NOT_STATION_DEPUTY', '出席代表必须是本站的代表', {
      presentDeputyIds: '不是本站代表',
    });
  }
  await writeDay(
    db,
    station._id,
    day,
    { date: day.date, present: ids as string[], attendanceAt: new Date(ctx.now), attendanceBy: access.who },
    ctx.now,
  );
  const id = receptionDayId(station._id, day.originDate);
  await syncAttendance(db, await getById<ReceptionDayDoc>(db, 'reception_days', id), true);
  return oneDayView(db, access, day.date);
}

/** Applies or declines a deputy's swap request (the flow is in _lib/duties.ts); answers the day. */
async function decideSwap(input: Record<string, unknown>, ctx: ActionContext) {
  const db = getDb();
  const access = await stationAccess(db, ctx, input, 'write');
  if (isFailure(access)) return access;
  const { station, today } = access;
  if (!station.receptionRule) return NO_RULE(station);
  const { date, requestId, decision } = input;
  const withDeputyId = input.withDeputyId ?? null;
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  const fields: Fields = {};
  if (!isIsoDate(date)) fields.date = '请选择接待日';
  if (typeof requestId !== 'string' || !requestId) fields.requestId = '请选择换班申请';
  if (decision !== 'apply' && decision !== 'decline') fields.decision = '请选择同意或不同意';
  if (withDeputyId !== null && (typeof withDeputyId !== 'string' || !withDeputyId))
    fields.withDeputyId = '请选择接替值班的代表';
  if (charLength(note) > 100) fields.note = '说明最多 100 个字';
  if (Object.keys(fields).length > 0) return invalid(fields);
  const day = plannedDayOn(station, date as string);
  if (!day)
    return fail('RECEPTION.NO_SUCH_DAY', `${date as string} 不是本站的接待日`, { date: '该日没有接待日' });
  const decided = await decide(
    db,
    station,
    receptionDayId(station._id, day.originDate),
    {
      requestId: requestId as string,
      decision: decision as 'apply' | 'decline',
      withDeputyId: withDeputyId as string | null,
      note: note || null,
    },
    access.who,
    today,
    ctx.now,
  );
  return isFailure(decided) ? decided : oneDayView(db, access, day.date);
}

function visitView(doc: VisitDoc, replayed: boolean): VisitView {
  return {
    visitId: doc._id,
    date: doc.date,
    receivedBy: { id: doc.receivedBy, name: doc.receivedByName },
    answeredOnSpot: doc.answeredOnSpot,
    cases: doc.items.map((i) => ({
      caseId: i.caseId,
      caseNo: i.caseNo,
      kind: i.kind,
      categoryName: i.categoryName,
    })),
    createdAt: new Date(doc.createdAt).getTime(),
    replayed,
  };
}

interface CheckedVisit {
  visitorName: string | null;
  phone: string | null;
  anonymous: boolean;
  answeredOnSpot: boolean;
  answer: string | null;
  items: Array<{ kind: CaseKind; category: string; description: string; photos: string[] }>;
}

/** The visitor's details and items; each item is checked as a resident's submission would be. */
function checkVisit(input: Record<string, unknown>, staffOpenid: string, stationCode: string) {
  const fields: Fields = {};
  const anonymous = input.anonymous === true;
  const visitorName = typeof input.visitorName === 'string' ? input.visitorName.trim() : '';
  const phone = typeof input.phone === 'string' ? input.phone.replace(/\s/g, '') : '';
  if (anonymous && (visitorName || phone)) fields.anonymous = '匿名登记时不能留下姓名和电话';
  if (phone && !isValidPhone(phone)) fields.phone = '请填写正确的手机号或带区号的固定电话';
  if (charLength(visitorName) > LIMITS.contactNameMax)
    fields.visitorName = `姓名最多 ${LIMITS.contactNameMax} 个字`;
  if (typeof input.answeredOnSpot !== 'boolean') fields.answeredOnSpot = '请选择是否当场答复';
  const answeredOnSpot = input.answeredOnSpot === true;
  const answer = answeredOnSpot && typeof input.answer === 'string' ? input.answer.trim() : '';
  if (charLength(answer) > LIMITS.replyMax) fields.answer = `答复最多 ${LIMITS.replyMax} 个字`;

  const rawItems = input.items === undefined ? [] : input.items;
  const items: CheckedVisit['items'] = [];
  if (!Array.isArray(rawItems)) fields.items = '反映事项无效';
  else if (rawItems.length > MAX_ITEMS) fields.items = `一次最多登记 ${MAX_ITEMS} 项`;
  else if (rawItems.length === 0 && !answeredOnSpot && !fields.answeredOnSpot)
    fields.items = '请登记群众反映的事项，或选择当场答复';
  else {
    rawItems.forEach((raw, i) => {
      const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const checked = validateSubmit(
        {
          target: { type: 'station', code: stationCode },
          kind: item.kind,
          category: item.category,
          description: item.description,
          photos: item.photos ?? [],
          anonymous: true,
          consent: true,
          clientRequestId: 'visitor-item',
        },
        staffOpenid,
      );
      if (checked.ok) {
        const { kind, category, description, photos } = checked.data;
        items.push({ kind, category, description, photos });
        return;
      }
      for (const key of ['kind', 'category', 'description', 'photos'])
        if (checked.fields?.[key]) fields[`items.${i}.${key}`] = checked.fields[key];
    });
  }
  if (Object.keys(fields).length > 0) return invalid(fields);
  const visit: CheckedVisit = {
    visitorName: anonymous ? null : visitorName || null,
    phone: anonymous ? null : phone || null,
    anonymous,
    answeredOnSpot,
    answer: answer || null,
    items,
  };
  return visit;
}

async function registerVisitor(input: Record<string, unknown>, ctx: ActionContext) {
  const app = getApp();
  const db = getDb();
  const access = await stationAccess(db, ctx, input, 'write');
  if (isFailure(access)) return access;
  const { station, today, who } = access;
  const clientRequestId = typeof input.clientRequestId === 'string' ? input.clientRequestId : '';
  if (!REQUEST_ID.test(clientRequestId)) return invalid({ clientRequestId: '请求编号无效，请重新提交' });
  const visitId = `v${hash(station._id, clientRequestId).slice(0, 24)}`;
  const replay = await getById<VisitDoc>(db, 'visitors', visitId);
  if (replay) return visitView(replay, true);

  const date = input.date;
  if (!isIsoDate(date)) return invalid({ date: '请选择来访日期' });
  if (date > today) return invalid({ date: '不能登记今天以后的来访' });
  const day = plannedDayOn(station, date);
  if (!day && date !== today)
    return fail('RECEPTION.NO_SUCH_DAY', `${date} 不是本站的接待日`, { date: '该日不是接待日' });
  const visit = checkVisit(input, ctx.caller.openid, station.code);
  if (isFailure(visit)) return visit;

  const people = await peopleOf(db, station);
  const receivedBy = typeof input.receivedBy === 'string' ? input.receivedBy : '';
  const deputy = people.deputies.find((d) => d.id === receivedBy);
  if (!deputy)
    return fail('ROSTER.NOT_STATION_DEPUTY', '接待代表必须是本站的代表', { receivedBy: '不是本站代表' });
  const dayDoc = day
    ? await getById<ReceptionDayDoc>(db, 'reception_days', receptionDayId(station._id, day.originDate))
    : null;
  const onDuty = [...(dayDoc?.published ? dayDoc.deputies : []), ...(dayDoc?.present ?? [])];
  if (onDuty.length > 0 && !onDuty.includes(deputy.id)) {
    return fail('ROSTER.NOT_ON_DUTY', `${deputy.name}不在 ${date} 的值班表中`, {
      receivedBy: '不是当天值班代表',
    });
  }
  const list = await categories(db, ctx.now);
  const fields: Fields = {};
  visit.items.forEach((item, i) => {
    if (!list.some((c) => c.key === item.category)) fields[`items.${i}.category`] = '请选择问题分类';
  });
  if (Object.keys(fields).length > 0) return invalid(fields);
  const photos: PhotoRecord[][] = [];
  for (const [i, item] of visit.items.entries()) {
    const checked = await checkPhotos(app, item.photos, ctx.caller.openid);
    if (isFailure(checked))
      return fail(checked.code, checked.message, { [`items.${i}.photos`]: checked.message });
    photos.push(checked);
  }

  // Each item becomes a case with an id derived from the visit, inserted before the visit itself:
  // a retry after a failure finds the cases already stored and stores the visit once.
  const items: VisitDoc['items'] = [];
  for (const [i, item] of visit.items.entries()) {
    const caseId = `c${hash(visitId, String(i)).slice(0, 20)}`;
    const category = list.find((c) => c.key === item.category)!;
    let stored: CaseDoc | null = null;
    for (let attempt = 0; attempt < 3 && !stored; attempt++) {
      const { doc, jobId } = newCaseDoc({
        caseId,
        caseNo: newCaseNo(ctx.now, Math.random),
        openid: '',
        clientRequestId: `${visitId}-${i}`,
        channel: 'reception_day',
        deputy: { id: deputy.id, openid: people.docs.get(deputy.id)?.openid ?? null },
        stationId: station._id,
        kind: item.kind,
        category,
        description: item.description,
        photos: photos[i],
        location: station.location
          ? { ...station.location, name: station.name, address: station.address }
          : null,
        phone: visit.phone,
        contactName: visit.visitorName,
        anonymous: visit.anonymous,
        textCheck: 'pass',
        actor: { role: 'staff', id: station._id, name: who.name },
        note: `${day ? '接待日' : ''}来访登记（${date}），接待代表：${deputy.name}`,
        requestId: clientRequestId,
        now: ctx.now,
      });
      const withVisit: VisitorCaseDoc = { ...doc, visit: { id: visitId, date } };
      try {
        await db.collection('cases').add(withVisit);
        stored = withVisit;
        await deliverClaimed(app, db, withVisit, [jobId], ctx.now).catch((error) =>
          console.warn('[station.registerVisitor] notify', error),
        );
      } catch (error) {
        const index = duplicateIndex(error);
        if (index?.startsWith('caseNo')) continue;
        if (index === '_id_' || index?.startsWith('openid_clientRequestId')) {
          stored = await getById<CaseDoc>(db, 'cases', caseId);
          if (stored) break;
        }
        throw error;
      }
    }
    if (!stored) return fail('CONFLICT', '登记繁忙，请稍后重试');
    items.push({
      kind: item.kind,
      category: category.key,
      categoryName: category.name,
      description: item.description,
      photos: item.photos,
      caseId: stored._id,
      caseNo: stored.caseNo,
    });
  }

  const doc: VisitDoc = {
    _id: visitId,
    stationId: station._id,
    date,
    receptionDayId: day ? receptionDayId(station._id, day.originDate) : null,
    receivedBy: deputy.id,
    receivedByName: deputy.name,
    visitorName: visit.visitorName,
    anonymous: visit.anonymous,
    phone: visit.phone,
    items,
    caseIds: items.map((i) => i.caseId),
    answeredOnSpot: visit.answeredOnSpot,
    answer: visit.answer,
    clientRequestId,
    registeredBy: who,
    createdAt: new Date(ctx.now),
  };
  try {
    await db.collection('visitors').add(doc);
  } catch (error) {
    if (duplicateIndex(error) !== '_id_') throw error;
    const raced = await getById<VisitDoc>(db, 'visitors', visitId);
    if (raced) return visitView(raced, true);
    throw error;
  }
  return visitView(doc, false);
}

export const main = defineFunction('station', {
  async overview(input, ctx): Promise<StationOverviewView | Failure> {
    const db = getDb();
    const access = await stationAccess(db, ctx, input, 'read');
    if (isFailure(access)) return access;
    const { station, today } = access;
    const period = monthPeriod(input.month, today);
    if (isFailure(period)) return period;
    const [people, ledger] = await Promise.all([
      peopleOf(db, station),
      ledgerFigures(db, station._id, period, ctx.now),
    ]);
    if (isFailure(ledger)) return ledger;
    const plan = await planView(db, station, period, people, today, visitCounts(ledger.visits));
    const f = ledger.figures;
    return {
      station: stationView(station, people),
      month: period.from.slice(0, 7),
      today,
      plan,
      visitors: { visits: f.visits, answeredOnSpot: f.answeredOnSpot },
      cases: { opened: f.suggestions, answered: f.handled, open: f.remaining, overdue: f.overdue ?? 0 },
      uncoveredYears: plan.uncoveredYears,
      stations: [...(await byIds<ReceptionStation>(db, 'stations', access.mine)).values()]
        .map((s) => ({ id: s._id, name: s.name }))
        .sort((a, b) => access.mine.indexOf(a.id) - access.mine.indexOf(b.id)),
    };
  },

  changeDay,
  proposeRoster,
  saveRoster,
  registerVisitor,
  recordAttendance,
  decideSwap,

  async figures(input, ctx): Promise<StationFiguresView | Failure> {
    const db = getDb();
    const access = await stationAccess(db, ctx, input, 'read');
    if (isFailure(access)) return access;
    const period = validatePeriod(input);
    if (!period.ok) return period;
    if (daysBetween(period.data.from, period.data.to) > MAX_FIGURES_DAYS)
      return invalid({ to: '统计时段最长五年' });
    const ledger = await ledgerFigures(db, access.station._id, period.data, ctx.now);
    if (isFailure(ledger)) return ledger;
    return figuresView(ledger.figures);
  },
});
