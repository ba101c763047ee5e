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

type TimerTask = (ctx: ActionContext) => Promise<unknown>;

export interface TimerTasks {
  /** Other timer triggers of the function, by name. */
  triggers?: Record<string, TimerTask>;
  /** Runs after every `exports` run (e.g. to tell people of files just made). */
  afterJobs?: TimerTask;
}

/**
 * A function's entry point that also answers its timer `exports` by running waiting file jobs
 * (then `afterJobs`), and its other timers by `triggers`; every other event goes to `main`. A
 * mini-program user may not fire a timer.
 */
export function withFileJobs(main: Main, makers: FileMakers, tasks: TimerTasks = {}): Main {
  return async (event, context) => {
    const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
    if (body.Type !== 'Timer') return main(event, context);
    if (callerFrom(context).openid) return fail('AUTH.FORBIDDEN', '无权执行此操作');
    const ctx = contextOf(context);
    const trigger = String(body.TriggerName);
    if (trigger === FILE_JOBS_TRIGGER) {
      const jobs = await runFileJobs(ctx, makers, START_BUDGET_MS);
      if (tasks.afterJobs) await tasks.afterJobs(ctx);
      return ok(jobs);
    }
    const triggers = tasks.triggers ?? {};
    const task = Object.hasOwn(triggers, trigger) ? triggers[trigger] : undefined;
    if (!task) return fail('ACTION.UNKNOWN', `不支持的任务：${trigger}`);
    return ok(await task(ctx));
  };
}
