/**
 * The envelope every cloud-function action answers with. Expected failures are values with a
 * stable code (for programs) and a message in Chinese (for people); exceptions are for bugs.
 */
export type ErrorCode =
  | 'INPUT.INVALID'
  | 'ACTION.UNKNOWN'
  | 'AUTH.UNIDENTIFIED'
  | 'AUTH.FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTERNAL'
  /** The scanned code is not one of ours. */
  | 'CODE.MALFORMED'
  /** Well-formed, but no deputy or station has it. */
  | 'CODE.UNKNOWN'
  /** The deputy has left office or the station has closed. */
  | 'CODE.RETIRED'
  /** WeChat's content check found the text unacceptable. */
  | 'CONTENT.RISKY'
  /** A photo is not the caller's own upload, or no longer exists. */
  | 'PHOTO.INVALID';

export interface Failure {
  ok: false;
  code: ErrorCode | (string & {});
  message: string;
  /** Field-level problems, keyed by input field name, for forms to show beside the field. */
  fields?: Record<string, string>;
}

export interface Success<T> {
  ok: true;
  data: T;
}

export type Result<T> = Success<T> | Failure;

export const ok = <T>(data: T): Success<T> => ({ ok: true, data });

export const fail = (code: Failure['code'], message: string, fields?: Record<string, string>): Failure =>
  fields ? { ok: false, code, message, fields } : { ok: false, code, message };

export const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;

/**
 * INPUT.INVALID with field-level problems; the message is the first problem's, so a screen that
 * shows only the message still says something a person can act on.
 */
export const invalid = (fields: Record<string, string>): Failure =>
  fail('INPUT.INVALID', Object.values(fields)[0] ?? '输入有误，请检查后重试', fields);
