import type { CaseDetailView, DeputyRecordView, InboxTab, InboxView } from '../../miniprogram/core/api';
import { sceneFor } from '../../miniprogram/core/codes';
import { endOfChinaDay } from '../../miniprogram/core/deadlines';
import {
  deputyRecord,
  yearPeriod,
  type AttendanceDay,
  type RecordCase,
} from '../../miniprogram/core/deputy-record';
import { DEPUTY_LEVEL_LABELS, OPEN_STATUSES, type CaseStatus } from '../../miniprogram/core/model';
import type { Period } from '../../miniprogram/core/station-figures';
import { chinaDate } from '../../miniprogram/core/text';
import { fail, isFailure, type Failure } from '../../miniprogram/core/result';
import { validateReply } from '../../miniprogram/core/submit';
import { getApp, getDb, type Db } from '../_lib/platform/app';
import { officialCalendar } from '../_lib/calendar/official';
import type { CaseDoc } from '../_lib/platform/schema/cases';
import { getById, rolesOf, type DeputyDoc, type StationDoc } from '../_lib/directory/records';
import { confirmDuty, myDuties, requestSwap } from '../_lib/reception/duties';
import { defineFunction, requireCaller, type ActionContext } from '../_lib/platform/handler';
import { codeImageUrls, ensureCodeImages, printableUrl } from '../_lib/codes/qr';
import { applyAction } from '../_lib/cases/transition';
import {
  decodeCursor,
  encodeCursor,
  pageLimit,
  photoViews,
  toDeputyListItem,
  toDetail,
} from '../_lib/cases/views';

/**
 * What a deputy does on their phone: read the cases addressed to them, answer, show their code, and
 * see, confirm or hand over their reception-day duties (the flow is in _lib/duties.ts).
 */

/** Statuses in which someone is working on the case after it was accepted. */
const WORKING_STATUSES: CaseStatus[] = ['accepted', 'pending_review', 'in_progress'];
const DONE_STATUSES: CaseStatus[] = ['closed', 'declined', 'merged'];

const INBOX_TABS: InboxTab[] = ['new', 'in_progress', 'overdue', 'awaiting_rating', 'done', 'all'];

/**
 * Which of the deputy's cases a tab holds, as where-clauses of which a case must match one (every
 * clause leads with deputyId, then status, for the deputyId_status_createdAt index). The tabs are
 * views, not a partition: an overdue case is also new or in progress.
 * - new: submitted, not yet accepted or explained;
 * - in_progress: accepted, waiting for the office's review, routed; and also answered but rated
 *   不满意: the case waits for the deputy's (or office's) choice of 发回重办 or 督办, which is work
 *   still to do, not a rating still to come;
 * - overdue: open, with a due instant before now (a paused clock has no dueAt);
 * - awaiting_rating: answered and not yet rated;
 * - done: closed (rated or by time), declined with an explanation, merged into another case.
 */
function tabClauses(db: Db, deputyId: string, tab: InboxTab, now: number): Array<Record<string, unknown>> {
  const _ = db.command;
  switch (tab) {
    case 'new':
      return [{ deputyId, status: 'submitted' }];
    case 'in_progress':
      return [
        { deputyId, status: _.in(WORKING_STATUSES) },
        { deputyId, status: 'answered', rating: 'unsatisfied' },
      ];
    case 'overdue':
      return [{ deputyId, status: _.in(OPEN_STATUSES), dueAt: _.lt(new Date(now)) }];
    case 'awaiting_rating':
      return [{ deputyId, status: 'answered', rating: null }];
    case 'done':
      return [{ deputyId, status: _.in(DONE_STATUSES) }];
    case 'all':
      return [{ deputyId }];
  }
}

/** One where for the clauses (any of them), narrowed by `extra` when given. */
function whereOf(db: Db, clauses: Array<Record<string, unknown>>, extra?: Record<string, unknown>): object {
  const _ = db.command;
  const narrowed = extra ? clauses.map((clause) => ({ ...clause, ...extra })) : clauses;
  return narrowed.length === 1 ? narrowed[0] : _.or(narrowed);
}

/** The deputy this WeChat user is bound to, or a Failure: the role comes from the database, never the request. */
async function currentDeputy(db: Db, ctx: ActionContext): Promise<DeputyDoc | Failure> {
  const unidentified = requireCaller(ctx);
  if (unidentified) return unidentified;
  const user = await rolesOf(db, ctx.caller.openid);
  const role = user?.roles.find((r) => r.role === 'deputy');
  const deputy = role?.role === 'deputy' ? await getById<DeputyDoc>(db, 'deputies', role.deputyId) : null;
  return deputy ?? fail('AUTH.FORBIDDEN', '此功能仅限已绑定的人大代表使用');
}

/** A case addressed to this deputy, or NOT_FOUND (other deputies' cases are not disclosed). */
async function ownCase(db: Db, deputy: DeputyDoc, caseId: unknown): Promise<CaseDoc | Failure> {
  const doc = typeof caseId === 'string' && caseId ? await getById<CaseDoc>(db, 'cases', caseId) : null;
  return doc && doc.deputyId === deputy._id ? doc : fail('NOT_FOUND', '没有找到这条诉求');
}

