import tcb from '@cloudbase/node-sdk';
import type { ActionName, ActionOutput, FunctionName } from '../../../miniprogram/core/api';
import { fail, isFailure, ok, type Failure, type Result } from '../../../miniprogram/core/result';
import { getApp, getDb, type App, type Db } from './app';
import { nowFrom } from './clock';
import { refuseUnconfigured } from './deployment';

/** Who is calling, taken from the WeChat context that CloudBase (or the local stack) attaches. */
export interface WeChatIdentity {
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

/** What every action is given besides its input: the caller, the time, and the ports it may use. */
export interface ActionContext {
  caller: WeChatIdentity;
  requestId: string;
  /** The instant this call started; actions take time from here, never from a hidden clock. */
  now: number;
  app: App;
  db: Db;
}

/** Input is `unknown`: every action validates what it is given. */
export type Action<O> = (input: Record<string, unknown>, ctx: ActionContext) => Promise<O | Failure>;

export type Actions<F extends FunctionName> = { [A in ActionName<F>]: Action<ActionOutput<F, A>> };

/** Work a function needs done before any of its actions runs (e.g. loading holiday notices). */
export type Prepare = (ctx: ActionContext) => Promise<void>;

/** Identity comes only from the context, never from the event body. */
export function callerFrom(context: CloudContext | undefined): WeChatIdentity {
  const env = (
    context && (context.environment || context.environ) ? tcb.getCloudbaseContext(context as never) : {}
  ) as Record<string, string | undefined>;
  return {
    openid: env.WX_OPENID || process.env.WX_OPENID || '',
    appid: env.WX_APPID || process.env.WX_APPID || '',
  };
}

/** The context of one call: identity, request id and instant from CloudBase's context. */
export function contextOf(context: CloudContext | undefined): ActionContext {
  return {
    caller: callerFrom(context),
    requestId: String(context?.request_id ?? ''),
    now: nowFrom(context),
    app: getApp(),
    db: getDb(),
  };
}

/**
 * Builds a function entry point that dispatches on `event.action` (input in `event.data`). Actions
 * return data or a Failure; a thrown error becomes INTERNAL with a generic message (details go to
 * the log, not to the user). `prepare` runs first; its failure is logged and the action still runs.
 */
export function defineFunction<F extends FunctionName>(
  name: F,
  actions: Actions<F>,
  options: { prepare?: Prepare } = {},
) {
  const table = actions as unknown as Record<string, Action<unknown>>;
  return async function main(event: unknown, context?: CloudContext): Promise<Result<unknown>> {
    const refused = refuseUnconfigured(name);
    if (refused) return refused;
    const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
    const action = body.action;
    if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(table, action)) {
      return fail('ACTION.UNKNOWN', `不支持的操作：${String(action)}`);
    }
    // No data is no input; data that is not an object (an array, text, a number) is refused, not
    // read as empty.
    const data = body.data ?? {};
    if (typeof data !== 'object' || Array.isArray(data))
      return fail('INPUT.INVALID', '请求格式不正确，请更新小程序后重试');
    const input = data as Record<string, unknown>;
    const ctx = contextOf(context);
    try {
      if (options.prepare)
        await options.prepare(ctx).catch((error) => console.warn(`[${name}] prepare`, error));
      const result = await table[action](input, ctx);
      return isFailure(result) ? result : ok(result);
    } catch (error) {
      console.error(`[${name}.${action}] ${ctx.requestId}`, error);
      return fail('INTERNAL', '服务暂时不可用，请稍后再试');
    }
  };
}
