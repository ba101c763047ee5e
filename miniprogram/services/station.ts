import type {
  FiguresInput,
  FiguresView,
  FileJobView,
  LedgerInput,
  ActionInput,
  ReceptionPlanView,
  RegisterVisitorInput,
  RosterProposalView,
  StationDayView,
  StationFiguresView,
  StationOverviewView,
  StationTodayView,
  VisitView,
} from '../core/api';
import { call } from './api';

/**
 * What the station staff's screens ask of the cloud: one function per action of the `station` cloud
 * function, typed by the contract. Staff bound to one station name none; `stationId` is passed on
 * only when a page was opened for a given station.
 */

const scoped = (stationId?: string): { stationId?: string } => (stationId ? { stationId } : {});

export const overview = (month?: string, stationId?: string): Promise<StationOverviewView> =>
  call('station', 'overview', { ...scoped(stationId), ...(month ? { month } : {}) });

/** 今天: today's reception day (who is on duty, sign-ins) or the next one, and today's visitors. */
export const today = (stationId?: string): Promise<StationTodayView> =>
  call('station', 'today', scoped(stationId));

/** 签到: one person (deputy or leader) signs in on today's reception day; answers 今天. */
export const signIn = (personId: string, stationId?: string): Promise<StationTodayView> =>
  call('station', 'signIn', { ...scoped(stationId), personId });

/** Takes back one person's sign-in today (tapped by mistake); answers 今天. */
export const cancelSignIn = (personId: string, stationId?: string): Promise<StationTodayView> =>
  call('station', 'cancelSignIn', { ...scoped(stationId), personId });

export type ChangeDayInput = ActionInput<'station', 'changeDay'>;

export const changeDay = (input: ChangeDayInput): Promise<ReceptionPlanView> =>
  call('station', 'changeDay', input);

export const proposeRoster = (from: string, to: string, stationId?: string): Promise<RosterProposalView> =>
  call('station', 'proposeRoster', { ...scoped(stationId), from, to });

export type SaveRosterInput = ActionInput<'station', 'saveRoster'>;

export const saveRoster = (input: SaveRosterInput): Promise<StationDayView> =>
  call('station', 'saveRoster', input);

export const registerVisitor = (input: RegisterVisitorInput): Promise<VisitView> =>
  call('station', 'registerVisitor', input);

/** The deputies ticked present, and those the form showed present when it opened. */
export const recordAttendance = (
  date: string,
  attendance: { present: string[]; previous: string[] },
  stationId?: string,
): Promise<StationDayView> =>
  call('station', 'recordAttendance', {
    ...scoped(stationId),
    date,
    presentDeputyIds: attendance.present,
    previousDeputyIds: attendance.previous,
  });

export type DecideSwapInput = ActionInput<'station', 'decideSwap'>;

/** Applies or declines a deputy's swap request; answers the day. */
export const decideSwap = (input: DecideSwapInput): Promise<StationDayView> =>
  call('station', 'decideSwap', input);

export const figures = (from: string, to: string, stationId?: string): Promise<StationFiguresView> =>
  call('station', 'figures', { ...scoped(stationId), from, to });

/** YYYY-MM of the month `delta` months after `month`. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first and last dates (YYYY-MM-DD) of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** 统计: the office's figures, limited to the caller's stations. */
export const caseFigures = (input: FiguresInput): Promise<FiguresView> =>
  call('station', 'caseFigures', input);

/** 台账: the office's ledger (.xlsx), limited to the caller's stations (a big one is a job: ask again). */
export const ledger = (input: LedgerInput): Promise<FileJobView> => call('station', 'ledger', input);
