import { loadHolidayNotices } from '../_lib/calendar';
import {
  stationDeputyRecord,
  stationFigures,
  stationRankings,
  stationReceptionFigures,
  stationUnsatisfied,
} from '../_lib/figures';
import { defineFunction } from '../_lib/platform';
import {
  changeDay,
  decideSwap,
  overview,
  proposeRoster,
  recordAttendance,
  registerVisitor,
  saveRoster,
  cancelSignIn,
  signIn,
  today,
} from '../_lib/reception';
import { ledger } from '../_lib/sheets';

/**
 * What station staff do: plan the reception days (接待日) from the station's rule and change one
 * with a reason; put deputies on duty by a fair rotation and publish the roster; decide deputies'
 * swap requests; register visitors, each item becoming a case; take attendance; read the month at a
 * glance, the figures for any period (the reception figures, and the office's case figures for their
 * stations: `caseFigures`), the ledger (台账, .xlsx, of their stations only), and the office's rankings
 * (`rankings`), deputy records (`deputyRecord`) and unsatisfied answers (`unsatisfied`) of their stations. Staff of
 * the station only (from `users`, never the request); the office may read `overview` and `figures`
 * of any station it names.
 */
export const main = defineFunction(
  'station',
  {
    overview,
    today,
    signIn,
    cancelSignIn,
    changeDay,
    proposeRoster,
    saveRoster,
    registerVisitor,
    recordAttendance,
    decideSwap,
    figures: stationReceptionFigures,
    ledger,
    caseFigures: stationFigures,
    rankings: stationRankings,
    deputyRecord: stationDeputyRecord,
    unsatisfied: stationUnsatisfied,
  },
  { prepare: loadHolidayNotices },
);
