import type {
  ActionInput,
  CaseDetailView,
  CaseListItem,
  DraftAppealInput,
  EraseMyDataResult,
  FindDeputiesInput,
  FindDeputiesView,
  LandingView,
  MeView,
  MyDataView,
  Page,
  SimilarAppealsView,
  SubmitInput,
  SubmitResult,
  VoiceNoteInput,
} from '../core/api';
import type { Rating } from '../core/model';
import { call } from './api';
import { getTransport } from './index';

/**
 * What resident pages ask of the cloud: one function per action of the `resident` cloud function,
 * typed by the contract (core/api.ts), plus the photo upload that goes straight to storage.
 */

export type LandingInput = ActionInput<'resident', 'landing'>;

export const landing = (options: LandingInput): Promise<LandingView> => call('resident', 'landing', options);

export const submit = (input: SubmitInput): Promise<SubmitResult> => call('resident', 'submit', input);

/** 相似诉求, before submitting: the same problem already being handled nearby (masked). */
export const similarAppeals = (draft: DraftAppealInput): Promise<SimilarAppealsView> =>
  call('resident', 'similarAppeals', draft);

export const myCases = (cursor: string | null, limit = 20): Promise<Page<CaseListItem>> =>
  call('resident', 'myCases', { cursor, limit });

export const caseDetail = (caseId: string): Promise<CaseDetailView> =>
  call('resident', 'caseDetail', { caseId });

/** Uploads one photo straight to storage; only the answered file ID ever reaches a function. */
export const uploadPhoto = (
  filePath: string,
  cloudPath: string,
  onProgress: (percent: number) => void,
): Promise<{ fileID: string }> => getTransport().uploadFile({ filePath, cloudPath, onProgress });

/** Who the caller is bound as (deputy, staff, unit, office), if anyone; residents have no roles. */
export const me = (): Promise<MeView> => call('resident', 'me', {});

/** 满意 / 基本满意 / 不满意 on an answered case; safe to retry with the same clientRequestId. */
export const rate = (
  caseId: string,
  rating: Rating,
  comment: string,
  clientRequestId: string,
): Promise<CaseDetailView> =>
  call('resident', 'rate', { caseId, rating, ...(comment ? { comment } : {}), clientRequestId });

/** 五公开: gives or withdraws the consent to publish the case's outcome (masked) once it is closed. */
export const setPublishConsent = (caseId: string, consent: boolean): Promise<CaseDetailView> =>
  call('resident', 'setPublishConsent', { caseId, consent });

/** 催办: a chase once the answer is overdue; safe to retry with the same clientRequestId. */
export const chase = (caseId: string, clientRequestId: string): Promise<CaseDetailView> =>
  call('resident', 'chase', { caseId, clientRequestId });

/** 补充: text and/or photos (file IDs already uploaded) added to an open case. */
export const supplement = (
  caseId: string,
  note: string,
  photos: string[],
  clientRequestId: string,
  voiceNotes: VoiceNoteInput[] = [],
): Promise<CaseDetailView> =>
  call('resident', 'supplement', {
    caseId,
    ...(note ? { note } : {}),
    photos,
    ...(voiceNotes.length > 0 ? { voiceNotes } : {}),
    clientRequestId,
  });

/** 撤回: withdraws a case nobody has accepted yet, with an optional reason. */
export const withdraw = (caseId: string, reason: string, clientRequestId: string): Promise<CaseDetailView> =>
  call('resident', 'withdraw', { caseId, ...(reason ? { reason } : {}), clientRequestId });

/** What the product holds about the caller: their cases with the personal data in each, roles, requests. */
export const myData = (): Promise<MyDataView> => call('resident', 'myData', {});

/** Asks for the caller's personal data to be deleted; safe to retry with the same clientRequestId. */
export const eraseMyData = (clientRequestId: string): Promise<EraseMyDataResult> =>
  call('resident', 'eraseMyData', { clientRequestId });

/** Binds this WeChat account to a role with the office's one-time code; answers who the caller now is. */
export const bind = (code: string): Promise<MeView> => call('resident', 'bind', { code });

/** 找代表: deputies and stations by name, station or community, without a code. */
export const findDeputies = (input: FindDeputiesInput): Promise<FindDeputiesView> =>
  call('resident', 'findDeputies', input);
