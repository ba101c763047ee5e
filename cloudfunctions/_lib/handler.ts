import tcb from '@cloudbase/node-sdk';
import { fail, isFailure, ok, type Failure, type Result } from '../../miniprogram/core/result';

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
  now: Date;
}

export type Action = (input: Record<string, unknown>, ctx: ActionContext) => Promise<unknown | Failure>;

/** Identity comes only from the context, never from the event body. */
export function callerFrom(context: CloudContext | undefined): Caller {
  const env =
    context && (context.environment || context.environ) ? tcb.getCloudbaseContext(context as never) : {};
  const values = env as Record<string, string | undefined>;
  return {
    openid: values.WX_OPENID || process.env.WX_OPENID || '',
    appid: values.WX_APPID || process.env.WX_APPID || '',
  };
}

/**
 * Builds a function entry point that dispatches on `event.action`. Actions return data or a Failure;
 * thrown errors become INTERNAL with a generic message (details go to the log, not to the user).
 */
export function defineFunction(name: string, actions: Record<string, Action>) {
  return async function main(event: unknown, context?: CloudContext): Promise<Result<unknown>> {
    const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
    const action = body.action;
    if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(actions, action)) {
      return fail('ACTION.UNKNOWN', `不支持的操作：${String(action)}`);
    }
    const input = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as Record<
      string,
      unknown
    >;
    const ctx: ActionContext = {
      caller: callerFrom(context),
      requestId: String(context?.request_id ?? ''),
      now: new Date(),
    };
    try {
      const result = await actions[action](input, ctx);
      return isFailure(result) ? result : ok(result);
    } catch (error) {
      console.error(`[${name}.${action}] ${ctx.requestId}`, error);
      return fail('INTERNAL', '服务暂时不可用，请稍后再试');
    }
  };
}
