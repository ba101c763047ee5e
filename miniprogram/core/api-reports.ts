/**
 * 民情专报 (public-opinion report): the office's quarterly report distilled from the appeals — the
 * period's figures, the top classes of problems, what was solved and what is stuck, the deputy
 * suggestions made from them, and a few recommendations — as a printable PDF
 * (cloudfunctions/_lib/reports/).
 */

/** `office.publicOpinionReport`: any period of at most a year (China-local dates, both included). */
export interface PublicOpinionReportInput {
  from: string;
  to: string;
}

export interface PublicOpinionReportItem {
  /** The file job's id. */
  id: string;
  from: string;
  to: string;
  /** The file's name (民情专报_2026-01-01_2026-03-31.pdf). */
  name: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** Pages, once made. */
  pages: number | null;
  requestedAt: number;
  madeAt: number | null;
  /** Made by the timer at a quarter's end (the office was told), rather than on request only. */
  quarterly: boolean;
  fileID: string | null;
  /** A download URL for an hour, once made. */
  url: string | null;
}

/** `office.publicOpinionReports`: the reports made and being made, newest period first. */
export interface PublicOpinionReportsView {
  items: PublicOpinionReportItem[];
}
