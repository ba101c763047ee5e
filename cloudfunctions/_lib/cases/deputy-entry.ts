import type { EnterCaseResult } from '../../../miniprogram/core/api';
import { ENTRY_SOURCE_LABELS, validateDeputyEntry } from '../../../miniprogram/core/deputy-entry';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { categories } from '../directory';
import {
  derivedId,
  getById,
  requireDeputy,
  screenTexts,
  TEXT_SCENE,
  type ActionContext,
  type CaseDoc,
  type DeputyDoc,
} from '../platform';
import { storeNewCase } from './new-case';
import { adoptPhotos, checkPhotos } from './photos';
import { applyAction } from './transition';

/**
 * `deputy.enterCase` (代表录入): what a deputy heard in person or by phone, entered from their inbox.
 * It enters the same casework as a resident's appeal — a case addressed to the deputy, at their
 * station, with channel `deputy_entry` — and is accepted by the deputy at once, so its working-day
 * clock starts then. The resident has no WeChat account behind it (`openid` empty, as a visitor's
 * case): nothing is sent to them, and the deputy tells them the answer in person or by phone.
 *
 * A retry with the same clientRequestId answers the stored case (`replayed: true`): the case id is
 * derived from the deputy and the request, so the insert and the acceptance are each made once, and
 * a retry after a failure between them finishes the acceptance.
 */

const entered = (doc: CaseDoc, replayed: boolean): EnterCaseResult => ({
  caseId: doc._id,
  caseNo: doc.caseNo,
  status: doc.status,
  createdAt: doc.createdAt,
  replayed,
});

/** The acceptance's request id, derived from the entry's own. */
const acceptRequestId = (clientRequestId: string) => `${clientRequestId}-accept`;

async function accepted(ctx: ActionContext, doc: CaseDoc, deputy: DeputyDoc, clientRequestId: string) {
  if (doc.status !== 'submitted') return doc;
  return applyAction(ctx, doc, {
    action: 'accept',
    actor: { role: 'deputy', id: deputy._id, name: deputy.name },
    input: {},
    clientRequestId: acceptRequestId(clientRequestId),
    actorParty: 'deputy',
  });
}

export async function enterCase(
  raw: Record<string, unknown>,
  ctx: ActionContext,
): Promise<EnterCaseResult | Failure> {
  const found = await requireDeputy(ctx);
  if (isFailure(found)) return found;
  const { deputy, caller } = found;
  const valid = validateDeputyEntry(raw, caller.openid);
  if (!valid.ok) return valid;
  const input = valid.data;
  const { app, db } = ctx;
  const caseId = derivedId('c', 'deputy_entry', deputy._id, input.clientRequestId);

  const earlier = await getById(db, 'cases', caseId);
  if (earlier) {
    const done = await accepted(ctx, earlier, deputy, input.clientRequestId);
    return isFailure(done) ? done : entered(done, true);
  }
  if (!deputy.active) return fail('AUTH.FORBIDDEN', '您已不再履行代表职务，不能再录入新的诉求');
  const category = (await categories(db, ctx.now)).find((c) => c.key === input.category);
  if (!category) return invalid({ category: '请选择问题分类' });

  const screened = await screenTexts(caller.openid, [
    { field: 'description', label: '反映内容', text: input.description, scene: TEXT_SCENE.forum },
    { field: 'contactName', label: '群众姓名', text: input.contactName, scene: TEXT_SCENE.profile },
    { field: 'location.name', label: '地点名称', text: input.location?.name, scene: TEXT_SCENE.profile },
    { field: 'location.address', label: '地址', text: input.location?.address, scene: TEXT_SCENE.profile },
  ]);
  if (isFailure(screened)) return screened;
  const adopted = await adoptPhotos(app, caller.openid, [{ caseId, fileIDs: input.photos, field: 'photos' }]);
  if (isFailure(adopted)) return adopted;
  const photos = await checkPhotos(app, adopted.fileIDs[0], caller.openid);
  if (isFailure(photos)) return photos;

  const source = ENTRY_SOURCE_LABELS[input.source];
  const result = await storeNewCase(ctx, {
    caseId,
    openid: '',
    clientRequestId: `${deputy._id}-${input.clientRequestId}`,
    channel: 'deputy_entry',
    deputy: { id: deputy._id, openid: deputy.openid },
    stationId: deputy.stationId,
    kind: input.kind,
    category,
    description: input.description,
    photos,
    location: input.location,
    phone: input.phone,
    contactName: input.contactName,
    anonymous: false,
    textReview: screened.review,
    actor: { role: 'deputy', id: deputy._id, name: deputy.name },
    note: `代表录入（${source}）`,
    enteredByDeputy: true,
    requestId: input.clientRequestId,
    now: ctx.now,
  });
  if (isFailure(result)) return result;
  const stored = result.stored ?? (await getById(db, 'cases', caseId));
  if (!stored) return fail('CONFLICT', '录入繁忙，请稍后重试');
  const done = await accepted(ctx, stored, deputy, input.clientRequestId);
  return isFailure(done) ? done : entered(done, result.stored === null);
}
