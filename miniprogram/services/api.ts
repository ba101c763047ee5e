import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../core/api';
import type { ErrorCode, Failure, Result } from '../core/result';
import { getTransport } from './index';
import { isTransportError } from './transport';

/**
 * The one way pages call cloud functions: typed by the shared contract (core/api.ts), unwrapping the
 * `{ ok, data }` envelope. An expected failure rejects with an ApiError carrying the function's code,
 * its Chinese message and per-field messages; a transport failure rejects with code NETWORK and a
 * message a person can act on.
 */
export interface ApiError extends Error {
  code: ErrorCode;
  fields: Record<string, string>;
}

/** A plain Error with fields, not a subclass: `instanceof` on Error subclasses breaks under ES5 output. */
export function apiError(code: ErrorCode, message: string, fields: Record<string, string> = {}): ApiError {
  return Object.assign(new Error(message), { name: 'ApiError', code, fields });
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof Error && 'code' in value && 'fields' in value;
}

export const NETWORK_MESSAGE = '网络不太好，请稍后重试';

export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  data: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  let result: Result<ActionOutput<F, A>>;
  try {
    result = await getTransport().callFunction<Result<ActionOutput<F, A>>>(fn, { action, data });
  } catch (error) {
    throw apiError(
      'NETWORK',
      NETWORK_MESSAGE,
      isTransportError(error) ? { transport: String(error.errCode) } : {},
    );
  }
  if (!result || typeof result !== 'object' || !('ok' in result))
    throw apiError('INTERNAL', '服务暂时不可用，请稍后再试');
  if (!result.ok) {
    const failure = result as Failure;
    throw apiError(failure.code, failure.message, failure.fields ?? {});
  }
  return result.data;
}
