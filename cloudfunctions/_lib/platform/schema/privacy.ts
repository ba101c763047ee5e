import type { RetentionRun } from '../../../../miniprogram/core/api';

/**
 * Personal data's own records (privacy/): the office's retention period, and residents' requests
 * to delete their data. Instants are epoch milliseconds.
 */

/**
 * `settings`: one document per setting the office makes, keyed by its name. The only one so far is
 * `retention`; until the office sets it, core/privacy.ts RETENTION_DAYS.default applies.
 */
export interface SettingsDoc {
  _id: string;
  /** Days after a case is finished before its personal data is removed. */
  closedCaseDays: number;
  updatedAt: number | null;
  /** The office member's OpenID, for the record of who changed it. */
  updatedBy: string | null;
  /** What the retention timer removed the last time it ran. */
  lastRun?: RetentionRun | null;
}

/**
 * `privacy_requests`: a resident's request to delete their personal data, kept as the proof that it
 * was made and answered. Keyed by a hash of the OpenID and the request id, so a retried request
 * finds its record. It holds counts only, never case numbers: a case whose data is removed must not
 * be linkable to the resident through this record.
 */
export interface ErasureRequestDoc {
  _id: string;
  openid: string;
  clientRequestId: string;
  at: number;
  /** `received` until the finished cases are done (a crash in between leaves it so; a retry finishes). */
  state: 'received' | 'done';
  removed: number;
  pending: number;
}
