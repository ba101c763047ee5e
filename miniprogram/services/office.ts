import type {
  BimonthlyReportInput,
  BimonthlyReportsView,
  FiguresInput,
  FiguresView,
  FileJobView,
  LedgerInput,
  BindCodeView,
  BindRole,
  DirectoryEntry,
  DirectoryListView,
  ImportReport,
  RetentionView,
  RetireResult,
  SaveDirectoryInput,
} from '../core/api';
import type { DirectoryKind } from '../core/directory';
import { call } from './api';
import { getTransport } from './index';

/** What the congress office's screens ask of the `office` cloud function, typed by the contract. */

/** A one-time bind code for a role; `targetId` names the deputy, staff member or unit (none for the office). */
export const createBindCode = (role: BindRole, targetId?: string): Promise<BindCodeView> =>
  call('office', 'createBindCode', targetId === undefined ? { role } : { role, targetId });

/** One kind of the directory (名册), active records first. */
export const directory = (kind: DirectoryKind): Promise<DirectoryListView> =>
  call('office', 'directory', { kind });

export const entry = (kind: DirectoryKind, id: string): Promise<DirectoryEntry> =>
  call('office', 'entry', { kind, id });

/** Creates (no id; safe to retry with the same clientRequestId) or updates a record. */
export const save = (input: SaveDirectoryInput): Promise<DirectoryEntry> => call('office', 'save', input);

export const setActive = (
  kind: DirectoryKind,
  id: string,
  active: boolean,
  reason?: string,
): Promise<RetireResult> =>
  call('office', 'setActive', reason === undefined ? { kind, id, active } : { kind, id, active, reason });

export const importTemplate = (): Promise<{ fileID: string; url: string }> =>
  call('office', 'importTemplate', {});

/** Checks (dryRun) or stores an uploaded spreadsheet. */
export const importDirectory = (fileID: string, dryRun: boolean): Promise<ImportReport> =>
  call('office', 'importDirectory', { fileID, dryRun });

/** How long finished cases keep their personal data, and what the retention timer last removed. */
export const retention = (): Promise<RetentionView> => call('office', 'retention', {});

export const setRetention = (closedCaseDays: number): Promise<RetentionView> =>
  call('office', 'setRetention', { closedCaseDays });

/** Uploads the picked spreadsheet straight to storage, under the office member's import prefix. */
export const uploadImport = (filePath: string, cloudPath: string): Promise<{ fileID: string }> =>
  getTransport().uploadFile({ filePath, cloudPath });

/** 统计: the office's figures for a period, scope and breakdown (docs/api.md 「统计 / figures」). */
export const figures = (input: FiguresInput): Promise<FiguresView> => call('office', 'figures', input);

/** 台账: the ledger of a period and scope, an .xlsx (a big one is a job: ask again with the same input). */
export const ledger = (input: LedgerInput): Promise<FileJobView> => call('office', 'ledger', input);

/** 海报: the 亮码 posters of every active deputy and station, or of one station, as a PDF. */
export const posters = (stationId?: string): Promise<FileJobView> =>
  call('office', 'posters', stationId ? { stationId } : {});

/** 双月反馈: the report of a period as a PDF or .xlsx (a file job: ask again with the same input). */
export const bimonthlyReport = (input: BimonthlyReportInput): Promise<FileJobView> =>
  call('office', 'bimonthlyReport', input);

/** The reports made so far, by the timer or on request, the latest period first. */
export const bimonthlyReports = (): Promise<BimonthlyReportsView> => call('office', 'bimonthlyReports', {});
