import type { CaseDetailView, InboxTab, InboxView } from '../../miniprogram/core/api';
import { sceneFor } from '../../miniprogram/core/codes';
import { OPEN_STATUSES, type CaseStatus } from '../../miniprogram/core/model';
import { caseUpdatedData } from '../../miniprogram/core/notifications';
import { fail, isFailure, type Failure } from '../../miniprogram/core/result';
import { validateReply } from '../../miniprogram/core/submit';
import { getApp, getDb, type Db } from '../_lib/app';
import type { CaseDoc, CaseEvent } from '../_lib/case-doc';
import { getById, rolesOf, type DeputyDoc, type StationDoc } from '../_lib/directory';
import { defineFunction, requireCaller, type ActionContext } from '../_lib/handler';
import { deliverClaimed, newJob } from '../_lib/outbox';
import { codeImageUrls, ensureCodeImages, printableUrl } from '../_lib/qr';
import { decodeCursor, encodeCursor, pageLimit, photoViews, toDeputyListItem, toDetail } from '../_lib/views';

/** What a deputy does on their phone: read the cases addressed to them, answer, show their code. */

const TAB_STATUSES: Record<InboxTab, CaseStatus[] | null> = {
  open: OPEN_STATUSES,
  answered: ['answered'],
  all: null,
};

/** Statuses in which a deputy may still answer the resident. */
const REPLYABLE: CaseStatus[] = [...OPEN_STATUSES, 'answered'];

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

export const main = defineFunction('deputy', {
  async inbox(input, ctx): Promise<InboxView | Failure> {
    const db = getDb();
    const deputy = await currentDeputy(db, ctx);
    if (isFailure(deputy)) return deputy;
    const _ = db.command;
    const tab: InboxTab = input.tab === 'answered' || input.tab === 'all' ? input.tab : 'open';
    const limit = pageLimit(input.limit);
    const before = decodeCursor(input.cursor);
    const mine = (statuses: CaseStatus[] | null) =>
      statuses ? { deputyId: deputy._id, status: _.in(statuses) } : { deputyId: deputy._id };
    const where: Record<string, unknown> = mine(TAB_STATUSES[tab]);
    if (before) where.createdAt = _.lt(before);
    const cases = db.collection('cases');
    const [page, open, answered, all, unread] = await Promise.all([
      cases.where(where).orderBy('createdAt', 'desc').limit(limit).get(),
      cases.where(mine(TAB_STATUSES.open)).count(),
      cases.where(mine(TAB_STATUSES.answered)).count(),
      cases.where(mine(null)).count(),
      cases.where({ deputyId: deputy._id, unreadByDeputy: true }).count(),
    ]);
    const items = (page.data as CaseDoc[]).map(toDeputyListItem);
    return {
      items,
      nextCursor: encodeCursor(items, limit),
      counts: { open: open.total, answered: answered.total, all: all.total },
      unread: unread.total,
    };
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
   * The deputy's answer, as one conditional update on the case's version: the event, the new
   * status and the resident's notification land together or not at all, and of two concurrent
   * writers exactly one succeeds. A retry with the same clientRequestId finds its event and stops.
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
    if (doc.events.some((e) => e.requestId === clientRequestId)) return detail(db, doc, deputy);
    if (!REPLYABLE.includes(doc.status)) return fail('CONFLICT', '这条诉求已办结，不能再答复');

    const now = new Date(ctx.now);
    const seq = doc.events.length + 1;
    const to: CaseStatus = 'answered';
    const event: CaseEvent = {
      seq,
      type: 'replied',
      at: now,
      actor: { role: 'deputy', id: deputy._id, name: deputy.name },
      from: doc.status,
      to,
      note: content,
      requestId: clientRequestId,
    };
    const job = newJob({
      caseId: doc._id,
      seq,
      recipient: 'resident',
      template: 'caseUpdated',
      to: doc.openid,
      data: caseUpdatedData({ caseNo: doc.caseNo, status: to, note: content, at: ctx.now }),
      now: ctx.now,
      claimed: true,
      pageQuery: `id=${doc._id}`,
    });
    const _ = db.command;
    const { updated } = await db
      .collection('cases')
      .where({ _id: doc._id, version: doc.version })
      .update({
        status: to,
        version: _.inc(1),
        updatedAt: now,
        events: _.push([event]),
        outbox: _.push([job]),
        outboxRev: _.inc(1),
        // The job is delivered below; the sweep only looks again if that claim is never settled.
        outboxDueAt: new Date(ctx.now + 5 * 60_000),
        unreadByResident: true,
        unreadByDeputy: false,
      });
    if (!updated) return fail('CONFLICT', '这条诉求刚刚有了新的进展，请刷新后再答复');
    const stored: CaseDoc = {
      ...doc,
      status: to,
      version: doc.version + 1,
      updatedAt: now,
      events: [...doc.events, event],
      outbox: [...doc.outbox, job],
      unreadByResident: true,
      unreadByDeputy: false,
    };
    await deliverClaimed(getApp(), db, stored, [job.id], ctx.now).catch((error) =>
      console.warn('[deputy.reply] notify', error),
    );
    return detail(db, stored, deputy);
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
});
