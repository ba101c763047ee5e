import type { PlaceInput } from './api-landing';
import type { Target } from './codes';
import type { CaseStatus } from './model';

/**
 * Similar cases (相似诉求) and classes of problems (问题类别): what the functions answer about
 * appeals read together rather than one by one (cloudfunctions/_lib/problems/).
 */

/** Why a case is shown as like another: the same problem, the same named place, or located nearby. */
export type SimilarReason = 'same_problem' | 'same_place' | 'nearby';

export interface SimilarCaseItem {
  caseNo: string;
  /** The case's id when the caller handles it too (theirs, their station's, or any for the office); null otherwise. */
  caseId: string | null;
  /** Another deputy's case the caller does not handle: a masked summary only (no name, phone or address). */
  masked: boolean;
  /** 0–1 and a little over, most alike highest. */
  score: number;
  reasons: SimilarReason[];
  /** The class of problems it reads as (问题类别), or null when it names none. */
  problem: string | null;
  /** The description, cut short; in a masked summary digits and names of people are hidden. */
  summary: string;
  categoryName: string;
  status: CaseStatus;
  createdAt: number;
  /** A place named in the appeal (小区, 路 …), or null. */
  place: string | null;
  /** Metres between the two locations, when both have one. */
  metres: number | null;
  /** Already linked as the same problem (by a handler, or by the resident who added to it). */
  linked: boolean;
  /** What the caller may do with it from here: merge into it (casework.act), link it as the same problem. */
  actions: Array<'merge' | 'link'>;
}

export interface SimilarCasesView {
  caseNo: string;
  /** The class of problems the case itself reads as. */
  problem: string | null;
  items: SimilarCaseItem[];
}

export interface LinkProblemInput {
  caseId: string;
  /** The other case, by its 受理编号. */
  otherCaseNo: string;
  clientRequestId: string;
}

export interface LinkProblemResult {
  caseNo: string;
  /** Every case now linked with it as the same problem. */
  linkedCaseNos: string[];
}

/** `resident.similarAppeals`: the draft being written, before it is submitted. */
export interface DraftAppealInput {
  description: string;
  category?: string;
  location?: PlaceInput | null;
  target?: Target;
}

/** An appeal already being handled nearby, as a resident may see it: no text of another person. */
export interface SimilarAppealItem {
  /** Its 受理编号: sent back as `sameProblemAs` when the resident adds to it. */
  caseNo: string;
  /** The class of problems, e.g. 路灯损坏. */
  problem: string;
  categoryName: string;
  /** 待受理 / 已受理 / 办理中 … */
  statusLabel: string;
  place: string | null;
  metres: number | null;
  reasons: SimilarReason[];
  /** How many appeals were already added to it. */
  joined: number;
  /** China-local date it was submitted. */
  date: string;
}

export interface SimilarAppealsView {
  items: SimilarAppealItem[];
}

/** `office.problemClasses`: a period (China-local dates, both included) and an optional scope. */
export interface ProblemClassesInput {
  from: string;
  to: string;
  stationId?: string;
  deputyId?: string;
  /** At most this many classes, largest first (default 50). */
  limit?: number;
}

export interface ProblemClassTrend {
  /** Appeals of this class in the period of the same length just before. */
  previous: number;
  change: number;
  direction: 'new' | 'up' | 'down' | 'flat';
}

export interface ProblemClassView {
  /** Stable across runs: what corrections name (a taxonomy class, `words:…`, `split:…`, `merge:…`). */
  key: string;
  label: string;
  keywords: string[];
  count: number;
  places: Array<{ name: string; count: number }>;
  trend: ProblemClassTrend;
  /** The most typical appeals, at most three. */
  representatives: Array<{ caseNo: string; excerpt: string; categoryName: string; status: CaseStatus }>;
  caseNos: string[];
  /** The office renamed, merged or split it. */
  corrected: boolean;
}

export interface ProblemClassesView {
  from: string;
  to: string;
  previous: { from: string; to: string };
  total: number;
  previousTotal: number;
  classes: ProblemClassView[];
}

/** `office.correctClasses`: the office's corrections, kept and applied every time after. */
export type ClassCorrectionInput =
  | { kind: 'rename'; key: string; label: string; clientRequestId: string }
  | { kind: 'merge'; keys: string[]; label?: string; clientRequestId: string }
  | { kind: 'split'; key: string; caseNos: string[]; label: string; clientRequestId: string }
  | { kind: 'undo'; id: string; clientRequestId: string };

export interface ClassCorrectionView {
  id: string;
  kind: 'rename' | 'merge' | 'split';
  /** The class key it made (`merge:…`, `split:…`) or renamed. */
  key: string;
  label: string | null;
  from: string[];
  caseNos: string[];
  at: number;
  by: string;
}

export interface ClassCorrectionsView {
  corrections: ClassCorrectionView[];
}
