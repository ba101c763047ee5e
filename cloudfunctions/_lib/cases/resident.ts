import type { CaseDetailView, CaseListItem, Page, SubmitResult } from '../../../miniprogram/core/api';
import { RATINGS, type Rating } from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { validateSubmit } from '../../../miniprogram/core/submit';
import { categories, findDeputyByCode, findStationByCode } from '../directory';
import {
  checkText,
  collection,
  derivedId,
  findOne,
  getById,
  requestIdOf,
  requireWeChatUser,
  type ActionContext,
  type CaseDoc,
  type DeputyDoc,
} from '../platform';
import { storeNewCase } from './new-case';
import { adoptPhotos, checkPhotos } from './photos';
import { applyAction } from './transition';
import {
  decodeCursor,
  encodeCursor,
  pageLimit,
  photoViews,
  submitterName,
  toDetail,
  toListItem,
} from './views';

/** What a resident does with their appeals: submit, follow, read, rate. */

export const UNKNOWN_CODE = () =>
  fail('CODE.UNKNOWN', '没有找到这个二维码对应的代表或联络站，请核对后重新扫码');

const submitted = (doc: CaseDoc, replayed: boolean): SubmitResult => ({
  caseId: doc._id,
  caseNo: doc.caseNo,
  status: doc.status,
  createdAt: doc.createdAt,
  replayed,
});

/**
 * `resident.submit`: stores an appeal in two database round trips — the deputy or station lookup,
 * and one insert of the case with its first event and the deputy's notification. The photos are
 * adopted under the case's own path first (photos.ts: storage calls, not database ones). A retried
 * request (same clientRequestId) hits the unique index, or finds its photos already adopted, and
 * gets the stored case back instead of a second one.
 */
export async function submit(
  raw: Record<string, unknown>,
  ctx: ActionContext,
): Promise<SubmitResult | Failure> {
  const openid = requireWeChatUser(ctx);
  if (isFailure(openid)) return openid;
  const valid = validateSubmit(raw, openid);
  if (!valid.ok) return valid;
  const input = valid.data;
  const { app, db } = ctx;

  let deputy: DeputyDoc | null = null;
  let stationId: string | null;
  if (input.target.type === 'deputy') {
    deputy = await findDeputyByCode(db, input.target.code);
    if (!deputy) return UNKNOWN_CODE();
    if (!deputy.active) return fail('CODE.RETIRED', `${deputy.name}已不再履行代表职务，请向所在联络站反映`);
    stationId = deputy.stationId;
  } else {
    const station = await findStationByCode(db, input.target.code);
    if (!station) return UNKNOWN_CODE();
    if (!station.active) return fail('CODE.RETIRED', `${station.name}已停止接待`);
    stationId = station._id;
  }
  const category = (await categories(db, ctx.now)).find((c) => c.key === input.category);
  if (!category) return invalid({ category: '请选择问题分类' });

  const verdict = await checkText(app, input.description, openid);
  if (verdict === 'risky') {
    return fail('CONTENT.RISKY', '描述中含有不适宜发布的内容，请修改后再提交', {
      description: '含有不适宜发布的内容',
    });
  }
  // The case id follows from the request, so a retry adopts its photos to the same place.
  const caseId = derivedId('c', openid, input.clientRequestId);
  const adopted = await adoptPhotos(app, openid, [{ caseId, fileIDs: input.photos, field: 'photos' }]);
  if (isFailure(adopted)) return adopted;
  if (adopted.resumed) {
    const earlier = await findOne(db, 'cases', { openid, clientRequestId: input.clientRequestId });
    if (earlier) return submitted(earlier, true);
  }
  const photos = await checkPhotos(app, adopted.fileIDs[0], openid);
  if (isFailure(photos)) return photos;

  const result = await storeNewCase(ctx, {
    caseId,
    openid,
    clientRequestId: input.clientRequestId,
    channel: deputy ? 'deputy_code' : 'station_code',
    deputy: deputy ? { id: deputy._id, openid: deputy.openid } : null,
    stationId,
    kind: input.kind,
    category,
    description: input.description,
    photos,
    location: input.location ?? null,
    phone: input.phone ?? null,
    contactName: input.contactName ?? null,
    anonymous: input.anonymous,
    // The location's own consent, or, from app versions that did not ask it, the notice's (core/privacy.ts).
    consent: {
      at: ctx.now,
      location: input.location ? (input.locationConsent ? 'separate' : 'notice') : null,
    },
    textCheck: verdict,
    actor: { role: 'resident', id: openid, name: submitterName(input) },
    requestId: input.clientRequestId,
    sameProblemAs: input.sameProblemAs ?? null,
    now: ctx.now,
  });
  if (isFailure(result)) return result;
  if (result.stored) return submitted(result.stored, false);
  const earlier = await findOne(db, 'cases', { openid, clientRequestId: input.clientRequestId });
  return earlier ? submitted(earlier, true) : fail('CONFLICT', '提交繁忙，请稍后重试');
}

