import { fail, ok, type Result } from '../../miniprogram/core/result';
import { getApp, getDb } from '../_lib/app';
import { callerFrom, type CloudContext } from '../_lib/handler';
import { refreshCalendar } from '../_lib/calendar';
import { nowFrom } from '../_lib/clock';
import { sweepDeadlines } from '../_lib/deadline-sweep';
import { sweepOutbox } from '../_lib/outbox';
import { sweepReceptionReminders } from '../_lib/reception-store';

/**
 * Timer triggers (cloudbaserc.json): `outbox` (every minute) retries notifications and settles
 * stuck claims, those of cases and those of reception days (duty reminders); `deadlines` (hourly)
 * reminds, escalates and closes by time (_lib/deadline-sweep.ts); `reception` (daily, 18:00 China
 * time) reminds the deputies on duty at tomorrow's reception days (_lib/reception-store.ts).
 * CloudBase calls it with `{ Type: 'Timer', TriggerName }`; an operator may call it with
 * `{ action: 'outbox', now? }` from the console or a script. A mini-program user may not call it at all.
 */
export async function main(event: unknown, context?: CloudContext): Promise<Result<unknown>> {
  if (callerFrom(context).openid) return fail('AUTH.FORBIDDEN', '无权执行此操作');
  const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const task = body.Type === 'Timer' ? body.TriggerName : body.action;
  // An operator (never a user: see above) may run a sweep as of a given instant, e.g. to replay one.
  const now = typeof body.now === 'number' && Number.isFinite(body.now) ? body.now : nowFrom(context);
  if (task === 'outbox') {
    const cases = await sweepOutbox(getApp(), getDb(), now);
    const days = await sweepOutbox(getApp(), getDb(), now, 50, 'reception_days');
    return ok({
      ...cases,
      receptionDays: days.cases,
      sent: cases.sent + days.sent,
      failed: cases.failed + days.failed,
    });
  }
  if (task === 'deadlines' || task === 'reception') {
    // Deadlines and reception days count working days: load the office's holiday notices first.
    await refreshCalendar(getDb(), now).catch((error) =>
      console.warn('[calendar] notices unavailable', error),
    );
  }
  if (task === 'deadlines') return ok(await sweepDeadlines(getApp(), getDb(), now));
  if (task === 'reception') return ok(await sweepReceptionReminders(getApp(), getDb(), now));
  return fail('ACTION.UNKNOWN', `不支持的任务：${String(task)}`);
}
