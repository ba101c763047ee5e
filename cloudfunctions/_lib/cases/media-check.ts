import { collection, type ActionContext, type CaseDoc } from '../platform';

/**
 * WeChat's asynchronous media-check result for a photo (消息推送 `wxa_media_check`). A risky photo is
 * withheld from every view; the case itself stands. Answers whether a photo had that trace id.
 */
export async function recordMediaCheck(
  ctx: Pick<ActionContext, 'db'>,
  traceId: string,
  suggest: unknown,
): Promise<{ matched: false } | { matched: true; check: 'risky' | 'pass' | 'pending' }> {
  const cases = collection(ctx.db, 'cases');
  const { data } = await cases
    .where({ 'photos.traceId': traceId })
    .limit(1)
    .field<Pick<CaseDoc, '_id' | 'photos'>>({ photos: true })
    .get();
  const doc = data[0];
  const index = doc ? doc.photos.findIndex((p) => p.traceId === traceId) : -1;
  if (!doc || index < 0) return { matched: false };
  const check = suggest === 'risky' ? 'risky' : suggest === 'pass' ? 'pass' : 'pending';
  // A risky verdict is final: a pass arriving later (a retried push, an earlier check) never undoes it.
  const guard = check === 'risky' ? {} : { [`photos.${index}.check`]: ctx.db.command.neq('risky') };
  await cases
    .where({ _id: doc._id, [`photos.${index}.traceId`]: traceId, ...guard })
    .update({ [`photos.${index}.check`]: check });
  return { matched: true, check };
}
