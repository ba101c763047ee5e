import type { PauseInterval } from './deadlines';
import type {
  ActorRole,
  AnswerOutcome,
  CaseAction,
  CaseEventType,
  CaseKind,
  CaseStatus,
  CloseReason,
  Rating,
  RouteKind,
} from './model';

/**
 * The shapes the lifecycle works on (import them from lifecycle.ts, their public face): the case's
 * lifecycle fields, who acts, an action's input, and the Effect that `decide` answers and the
 * functions (_lib/cases/transition.ts) write as one conditional update.
 */

/* ------------------------------------------------------------------------------------------ */
/* The case as the lifecycle sees it                                                           */

/** The deadline clock: deadlines.ts computes its due date (with its pauses and the calendar). */
export interface Clock {
  startAt: number;
  workingDays: number;
  round: 'first' | 'redo';
  /** Set when the case is answered, declined or merged; the clock stays for "answered on time". */
  stoppedAt: number | null;
}

export interface Pause extends PauseInterval {
  reason: string;
}

/** The lifecycle's fields of a stored case. Timestamps are epoch milliseconds. */
export interface CaseFacts {
  acceptedAt: number | null;
  route: RouteKind | null;
  /** The handling unit holding the case (for a transfer, the department once approved). */
  unitId: string | null;
  supervised: boolean;
  clockPaused: boolean;
  pauses: Pause[];
  clock: Clock | null;
  /** The rating of the latest answer; reset by a new answer round. */
  rating: Rating | null;
  /** The latest answer; the rating window runs from it. */
  answeredAt: number | null;
  /** What the latest answer did (model.ts AnswerOutcome); null before an answer, or when none was recorded. */
  outcome: AnswerOutcome | null;
  closedBy: CloseReason | null;
  mergedInto: string | null;
}

/** What a newly submitted case starts with. */
export const INITIAL_FACTS: CaseFacts = {
  acceptedAt: null,
  route: null,
  unitId: null,
  supervised: false,
  clockPaused: false,
  pauses: [],
  clock: null,
  rating: null,
  answeredAt: null,
  outcome: null,
  closedBy: null,
  mergedInto: null,
};

export interface CaseState extends CaseFacts {
  id: string;
  status: CaseStatus;
  version: number;
  kind: CaseKind;
  /** The submitting resident. */
  openid: string;
  createdAt: number;
}

/** Who acted, as a case's timeline records it. */
export interface Actor {
  role: ActorRole;
  /** OpenID for residents, the deputy's, station's or unit's id, 'office', or 'timers' for the system. */
  id: string;
  /** Display name at the time (anonymous residents are 匿名群众). */
  name: string;
}

/** Who must be told. `deputy`: the deputy the case is addressed to (a station's staff for a station case). */
export type Party = 'resident' | 'deputy' | 'unit' | 'office';

export interface EventDetail {
  route?: RouteKind;
  unitId?: string;
  rating?: Rating;
  /** The outcome an answer recorded. */
  outcome?: AnswerOutcome;
  intoCaseId?: string;
  fromCaseId?: string;
  /** The working days of a clock started by this event. */
  workingDays?: number;
}

export interface EventDraft {
  type: CaseEventType;
  at: number;
  actor: Actor;
  from: CaseStatus | null;
  to: CaseStatus | null;
  note: string | null;
  detail: EventDetail | null;
}

export type DeadlineChange =
  | { op: 'start'; startAt: number; workingDays: number; reason: 'accept' | 'route' | 'redo' }
  | { op: 'stop'; at: number }
  /** A pause ended: recompute the due date from the clock and the pauses. */
  | { op: 'extend' };

export interface Effect {
  action: CaseAction;
  caseId: string;
  /** Apply only while the stored case still has this version, and bump it. */
  ifVersion: number;
  from: CaseStatus;
  to: CaseStatus;
  /** Whole values to set (arrays included), so the update needs no positional operators. */
  set: Partial<CaseFacts>;
  /** The event to append to the case's timeline. */
  event: EventDraft;
  deadline: DeadlineChange | null;
  notify: Party[];
  /** `merge` only: the earlier case gets an event too, and its resident is told. */
  counterpart: { caseId: string; event: EventDraft; notify: Party[] } | null;
}

/* ------------------------------------------------------------------------------------------ */
/* Input                                                                                       */

export interface MergeTarget {
  id: string;
  createdAt: number;
  status: CaseStatus;
}

/**
 * What each action takes; `note` is required where NOTE_NAMES says so, optional elsewhere (for
 * `rate` it is the resident's comment). `route` needs `route`, and `unitId` unless direct; `rate`
 * needs `rating`; `merge` needs `into`, the earlier case as the function read it.
 */
export interface ActionInput {
  note?: string;
  route?: RouteKind;
  unitId?: string;
  rating?: Rating;
  /** `reply`, `unit_answer`: what the answer did; absent from older app versions (recorded as null). */
  outcome?: AnswerOutcome;
  into?: MergeTarget;
}
