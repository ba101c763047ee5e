import { fail, ok, type Result } from '../../miniprogram/core/result';
import { getApp, getDb } from '../_lib/app';
import { callerFrom, type CloudContext } from '../_lib/handler';
import { sweepDeadlines } from '../_lib/deadline-sweep';
import { sweepOutbox } from '../_lib/outbox';

/**
 * Timer triggers (cloudbaserc.json): `outbox` (every minute) retries notifications and settles
 * stuck claims; `deadlines` (hourly) reminds, escalates and closes by time (_lib/deadline-sweep.ts).
 * CloudBase calls it with `{ Type: 'Timer', TriggerName }`; an operator may call it with
 * `{ action: 'outbox', now? }` from the console or a script. A mini-program user may not call it at all.
 */
export async function main(event: unknown, context?: CloudContext): Promise<Result<unknown>> {
  if (callerFrom(context).openid) return fail('AUTH.FORBIDDEN', '无权执行此操作');
  const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const task = body.Type === 'Timer' ? body.TriggerName : body.action;
  // An operator (never a user: see above) may run a sweep as of a given instant, e.g. to replay one.
  const now = typeof body.now === 'number' && Number.isFinite(body.now) ? body.now : Date.now();
  if (task === 'outbox') return ok(await sweepOutbox(getApp(), getDb(), now));
  if (task === 'deadlines') return ok(await sweepDeadlines(getApp(), getDb(), now));
  return fail('ACTION.UNKNOWN', `不支持的任务：${String(task)}`);
}
