/**
 * Files the product makes for people to download (ledgers, posters, reports): made at once when
 * small, as jobs run by the office function's timer when big; stored under function-made paths
 * (`exports/<kind>/…`) and answered with a file ID and a temporary URL. No heavy package here:
 * the makers (sheets/, print/) bring their own.
 */
export {
  exportId,
  requestFile,
  REUSE_MS,
  runFileJobs,
  STALE_RUN_MS,
  syncLimit,
  type FileMaker,
  type FileMakers,
  type FileRequest,
} from './jobs';
export { FILE_JOBS_TRIGGER, withFileJobs, type OtherTimers } from './timer';
