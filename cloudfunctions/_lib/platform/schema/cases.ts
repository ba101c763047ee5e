import type { PlaceInput } from '../../../../miniprogram/core/api';
import type { CaseFacts, EventDetail } from '../../../../miniprogram/core/lifecycle';
import type {
  ActorRole,
  CaseChannel,
  CaseEventType,
  CaseKind,
  CaseStatus,
} from '../../../../miniprogram/core/model';
import type { TemplateData, TemplateKey } from '../../../../miniprogram/core/notifications';

/**
 * A case as stored in the `cases` collection. The case document is the unit of consistency: its
 * timeline (`events`, append-only) and the notifications it owes (`outbox`) live inside it, so a
 * submission is one insert and every later transition is one conditional update. Nothing can leave
 * half a case, and a notification is queued if and only if its event is stored.
 *
 * Stored field names are stable; see docs/architecture.md ("The case document").
 */

export interface Actor {
  role: ActorRole;
  /** OpenID for residents, deputy/station id for deputies and staff, 'system' for timers. */
  id: string;
  /** Display name at the time (anonymous residents are 群众). */
  name: string;
}

export interface CaseEvent {
  seq: number;
  type: CaseEventType;
  at: Date;
  actor: Actor;
  from: CaseStatus | null;
  to: CaseStatus | null;
  note: string | null;
  /** Idempotency key of the request that caused it: a retried request finds its event and stops. */
  requestId: string | null;
  /** Route, unit, rating… of the events that carry them (lifecycle.ts EventDetail). */
  detail?: EventDetail | null;
}

export type OutboxStatus =
  'pending' | 'sending' | 'sent' | 'failed' | 'no_credit' | 'no_recipient' | 'unknown';

/** One subscribe message owed to one person. Delivery state is kept apart from the case's status. */
export interface OutboxJob {
  /** `<caseId>:<event seq>:<recipient role>`: unique, so a job can be claimed exactly once. */
  id: string;
  template: TemplateKey;
  /** Recipient OpenID; null when the recipient has no bound WeChat account (they see the unread badge). */
  to: string | null;
  page: string;
  data: TemplateData;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  claimedAt: Date | null;
  sentAt: Date | null;
  lastError: string | null;
}

export interface PhotoRecord {
  fileID: string;
  /** WeChat's asynchronous media check: pending until its result arrives; risky photos are hidden. */
  check: 'pending' | 'pass' | 'risky' | 'unchecked';
  traceId: string | null;
}

/**
 * The lifecycle's facts (core/lifecycle.ts CaseFacts: route, unit, supervision, clock, pauses,
 * rating, …) are stored as top-level fields of the case, times in epoch milliseconds; `dueAt` is
 * the clock's due instant, kept beside them for the deadline sweep and the queues (indexed).
 */
export interface CaseDoc extends CaseFacts {
  _id: string;
  caseNo: string;
  /** The submitter's OpenID (also for anonymous cases: the resident still follows their case). */
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
  location: PlaceInput | null;
  phone: string | null;
  contactName: string | null;
  anonymous: boolean;
  status: CaseStatus;
  /** Bumped by every transition; transitions are conditional on it (compare-and-set). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  events: CaseEvent[];
  /** Unread flags for the badges: set when something happens the reader has not seen yet. */
  unreadByResident: boolean;
  unreadByDeputy: boolean;
  outbox: OutboxJob[];
  /** Earliest `nextAttemptAt` among pending jobs, or null: what the outbox sweep queries (indexed). */
  outboxDueAt: Date | null;
  /** Bumped whenever jobs are added or settled, so the sweep can update outboxDueAt safely. */
  outboxRev: number;
  textCheck: 'pass' | 'review';
  /** The clock's due instant while the case is open and the clock runs; null otherwise. */
  dueAt: Date | null;
}
