import type { SuggestionFigures } from './api-suggestions';
import type { CaseChannel, CaseKind } from './model';

/**
 * 统计 (figures): the office's accounts of the cases received in a period, for any scope, broken
 * down by any dimension. Every figure is defined in core/figures.ts (its header) and named in
 * Chinese and English in docs/api.md, 「统计 / figures」.
 */

/** What the figures may be broken down by (and narrowed to, through FiguresScope). */
export type FiguresDimension = 'station' | 'deputy' | 'unit' | 'category' | 'channel' | 'kind';

/** A named period: this month, quarter or year (China-local, through its last day). */
export type NamedPeriod = 'month' | 'quarter' | 'year';

/** Which cases count, besides the period; every field narrows, none widens (as a ledger's scope). */
export interface FiguresScope {
  stationId?: string;
  deputyId?: string;
  /** A handling unit (承办单位). */
  unitId?: string;
  /** A category key (`road_traffic`). */
  category?: string;
  /** How the case reached us: a deputy's code, a station's code, a deputy's own entry, a reception day. */
  channel?: CaseChannel;
  kind?: CaseKind;
}

/**
 * `office.figures`, `station.caseFigures`, `deputy.figures`: the period as `{ from, to }`
 * (China-local `YYYY-MM-DD`, both included) or as `period`; `groupBy` breaks the figures down.
 */
export interface FiguresInput extends FiguresScope {
  from?: string;
  to?: string;
  period?: NamedPeriod;
  groupBy?: FiguresDimension;
}

/**
 * The figures of a set of cases. Counts are cases; rates and shares are percentages rounded to two
 * decimals (99.61 means 99.61%), null when there is nothing to divide by.
 */
export interface CaseFigures {
  /** 受理: cases received in the period. */
  accepted: number;
  /** 办理回复: of those, cases that hold an answer (answered, or closed after one). */
  replied: number;
  /** 正在办理: still being handled (submitted, accepted, waiting for review, in progress). */
  inProgress: number;
  /** 解释说明: declined with a written explanation (not an answer: counted apart). */
  declined: number;
  /** 已合并: merged into an earlier case. */
  merged: number;
  /** 已撤回: withdrawn by the resident before acceptance (neither replied nor in progress). */
  withdrawn: number;
  /** 按期回复: replied within the deadline. */
  repliedOnTime: number;
  /** 按期回复率: repliedOnTime ÷ the replies whose timing is recorded. */
  onTimeRate: number | null;
  /** 已评价: rated by the resident. */
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** Shares of the rated. */
  satisfiedShare: number | null;
  basicallySatisfiedShare: number | null;
  unsatisfiedShare: number | null;
  /** 满意率: (satisfied + basically satisfied) ÷ rated. */
  satisfactionRate: number | null;
  /** 超时未评价: closed by time with no rating (not among the rated). */
  closedUnrated: number;
  /** 超期未办结: open now with the deadline passed. */
  overdue: number;
  /** 发回重办: cases sent back to be redone at least once. */
  sentBack: number;
  /** 督办: cases under supervision. */
  supervised: number;
  /** 回复用时中位数: median working days from receipt to the answer, over the replied cases. */
  medianReplyWorkingDays: number | null;
  /** The outcomes the answers recorded: 已解决或采纳, 列入计划, 留作参考/解释说明, 未注明. */
  solved: number;
  planned: number;
  explained: number;
  outcomeUnrecorded: number;
  /** 办成率: solved ÷ replied. */
  resolvedRate: number | null;
}

/** One row of a breakdown: the dimension's value (an id, a key; null for cases without one) and name. */
export interface FiguresGroup {
  key: string | null;
  name: string;
  figures: CaseFigures;
}

export interface FiguresView {
  from: string;
  to: string;
  /** The scope applied, after the caller's own limits (a station's staff, a deputy). */
  scope: FiguresScope & { stationIds?: string[] };
  groupBy: FiguresDimension | null;
  /** The instant "overdue now" was judged at. */
  asOf: number;
  total: CaseFigures;
  /** The breakdown, largest first (by accepted); empty without `groupBy`. */
  groups: FiguresGroup[];
  /**
   * 代表建议 of the period (drafted, submitted, answered in it; 办成 among the answered): the
   * office's and a deputy's figures (the suggestions they sign); null for a scope suggestions are
   * not kept by (a station, a unit, a category, a channel, a kind). Absent from station staff's figures.
   */
  suggestions?: SuggestionFigures | null;
}
