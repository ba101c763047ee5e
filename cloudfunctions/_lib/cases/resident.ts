import type { CaseDetailView, CaseListItem, Page, SubmitResult } from '../../../miniprogram/core/api';
import { RATINGS, type Rating } from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { validateSubmit } from '../../../miniprogram/core/submit';
import { textInput, WRONG_TYPE } from '../../../miniprogram/core/text';
import { categories, findDeputyByCode, findStationByCode } from '../directory';
import {
  collection,
  screenTexts,
  TEXT_SCENE,
  derivedId,
  findOne,
  handlesInPerson,
  identify,
  requestIdOf,
  requireWeChatUser,
  type ActionContext,
  type CaseDoc,
  type DeputyDoc,
} from '../platform';
import { storeNewCase } from './new-case';
import { adoptedNotes, adoptPhotos, checkPhotos, checkVoiceNotes } from './photos';
import { ownCase, residentView } from './resident-view';
import { applyAction } from './transition';
import { decodeCursor, encodeCursor, pageLimit, submitterName, toListItem } from './views';

/** What a resident does with their appeals: submit, follow, read, rate. */

export const UNKNOWN_CODE = () =>
  fail('CODE.UNKNOWN', '没有找到这个二维码对应的代表或联络站，请核对后重新扫码');

const SELF_APPEAL = () =>
  fail(
    'CASE.SELF_ADDRESSED',
    '这是您本人的代表码，代表不能向自己反映问题。如有诉求，请向所在联络站或其他代表反映',
  );

/**
 * Whoever handles the case in person (its deputy, its station's staff) may not rate it, even when
 * they sent it from their own account: the rating would count in their own record or figures.
 */
async function refuseOwnRating(ctx: ActionContext, doc: CaseDoc): Promise<Failure | null> {
  const caller = await identify(ctx);
  if (isFailure(caller)) return caller;
  switch (handlesInPerson(caller, doc)) {
    case 'deputy':
      return fail('CASE.SELF_ADDRESSED', '这条诉求是向您本人反映的，评价须由群众作出，您不能为它评价');
    case 'staff':
      return fail('CASE.SELF_ADDRESSED', '这条诉求由您所在的联络站办理，您不能为本站办理的诉求评价');
    case null:
      return null;
  }
}

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
    // A deputy's appeal to themselves would count in their own record (履职档案). Their bound account
    // is on the deputy's record, so this costs no read.
    if (deputy.openid === openid) return SELF_APPEAL();
    stationId = deputy.stationId;
  } else {
    const station = await findStationByCode(db, input.target.code);
    if (!station) return UNKNOWN_CODE();
    if (!station.active) return fail('CODE.RETIRED', `${station.name}已停止接待`);
    stationId = station._id;
  }
  const category = (await categories(db, ctx.now)).find((c) => c.key === input.category);
  if (!category) return invalid({ category: '请选择问题分类' });

  const screened = await screenTexts(openid, [
    { field: 'description', label: '问题描述', text: input.description, scene: TEXT_SCENE.forum },
    { field: 'contactName', label: '联系人姓名', text: input.contactName, scene: TEXT_SCENE.profile },
    { field: 'location.name', label: '地点名称', text: input.location?.name, scene: TEXT_SCENE.profile },
    { field: 'location.address', label: '地址', text: input.location?.address, scene: TEXT_SCENE.profile },
  ]);
  if (isFailure(screened)) return screened;
  // The case id follows from the request, so a retry adopts its photos to the same place.
  const caseId = derivedId('c', openid, input.clientRequestId);
  const voiceInput = input.voiceNotes ?? [];
  const adopted = await adoptPhotos(app, openid, [
    { caseId, fileIDs: input.photos, field: 'photos' },
    { caseId, fileIDs: voiceInput.map((n) => n.fileID), field: 'voiceNotes', kind: 'voice' },
  ]);
  if (isFailure(adopted)) return adopted;
  if (adopted.resumed) {
    const earlier = await findOne(db, 'cases', { openid, clientRequestId: input.clientRequestId });
    if (earlier) return submitted(earlier, true);
  }
  const photos = await checkPhotos(app, adopted.fileIDs[0], openid);
  if (isFailure(photos)) return photos;
  const voiceNotes = await checkVoiceNotes(app, adoptedNotes(voiceInput, adopted.fileIDs[1]), openid);
  if (isFailure(voiceNotes)) return voiceNotes;

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
    voiceNotes,
    location: input.location ?? null,
    phone: input.phone ?? null,
    contactName: input.contactName ?? null,
    anonymous: input.anonymous,
    // The location's own consent, or, from app versions that did not ask it, the notice's (core/privacy.ts).
    consent: {
      at: ctx.now,
      location: input.location ? (input.locationConsent ? 'separate' : 'notice') : null,
    },
    textReview: screened.review,
    actor: { role: 'resident', id: openid, name: submitterName(input) },
    requestId: input.clientRequestId,
    sameProblemAs: input.sameProblemAs ?? null,
    publishConsent: input.publishConsent === true,
    now: ctx.now,
  });
  if (isFailure(result)) return result;
  if (result.stored) return submitted(result.stored, false);
  const earlier = await findOne(db, 'cases', { openid, clientRequestId: input.clientRequestId });
  return earlier ? submitted(earlier, true) : fail('CONFLICT', '提交繁忙，请稍后重试');
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
  const comment = textInput(input.comment, 'lines');
  if (comment === null) return invalid({ comment: `评价意见${WRONG_TYPE}` });
  const own = await refuseOwnRating(ctx, doc);
  if (own) return own;
  const screened = await screenTexts(doc.openid, [
    { field: 'comment', label: '评价', text: comment, scene: TEXT_SCENE.comment },
  ]);
  if (isFailure(screened)) return screened;
  const result = await applyAction(ctx, doc, {
    action: 'rate',
    actor: { role: 'resident', id: doc.openid, name: submitterName(doc) },
    input: { rating, ...(comment ? { note: comment } : {}) },
    clientRequestId,
    actorParty: 'resident',
    review: screened.review,
  });
  return isFailure(result) ? result : residentView(ctx, result);
}

/**
 * `resident.setPublishConsent` (五公开): gives or withdraws the consent to show the case's outcome,
 * masked, on the deputy's and station's public page once it is closed. Withdrawn, it is gone from
 * the page at once. Setting what is already set changes nothing, so a retry is harmless.
 */
export async function setPublishConsent(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<CaseDetailView | Failure> {
  const doc = await ownCase(ctx, input.caseId);
  if (isFailure(doc)) return doc;
  if (typeof input.consent !== 'boolean') return invalid({ consent: '请选择是否同意公开办理结果' });
  if (input.consent && (doc.redaction || doc.erasureRequestedAt))
    return invalid({ consent: '您已申请删除这条诉求的个人信息，它不会被公开' });
  if ((doc.publishConsent === true) === input.consent) return residentView(ctx, doc);
  const changes = { publishConsent: input.consent, publishConsentAt: ctx.now };
  await collection(ctx.db, 'cases').doc(doc._id).update(changes);
  return residentView(ctx, { ...doc, ...changes });
}
