/**
 * Errors as CloudBase reports them: HTTP 200 with `{ code, message, requestId }`, which
 * `@cloudbase/node-sdk` turns into a thrown error carrying the same code. The codes are CloudBase's own.
 */
export type CloudBaseErrorCode =
  | 'SYS_ERR'
  | 'INVALID_ACTION'
  | 'INVALID_PARAM'
  | 'EXCEED_REQUEST_SIZE_LIMIT'
  | 'SIGN_PARAM_INVALID'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_TIMEOUT'
  | 'STORAGE_FILE_NONEXIST'
  | 'STORAGE_REQUEST_FAIL'
  | 'FUNCTION_NOT_FOUND'
  | 'FUNCTIONS_EXECUTE_FAIL'
  | 'FUNCTIONS_TIME_LIMIT_EXCEEDED';

export class CloudBaseError extends Error {
  constructor(
    readonly code: CloudBaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CloudBaseError';
  }
}

export const dbFailed = (message: string) => new CloudBaseError('DATABASE_REQUEST_FAILED', message);
export const invalidParam = (message: string) => new CloudBaseError('INVALID_PARAM', message);