/** The caller's own case, or NOT_FOUND: someone else's case answers exactly like a missing one. */
async function ownCase(ctx: ActionContext, caseId: unknown): Promise<CaseDoc | Failure> {
  const openid = requireWeChatUser(ctx);
  if (isFailure(openid)) return openid;
  const doc = typeof caseId === 'string' && caseId ? await getById(ctx.db, 'cases', caseId) : null;
  return doc && doc.openid === openid ? doc : fail('NOT_FOUND', '没有找到这条诉求');
}

async function residentView(ctx: ActionContext, doc: CaseDoc): Promise<CaseDetailView> {
  const [photos, deputy, station] = await Promise.all([
    photoViews(ctx.app, doc),
    getById(ctx.db, 'deputies', doc.deputyId),
    getById(ctx.db, 'stations', doc.stationId),
  ]);
  return toDetail(doc, 'resident', photos, { deputy: deputy?.name ?? null, station: station?.name ?? null });
}

/** `resident.myCases`: the caller's own appeals, newest first, a page at a time. */
export async function myCases(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<Page<CaseListItem> | Failure> {
  const openid = requireWeChatUser(ctx);
  if (isFailure(openid)) return openid;
  const limit = pageLimit(input.limit);
  const before = decodeCursor(input.cursor);
  const where = before === null ? { openid } : { openid, createdAt: ctx.db.command.lt(before) };
  const { data } = await collection(ctx.db, 'cases')
    .where(where)
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .get();
  const items = data.map((d) => toListItem(d, 'resident'));
  return { items, nextCursor: encodeCursor(items, limit) };
}

/** `resident.caseDetail`: one of the caller's cases in full; opening it clears its unread dot. */
export async function caseDetail(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<CaseDetailView | Failure> {
  const doc = await ownCase(ctx, input.caseId);
  if (isFailure(doc)) return doc;
  if (doc.unreadByResident)
    await collection(ctx.db, 'cases').doc(doc._id).update({ unreadByResident: false });
  return residentView(ctx, { ...doc, unreadByResident: false });
}

/** `resident.rate`: 满意 / 基本满意 closes the case; 不满意 leaves it for the deputy or office to redo or supervise. */
export async function rate(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<CaseDetailView | Failure> {
  const doc = await ownCase(ctx, input.caseId);
  if (isFailure(doc)) return doc;
  const rating = input.rating as Rating;
  if (!RATINGS.includes(rating)) return invalid({ rating: '请选择满意程度' });
  const clientRequestId = requestIdOf(input);
  if (isFailure(clientRequestId)) return clientRequestId;
  const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
  const result = await applyAction(ctx, doc, {
    action: 'rate',
    actor: { role: 'resident', id: doc.openid, name: submitterName(doc) },
    input: { rating, ...(comment ? { note: comment } : {}) },
    clientRequestId,
    actorParty: 'resident',
  });
  return isFailure(result) ? result : residentView(ctx, result);
}
