import type {
  ClassCorrectionInput,
  ClassCorrectionsView,
  DraftSuggestionInput,
  FileJobView,
  ProblemClassesView,
  PublicOpinionReportsView,
  SuggestionAnswerInput,
  SuggestionsView,
  SuggestionView,
  UpdateSuggestionInput,
} from '../core/api';
import { call } from './api';

/**
 * What the office's classes screen (pages/office/classes) asks of the `office` function: the classes
 * of problems (问题类别) and their corrections, the deputy suggestions (代表建议) drafted from them,
 * and the 民情专报.
 */

export const problemClasses = (from: string, to: string): Promise<ProblemClassesView> =>
  call('office', 'problemClasses', { from, to });

export const correctClasses = (input: ClassCorrectionInput): Promise<ClassCorrectionsView> =>
  call('office', 'correctClasses', input);

export const suggestions = (): Promise<SuggestionsView> => call('office', 'suggestions', {});

export const suggestion = (id: string): Promise<SuggestionView> => call('office', 'suggestion', { id });

export const draftSuggestion = (input: DraftSuggestionInput): Promise<SuggestionView> =>
  call('office', 'draftSuggestion', input);

export const updateSuggestion = (input: UpdateSuggestionInput): Promise<SuggestionView> =>
  call('office', 'updateSuggestion', input);

export const submitSuggestion = (id: string, clientRequestId: string): Promise<SuggestionView> =>
  call('office', 'submitSuggestion', { id, clientRequestId });

export const recordSuggestionAnswer = (input: SuggestionAnswerInput): Promise<SuggestionView> =>
  call('office', 'recordSuggestionAnswer', input);

export const publicOpinionReport = (from: string, to: string): Promise<FileJobView> =>
  call('office', 'publicOpinionReport', { from, to });

export const publicOpinionReports = (): Promise<PublicOpinionReportsView> =>
  call('office', 'publicOpinionReports', {});
