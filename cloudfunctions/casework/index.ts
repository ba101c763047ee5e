import { loadHolidayNotices } from '../_lib/calendar';
import { act, caseworkDetail, queue, units } from '../_lib/cases';
import { defineFunction } from '../_lib/platform';

/**
 * Casework for everyone who handles cases: deputies (their own), station staff (their station's),
 * handling units (routed to them) and the congress office (all, with review and supervision).
 */
export const main = defineFunction(
  'casework',
  { queue, caseDetail: caseworkDetail, act, units },
  { prepare: loadHolidayNotices },
);
