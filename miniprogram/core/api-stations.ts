import type { CaseKind } from './model';
import type { StationSummary } from './api-landing';

/**
 * Part of the contract between the mini-program and the functions; import it from api.ts, its
 * public face. Stations: reception days and staff's changes to them, duty rosters, deputies' duties
 * and swap requests, visitors registered at the desk, and the station's figures.
 */

/** A deputy or leader as station screens name them. */
export interface PersonRef {
  id: string;
  name: string;
}

/** A reception day's duty roster (值班表) as staff see it. */
export interface DutyRosterView {
  deputies: PersonRef[];
  /** The leader on duty (分管领导), where the station has a leaders' pool. */
  leader: PersonRef | null;
  /** Published rosters show on the station page and the deputies are reminded the day before. */
  published: boolean;
  /** How many deputies the day still lacks (the station's deputies per day minus those rostered). */
  shortBy: number;
  /** The station has a leaders' pool and no leader is on the roster. */
  leaderMissing: boolean;
  /** The deputies on a published roster who confirmed the duty for this date (确认值班). */
  confirmed: PersonRef[];
}

/** One reception day of a station: planned from its rule and staff's changes, or cancelled. */
export interface StationDayView {
  /** China-local YYYY-MM-DD; for a cancelled day, the date it would have been on. */
  date: string;
  weekday: string;
  /** From the rule, or an extra day staff added. */
  origin: 'rule' | 'extra';
  extra: boolean;
  /** The date the rule names, when the holiday policy moved the day (节假日顺延). */
  ruleDate: string | null;
  /** The date staff moved the day from. */
  movedFrom: string | null;
  cancelled: boolean;
  /** Staff's reason for moving, adding or cancelling the day. */
  reason: string | null;
  /** Held on a weekend or an official holiday. */
  onHoliday: boolean;
  /** Before today (China time): no longer changeable, attendance can be taken. */
  past: boolean;
  roster: DutyRosterView | null;
  /** The deputies ticked present; null until attendance is taken. */
  present: PersonRef[] | null;
  /** Visitors registered for that day. */
  visits: number;
  /** Deputies' pending requests to hand over or swap their duty that day, for staff to decide. */
  swapRequests: SwapRequestView[];
}

/** A station's reception days over a period. */
export interface ReceptionPlanView {
  from: string;
  to: string;
  /** In date order, cancelled days included (marked). */
  days: StationDayView[];
  /** Staff changes that no longer apply, typically after the rule changed; shown, not dropped. */
  ignored: Array<{
    kind: 'move' | 'cancel' | 'add';
    date: string;
    to: string | null;
    reason: string;
    why: 'NO_SUCH_DAY' | 'DATE_TAKEN';
  }>;
  /** Years whose official holidays are not published yet: dates there may still move. */
  uncoveredYears: number[];
}

/** A station as its staff see it. */
export interface StationView extends StationSummary {
  openingHours: string;
  /** 每月10日（节假日顺延）…; null when the station has no reception rule yet. */
  ruleLabel: string | null;
  /** Deputies on duty per reception day. */
  deputiesPerDay: number;
  deputies: PersonRef[];
  /** The leaders' pool; empty when the station has no leader on duty. */
  leaders: PersonRef[];
}

/**
 * A station's figures for a period (cloudfunctions/_lib/figures/station-figures.ts, on the office's
 * figures aggregation): visits (人次), suggestions received, handled, remaining — the figures
 * stations publish.
 */
export interface StationFiguresView {
  from: string;
  to: string;
  visits: number;
  answeredOnSpot: number;
  visitsWithCases: number;
  suggestions: number;
  fromVisits: number;
  fromScans: number;
  byKind: Record<CaseKind, number>;
  handled: number;
  closed: number;
  answered: number;
  explained: number;
  remaining: number;
  overdue: number;
  merged: number;
  /**
   * Added with the move onto the office's figures (统计): of the suggestions, those holding an answer
   * (办理回复), and the residents' ratings of them; 满意率 = (满意 + 基本满意) ÷ rated, null when none.
   */
  replied: number;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  satisfactionRate: number | null;
  withdrawn: number;
}

/** 本月概览: the month at a glance for station staff (and the office). */
export interface StationOverviewView {
  station: StationView;
  /** YYYY-MM */
  month: string;
  today: string;
  plan: ReceptionPlanView;
  /** Visitors registered in the month so far, and of those answered on the spot (当场答复). */
  visitors: { visits: number; answeredOnSpot: number };
  /** The station's cases raised in the month: opened, answered (handled), still open, overdue. */
  cases: { opened: number; answered: number; open: number; overdue: number };
  uncoveredYears: number[];
  /** The stations the caller works for (staff of several choose one; empty for the office). */
  stations: Array<{ id: string; name: string }>;
}

export type DayChangeKind = 'move' | 'cancel' | 'add' | 'restore';

export interface RosterProposalView {
  from: string;
  to: string;
  deputiesPerDay: number;
  days: Array<{
    date: string;
    weekday: string;
    /** The rotation's proposal (who served least recently first; unavailability respected). */
    proposal: DutyRosterView;
    /** What is saved for the day now, if anything. */
    current: DutyRosterView | null;
  }>;
}

