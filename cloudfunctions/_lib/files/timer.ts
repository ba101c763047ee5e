import { fail, ok, type Result } from '../../../miniprogram/core/result';
import { callerFrom, contextOf, type ActionContext, type CloudContext } from '../platform';
import { runFileJobs, type FileMakers } from './jobs';

/** The trigger's name in cloudbaserc.json (office, every minute). */
export const FILE_JOBS_TRIGGER = 'exports';

/**
 * New jobs start only in the first part of a run, so that the last one started still ends within
 * the function's 60 s; a run cut off all the same is taken up again by a later timer.
 */
const START_BUDGET_MS = 20_000;

type Main = (event: unknown, context?: CloudContext) => Promise<Result<unknown>>;

/** A function's other timer triggers, by name: each answers what it did. */
export type OtherTimers = Record<string, (ctx: ActionContext) => Promise<unknown>>;

/**
 * A function's entry point that also answers its timer `exports` by running waiting file jobs, and
 * its `others` timers (the office's 双月反馈); every other event goes to `main`. A mini-program
 * user may not fire a timer.
 */
export function withFileJobs(main: Main, makers: FileMakers, others: OtherTimers = {}): Main {
  return async (event, context) => {
    const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
    if (body.Type !== 'Timer') return main(event, context);
    if (callerFrom(context).openid) return fail('AUTH.FORBIDDEN', '无权执行此操作');
    const other = typeof body.TriggerName === 'string' ? others[body.TriggerName] : undefined;
    if (other && Object.prototype.hasOwnProperty.call(others, body.TriggerName as string))
      return ok(await other(contextOf(context)));
    if (body.TriggerName !== FILE_JOBS_TRIGGER)
      return fail('ACTION.UNKNOWN', `不支持的任务：${String(body.TriggerName)}`);
    return ok(await runFileJobs(contextOf(context), makers, START_BUDGET_MS));
  };
}
