/**
 * The office's corrections to the classes of problems (问题类别), in `problem_corrections`: each
 * one kept and applied, in the order made, every time the classes are computed (problems/).
 */
export interface ProblemCorrectionDoc {
  /** Derived from the office account and the request id, so a retried correction is stored once. */
  _id: string;
  kind: 'rename' | 'merge' | 'split';
  /** The class renamed, or the class a merge or split made (`merge:<id>`, `split:<id>`). */
  key: string;
  label: string | null;
  /** The classes merged, or the class split from. */
  from: string[];
  /** A split's cases: ids (what the grouping compares) and 受理编号 (what people read). */
  members: string[];
  caseNos: string[];
  /** A split's cases' descriptions (at most 20), so later appeals like them follow the split. */
  examples: string[];
  at: number;
  /** The office member's OpenID. */
  by: string;
  /** False once undone. */
  active: boolean;
}
