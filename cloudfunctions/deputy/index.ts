import { loadHolidayNotices } from '../_lib/calendar';
import { deputyCaseDetail, inbox, reply } from '../_lib/cases';
import { myCode } from '../_lib/codes';
import { deputyFigures, record } from '../_lib/figures';
import { defineFunction } from '../_lib/platform';
import { confirmDuty, duties, requestSwap } from '../_lib/reception';

/**
 * What a deputy does on their phone: read and answer the cases addressed to them, show their code,
 * read their record (履职档案) and their figures (统计), and see, confirm or hand over their reception-day duties.
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
  },
  { prepare: loadHolidayNotices },
);
