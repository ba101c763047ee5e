import { loadHolidayNotices, setCalendarYear } from '../_lib/calendar';
import {
  createBindCode,
  directoryEntry,
  listDirectory,
  saveDirectory,
  setDirectoryActive,
} from '../_lib/directory';
import { officeDeputyRecord, officeFigures, officeRankings, officeUnsatisfied } from '../_lib/figures';
import { withFileJobs } from '../_lib/files';
import { collection, defineFunction, type Actions } from '../_lib/platform';
import { posters, postersFile } from '../_lib/print';
import { retention, setRetention } from '../_lib/privacy';
import { classCorrections, correctClasses, problemClasses } from '../_lib/problems';
import {
  announceReports,
  bimonthlyFile,
  bimonthlyReport,
  bimonthlyReports,
  publicOpinionReport,
  publicOpinionReports,
  quarterlyReport,
  reportFile,
  sweepBimonthly,
} from '../_lib/reports';
import { importDirectory, importTemplate, ledger, ledgerFile } from '../_lib/sheets';
import {
  officeDraft,
  officeSubmit,
  officeSuggestion,
  officeSuggestions,
  officeUpdate,
  recordSuggestionAnswer,
} from '../_lib/suggestions';

/**
 * The congress office (代表工委), named as the audience is named everywhere else (role `office`,
 * pages `pages/office/`). `admin` answers the same actions for app versions released before the
 * rename (../admin/index.ts).
 *
 * `health` proves a deployment can reach its database; `createBindCode` makes the one-time code a
 * deputy, staff member or unit binds their WeChat with; `setCalendarYear` enters a year's official
 * holiday notice the calendar package lacks; `retention` and `setRetention` say how long finished
 * cases keep their personal data; `figures` (统计) are the office's accounts of any period and scope,
 * `rankings` (排行) units, stations and deputies side by side, `deputyRecord` (履职档案) any deputy's
 * record with the events behind it, `unsatisfied` (待处理的不满意) the answers waiting for 发回重办 or 督办;
 * `ledger` (台账, .xlsx) and `posters` (海报, PDF) are the files the office takes out; `problemClasses`
 * groups a period's appeals into classes of problems (问题类别), which the office corrects with
 * `correctClasses`; `suggestions` … `recordSuggestionAnswer` are the deputy suggestions (代表建议)
 * drafted from those classes, followed to the government's answer; `publicOpinionReport(s)` the
 * 民情专报 (PDF), also made for each quarter by the timer `reports`; `bimonthlyReport` (双月反馈, PDF
 * or .xlsx) is the two-monthly report for the 代表工委, also made by the timer `bimonthly`, and
 * `bimonthlyReports` lists those made; the rest keep the directory (名册) of deputies, staff, handling
 * units and stations.
 */
export const officeActions: Actions<'office'> = {
  async health(_input, ctx) {
    const started = performance.now();
    const { total } = await collection(ctx.db, 'stations').count();
    return {
      status: 'ok' as const,
      stations: total,
      databaseMs: Math.round(performance.now() - started),
      at: new Date(ctx.now).toISOString(),
    };
  },
  createBindCode,
  setCalendarYear,
  directory: listDirectory,
  entry: directoryEntry,
  save: saveDirectory,
  setActive: setDirectoryActive,
  importDirectory,
  importTemplate,
  retention,
  setRetention,
  ledger,
  posters,
  figures: officeFigures,
  rankings: officeRankings,
  deputyRecord: officeDeputyRecord,
  unsatisfied: officeUnsatisfied,
  problemClasses,
  correctClasses,
  classCorrections,
  suggestions: officeSuggestions,
  suggestion: officeSuggestion,
  draftSuggestion: officeDraft,
  updateSuggestion: officeUpdate,
  submitSuggestion: officeSubmit,
  recordSuggestionAnswer,
  publicOpinionReport,
  publicOpinionReports,
  bimonthlyReport,
  bimonthlyReports,
};

/**
 * The timer `exports` makes the files too big to make during a call (files/), then tells the office
 * of a scheduled report (民情专报, 双月反馈) just made; the timer `reports` asks for the quarter's report at its end;
 * the timer `bimonthly` makes the 双月反馈 report of the two months just ended and tells the office
 * (reports/).
 */
export const main = withFileJobs(
  defineFunction('office', officeActions, { prepare: loadHolidayNotices }),
  { ledger: ledgerFile, posters: postersFile, opinion_report: reportFile, bimonthly: bimonthlyFile },
  {
    triggers: { reports: quarterlyReport, bimonthly: sweepBimonthly },
    afterJobs: announceReports,
  },
);