export interface VisitItemInput {
  kind: CaseKind;
  category: string;
  description: string;
  /** File IDs of photos taken at the desk, uploaded by the staff member. */
  photos?: string[];
}

export interface RegisterVisitorInput {
  /** Staff of several stations name the station; otherwise their own. */
  stationId?: string;
  date: string;
  /** The deputy who received the visitor: each item becomes a case addressed to them. */
  receivedBy: string;
  visitorName?: string | null;
  anonymous: boolean;
  phone?: string | null;
  items: VisitItemInput[];
  /** A question answered at the desk (当场答复): counted, and opens no case. */
  answeredOnSpot: boolean;
  answer?: string | null;
  /** Chosen once per registration form: a retried registration creates nothing twice. */
  clientRequestId: string;
}

export interface VisitView {
  visitId: string;
  date: string;
  receivedBy: PersonRef;
  answeredOnSpot: boolean;
  cases: Array<{ caseId: string; caseNo: string; kind: CaseKind; categoryName: string }>;
  createdAt: number;
  /** True when this request was a retry of one already stored. */
  replayed: boolean;
}

export type SwapStatus = 'pending' | 'applied' | 'declined' | 'withdrawn';

/**
 * A deputy's request to hand over or swap a duty (换班申请): recorded on the reception day, decided
 * by staff (applied to the rosters, or declined with a note).
 */
export interface SwapRequestView {
  id: string;
  deputy: PersonRef;
  /** The date of the duty to hand over. */
  date: string;
  /** The colleague the deputy named to take over, if any (staff choose one otherwise). */
  withDeputy: PersonRef | null;
  /** The colleague's duty day the deputy offers to take in exchange, if any. */
  withDate: string | null;
  reason: string;
  status: SwapStatus;
  requestedAt: number;
  decidedAt: number | null;
  /** Staff's note when deciding. */
  note: string | null;
}

/** One upcoming duty of the calling deputy (我的值班). */
export interface DutyView {
  /** The reception day, as deputy.confirmDuty and deputy.requestSwap name it. */
  dayId: string;
  station: { id: string; name: string };
  date: string;
  weekday: string;
  /** The others on duty that day (deputies, then the leader). */
  colleagues: PersonRef[];
  confirmed: boolean;
  /** The deputy's latest request for this duty, when pending or declined. */
  swapRequest: SwapRequestView | null;
}

export interface MyDutiesView {
  /**
   * Whose duties: a deputy's (they confirm or ask to swap), or a 分管领导's (read only: no
   * confirmation, no swap; `colleagues` and `stationDays` empty).
   */
  role: 'deputy' | 'leader';
  today: string;
  duties: DutyView[];
  /** The other deputies of the station, who could take over a duty. */
  colleagues: PersonRef[];
  /** The station's upcoming published reception days and who is on them: days to offer a swap for. */
  stationDays: Array<{ date: string; weekday: string; deputies: PersonRef[] }>;
}

export interface RequestSwapInput {
  dayId: string;
  reason: string;
  withDeputyId?: string | null;
  /** With `withDeputyId`: the colleague's duty day to take in exchange (a swap, not a hand-over). */
  withDate?: string | null;
  /** Chosen once per request form: a retry records the request once. */
  clientRequestId: string;
}

export interface DecideSwapInput {
  stationId?: string;
  /** The date of the reception day the request is for. */
  date: string;
  requestId: string;
  decision: 'apply' | 'decline';
  /** When the deputy named nobody: the colleague staff choose to take over. */
  withDeputyId?: string | null;
  note?: string | null;
}

/** One visitor registered today, as the 今天 screen lists them (newest first). */
export interface TodayVisitorView {
  id: string;
  /** HH:mm, China time. */
  time: string;
  /** The visitor's name, 匿名 when they gave none, 已清除 after the retention period. */
  name: string;
  receivedByName: string;
  /** The visitor's phone, masked (138****1234); null when they left none. */
  phone: string | null;
  /** 道路交通、物业 … (the items' categories), or 当场答复 when nothing became a case. */
  summary: string;
  items: number;
  answeredOnSpot: boolean;
}

/** One person on duty today as 今天 shows them: the roster's deputies, then the leader. */
export interface OnDutyView {
  id: string;
  name: string;
  role: 'deputy' | 'leader';
  /** The leader's title (街道党工委副书记 …); empty for a deputy. */
  title: string;
  /** For staff to call them (拨打); null when the directory has none. Never shown to residents. */
  phone: string | null;
  /** HH:mm (China time) of their sign-in (签到) today; null until they sign in. */
  signedInAt: string | null;
}

/** The station's day for staff (今天): the reception day held today, if any, and today's visitors. */
export interface StationTodayView {
  station: StationView;
  today: string;
  weekday: string;
  /** The reception day held today, null on any other day (visitors can still walk in). */
  day: StationDayView | null;
  /**
   * Who is on duty today (the published or draft roster), with sign-in times; people not on the
   * roster who signed in follow them. Empty on a day without reception.
   */
  onDuty: OnDutyView[];
  /** The next reception day after today, when there is none today (within three months). */
  nextDay: string | null;
  visitors: TodayVisitorView[];
}
