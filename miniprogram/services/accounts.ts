import type { FiguresInput, FiguresView, FileJobView, LedgerInput } from '../core/api';
import type {
  DeputyRecordDetailView,
  DeputyRecordInput,
  RankingsInput,
  RankingsView,
  UnsatisfiedInput,
  UnsatisfiedView,
} from '../core/api-accounts';
import { call } from './api';
import * as office from './office';
import * as station from './station';

/**
 * The account screens (统计, 排行, 台账, 待处理的不满意) serve two audiences: the congress office,
 * which sees every case, and station staff, who see their stations' share through the `station`
 * function's actions of the same shape. A page says whose it is once (`Audience`); this is where
 * that choice picks the function. Staff of several stations name one with `stationId`.
 */

export type Audience = { kind: 'office' } | { kind: 'station'; stationId?: string };

/** `?audience=station&stationId=S` opens a screen for station staff; anything else is the office's. */
export function audienceOf(query: Record<string, string | undefined>): Audience {
  if (query.audience !== 'station') return { kind: 'office' };
  return query.stationId ? { kind: 'station', stationId: query.stationId } : { kind: 'station' };
}

/** The query that opens another account screen for the same audience ('' for the office). */
export function audienceQuery(audience: Audience): string {
  if (audience.kind === 'office') return '';
  return audience.stationId ? `audience=station&stationId=${audience.stationId}` : 'audience=station';
}

const withStation = <T extends object>(audience: Audience, input: T): T =>
  audience.kind === 'station' && audience.stationId && !('stationId' in input && input.stationId)
    ? { ...input, stationId: audience.stationId }
    : input;

/** 统计: the office's figures, or the staff's stations' share of them. */
export const figures = (audience: Audience, input: FiguresInput): Promise<FiguresView> =>
  audience.kind === 'office' ? office.figures(input) : station.caseFigures(withStation(audience, input));

/** 台账: the ledger (.xlsx), of any scope for the office, of their stations for staff. */
export const ledger = (audience: Audience, input: LedgerInput): Promise<FileJobView> =>
  audience.kind === 'office' ? office.ledger(input) : station.ledger(withStation(audience, input));

/** 排行: units, stations or deputies side by side, of every station for the office, of theirs for staff. */
export const rankings = (audience: Audience, input: RankingsInput): Promise<RankingsView> =>
  audience.kind === 'office'
    ? call('office', 'rankings', input)
    : call('station', 'rankings', withStation(audience, input));

/** 履职档案 with the cases and days behind each number: any deputy for the office, their stations' for staff. */
export const deputyRecord = (
  audience: Audience,
  input: DeputyRecordInput,
): Promise<DeputyRecordDetailView> =>
  audience.kind === 'office' ? call('office', 'deputyRecord', input) : call('station', 'deputyRecord', input);

/** 待处理的不满意: a page of the answers rated 不满意 and waiting, of every station or of the staff's. */
export const unsatisfied = (audience: Audience, input: UnsatisfiedInput): Promise<UnsatisfiedView> =>
  audience.kind === 'office'
    ? call('office', 'unsatisfied', input)
    : call('station', 'unsatisfied', withStation(audience, input));
