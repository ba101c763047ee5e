import { loadHolidayNotices } from '../_lib/calendar';
import { deputyCaseDetail, enterCase, inbox, reply } from '../_lib/cases';
import { myCode } from '../_lib/codes';
import { deputyFigures, record } from '../_lib/figures';
import { replyPhrases, saveReplyPhrases } from '../_lib/directory';
import { defineFunction } from '../_lib/platform';
import { confirmDuty, duties, requestSwap } from '../_lib/reception';
import {
  deputyDraft,
  deputySubmit,
  deputySuggestion,
  deputySuggestions,
  deputyUpdate,
  signSuggestion,
} from '../_lib/suggestions';

/**
 * What a deputy does on their phone: read and answer the cases addressed to them (with their quick-reply
 * phrases), enter what they heard in person or by phone, show their code, read their record (履职档案)
 * and their figures (统计), see, confirm or hand over their reception-day duties, and draft, sign (联名)
 * and submit deputy suggestions (代表建议).
 */
export const main = defineFunction(
  'deputy',
  {
    inbox,
    caseDetail: deputyCaseDetail,
    reply,
    myCode,
    record,
    figures: deputyFigures,
    duties,
    confirmDuty,
    requestSwap,
    suggestions: deputySuggestions,
    suggestion: deputySuggestion,
    draftSuggestion: deputyDraft,
    updateSuggestion: deputyUpdate,
    signSuggestion,
    submitSuggestion: deputySubmit,
    enterCase,
    replyPhrases,
    saveReplyPhrases,
  },
  { prepare: loadHolidayNotices },
);
