import { loadHolidayNotices } from '../_lib/calendar';
import { act, caseworkDetail, queue, units } from '../_lib/cases';
import { defineFunction } from '../_lib/platform';
import { linkProblem, similarCases } from '../_lib/problems';

/**
 * Casework for everyone who handles cases: deputies (their own), station staff (their station's),
 * handling units (routed to them) and the congress office (all, with review and supervision); the
 * open cases like one case (相似诉求), and linking two cases as the same problem.
 */
export const main = defineFunction(
  'casework',
  { queue, caseDetail: caseworkDetail, act, units, similarCases, linkProblem },
  { prepare: loadHolidayNotices },
);
