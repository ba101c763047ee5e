import { fail, ok, type Result } from '../../miniprogram/core/result';
import { recordMediaCheck } from '../_lib/cases';
import {
  callerFrom,
  contextOf,
  isMessagePush,
  refuseUnconfigured,
  type CloudContext,
} from '../_lib/platform';

/**
 * WeChat's message push (消息推送, configured to this function): the asynchronous media-check result
 * for a photo. A risky photo is withheld from every view; the case itself stands.
 */
export async function main(event: unknown, context?: CloudContext): Promise<Result<unknown>> {
  const refused = refuseUnconfigured('wxevents');
  if (refused) return refused;
  if (!isMessagePush(event, callerFrom(context))) return fail('AUTH.FORBIDDEN', '无权执行此操作');
  const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  if (body.Event !== 'wxa_media_check')
    return fail('ACTION.UNKNOWN', `不处理的事件：${String(body.Event ?? body.action)}`);
  const traceId = typeof body.trace_id === 'string' ? body.trace_id : '';
  if (!traceId) return fail('INPUT.INVALID', '缺少 trace_id', { trace_id: '缺少 trace_id' });
  const suggest = (body.result as { suggest?: string } | undefined)?.suggest;
  return ok(await recordMediaCheck(contextOf(context), traceId, suggest));
}
