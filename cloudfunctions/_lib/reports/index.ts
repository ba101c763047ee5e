/**
 * Reports for the 代表工委 made from the office's accounts, printed as PDF (print/) and, for the
 * bi-monthly one, as .xlsx too (sheets/), stored through the files area, and announced to the
 * office through their `exports` document's outbox when a timer asked for them (announce.ts):
 * - 民情专报 (public-opinion report): the period's figures, classes of problems, what was solved and
 *   what is stuck, the deputy suggestions and recommendations; each quarter and on request.
 * - 双月反馈 (bi-monthly feedback): the figures, the stations, the unit ranking, the overdue and
 *   unsatisfied lists; every two months and on request.
 */
export {
  announceReports,
  bimonthlyFile,
  bimonthlyReport,
  bimonthlyReports,
  REPORT_READY_PAGE,
  sweepBimonthly,
} from './bimonthly';
export { adviceFor, reportContent, type ReportContent } from './content';
export { bimonthlyData, LIST_MAX, type BimonthlyData, type ReportCase } from './data';
export { periodTitle, writeReport } from './opinion-pdf';
export {
  lastQuarter,
  publicOpinionReport,
  publicOpinionReports,
  quarterlyReport,
  reportFile,
} from './report';
