import type { ReplyPhrasesView } from '../../../miniprogram/core/api';
import { DEFAULT_REPLY_PHRASES, validatePhrases } from '../../../miniprogram/core/deputy-entry';
import { isFailure, type Failure } from '../../../miniprogram/core/result';
import { collection, requireDeputy, type ActionContext, type DeputyDoc } from '../platform';

/**
 * A deputy's quick-reply phrases (常用语): a few every deputy has, and their own, kept on their
 * directory record so that they follow the deputy to a new phone. Saving replaces the whole list,
 * so a retried save stores the same list again and nothing twice.
 */

const view = (deputy: Pick<DeputyDoc, 'replyPhrases'>): ReplyPhrasesView => ({
  defaults: [...DEFAULT_REPLY_PHRASES],
  own: deputy.replyPhrases ?? [],
});

/** `deputy.replyPhrases`. */
export async function replyPhrases(
  _input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<ReplyPhrasesView | Failure> {
  const found = await requireDeputy(ctx);
  return isFailure(found) ? found : view(found.deputy);
}

/** `deputy.saveReplyPhrases`: `{ phrases }`, the deputy's own list as it should now be. */
export async function saveReplyPhrases(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<ReplyPhrasesView | Failure> {
  const found = await requireDeputy(ctx);
  if (isFailure(found)) return found;
  const phrases = validatePhrases(input.phrases);
  if (!phrases.ok) return phrases;
  await collection(ctx.db, 'deputies')
    .doc(found.deputy._id)
    .update({ replyPhrases: phrases.data, updatedAt: ctx.now });
  return view({ replyPhrases: phrases.data });
}
