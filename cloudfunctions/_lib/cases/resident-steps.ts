import { posix } from 'node:path';
import type { CaseDetailView } from '../../../miniprogram/core/api';
import { allowedActions } from '../../../miniprogram/core/lifecycle';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { chaseView, SUPPLEMENT_LIMITS, validateSupplement } from '../../../miniprogram/core/resident-steps';
import { charLength, textInput, WRONG_TYPE } from '../../../miniprogram/core/text';
import { officialCalendar } from '../calendar';
import {
  requestIdOf,
  requireWeChatUser,
  screenTexts,
  TEXT_SCENE,
  type ActionContext,
  type CaseDoc,
} from '../platform';
import { adoptedNotes, adoptPhotos, checkPhotos, checkVoiceNotes } from './photos';
import { VOICE_LIMITS } from '../../../miniprogram/core/voice';
import { chaseFacts, ownCase, residentView } from './resident-view';
import { applyAction, stateOf } from './transition';
import { submitterName } from './views';

/**
 * The resident's own steps on their open case (core/resident-steps.ts, decision 0025): 催办, 补充,
 * 撤回. Each is a lifecycle action (core/lifecycle-table.ts) written by applyAction as one
 * conditional update: an event in the timeline, the deputy told through the outbox, and a retried
 * request (same clientRequestId) answered with the case as it is, changing nothing twice. Only the
 * case's own resident (its OpenID, from the WeChat context) may take them.
 */

const actorOf = (doc: CaseDoc) => ({ role: 'resident' as const, id: doc.openid, name: submitterName(doc) });

const answered = async (ctx: ActionContext, result: CaseDoc | Failure): Promise<CaseDetailView | Failure> =>
  isFailure(result) ? result : residentView(ctx, result);

/** Whether this request was already stored: a retry answers the case as it is. */
const done = (doc: CaseDoc, requestId: string) => doc.events.some((e) => e.requestId === requestId);

/** `resident.chase`: a polite 催办 once the answer is overdue, within the limits of core/resident-steps.ts. */
export async function chase(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<CaseDetailView | Failure> {
  const doc = await ownCase(ctx, input.caseId);
  if (isFailure(doc)) return doc;
  const clientRequestId = requestIdOf(input);
  if (isFailure(clientRequestId)) return clientRequestId;
  if (done(doc, clientRequestId)) return residentView(ctx, doc);
  // The status first (the lifecycle's refusal names it); then the deadline and the limits.
  if (allowedActions(stateOf(doc), 'resident').includes('chase')) {
    const view = chaseView(chaseFacts(doc, ctx.now), ctx.now, officialCalendar);
    if (!view.allowed) return fail('CASE.CHASE_LIMITED', view.message);
  }
  return answered(
    ctx,
    await applyAction(ctx, doc, {
      action: 'chase',
      actor: actorOf(doc),
      input: {},
      clientRequestId,
      actorParty: 'resident',
    }),
  );
}

/** `resident.withdraw`: 撤回 before anyone accepted the case, with an optional reason. */
export async function withdraw(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<CaseDetailView | Failure> {
  const doc = await ownCase(ctx, input.caseId);
  if (isFailure(doc)) return doc;
  const clientRequestId = requestIdOf(input);
  if (isFailure(clientRequestId)) return clientRequestId;
  if (done(doc, clientRequestId)) return residentView(ctx, doc);
  const reason = textInput(input.reason, 'lines');
  if (reason === null) return invalid({ reason: `撤回原因${WRONG_TYPE}` });
  if (charLength(reason) > SUPPLEMENT_LIMITS.reasonMax)
    return invalid({ reason: `撤回原因最多 ${SUPPLEMENT_LIMITS.reasonMax} 个字` });
  const screened = await screenTexts(doc.openid, [
    { field: 'reason', label: '撤回原因', text: reason, scene: TEXT_SCENE.comment },
  ]);
  if (isFailure(screened)) return screened;
  return answered(
    ctx,
    await applyAction(ctx, doc, {
      action: 'withdraw',
      actor: actorOf(doc),
      input: reason ? { note: reason } : {},
      clientRequestId,
      actorParty: 'resident',
      review: screened.review,
    }),
  );
}

/**
 * `resident.supplement`: 补充 text, photos and/or voice notes while the case is open. They go exactly as
 * submit's do (photos.ts): uploaded under the caller's own prefix, adopted under the case's path,
 * media-checked, and stored with the supplement's event.
 */
export async function supplement(
  raw: Record<string, unknown>,
  ctx: ActionContext,
): Promise<CaseDetailView | Failure> {
  const openid = requireWeChatUser(ctx);
  if (isFailure(openid)) return openid;
  const doc = await ownCase(ctx, raw.caseId);
  if (isFailure(doc)) return doc;
  const valid = validateSupplement(raw, openid);
  if (!valid.ok) return valid;
  const input = valid.data;
  if (done(doc, input.clientRequestId)) return residentView(ctx, doc);
  const request = {
    action: 'supplement' as const,
    actor: actorOf(doc),
    clientRequestId: input.clientRequestId,
    actorParty: 'resident' as const,
  };
  // A status that allows no supplement is refused by the lifecycle before any photo moves.
  if (!allowedActions(stateOf(doc), 'resident').includes('supplement'))
    return answered(ctx, await applyAction(ctx, doc, { ...request, input: {} }));

  const room = SUPPLEMENT_LIMITS.casePhotosMax - doc.photos.length;
  if (input.photos.length > room)
    return invalid({
      photos: `这条诉求最多 ${SUPPLEMENT_LIMITS.casePhotosMax} 张照片，还能添加 ${Math.max(0, room)} 张`,
    });
  const held = new Set(doc.photos.map((p) => posix.basename(p.fileID)));
  if (input.photos.some((id) => held.has(posix.basename(id)))) return invalid({ photos: '有重复的照片' });
  const notesHeld = doc.voiceNotes ?? [];
  const noteRoom = VOICE_LIMITS.caseNotesMax - notesHeld.length;
  if (input.voiceNotes.length > noteRoom)
    return invalid({
      voiceNotes: `这条诉求最多 ${VOICE_LIMITS.caseNotesMax} 条声音留言，还能添加 ${Math.max(0, noteRoom)} 条`,
    });
  const heldNotes = new Set(notesHeld.map((n) => posix.basename(n.fileID)));
  if (input.voiceNotes.some((n) => heldNotes.has(posix.basename(n.fileID))))
    return invalid({ voiceNotes: '有重复的声音留言' });

  const screened = await screenTexts(openid, [
    { field: 'supplement', label: '补充内容', text: input.note, scene: TEXT_SCENE.forum },
  ]);
  if (isFailure(screened)) return screened;
  const adopted = await adoptPhotos(ctx.app, openid, [
    { caseId: doc._id, fileIDs: input.photos, field: 'photos' },
    { caseId: doc._id, fileIDs: input.voiceNotes.map((n) => n.fileID), field: 'voiceNotes', kind: 'voice' },
  ]);
  if (isFailure(adopted)) return adopted;
  const photos = await checkPhotos(ctx.app, adopted.fileIDs[0], openid);
  if (isFailure(photos)) return photos;
  const voiceNotes = await checkVoiceNotes(
    ctx.app,
    adoptedNotes(input.voiceNotes, adopted.fileIDs[1]),
    openid,
  );
  if (isFailure(voiceNotes)) return voiceNotes;
  return answered(
    ctx,
    await applyAction(ctx, doc, {
      ...request,
      input: input.note ? { note: input.note } : {},
      photos,
      voiceNotes,
      review: screened.review,
    }),
  );
}
