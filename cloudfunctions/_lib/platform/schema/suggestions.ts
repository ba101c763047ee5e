import type { SuggestionEventType, SuggestionStatus } from '../../../../miniprogram/core/api-suggestions';
import type { AnswerOutcome } from '../../../../miniprogram/core/model';
import type { OutboxFields } from './cases';

/**
 * `suggestions`: a deputy suggestion (代表建议) drafted from a class of problems, its signers, its
 * status and the government's answer; the messages it owes the signers ride in its own outbox, as a
 * case's do (docs/decisions/0024-suggestion-lifecycle.md).
 */
export interface SuggestionDoc extends OutboxFields {
  /** Derived from the drafter's OpenID and the request id: a retried draft is stored once. */
  _id: string;
  title: string;
  problem: string;
  reasons: string;
  proposal: string;
  caseNos: string[];
  classKey: string | null;
  classLabel: string | null;
  period: { from: string; to: string } | null;
  signers: Array<{ deputyId: string; name: string; signedAt: number | null }>;
  /** The signers' ids, kept beside `signers` for the queries (a deputy's list and record). */
  signerIds: string[];
  status: SuggestionStatus;
  draftedBy: { role: 'office' | 'deputy'; openid: string; deputyId: string | null; name: string };
  answer: {
    unit: string;
    text: string;
    date: string;
    outcome: AnswerOutcome;
    recordedAt: number;
    by: string;
  } | null;
  /** Append-only; each carries the request that caused it, so a retry finds it and stops. */
  events: Array<{ type: SuggestionEventType; at: number; by: string; requestId: string; note: string }>;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  answeredAt: number | null;
  /** Bumped by every change, which is conditional on it (compare-and-set). */
  version: number;
}
