import type { PlaceInput } from './api-landing';
import type { MeView } from './api-directory';
import type { LocationConsent } from './privacy';

/**
 * Part of the contract between the mini-program and the functions; import it from api.ts, its
 * public face. Personal data (个人信息): what the product holds about a resident, their request to
 * delete it, and the office's retention period (core/privacy.ts).
 */

/** One of the resident's cases, with the personal data it holds, shown to the resident in full. */
export interface MyCaseData {
  caseId: string;
  caseNo: string;
  kindLabel: string;
  categoryName: string;
  statusLabel: string;
  createdAt: number;
  /** Closed, explained (解释说明) or merged: nothing more is handled, and its personal data goes at `removeBy`. */
  finished: boolean;
  anonymous: boolean;
  contactName: string | null;
  phone: string | null;
  location: PlaceInput | null;
  photoCount: number;
  /** 声音留言 the case holds (added later; absent from older versions). */
  voiceNoteCount?: number;
  /** What the resident wrote with their rating. */
  ratingComment: string | null;
  /** When they agreed to the privacy notice, and how to the location; null for cases stored before consents were recorded. */
  consent: { at: number; location: LocationConsent | null } | null;
  /** They asked for deletion while it was open: its personal data goes as soon as it is finished. */
  erasureRequestedAt: number | null;
  /** For a finished case, the day by which its personal data is removed at the latest. */
  removeBy: number | null;
}

/** A resident's request to delete their personal data (`resident.eraseMyData`), as recorded. */
export interface ErasureRequestView {
  at: number;
  /** Finished cases whose personal data was removed at once. */
  removed: number;
  /** Cases still being handled: they keep what handling needs until they are finished. */
  pending: number;
}

/** `resident.myData`: everything the product holds that is linked to the caller's WeChat account. */
export interface MyDataView {
  openid: string;
  /** The newest cases first (at most MY_DATA_CASES); `moreCases` counts the rest. */
  cases: MyCaseData[];
  moreCases: number;
  /** The roles the account is bound to (deputy, staff, unit, office), if any. */
  roles: MeView['roles'];
  /** Their deletion requests, newest first. */
  requests: ErasureRequestView[];
  /** The office's retention period: days after a case is finished. */
  retentionDays: number;
}

export interface EraseMyDataResult {
  request: ErasureRequestView;
  /** True when this was a retry of a request already recorded (nothing was recorded twice). */
  replayed: boolean;
  /** What is held afterwards. */
  data: MyDataView;
}

/** One run of the retention timer: what it removed. */
export interface RetentionRun {
  at: number;
  /** Cases whose personal data was removed. */
  cases: number;
  /** Photo files deleted from storage. */
  photos: number;
  /** Visitor-log entries whose visitor's name and phone were removed. */
  visits: number;
  /** Cases left for the next run (a photo could not be deleted, or the case was changing). */
  failed: number;
  /** More was due than one run removes: the next run goes on. */
  more: boolean;
}

/** `office.retention`: the retention period, its bounds, and the timer's last run. */
export interface RetentionView {
  closedCaseDays: number;
  defaultDays: number;
  minDays: number;
  maxDays: number;
  /** When the office last changed it (null: the default was never changed). */
  updatedAt: number | null;
  lastRun: RetentionRun | null;
}
