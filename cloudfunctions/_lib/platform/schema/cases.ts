import type { PlaceInput } from '../../../../miniprogram/core/api';
import type { Actor, CaseFacts, EventDetail } from '../../../../miniprogram/core/lifecycle';
import type { CaseChannel, CaseEventType, CaseKind, CaseStatus } from '../../../../miniprogram/core/model';
import type { TemplateData, TemplateKey } from '../../../../miniprogram/core/notifications';
import type { LocationConsent, PersonalField, RedactionReason } from '../../../../miniprogram/core/privacy';

/**
 * A case as stored in `cases`. The case document is the unit of consistency: its timeline
 * (`events`, append-only) and the notifications it owes (`outbox`) live inside it, so a submission
 * is one insert and every later transition is one conditional update. Nothing can leave half a
 * case, and a notification is queued if and only if its event is stored.
 *
 * Instants are epoch milliseconds, as everywhere in the database; stored field names are stable
 * (docs/architecture.md, "The case document").
 */

export interface CaseEvent {
  seq: number;
  type: CaseEventType;
  at: number;
  actor: Actor;
  from: CaseStatus | null;
  to: CaseStatus | null;
  note: string | null;
  /** Idempotency key of the request that caused it: a retried request finds its event and stops. */
  requestId: string | null;
  /** Route, unit, rating… of the events that carry them (core/lifecycle.ts EventDetail). */
  detail?: EventDetail | null;
}

export type OutboxStatus =
  'pending' | 'sending' | 'sent' | 'failed' | 'no_credit' | 'no_recipient' | 'unknown';

/** One subscribe message owed to one person. Delivery state is kept apart from the case's status. */
export interface OutboxJob {
  /** `<documentId>:<event seq>:<recipient>`: unique, so a job can be claimed exactly once. */
  id: string;
  template: TemplateKey;
  /** Recipient OpenID; null when the recipient has no bound WeChat account (they see the unread badge). */
  to: string | null;
  page: string;
  data: TemplateData;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  claimedAt: number | null;
  sentAt: number | null;
  lastError: string | null;
  /**
   * Delivered right after the insert that stores it, and written back only if that delivery fails:
   * a case's first notice, so a submission stays within two database round trips. The sweep records
   * such a claim, never settled, as sent when its lease expires (outbox.ts).
   */
  quietOnSuccess?: boolean;
}

/** The fields of a document that carries an outbox (cases, reception days). */
export interface OutboxFields {
  outbox: OutboxJob[];
  /** Earliest due retry or claim expiry among the jobs, or null: what the outbox sweep queries (indexed). */
  outboxDueAt: number | null;
  /** Bumped whenever jobs are added or settled, so the sweep can update outboxDueAt safely. */
  outboxRev: number;
}

export interface PhotoRecord {
  fileID: string;
  /** WeChat's asynchronous media check: pending until its result arrives; risky photos are hidden. */
  check: 'pending' | 'pass' | 'risky' | 'unchecked';
  traceId: string | null;
  /** The resident's supplement (补充) event that added it; absent for the appeal's own photos. */
  seq?: number;
}

/** A voice note (声音留言): stored, checked and hidden as a photo is, with its length. */
export interface VoiceNoteRecord extends PhotoRecord {
  /** Whole seconds, 1–60, as the phone measured the recording. */
  duration: number;
}

/** The resident's consents when they submitted: the privacy notice, and the location's own. */
export interface CaseConsent {
  at: number;
  /** Null when no location was given. */
  location: LocationConsent | null;
}

/** The removal of a case's personal data (privacy/redact.ts): when, why, and what was there. */
export interface Redaction {
  at: number;
  reason: RedactionReason;
  /** The personal data the case held and no longer holds (empty fields are not listed). */
  removed: PersonalField[];
  /** Photo files deleted from storage. */
  photos: number;
}

/**
 * The lifecycle's facts (core/lifecycle.ts CaseFacts: route, unit, supervision, clock, pauses,
 * rating, …) are stored as top-level fields of the case; `dueAt` is the clock's due instant, kept
 * beside them for the deadline sweep and the queues (indexed).
 */
export interface CaseDoc extends CaseFacts, OutboxFields {
  _id: string;
  caseNo: string;
  /**
   * The submitter's OpenID (also for anonymous cases: the resident still follows their case); empty
   * for a visitor registered at a station's desk, who has no WeChat account here.
   */
  openid: string;
  clientRequestId: string;
  channel: CaseChannel;
  deputyId: string | null;
  stationId: string | null;
  kind: CaseKind;
  category: string;
  categoryName: string;
  description: string;
  photos: PhotoRecord[];
  /** Absent from cases stored before voice notes; adopted and checked like the photos. */
  voiceNotes?: VoiceNoteRecord[];
  location: PlaceInput | null;
  phone: string | null;
  contactName: string | null;
  anonymous: boolean;
  status: CaseStatus;
  /** Bumped by every transition; transitions are conditional on it (compare-and-set). */
  version: number;
  createdAt: number;
  updatedAt: number;
  events: CaseEvent[];
  /** Unread flags for the badges: set when something happens the reader has not seen yet. */
  unreadByResident: boolean;
  unreadByDeputy: boolean;
  textCheck: 'pass' | 'review';
  /**
   * The fields WeChat's text check sent to human review (decision 0015): `description`,
   * `contactName`, `location.name`, `location.address`, `visitorName`, `comment` (the rating's),
   * `note` (a reply or a handler's note). Accepted, and shown to the handlers as 待人工复核.
   */
  textReview?: string[];
  /** The clock's due instant while the case is open and the clock runs; null otherwise. */
  dueAt: number | null;
  /**
   * Set with every answer (cases/transition.ts) for the figures (figures/), which aggregate stored
   * fields and never recount a calendar: whether the latest answer met the deadline of the clock
   * running then (true when no clock ran: answered before any deadline), and the working days from
   * the day the case was received to the day of that answer. Null while unanswered or sent back;
   * absent on answers from before they were recorded.
   */
  answeredOnTime?: boolean | null;
  answerWorkingDays?: number | null;
  /** Sent back to be redone (发回重办) at least once: for the figures. */
  sentBack?: boolean;
  /** A case opened from a visitor's item at a station knows its visit, so figures date it by the visit. */
  visit?: { id: string; date: string } | null;
  /** The deadline sweep's marks (cases/deadline-sweep.ts), so a sweep run twice sends nothing twice. */
  remindedDueAt?: number | null;
  overdueRemindedOn?: string | null;
  overdueReminders?: number;
  /** Absent on cases stored before consents were recorded, and on a visitor's case (staff typed it). */
  consent?: CaseConsent | null;
  /**
   * 五公开: the resident agreed that the outcome may be shown, masked, on the deputy's and station's
   * public page once the case is closed (landing/); absent on cases from before it was asked and
   * on a visitor's case. `publishConsentAt`: when it was last given or withdrawn.
   */
  publishConsent?: boolean;
  publishConsentAt?: number | null;
  /** The resident asked for their personal data to be deleted while the case was open. */
  erasureRequestedAt?: number | null;
  /** Set once the case's personal data is removed; absent or null while it is held. */
  redaction?: Redaction | null;
  /**
   * 同类诉求: the 受理编号 of cases linked with this one as the same problem (problems/), by a
   * handler, or by the resident who added their appeal to one already being handled.
   */
  problemLinks?: string[];
}
