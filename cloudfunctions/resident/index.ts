import { loadHolidayNotices } from '../_lib/calendar';
import { caseDetail, myCases, rate, submit } from '../_lib/cases';
import { landing } from '../_lib/landing';
import { bind, me } from '../_lib/directory';
import { defineFunction } from '../_lib/platform';
import { eraseMyData, myData } from '../_lib/privacy';

/**
 * What a resident does: open a deputy's or station's page from a scan, submit an appeal, follow
 * and rate their own cases, see and delete their personal data; and anyone binds their WeChat
 * account to a role with a code.
 */
export const main = defineFunction(
  'resident',
  { landing, submit, myCases, caseDetail, rate, me, bind, myData, eraseMyData },
  { prepare: loadHolidayNotices },
);
