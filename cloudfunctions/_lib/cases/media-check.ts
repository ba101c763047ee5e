import { collection, type ActionContext, type CaseDoc } from '../platform';

type Verdict = 'risky' | 'pass' | 'pending';

/**
 * WeChat's asynchronous media-check result for a photo or a voice note (消息推送 `wxa_media_check`).
 * A risky one is withheld from every view; the case itself stands. Answers whether a photo or voice
 * note had that trace id.
 */
export async function recordMediaCheck(
  ctx: Pick<ActionContext, 'db'>,
  traceId: string,
  suggest: unknown,
): Promise<{ matched: false } | { matched: true; check: Verdict }> {
  const check: Verdict = suggest === 'risky' ? 'risky' : suggest === 'pass' ? 'pass' : 'pending';
  for (const list of ['photos', 'voiceNotes'] as const) {
    const matched = await recordIn(ctx, list, traceId, check);
    if (matched) return { matched: true, check };
  }
  return { matched: false };
}

async function recordIn(
  ctx: Pick<ActionContext, 'db'>,
  list: 'photos' | 'voiceNotes',
  traceId: string,
  check: Verdict,
): Promise<boolean> {
  const cases = collection(ctx.db, 'cases');
  const { data } = await cases
    .where({ [`${list}.traceId`]: traceId })
    .limit(1)
    .field<Pick<CaseDoc, '_id' | 'photos' | 'voiceNotes'>>({ [list]: true })
    .get();
  const doc = data[0];
  const index = doc ? (doc[list] ?? []).findIndex((p) => p.traceId === traceId) : -1;
  if (!doc || index < 0) return false;
  // A risky verdict is final: a pass arriving later (a retried push, an earlier check) never undoes it.
  const guard = check === 'risky' ? {} : { [`${list}.${index}.check`]: ctx.db.command.neq('risky') };
  await cases
    .where({ _id: doc._id, [`${list}.${index}.traceId`]: traceId, ...guard })
    .update({ [`${list}.${index}.check`]: check });
  return true;
}
