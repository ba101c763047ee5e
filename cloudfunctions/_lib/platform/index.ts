/**
 * The platform: what every area stands on and nothing above it. The SDK handle, configuration, the
 * function entry point with its context (caller, clock, ports), access (who is calling, in which
 * role), the collections with their document types, typed database helpers, request ids, and
 * WeChat's open APIs. It imports no area.
 */
export { getApp, getDb, type App, type Db } from './app';
export { LOCAL_NOW_FIELD, nowFrom } from './clock';
export { config, ConfigError, DEFAULTS as CONFIG_DEFAULTS, qrUrlPrefix, type Config } from './config';
export { deploymentProblems, LOCAL_BIND_CODE_PEPPER, refuseUnconfigured, runsInCloud } from './deployment';
export {
  callerFrom,
  contextOf,
  defineFunction,
  type Action,
  type ActionContext,
  type Actions,
  type CloudContext,
  type Prepare,
  type WeChatIdentity,
} from './handler';
export {
  handlesInPerson,
  identify,
  requireAccountsReader,
  requireDeputy,
  requireHandler,
  requireOffice,
  requireStation,
  requireWeChatUser,
  standingOn,
  type AccountsReader,
  type Caller,
  type CaseStanding,
  type Handler,
  type StationAccess,
} from './access';
export {
  collections,
  type CollectionName,
  type CollectionSpec,
  type Documents,
  type IndexDirection,
  type IndexSpec,
} from './collections';
export {
  byIds,
  collection,
  duplicateIndex,
  findOne,
  getById,
  inTransaction,
  readAll,
  READ_PAGE,
  type Collection,
  type Query,
  type Transaction,
} from './db';
export { isMessagePush } from './push';
export { derivedId, requestIdOf } from './request-id';
export { screenTexts, type Screened, type TypedText } from './content';
export {
  checkText,
  NO_CREDIT,
  OPEN_APIS,
  sendSubscribeMessage,
  startMediaCheck,
  MEDIA_TYPE,
  TEXT_SCENE,
  unlimitedCode,
  type OpenApiName,
  type TextCheck,
  type TextScene,
  type TextVerdict,
  type UnlimitedCode,
  type UnlimitedCodeRequest,
  type WxAnswer,
} from './wechat';
export type {
  CaseConsent,
  CaseDoc,
  CaseEvent,
  OutboxFields,
  OutboxJob,
  OutboxStatus,
  PhotoRecord,
  VoiceNoteRecord,
  Redaction,
} from './schema/cases';
export type { ErasureRequestDoc, SettingsDoc } from './schema/privacy';
export type { ExportDoc, ExportKind, ExportStatus } from './schema/exports';
export type { ProblemCorrectionDoc } from './schema/problems';
export type { SuggestionDoc } from './schema/suggestions';
export type {
  BindAttemptsDoc,
  BindCodeDoc,
  CalendarYearDoc,
  CategoryDoc,
  DeclaredAbsence,
  DeputyDoc,
  RoleGrant,
  StaffDoc,
  StationDoc,
  StationLeader,
  UnitDoc,
  UserDoc,
} from './schema/people';
export type {
  AttendanceDoc,
  DutyConfirmation,
  ReceptionDayDoc,
  StaffRef,
  SwapRequestDoc,
  VisitDoc,
} from './schema/reception';