async function detail(db: Db, doc: CaseDoc, deputy: DeputyDoc): Promise<CaseDetailView> {
  const [photos, station] = await Promise.all([
    photoViews(getApp(), doc),
    getById<StationDoc>(db, 'stations', doc.stationId),
  ]);
  return toDetail(doc, 'deputy', photos, { deputy: deputy.name, station: station?.name ?? null });
}

/** Cases read per page for the record, and the most one record reads (a deputy gets a few thousand a year). */
const RECORD_PAGE = 500;
const RECORD_MAX_CASES = 20_000;

/** The first instant of a China-local date. */
const startOfChinaDay = (date: string) => endOfChinaDay(date) + 1 - 24 * 3600_000;

/**
 * The deputy's cases that can hold anything of the period: created by its end and changed since its
 * start (every transition sets `updatedAt`, so a case untouched since before the period has no event
 * in it). Paged by _id over the deputyId index, with only the fields the record needs.
 */
async function recordCases(db: Db, deputyId: string, period: Period): Promise<RecordCase[] | Failure> {
  const _ = db.command;
  const cases: RecordCase[] = [];
  let after: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = {
      deputyId,
      createdAt: _.lte(new Date(endOfChinaDay(period.to))),
      updatedAt: _.gte(new Date(startOfChinaDay(period.from))),
    };
    if (after !== null) where._id = _.gt(after);
    const { data } = await db
      .collection('cases')
      .where(where)
      .orderBy('_id', 'asc')
      .limit(RECORD_PAGE)
      .field({
        _id: true,
        deputyId: true,
        createdAt: true,
        clock: true,
        pauses: true,
        'events.type': true,
        'events.at': true,
        'events.actor': true,
        'events.from': true,
        'events.detail': true,
      })
      .get();
    const page = data as Array<
      Pick<CaseDoc, '_id' | 'deputyId' | 'createdAt' | 'clock' | 'pauses' | 'events'>
    >;
    for (const doc of page)
      cases.push({
        id: doc._id,
        deputyId: doc.deputyId,
        createdAt: doc.createdAt,
        clock: doc.clock ?? null,
        pauses: doc.pauses ?? [],
        events: doc.events ?? [],
      });
    if (page.length < RECORD_PAGE) return cases;
    if (cases.length >= RECORD_MAX_CASES) {
      console.error(`[deputy.record] ${deputyId}: more than ${RECORD_MAX_CASES} cases in ${period.from}…`);
      return fail('INTERNAL', '案件太多，暂时无法统计，请联系代表工委');
    }
    after = page[page.length - 1]._id;
  }
}

/**
 * The reception days the deputy was on the roster for, from `reception_attendance` (one document
 * per station and reception day, shaped as core/deputy-record.ts AttendanceDay). Issue 5 (stations)
 * brings that collection; until it exists there is nothing to count, and the record says 0. Read
 * defensively: a document missing the fields is skipped, not trusted. One read is enough: a deputy
 * is on a roster a few dozen days a year at most.
 */
async function receptionAttendance(db: Db, deputyId: string, period: Period): Promise<AttendanceDay[]> {
  const _ = db.command;
  let data: unknown[];
  try {
    ({ data } = await db
      .collection('reception_attendance')
      .where({ deputies: deputyId, date: _.gte(period.from).and(_.lte(period.to)) })
      .limit(1000)
      .get());
  } catch (error) {
    if ((error as { code?: unknown }).code === 'DATABASE_COLLECTION_NOT_EXIST') return [];
    throw error;
  }
  const ids = (value: unknown): string[] | null =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
  return data.flatMap((raw) => {
    const doc = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const deputies = ids(doc.deputies);
    if (typeof doc.stationId !== 'string' || typeof doc.date !== 'string' || !deputies) return [];
    return [
      {
        stationId: doc.stationId,
        date: doc.date,
        deputies,
        leader: typeof doc.leader === 'string' ? doc.leader : null,
        present: ids(doc.present),
      },
    ];
  });
}

