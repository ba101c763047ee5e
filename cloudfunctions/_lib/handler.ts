import tcb from '@cloudbase/node-sdk';
import type { ActionName, ActionOutput, FunctionName } from '../../miniprogram/core/api';
import { fail, isFailure, ok, type Failure, type Result } from '../../miniprogram/core/result';
import { getDb } from './app';
import { refreshCalendar } from './calendar';
import { nowFrom } from './clock';

/** Who is calling, taken from the WeChat context that CloudBase (or the local stack) attaches. */
export interface Caller {
  openid: string;
  appid: string;
}

export interface CloudContext {
  request_id?: string;
  function_name?: string;
  environment?: string;
  environ?: string;
  [key: string]: unknown;
}

export interface ActionContext {
  caller: Caller;
  requestId: string;
  /** The instant this call started; actions take time from here, never from a hidden clock. */
  now: number;
}

/** Input is `unknown`: every action validates what it is given. */
export type Action<O> = (input: Record<string, unknown>, ctx: ActionContext) => Promise<O | Failure>;

export type Actions<F extends FunctionName> = { [A in ActionName<F>]: Action<ActionOutput<F, A>> };

/** Identity comes only from the context, never from the event body. */
export function callerFrom(context: CloudContext | undefined): Caller {
  const env = (
    context && (context.environment || context.environ) ? tcb.getCloudbaseContext(context as never) : {}
  ) as Record<string, string | undefined>;
  return {
    openid: env.WX_OPENID || process.env.WX_OPENID || '',
    appid: env.WX_APPID || process.env.WX_APPID || '',
  };
}

/** For actions that need a WeChat user: a Failure when the context carries none. */
export function requireCaller(ctx: ActionContext): Failure | null {
  return ctx.caller.openid ? null : fail('AUTH.UNIDENTIFIED', '请在微信中打开小程序后再试');
}

/**
 * Builds a function entry point that dispatches on `event.action` (input in `event.data`). Actions
 * return data or a Failure; a thrown error becomes INTERNAL with a generic message (details go to
 * the log, not to the user).
 */
export function defineFunction<F extends FunctionName>(name: F, actions: Actions<F>) {
  const table = actions as unknown as Record<string, Action<unknown>>;
  return async function main(event: unknown, context?: CloudContext): Promise<Result<unknown>> {
    const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
    const action = body.action;
    if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(table, action)) {
      return fail('ACTION.UNKNOWN', `不支持的操作：${String(action)}`);
    }
    const input = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as Record<
      string,
      unknown
    >;
    const ctx: ActionContext = {
      caller: callerFrom(context),
      requestId: String(context?.request_id ?? ''),
      now: nowFrom(context),
    };
    try {
      // The office's holiday notices (cached per instance): deadlines and reception days need them.
      await refreshCalendar(getDb(), ctx.now).catch((error) =>
        console.warn('[calendar] notices unavailable', error),
      );
      const result = await table[action](input, ctx);
      return isFailure(result) ? result : ok(result);
    } catch (error) {
      console.error(`[${name}.${action}] ${ctx.requestId}`, error);
      return fail('INTERNAL', '服务暂时不可用，请稍后再试');
    }
  };
}
