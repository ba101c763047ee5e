/**
 * The envelope every cloud-function action answers with. Expected failures are values with a
 * stable code (for programs) and a message in Chinese (for people); exceptions are for bugs.
 */

/**
 * Every code a failure can carry, with what it means. A closed list, so that a page comparing
 * `code === '…'` and a function answering one cannot drift apart unnoticed; docs/api.md lists the
 * same codes (tests/docs/error-codes.test.ts holds the two together).
 */
export const ERROR_CODES = {
  'ACTION.UNKNOWN': 'no such action in this function',
  'INPUT.INVALID': 'the input failed validation; fields says which field and why',
  'AUTH.UNIDENTIFIED': 'no WeChat identity in the context (called outside the mini-program)',
  'AUTH.FORBIDDEN': "the caller's role does not allow this (e.g. not a bound deputy)",
  NOT_FOUND: "the thing does not exist, or is not the caller's (never told apart)",
  CONFLICT: 'someone changed it first, or its state does not allow this; refresh',
  INTERNAL: "a bug or an outage; the details are in the function's log",
  NETWORK: 'made on the phone: the call never got an answer from the function',

  'CODE.MALFORMED': 'the scanned code is not one of ours',
  'CODE.UNKNOWN': 'no deputy or station has this code',
  'CODE.RETIRED': 'the deputy has left office, or the station has closed',

  'CONTENT.RISKY': "WeChat's content check refused the text",
  'PHOTO.INVALID': "a photo is not the caller's own upload, or no longer exists",

  'CASE.TRANSITION_FORBIDDEN':
    "the case's status does not allow this action now (the message names the status)",
  'CASE.SELF_ADDRESSED':
    "the caller handles this case (its deputy, its station's staff): cannot appeal or rate",
  'CASE.CHASE_LIMITED':
    'a chase (催办) before the answer is overdue, too soon after the last, or past the limit; the message says when',

  'BIND.INVALID': 'the bind code is unknown, expired or used (never told apart)',
  'BIND.RATE_LIMITED': 'too many wrong bind codes from this account lately; the message says when to retry',
  'BIND.TARGET_INACTIVE': 'the deputy, station or unit to bind to is no longer active',

  'DIRECTORY.DUPLICATE':
    'the same person or place is already in the directory; fields names the clashing field',
  'DIRECTORY.TOO_LARGE': 'the directory has more records than a function reads at once',
  'IMPORT.FILE_MISSING': 'the uploaded spreadsheet could not be downloaded',
  'IMPORT.UNREADABLE': 'the upload is too large or not an .xlsx workbook',
  'IMPORT.NO_SHEETS': "the workbook has none of the import template's sheets",

  'CALENDAR.PUBLISHED': "the year's holidays come from the official calendar and cannot be entered by hand",

  'STATION.INACTIVE': 'the station has closed: its plans and rosters can be read, not changed',
  'RECEPTION.NO_RULE': 'the station has no reception-day rule yet',
  'RECEPTION.RULE_EMPTY': 'the rule gives some year no reception day at all',
  'RECEPTION.NO_SUCH_DAY': 'the date is not a reception day of this station (or has no change to undo)',
  'RECEPTION.DATE_PAST': 'the day has passed, or the new date is before today',
  'RECEPTION.DATE_TAKEN': 'another reception day is already on that date',
  'RECEPTION.NOT_WORKDAY': 'the date is a weekend or holiday; send again with force to confirm',
  'RECEPTION.NOT_YET': 'attendance can be taken on the reception day or later, not before',

  'ROSTER.SIZE': "no deputy on the day, or more than the station's deputies per day",
  'ROSTER.DUPLICATE': 'the same person is twice on the day',
  'ROSTER.NOT_STATION_DEPUTY': 'the deputy does not belong to this station',
  'ROSTER.NOT_LEADER': "the leader is not in the station's leaders' pool",
  'ROSTER.UNAVAILABLE': 'the person declared themselves unavailable that day',
  'ROSTER.NOT_ON_DUTY': "the deputy is not on that day's roster",
  'DUTY.SWAP_PENDING': 'this duty already has a swap request waiting for staff',

  'EXPORT.FAILED': 'the file could not be made; asking again starts it over',

  'SUGGESTION.STATUS': "the suggestion's status does not allow this now (the message names the status)",
  'SUGGESTION.UNSIGNED':
    'a deputy named to sign the suggestion has not signed it yet: it cannot be submitted',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface Failure {
  ok: false;
  code: ErrorCode;
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

export const fail = (code: ErrorCode, message: string, fields?: Record<string, string>): Failure =>
  fields ? { ok: false, code, message, fields } : { ok: false, code, message };

export const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;

/**
 * INPUT.INVALID with field-level problems; the message is the first problem's, so a screen that
 * shows only the message still says something a person can act on.
 */
export const invalid = (fields: Record<string, string>): Failure =>
  fail('INPUT.INVALID', Object.values(fields)[0] ?? '输入有误，请检查后重试', fields);
