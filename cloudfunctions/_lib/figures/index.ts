/**
 * The office's accounts: the figures (统计) of any period, scope and breakdown by database
 * aggregation, the actions that give them to the office, station staff and deputies, the
 * deputy record (履职档案) and the events behind it, the rankings (排行: `rankings`, which reports
 * reuse) and the unsatisfied answers waiting for the office (待处理的不满意).
 */
export {
  aggregateFigures,
  ALL_CASES,
  caseFigures,
  combine,
  figuresWhere,
  MAX_GROUPS,
  type CaseScope,
  type FiguresQuery,
  type FiguresRow,
} from './case-figures';
export { deputyFigures, officeFigures, stationFigures } from './figures';
export { record } from './deputy-record';
export { rankings, type Rankings, type RankingsQuery } from './rankings';
export { stationLedgerFigures, stationReceptionFigures } from './station-figures';
export { officeRankings, stationRankings } from './accounts';
export { officeDeputyRecord, stationDeputyRecord, RECORD_EVENTS_SHOWN } from './record-detail';
export {
  isWaitingUnsatisfied,
  officeUnsatisfied,
  stationUnsatisfied,
  WAITING_UNSATISFIED,
} from './unsatisfied';
