import type { CaseDetailView, InboxTab, InboxView } from '../../miniprogram/core/api';
import { sceneFor } from '../../miniprogram/core/codes';
import { OPEN_STATUSES, type CaseStatus } from '../../miniprogram/core/model';
import { fail, isFailure, type Failure } from '../../miniprogram/core/result';
import { validateReply } from '../../miniprogram/core/submit';
import { getApp, getDb, type Db } from '../_lib/app';
import type { CaseDoc } from '../_lib/case-doc';
import { getById, rolesOf, type DeputyDoc, type StationDoc } from '../_lib/directory';
import { defineFunction, requireCaller, type ActionContext } from '../_lib/handler';
import { codeImageUrls, ensureCodeImages, printableUrl } from '../_lib/qr';
import { applyAction } from '../_lib/transition';
import { decodeCursor, encodeCursor, pageLimit, photoViews, toDeputyListItem, toDetail } from '../_lib/views';

/** What a deputy does on their phone: read the cases addressed to them, answer, show their code. */

const TAB_STATUSES: Record<InboxTab, CaseStatus[] | null> = {
  open: OPEN_STATUSES,
  answered: ['answered'],
  all: null,
};

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
});
