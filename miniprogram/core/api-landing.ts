import type { AnswerOutcome, CaseKind, CaseStatus, DeputyLevel, StationLevel } from './model';
import type { Target } from './codes';
import type { VoiceNoteInput } from './voice';

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
      /** 五公开: the deputy's figures this year and the outcomes residents agreed to publish. */
      publicResults: PublicResults;
    }
  | {
      target: 'station';
      station: StationSummary & StationContact & { openingHours: string };
      deputies: DeputySummary[];
      nextReceptions: ReceptionDayView[];
      categories: CategoryView[];
      /** 五公开: the station's figures this year and the outcomes residents agreed to publish. */
      publicResults: PublicResults;
    }
);

/**
 * 五公开 (public results) on a deputy's or station's page: what neighbours may see of the work done,
 * so that they can tell the system works. Figures of the cases received this year (China-local
 * calendar year), as the office's figures count them; and a few outcomes of closed cases whose
 * residents agreed to publish them (`publishConsent`), masked: no names, phone numbers, house
 * numbers or ID numbers, no photos. docs/decisions/0023-public-results.md.
 */
export interface PublicResults {
  year: number;
  /** 收到: cases received this year. */
  received: number;
  /** 已答复: of those, the ones holding an answer. */
  replied: number;
  /** Ratings given (满意 + 基本满意 + 不满意). */
  rated: number;
  /** 满意率 (满意 + 基本满意) ÷ rated, a percentage with two decimals; null when nothing is rated. */
  satisfactionRate: number | null;
  /** Newest first, at most five. */
  outcomes: PublicOutcome[];
}

export interface PublicOutcome {
  categoryName: string;
  /** The month the case was closed (办结), `YYYY-MM`, and as people say it (2026年10月). */
  month: string;
  monthLabel: string;
  /** What the resident raised, masked and cut short. */
  summary: string;
  outcome: AnswerOutcome | null;
  /** 已解决或采纳 / 列入计划 / 留作参考/解释说明, or 已答复 when the answer recorded none. */
  outcomeLabel: string;
  /** The answer, masked and cut short. */
  answer: string;
}

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
  /** 声音留言: recordings the caller uploaded like photos (at most 3, 1–60 s each; core/voice.ts). */
  voiceNotes?: VoiceNoteInput[];
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
   * 五公开: the resident agrees that, once the case is closed, its outcome may be shown on the
   * deputy's and station's public page (masked: no name, phone, house or ID number, no photos).
   * False when absent (older app versions never asked); withdrawn any time with
   * `resident.setPublishConsent`.
   */
  publishConsent?: boolean;
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
