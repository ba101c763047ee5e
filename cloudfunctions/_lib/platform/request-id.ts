import { createHash } from 'node:crypto';
import { CLIENT_REQUEST_ID_MESSAGE, isClientRequestId } from '../../../miniprogram/core/ids';
import { invalid, type Failure } from '../../../miniprogram/core/result';

/**
 * Request ids make writes safe to retry. The phone makes one `clientRequestId` per form (core/ids.ts)
 * and sends it again with every retry; a function either stores it with what it wrote (a case's
 * event, a unique index) or derives the new document's id from it, so a retry finds what the first
 * attempt stored instead of writing a second one.
 */

/** The input's `clientRequestId` (or another field), or INPUT.INVALID when it is malformed. */
export function requestIdOf(input: Record<string, unknown>, field = 'clientRequestId'): string | Failure {
  const value = input[field];
  return isClientRequestId(value) ? value : invalid({ [field]: CLIENT_REQUEST_ID_MESSAGE });
}

/**
 * A document id derived from what identifies a request (who, where, the request id, the item…):
 * the same parts give the same id, so an insert retried with them collides instead of duplicating.
 * `prefix` names the kind of document (`v` a visit, `c` a case, `deputy-` a deputy, …).
 */
export function derivedId(prefix: string, ...parts: string[]): string {
  return `${prefix}${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`;
}
