/**
 * 民情专报 (public-opinion reports): the period's figures, classes of problems, what was solved and
 * what is stuck, the deputy suggestions and recommendations, printed as a PDF on request and for
 * each quarter by the office function's timer, the office told when the quarter's is ready.
 */
export { adviceFor, reportContent, type ReportContent } from './content';
export { periodTitle, writeReport } from './pdf';
export {
  lastQuarter,
  notifyReadyReports,
  publicOpinionReport,
  publicOpinionReports,
  quarterlyReport,
  reportFile,
} from './report';
