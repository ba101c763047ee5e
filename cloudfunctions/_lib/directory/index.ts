/**
 * The office's directory (名册) of deputies, station staff, handling units and stations; the WeChat
 * accounts bound to them with one-time codes; and the caller's own account.
 */
export { bind, me } from './account';
export {
  BIND_ROLES,
  bindSettings,
  createBindCode,
  DEFAULT_PEPPER,
  FAILURE_WINDOW_MS,
  generateBindCode,
  hashBindCode,
  INVALID_MESSAGE,
  issueBindCode,
  MAX_FAILURES,
  OFFICE_NAME,
} from './binding';
export { directoryEntry, listDirectory, MAX_DIRECTORY } from './entries';
export { findDeputies } from './find';
export { replyPhrases, saveReplyPhrases } from './phrases';
export {
  checkAgainstStore,
  createRecord,
  DIRECTORY_COLLECTIONS,
  recordId,
  saveDirectory,
  setDirectoryActive,
  syncStaffRoles,
} from './maintain';
export {
  categories,
  deputySummaries,
  findDeputyByCode,
  findStationByCode,
  staffRoles,
  stationSummary,
} from './records';