export const main = defineFunction('deputy', {
  async inbox(input, ctx): Promise<InboxView | Failure> {
    const db = getDb();
    const deputy = await currentDeputy(db, ctx);
    if (isFailure(deputy)) return deputy;
    const _ = db.command;
    const tab: InboxTab = INBOX_TABS.includes(input.tab as InboxTab) ? (input.tab as InboxTab) : 'new';
    const limit = pageLimit(input.limit);
    const before = decodeCursor(input.cursor);
    const clauses = (which: InboxTab) => tabClauses(db, deputy._id, which, ctx.now);
    const cases = db.collection('cases');
    const [page, unread, ...totals] = await Promise.all([
      cases
        .where(whereOf(db, clauses(tab), before ? { createdAt: _.lt(before) } : undefined))
        .orderBy('createdAt', 'desc')
        .limit(limit)
        .get(),
      cases.where({ deputyId: deputy._id, unreadByDeputy: true }).count(),
      ...INBOX_TABS.map((which) => cases.where(whereOf(db, clauses(which))).count()),
    ]);
    const items = (page.data as CaseDoc[]).map(toDeputyListItem);
    const counts = Object.fromEntries(INBOX_TABS.map((which, i) => [which, totals[i].total])) as Record<
      InboxTab,
      number
    >;
    return { items, nextCursor: encodeCursor(items, limit), counts, unread: unread.total };
  },

  async caseDetail(input, ctx) {
    const db = getDb();
    const deputy = await currentDeputy(db, ctx);
    if (isFailure(deputy)) return deputy;
    const doc = await ownCase(db, deputy, input.caseId);
    if (isFailure(doc)) return doc;
    if (doc.unreadByDeputy) await db.collection('cases').doc(doc._id).update({ unreadByDeputy: false });
    return detail(db, { ...doc, unreadByDeputy: false }, deputy);
  },

  /**
   * The deputy's own answer to the resident: the lifecycle's `reply`, applied as one conditional
   * update (see _lib/transition.ts). A retry with the same clientRequestId changes nothing.
   */
  async reply(raw, ctx) {
    const valid = validateReply(raw);
    if (!valid.ok) return valid;
    const { caseId, content, clientRequestId } = valid.data;
    const db = getDb();
    const deputy = await currentDeputy(db, ctx);
    if (isFailure(deputy)) return deputy;
    const doc = await ownCase(db, deputy, caseId);
    if (isFailure(doc)) return doc;
    const result = await applyAction(
      getApp(),
      db,
      doc,
      {
        action: 'reply',
        actor: { role: 'deputy', id: deputy._id, name: deputy.name },
        input: { note: content },
        clientRequestId,
        actorParty: 'deputy',
      },
      ctx.now,
    );
    return isFailure(result) ? result : detail(db, result, deputy);
  },

  async myCode(_input, ctx) {
    const db = getDb();
    const deputy = await currentDeputy(db, ctx);
    if (isFailure(deputy)) return deputy;
    const target = { type: 'deputy' as const, code: deputy.code };
    const app = getApp();
    const images = await ensureCodeImages(app, target);
    const urls = await codeImageUrls(app, images);
    if (!urls.qr) return fail('INTERNAL', '二维码生成失败，请稍后再试');
    return {
      code: deputy.code,
      name: deputy.name,
      url: printableUrl(target),
      qrImageUrl: urls.qr,
      wxacodeImageUrl: urls.wxacode,
      scene: sceneFor(target),
    };
  },

  /**
   * 履职档案: the caller's figures for a China-local calendar year (default: the current one),
   * computed by core/deputy-record.ts from the events of their cases and the reception attendance.
   */
  async record(input, ctx): Promise<DeputyRecordView | Failure> {
    const db = getDb();
    const deputy = await currentDeputy(db, ctx);
    if (isFailure(deputy)) return deputy;
    const thisYear = Number(chinaDate(ctx.now).slice(0, 4));
    const year = input.year === undefined || input.year === null ? thisYear : input.year;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > thisYear + 1)
      return fail('INPUT.INVALID', '请选择要查看的年份', { year: '请选择要查看的年份' });
    const period = yearPeriod(year);
    const [cases, attendance] = await Promise.all([
      recordCases(db, deputy._id, period),
      receptionAttendance(db, deputy._id, period),
    ]);
    if (isFailure(cases)) return cases;
    const figures = deputyRecord({
      deputyId: deputy._id,
      cases,
      attendance,
      period,
      calendar: officialCalendar,
    });
    return {
      deputy: { id: deputy._id, name: deputy.name, levelLabel: DEPUTY_LEVEL_LABELS[deputy.level] },
      period: figures.period,
      received: figures.received,
      accepted: figures.accepted,
      routed: figures.routed,
      answered: figures.answered,
      explained: figures.explained,
      answeredOnTime: figures.answeredOnTime,
      onTimeRate: figures.onTimeRate,
      rated: figures.rated,
      satisfied: figures.satisfied,
      basicallySatisfied: figures.basicallySatisfied,
      unsatisfied: figures.unsatisfied,
      satisfactionRate: figures.satisfactionRate,
      receptionDaysRostered: figures.receptionDaysRostered,
      receptionDaysAttended: figures.receptionDaysAttended,
    };
  },

  async duties(_input, ctx) {
    const db = getDb();
    const deputy = await currentDeputy(db, ctx);
    return isFailure(deputy) ? deputy : myDuties(db, deputy, ctx.now);
  },

  async confirmDuty(input, ctx) {
    const db = getDb();
    const deputy = await currentDeputy(db, ctx);
    return isFailure(deputy) ? deputy : confirmDuty(db, deputy, input, ctx.now);
  },

  async requestSwap(input, ctx) {
    const db = getDb();
    const deputy = await currentDeputy(db, ctx);
    return isFailure(deputy) ? deputy : requestSwap(db, deputy, input, ctx.now);
  },
});
