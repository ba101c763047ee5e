/**
 * Reports for the 代表工委 made from the office's accounts: the 双月反馈 bi-monthly report, as a
 * printable PDF (print/) and an .xlsx (sheets/), from the figures (figures/), stored through the
 * files area, and announced to the office through the outbox when the timer makes it.
 */
export {
  bimonthlyFile,
  bimonthlyReport,
  bimonthlyReports,
  REPORT_READY_PAGE,
  sweepBimonthly,
} from './bimonthly';
export { bimonthlyData, LIST_MAX, type BimonthlyData, type ReportCase } from './data';
