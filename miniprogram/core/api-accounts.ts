import type { NamedPeriod } from './api-figures';

/**
 * The office's accounts beyond the figures: rankings (排行), a deputy's record with the events
 * behind each number (履职档案), and the unsatisfied answers waiting for the office (待处理的不满意).
 * What each column counts: core/rankings.ts and docs/api.md.
 */

/** What is ranked: handling units (承办单位), stations (联络站) or deputies (代表履职考核). */
export type RankingOf = 'unit' | 'station' | 'deputy';

/** The columns of a unit or station ranking (the figures of their cases). */
export type CaseRankingColumn =
  'cases' | 'onTimeRate' | 'satisfactionRate' | 'unsatisfied' | 'sentBack' | 'overdue';

/** The columns of a deputy ranking (履职考核: the deputy record's figures). */
export type DeputyRankingColumn =
  'received' | 'accepted' | 'answered' | 'answeredOnTime' | 'satisfactionRate' | 'receptionDaysAttended';

export type RankingColumn = CaseRankingColumn | DeputyRankingColumn;

/** A period named as the figures name it, or with the `this_` prefix the screens use. */
export type RankingNamedPeriod = NamedPeriod | 'this_month' | 'this_quarter' | 'this_year';

/**
 * `office.rankings`, `station.rankings`: the period as `{ from, to }` (China-local `YYYY-MM-DD`) or
 * `period`; `stationId` narrows to one station (staff: one of theirs).
 */
export interface RankingsInput {
  of: RankingOf;
  from?: string;
  to?: string;
  period?: RankingNamedPeriod;
  sortBy?: RankingColumn;
  order?: 'desc' | 'asc';
  stationId?: string;
}

/** One column of one row: this period's value, the previous period's, and the change. */
export interface RankingCell {
  /** Counts are cases or days; rates are percentages with two decimals (99.61); null: nothing to divide. */
  value: number | null;
  previous: number | null;
  /** value − previous (percentage points for a rate); null when either is null. */
  delta: number | null;
}

export interface RankingRow {
  /** 1 for the first; rows with the same value share a rank; null when the sorted value is null. */
  rank: number | null;
  /** The unit's, station's or deputy's id. */
  key: string;
  name: string;
  /** A deputy's station's name (null otherwise, or when the deputy has none). */
  stationName: string | null;
  cells: Partial<Record<RankingColumn, RankingCell>>;
}

export interface RankingsView {
  of: RankingOf;
  from: string;
  to: string;
  /** What the change is measured against (decision 0022). */
  previous: { from: string; to: string };
  sortBy: RankingColumn;
  order: 'desc' | 'asc';
  /** The columns in display order, with their Chinese names. */
  columns: Array<{ key: RankingColumn; label: string; rate: boolean }>;
  /** The stations the rows were limited to (staff), or null for every station. */
  stationIds: string[] | null;
  /** The instant "overdue now" was judged at. */
  asOf: number;
  rows: RankingRow[];
}
