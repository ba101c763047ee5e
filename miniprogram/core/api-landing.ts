import type { CaseKind, CaseStatus, DeputyLevel, StationLevel } from './model';
import type { Target } from './codes';

/**
 * Part of the contract between the mini-program and the functions; import it from api.ts, its
 * public face. A resident's way in: what the landing screen a code opens shows, and the submission
 * it leads to. The summaries here (categories, stations, deputies, reception days, places) recur in
 * other views.
 */

export interface CategoryView {
  key: string;
  name: string;
}

export interface StationSummary {
  id: string;
  code: string;
  name: string;
  level: StationLevel;
  levelLabel: string;
  address: string;
}

export interface ReceptionDayView {
  /** China-local date, YYYY-MM-DD. */
  date: string;
  /** 周一 … 周日 */
  weekday: string;
  stationName: string;
  /** Names of the deputies on duty, when a roster has been published. */
  deputiesOnDuty: string[];
}

export interface DeputySummary {
  id: string;
  code: string;
  name: string;
  level: DeputyLevel;
  levelLabel: string;
  title: string;
  photoUrl: string | null;
}

export type LandingView = { viewer: { openid: string } } & (
  | {
      target: 'deputy';
      deputy: DeputySummary;
      /** The deputy's station, with how to call it and find it (added later: older versions ignore them). */
      station: (StationSummary & StationContact) | null;
      nextReception: ReceptionDayView | null;
      categories: CategoryView[];
    }
  | {
      target: 'station';
      station: StationSummary & StationContact & { openingHours: string };
      deputies: DeputySummary[];
      nextReceptions: ReceptionDayView[];
      categories: CategoryView[];
    }
);

/** How a resident reaches a station: its public phone (拨打) and its place on the map (导航). */
export interface StationContact {
  phone: string | null;
  location: GeoPoint | null;
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface PlaceInput extends GeoPoint {
  name?: string;
  address?: string;
}

export interface SubmitInput {
  target: Target;
  kind: CaseKind;
  category: string;
  description: string;
  /** File IDs of photos the caller uploaded (at most 9), compressed on the phone. */
  photos: string[];
  location?: PlaceInput | null;
  /**
   * The resident's own consent to give the location, asked apart from the privacy notice (PIPL).
   * Absent from app versions before it was asked: their notice named the location, so their
   * `consent` covers it. A location sent with anything else but `true` is refused.
   */
  locationConsent?: boolean;
  phone?: string | null;
  contactName?: string | null;
  anonymous: boolean;
  /** The resident agreed to the privacy notice (required by WeChat for personal data). */
  consent: boolean;
  /** Chosen by the client once per draft: a retried submit with the same id returns the same case. */
  clientRequestId: string;
  /**
   * 加入同类诉求: the 受理编号 of an appeal already being handled that the resident chose to add
   * to (shown by `resident.similarAppeals`). The new case is still a case of its own, sent where the
   * resident sent it, and carries the link as the same problem.
   */
  sameProblemAs?: string | null;
}

export interface SubmitResult {
  caseId: string;
  caseNo: string;
  status: CaseStatus;
  createdAt: number;
  /** True when this request was a retry of one already stored. */
  replayed: boolean;
}
