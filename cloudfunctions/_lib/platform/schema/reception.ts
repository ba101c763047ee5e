import type { SwapStatus } from '../../../../miniprogram/core/api';
import type { CaseKind } from '../../../../miniprogram/core/model';
import type { OutboxFields } from './cases';

/**
 * Reception days (接待日), their visitors and attendance, as stored. A reception day is identified
 * by its ORIGIN date (core/reception-plan.ts), not the date it is held on, so its roster,
 * attendance and reminders follow it when staff move it.
 */

/** The staff member who did something, as recorded. */
export interface StaffRef {
  openid: string;
  name: string;
}

/** `reception_days`: one document per station and reception day, keyed `<stationId>_<origin date>`. */
export interface ReceptionDayDoc extends OutboxFields {
  _id: string;
  stationId: string;
  originDate: string;
  /** The date the day is held on now. */
  date: string;
  /** Deputy ids on the roster (empty until staff save one). */
  deputies: string[];
  leader: string | null;
  /** A published roster shows on the station page; its deputies are reminded the day before. */
  published: boolean;
  publishedAt: number | null;
  rosterBy: StaffRef | null;
  /** Deputy ids ticked present; null until attendance is taken. */
  present: string[] | null;
  attendanceAt: number | null;
  attendanceBy: StaffRef | null;
  /**
   * Sign-ins on the day (签到), one field per person (deputy or leader id): when, and which staff
   * member recorded it. Each is written alone, only when absent, so two at once both count and a
   * retry keeps the first time. A deputy signing in is also added to `present`.
   */
  signIns?: Record<string, SignInDoc>;
  /** Deputies who confirmed their duty (确认值班), each for the date the day was held on then. */
  confirmations?: DutyConfirmation[];
  /** Deputies' requests to hand over or swap this duty (换班申请), never removed. */
  swapRequests?: SwapRequestDoc[];
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface SignInDoc {
  at: number;
  by: StaffRef;
}

export interface DutyConfirmation {
  deputyId: string;
  /** A confirmation holds for this date only: a day moved since needs confirming again. */
  date: string;
  at: number;
}

export interface SwapRequestDoc {
  /** Derived from the deputy and the request's clientRequestId, so a retry finds it. */
  id: string;
  deputyId: string;
  /** The date the day was held on when asked. */
  date: string;
  withDeputyId: string | null;
  /** The colleague's reception day offered in exchange, by id (it follows a move) and date. */
  withDayId: string | null;
  withDate: string | null;
  reason: string;
  status: SwapStatus;
  requestedAt: number;
  decidedAt: number | null;
  decidedBy: StaffRef | null;
  note: string | null;
}

/**
 * `reception_attendance`: roster and attendance per station and reception day in the shape the
 * deputy record reads (core/deputy-record.ts AttendanceDay), same _id as the reception day and
 * derived from it entirely.
 */
export interface AttendanceDoc {
  _id: string;
  stationId: string;
  date: string;
  /** The published roster (a draft is not duty). */
  deputies: string[];
  leader: string | null;
  present: string[] | null;
}

/** `visitors`: one visit registered at a station's desk, keyed by a hash of the station and request id. */
export interface VisitDoc {
  _id: string;
  stationId: string;
  date: string;
  /** The reception day's document id, or null for a walk-in on an ordinary day. */
  receptionDayId: string | null;
  receivedBy: string;
  receivedByName: string;
  visitorName: string | null;
  anonymous: boolean;
  phone: string | null;
  items: Array<{
    kind: CaseKind;
    category: string;
    categoryName: string;
    description: string;
    photos: string[];
    caseId: string;
    caseNo: string;
  }>;
  caseIds: string[];
  answeredOnSpot: boolean;
  answer: string | null;
  clientRequestId: string;
  registeredBy: StaffRef;
  createdAt: number;
  /** When the visitor's name, phone and photo ids were removed (privacy/); absent or null until then. */
  redactedAt?: number | null;
}
