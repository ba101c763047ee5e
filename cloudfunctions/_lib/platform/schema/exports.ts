/**
 * `exports`: one document per file the office asked for (a ledger, a batch of posters), keyed by
 * what it holds (`<kind>-<hash of its parameters>`), so asking again — a retry, a poll, a colleague
 * asking for the same — finds the same job and the same file instead of making another.
 */

import type { OutboxFields } from './cases';

/**
 * `opinion_report`: the 民情专报 (reports/); `bimonthly`: the 双月反馈 report (reports/), params
 * `{ from, to, format }`.
 */
export type ExportKind = 'ledger' | 'posters' | 'opinion_report' | 'bimonthly';

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportDoc extends Partial<OutboxFields> {
  _id: string;
  kind: ExportKind;
  /** What the maker needs, already limited to what the asker may see. */
  params: Record<string, unknown>;
  status: ExportStatus;
  /** Rows or pages, as counted when it was asked for. */
  total: number;
  /** The file's name for people (台账_2026-01-01_2026-03-31.xlsx). */
  name: string;
  /** Where the file is stored: made by the function, the same for the same parameters. */
  cloudPath: string;
  fileID: string | null;
  /** Rows or pages written. */
  count: number | null;
  /** Why the last run failed (for the log and the office's IT person; people see EXPORT.FAILED). */
  error: string | null;
  requestedBy: string;
  requestedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Bumped by every change, which is conditional on it (compare-and-set): a job runs once at a time. */
  version: number;
  /**
   * A report a timer asked for at the end of its period (民情专报, 双月反馈): the office is told once
   * it is made (reports/announce.ts). Absent for files made on request only.
   */
  scheduled?: boolean;
  /** When the office was told the scheduled report is ready, with the message queued on this document's outbox. */
  announcedAt?: number | null;
}
