import type {
  DraftSuggestionInput,
  SuggestionsView,
  SuggestionView,
  UpdateSuggestionInput,
} from '../core/api';
import { call } from './api';

/** 代表建议 as a deputy sees them: theirs and those they are named to sign (docs/api.md). */

export const suggestions = (): Promise<SuggestionsView> => call('deputy', 'suggestions', {});

export const suggestion = (id: string): Promise<SuggestionView> => call('deputy', 'suggestion', { id });

export const signSuggestion = (id: string, clientRequestId: string): Promise<SuggestionView> =>
  call('deputy', 'signSuggestion', { id, clientRequestId });

export const submitSuggestion = (id: string, clientRequestId: string): Promise<SuggestionView> =>
  call('deputy', 'submitSuggestion', { id, clientRequestId });

export const draftSuggestion = (input: DraftSuggestionInput): Promise<SuggestionView> =>
  call('deputy', 'draftSuggestion', input);

export const updateSuggestion = (input: UpdateSuggestionInput): Promise<SuggestionView> =>
  call('deputy', 'updateSuggestion', input);
