import { fail, ok, type Result } from '../../miniprogram/core/result';
import { refreshCalendar } from '../_lib/calendar';
import { sweepDeadlines } from '../_lib/cases';
import { sweepOutbox } from '../_lib/outbox';
import { callerFrom, contextOf, refuseUnconfigured, type CloudContext } from '../_lib/platform';
import { sweepRetention } from '../_lib/privacy';
import { sweepReceptionReminders } from '../_lib/reception';

/**
 * Timer triggers (cloudbaserc.json): `outbox` (every minute) retries notifications and settles
 * stuck claims, those of cases, of reception days (duty reminders), of deputy suggestions, of 民情专报
 * notices and of reports (the office's 双月反馈 message); `deadlines` (hourly)
 * reminds, escalates and closes by time (cases/deadline-sweep.ts); `reception` (daily, 18:00 China
 * time) reminds the deputies on duty at tomorrow's reception days (reception/reminders.ts);
 * `retention` (daily, 03:30) removes finished cases' personal data once the office's period has run
 * out, or at once when their resident asked (privacy/retention-sweep.ts).
 * CloudBase calls it with `{ Type: 'Timer', TriggerName }`; an operator may call it with
 * `{ action: 'outbox', now? }` from the console or a script. A mini-program user may not call it at all.
 */
export async function main(event: unknown, context?: CloudContext): Promise<Result<unknown>> {
  const refused = refuseUnconfigured('timers');
  if (refused) return refused;
  if (callerFrom(context).openid) return fail('AUTH.FORBIDDEN', '无权执行此操作');
  const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const task = body.Type === 'Timer' ? body.TriggerName : body.action;
  const ctx = contextOf(context);
  // An operator (never a user: see above) may run a sweep as of a given instant, e.g. to replay one.
  if (typeof body.now === 'number' && Number.isFinite(body.now)) ctx.now = body.now;
  if (task === 'outbox') {
    const cases = await sweepOutbox(ctx, 'cases');
    const days = await sweepOutbox(ctx, 'reception_days');
    const suggestions = await sweepOutbox(ctx, 'suggestions');
    // The office's messages that a scheduled report (民情专报, 双月反馈) is ready.
    const exportsReady = await sweepOutbox(ctx, 'exports');
    const swept = [cases, days, suggestions, exportsReady];
    return ok({
      cases: cases.documents,
      receptionDays: days.documents,
      suggestions: suggestions.documents,
      reports: exportsReady.documents,
      sent: swept.reduce((n, s) => n + s.sent, 0),
      failed: swept.reduce((n, s) => n + s.failed, 0),
    });
  }
  if (task === 'deadlines' || task === 'reception') {
    // Deadlines and reception days count working days: load the office's holiday notices first.
    await refreshCalendar(ctx).catch((error) => console.warn('[calendar] notices unavailable', error));
  }
  if (task === 'deadlines') return ok(await sweepDeadlines(ctx));
  if (task === 'reception') return ok(await sweepReceptionReminders(ctx));
  if (task === 'retention') return ok(await sweepRetention(ctx));
  return fail('ACTION.UNKNOWN', `不支持的任务：${String(task)}`);
}
