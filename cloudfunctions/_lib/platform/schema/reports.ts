import type { OutboxFields } from './cases';

/**
 * `opinion_reports`: the quarterly 民情专报 the timer asked for, one per quarter (keyed by it), so
 * that a timer fired twice asks once; its file is a job in `exports`, and its outbox tells the
 * office once the file is made (reports/).
 */
export interface OpinionReportDoc extends OutboxFields {
  /** `q<from>`: the quarter's first day. */
  _id: string;
  from: string;
  to: string;
  /** The file job in `exports`. */
  exportId: string;
  requestedAt: number;
  /** When the office was told the file is ready; null until then (what the check looks for). */
  notifiedAt: number | null;
}
