import type { ReportFormat } from './bimonthly';
import type { CaseChannel, CaseKind } from './model';

/**
 * Files the office takes out of the product: the ledger (台账, .xlsx) and the posters (亮码, PDF).
 * A file is made at once when it is small; a big one is a job that the office function's timer
 * runs, and asking again with the same input answers its progress, then the file.
 */

/** The file, or the job still making it (ask again with the same input, every few seconds). */
export type FileJobView =
  | {
      status: 'done';
      /** Storage file ID: `wx.cloud.downloadFile({ fileID })`, then `wx.openDocument`. */
      fileID: string;
      /** A temporary download URL (one hour), for `wx.downloadFile`. */
      url: string;
      /** What to call the file when it is saved or shared (台账_2026-01-01_2026-03-31.xlsx). */
      name: string;
      /** Rows of a ledger, pages of posters. */
      count: number;
      /** When the file was made: asking again within five minutes answers the same file. */
      madeAt: number;
    }
  | {
      status: 'running';
      /** Rows or pages the file will hold, as counted when it was asked for. */
      total: number;
      /** When a run started; null while it waits for the timer (at most a minute). */
      startedAt: number | null;
    };

/** Which cases a ledger holds, besides its period; every field narrows, none widens. */
export interface LedgerScope {
  stationId?: string;
  deputyId?: string;
  unitId?: string;
  /** A category key (`road_traffic`). */
  category?: string;
  channel?: CaseChannel;
  kind?: CaseKind;
}

/** `office.ledger` / `station.ledger`: the cases created in a period, China-local `YYYY-MM-DD`. */
export interface LedgerInput extends LedgerScope {
  from: string;
  to: string;
}

/** `office.posters`: every active deputy and station, or one station with its deputies. */
export interface PostersInput {
  stationId?: string;
}

/**
 * `office.bimonthlyReport` (双月反馈): the report of a period for the 代表工委 — the figures, by
 * station, the handling units' ranking, the overdue and the unsatisfied cases — as a printable PDF
 * (default) or an .xlsx. China-local `YYYY-MM-DD`, at most a year.
 */
export interface BimonthlyReportInput {
  from: string;
  to: string;
  format?: ReportFormat;
}

/** One report made earlier, by the timer at the end of a two-month period or on request. */
export interface BimonthlyReportItem {
  from: string;
  to: string;
  format: ReportFormat;
  name: string;
  fileID: string;
  /** When the file was made (epoch ms). */
  madeAt: number;
  /** Made by the timer at the end of the period (the office was told), not on request. */
  scheduled: boolean;
}

/** `office.bimonthlyReports`: past reports, the latest period first. */
export interface BimonthlyReportsView {
  reports: BimonthlyReportItem[];
}
