/**
 * 代表建议 (deputy suggestions between sessions): drafted from a class of problems by the office or a
 * deputy, signed by the deputies named, submitted, and answered by the government; counted in the
 * figures and in each deputy's record.
 */
export {
  deputyDraft,
  deputySubmit,
  deputyUpdate,
  officeDraft,
  officeSubmit,
  officeUpdate,
  recordSuggestionAnswer,
  signSuggestion,
} from './lifecycle';
export {
  deputySuggestion,
  deputySuggestions,
  officeSuggestion,
  officeSuggestions,
  suggestionFigures,
  suggestionsSigned,
} from './views';
