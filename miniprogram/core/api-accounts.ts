import type { DeputyRecordView } from './api-cases';
import type { NamedPeriod } from './api-figures';
import type { AnswerOutcome, RouteKind } from './model';

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

/** `office.deputyRecord`, `station.deputyRecord`: a deputy's record for a period (default: this year). */
export interface DeputyRecordInput {
  deputyId: string;
  from?: string;
  to?: string;
}

/** The cases behind one figure, newest first: at most `RECORD_EVENTS_SHOWN` of `total`. */
export interface RecordCaseList {
  total: number;
  cases: Array<{ caseId: string; caseNo: string; createdAt: number }>;
  /** True when `total` is more than the cases listed. */
  more: boolean;
}

/** The reception days behind an attendance figure, oldest first. */
export interface RecordDayList {
  total: number;
  days: Array<{ date: string; stationId: string; stationName: string }>;
}

/** 履职档案 with the events behind each number: every list's `total` is its figure. */
export interface DeputyRecordDetailView extends DeputyRecordView {
  /** The deputy's station's name (null when the deputy has none). */
  stationName: string | null;
  events: {
    received: RecordCaseList;
    accepted: RecordCaseList;
    routed: Record<RouteKind, RecordCaseList>;
    answered: RecordCaseList;
    explained: RecordCaseList;
    answeredOnTime: RecordCaseList;
    /** Answered after the deadline (answered with a deadline − on time). */
    answeredLate: RecordCaseList;
    satisfied: RecordCaseList;
    basicallySatisfied: RecordCaseList;
    unsatisfied: RecordCaseList;
    receptionDaysRostered: RecordDayList;
    receptionDaysAttended: RecordDayList;
  };
}

/** `office.unsatisfied`, `station.unsatisfied`: a page of the list, oldest rating first. */
export interface UnsatisfiedInput {
  /** From 1. */
  page?: number;
  /** 1–50, default 20. */
  pageSize?: number;
  /** Staff of several stations (and the office, on `station.unsatisfied`): one station's share. */
  stationId?: string;
}

/** What the caller may do next about an unsatisfied answer (casework.act actions). */
export type UnsatisfiedNext = 'redo' | 'supervise';

/** One answer rated 不满意 and not yet sent back (发回重办) or supervised (督办) since. */
export interface UnsatisfiedItem {
  caseId: string;
  caseNo: string;
  kindLabel: string;
  categoryName: string;
  /** The appeal, cut short, phone numbers masked. */
  summary: string;
  deputy: { id: string; name: string } | null;
  station: { id: string; name: string } | null;
  unit: { id: string; name: string } | null;
  answeredAt: number | null;
  outcome: AnswerOutcome | null;
  /** When the resident rated the answer 不满意. */
  ratedAt: number;
  /** Days since the rating (China-local calendar days). */
  waitingDays: number;
  /** The resident's comment with the rating, phone numbers masked ('' when none). */
  comment: string;
  /** Who raised it, as a ledger shows it: 匿名, or the phone masked; never a name. */
  resident: string;
  /** What the caller may do: `casework.act` with this action (and a note, for `redo`). */
  next: UnsatisfiedNext[];
}

export interface UnsatisfiedView {
  page: number;
  pageSize: number;
  total: number;
  items: UnsatisfiedItem[];
  /** The stations the list was limited to (staff), or null for every station. */
  stationIds: string[] | null;
}
