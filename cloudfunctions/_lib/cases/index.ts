/**
 * Cases (诉求): how they come in, move through their lifecycle, are read by each party, and are kept
 * to their working-day deadlines.
 */
export { act, caseworkDetail, queue, units } from './casework';
export { ESCALATE_AFTER, sweepDeadlines } from './deadline-sweep';
export { enterCase } from './deputy-entry';
export { deputyCaseDetail, inbox, INBOX_TABS, reply } from './inbox';
export { recordMediaCheck } from './media-check';
export { newCaseDoc, storeNewCase, type NewCase } from './new-case';
export { adoptPhotos, checkPhotos, type Adoption, type PhotoBatch } from './photos';
export { caseDetail, myCases, rate, setPublishConsent, submit, UNKNOWN_CODE } from './resident';
export { chase, supplement, withdraw } from './resident-steps';
export { applyAction, deadlineView, dueAtOf, stateOf, type ActRequest } from './transition';
export { submitterName, toDeputyListItem, toDetail, toListItem } from './views';
export { linkCases } from './links';
