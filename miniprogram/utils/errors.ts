import type { ErrorCode } from '../core/result';
import { apiError, isApiError } from '../services/api';

/** What a page shows for a failed call: the function's Chinese message, its code, its field messages. */
export interface ShownError {
  code: ErrorCode;
  message: string;
  fields: Record<string, string>;
}

export const FALLBACK_MESSAGE = '出了点问题，请稍后重试';

/**
 * Codes after which trying again cannot help: the code is not ours, the deputy has left office,
 * the case is not the caller's. Pages show these without a 重试 button.
 */
const FINAL_CODES = new Set<ErrorCode>([
  'CODE.MALFORMED',
  'CODE.UNKNOWN',
  'CODE.RETIRED',
  'NOT_FOUND',
  'AUTH.FORBIDDEN',
]);

export function shownError(error: unknown): ShownError {
  if (isApiError(error)) {
    return { code: error.code, message: error.message || FALLBACK_MESSAGE, fields: error.fields };
  }
  // Not an answer from a function: a bug on the page. Say something a person can act on.
  console.error(error);
  return { code: 'INTERNAL', message: FALLBACK_MESSAGE, fields: {} };
}

export const canRetry = (error: ShownError): boolean => !FINAL_CODES.has(error.code);

/**
 * The id a page's link names. A link without one names nothing: said at once and without a call, as
 * the functions say it of a record they cannot find (NOT_FOUND, so without 重试).
 */
export function linkedId(id: string, notFound: string): string {
  if (!id) throw apiError('NOT_FOUND', notFound);
  return id;
}
