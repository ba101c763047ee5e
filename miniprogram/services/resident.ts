import type {
  ActionInput,
  CaseDetailView,
  CaseListItem,
  LandingView,
  Page,
  SubmitInput,
  SubmitResult,
} from '../core/api';
import { call } from './api';
import { getTransport } from './index';

/**
 * What resident pages ask of the cloud: one function per action of the `resident` cloud function,
 * typed by the contract (core/api.ts), plus the photo upload that goes straight to storage.
 */

export type LandingInput = ActionInput<'resident', 'landing'>;

export const landing = (options: LandingInput): Promise<LandingView> => call('resident', 'landing', options);

export const submit = (input: SubmitInput): Promise<SubmitResult> => call('resident', 'submit', input);

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
