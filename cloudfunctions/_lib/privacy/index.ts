/**
 * Personal data (个人信息, PIPL): the office's retention period, the timer that removes finished
 * cases' personal data when it runs out, and what a resident sees of their own data and asks to
 * delete. It acts on cases without changing their lifecycle: a case keeps its status and timeline.
 */
export { eraseMyData, myData, MY_DATA_CASES } from './my-data';
export { personalFieldsOf, redactCase, redactedFields, type RedactOutcome } from './redact';
export { RETENTION_BATCH, sweepRetention } from './retention-sweep';
export { readRetention, retention, setRetention } from './settings';
export { publicText } from './public-text';
