import type { AnswerOutcome } from './model';

/**
 * 代表建议 (deputy suggestions made between sessions, 闭会期间代表建议): drafted from a class of
 * problems by the office or a deputy, signed by the deputies named on it, submitted, and answered by
 * the government (cloudfunctions/_lib/suggestions/, docs/decisions/0024-suggestion-lifecycle.md).
 */

/** drafted (起草中) → submitted (已提交) → answered (已答复). */
export type SuggestionStatus = 'drafted' | 'submitted' | 'answered';

/** What a drafter writes; the same shape for a new draft and an edit of one. */
export interface SuggestionFields {
  title: string;
  /** 问题: what the appeals say is wrong. */
  problem: string;
  /** 理由: why it needs a decision above a single case. */
  reasons: string;
  /** 建议: what the government is asked to do. */
  proposal: string;
  /** The appeals as evidence, by 受理编号 (usually the class's). */
  caseNos: string[];
  /** The deputies who will sign it (联名代表), lead signer first. */
  signerIds: string[];
}

/** `office.draftSuggestion`, `deputy.draftSuggestion`. */
export interface DraftSuggestionInput extends SuggestionFields {
  /** The class of problems it was drafted from (问题类别), when it was. */
  classKey?: string;
  classLabel?: string;
  /** The period the class was read over. */
  from?: string;
  to?: string;
  clientRequestId: string;
}

/** `office.updateSuggestion`, `deputy.updateSuggestion`: a draft's fields, all of them, as now shown. */
export interface UpdateSuggestionInput extends SuggestionFields {
  id: string;
  /** The version the editor read (compare-and-set: CONFLICT when someone changed it meanwhile). */
  version: number;
  clientRequestId: string;
}

/** `office.recordSuggestionAnswer`: the government's answer (办理答复). */
export interface SuggestionAnswerInput {
  id: string;
  /** 承办单位: who answered. */
  unit: string;
  text: string;
  /** China-local `YYYY-MM-DD`: the date on the answer. */
  date: string;
  outcome: AnswerOutcome;
  clientRequestId: string;
}

export interface SuggestionSigner {
  deputyId: string;
  name: string;
  /** When they signed (确认联名); null until they do. */
  signedAt: number | null;
}

export interface SuggestionAnswerView {
  unit: string;
  text: string;
  date: string;
  outcome: AnswerOutcome;
  outcomeLabel: string;
  recordedAt: number;
}

export interface SuggestionListItem {
  id: string;
  title: string;
  status: SuggestionStatus;
  statusLabel: string;
  classLabel: string | null;
  signers: SuggestionSigner[];
  caseCount: number;
  createdAt: number;
  submittedAt: number | null;
  answeredAt: number | null;
  outcome: AnswerOutcome | null;
}

export interface SuggestionView extends SuggestionListItem, SuggestionFields {
  classKey: string | null;
  period: { from: string; to: string } | null;
  /** Who drafted it: the office, or a deputy (by name). */
  draftedBy: { role: 'office' | 'deputy'; name: string };
  answer: SuggestionAnswerView | null;
  /** Bumped by every change; sent back with an edit. */
  version: number;
  /** What the caller may do now. */
  actions: Array<'update' | 'sign' | 'submit' | 'recordAnswer'>;
  timeline: Array<{ type: SuggestionEventType; at: number; by: string; note: string }>;
}

export type SuggestionEventType = 'drafted' | 'updated' | 'signed' | 'submitted' | 'answered';

/** `office.suggestions`, `deputy.suggestions`: newest first; narrowed by status. */
export interface SuggestionsInput {
  status?: SuggestionStatus;
  /** Only those drafted from this class of problems. */
  classKey?: string;
}

export interface SuggestionsView {
  items: SuggestionListItem[];
}

/**
 * The suggestions of a period, as the figures (统计) and the 民情专报 count them: drafted in it,
 * submitted in it, answered in it, and of those answered the ones whose outcome is 已解决或采纳.
 */
export interface SuggestionFigures {
  drafted: number;
  submitted: number;
  answered: number;
  /** 办成: answered in the period as solved or adopted. */
  solved: number;
  /** 办成率: solved ÷ answered, a percentage with two decimals; null when none answered. */
  resolvedRate: number | null;
}
