import { fail, ok, type Result } from '../../miniprogram/core/result';
import { getDb } from '../_lib/platform/app';
import type { CaseDoc } from '../_lib/platform/schema/cases';
import { callerFrom, type CloudContext } from '../_lib/platform/handler';

/**
 * WeChat's message push (消息推送, configured to this function): the asynchronous media-check result
 * for a photo. A risky photo is withheld from every view; the case itself stands.
 */
export async function main(event: unknown, context?: CloudContext): Promise<Result<unknown>> {
  if (callerFrom(context).openid) return fail('AUTH.FORBIDDEN', '无权执行此操作');
  const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  if (body.Event !== 'wxa_media_check')
    return fail('ACTION.UNKNOWN', `不处理的事件：${String(body.Event ?? body.action)}`);
  const traceId = typeof body.trace_id === 'string' ? body.trace_id : '';
  const suggest = (body.result as { suggest?: string } | undefined)?.suggest;
  if (!traceId) return fail('INPUT.INVALID', 'trace_id missing');
  const db = getDb();
  const { data } = await db
    .collection('cases')
    .where({ 'photos.traceId': traceId })
    .limit(1)
    .field({ photos: true })
    .get();
  const doc = data[0] as Pick<CaseDoc, '_id' | 'photos'> | undefined;
  const index = doc ? doc.photos.findIndex((p) => p.traceId === traceId) : -1;
  if (!doc || index < 0) return ok({ matched: false });
  const check = suggest === 'risky' ? 'risky' : suggest === 'pass' ? 'pass' : 'pending';
  // A risky verdict is final: a pass arriving later (a retried push, an earlier check) never undoes it.
  const guard = check === 'risky' ? {} : { [`photos.${index}.check`]: db.command.neq('risky') };
  await db
    .collection('cases')
    .where({ _id: doc._id, [`photos.${index}.traceId`]: traceId, ...guard })
    .update({ [`photos.${index}.check`]: check });
  return ok({ matched: true, check });
}
