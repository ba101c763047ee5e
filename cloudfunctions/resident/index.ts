import { loadHolidayNotices } from '../_lib/calendar';
import {
  caseDetail,
  chase,
  myCases,
  rate,
  setPublishConsent,
  submit,
  supplement,
  withdraw,
} from '../_lib/cases';
import { landing } from '../_lib/landing';
import { bind, findDeputies, me } from '../_lib/directory';
import { defineFunction } from '../_lib/platform';
import { eraseMyData, myData } from '../_lib/privacy';
import { similarAppeals } from '../_lib/problems';

/**
 * What a resident does: open a deputy's or station's page from a scan, submit an appeal, follow
 * and rate their own cases (and chase, add to or withdraw them), see and delete their personal data,
 * see before submitting whether the same problem is already being handled nearby, agree or no longer
 * agree to publish a case's outcome (五公开, shown on the deputy's and station's page), find a deputy
 * or station without a code; and anyone binds their WeChat
 * account to a role with a code.
 */
export const main = defineFunction(
  'resident',
  {
    landing,
    submit,
    myCases,
    caseDetail,
    rate,
    chase,
    supplement,
    withdraw,
    me,
    bind,
    myData,
    eraseMyData,
    similarAppeals,
    setPublishConsent,
    findDeputies,
  },
  { prepare: loadHolidayNotices },
);
