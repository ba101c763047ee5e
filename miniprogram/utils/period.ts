import type { FiguresInput, NamedPeriod } from '../core/api';
import { bimonthOf } from '../core/bimonthly';
import { addDays } from '../core/china-time';
import { namedPeriod } from '../core/figures';

/**
 * The period picker of the office's account screens (统计, 排行, 台账): 本月, 本季度, 本年 or 自定义
 * from–to. A named period is sent as such (`{ period }`), so that the function's clock, not the
 * phone's, says which month it is; the answer's `from` and `to` are shown, and become the dates a
 * switch to 自定义 starts from. A file (the ledger) needs the dates themselves: `periodDates`.
 */

export type PeriodChoice = NamedPeriod | 'custom';

export interface PeriodOption {
  key: PeriodChoice;
  label: string;
}

export const PERIOD_OPTIONS: PeriodOption[] = [
  { key: 'month', label: '本月' },
  { key: 'quarter', label: '本季度' },
  { key: 'year', label: '本年' },
  { key: 'custom', label: '自定义' },
];

export interface PeriodState {
  choice: PeriodChoice;
  /** The dates shown: the last answer's for a named period, the picked ones for 自定义. */
  from: string;
  to: string;
}

/** What the figures and rankings actions take for the period. */
export function periodInput(state: PeriodState): Pick<FiguresInput, 'period' | 'from' | 'to'> {
  return state.choice === 'custom' ? { from: state.from, to: state.to } : { period: state.choice };
}

/** The dates of the chosen period, as of the China-local date `today` (for actions that take dates only). */
export function periodDates(state: PeriodState, today: string): { from: string; to: string } {
  return state.choice === 'custom' ? { from: state.from, to: state.to } : namedPeriod(state.choice, today);
}

/** A new 自定义 start: `to` follows when it would fall before it. */
export const withFrom = (state: PeriodState, from: string): PeriodState => ({
  choice: 'custom',
  from,
  to: state.to && state.to >= from ? state.to : from,
});

/** A new 自定义 end: `from` follows when it would fall after it. */
export const withTo = (state: PeriodState, to: string): PeriodState => ({
  choice: 'custom',
  to,
  from: state.from && state.from <= to ? state.from : to,
});

/** 2026-10-01 至 2026-12-31 */
export const periodLabel = (from: string, to: string): string => (from && to ? `${from} 至 ${to}` : '');

/** A two-month period of the 双月反馈 (January–February, …). */
export interface BimonthChoice {
  /** Its first day. */
  key: string;
  /** 2026年9–10月, or 2026年11–12月（至今） for the current one. */
  label: string;
  from: string;
  to: string;
}

const bimonthLabel = (from: string): string => {
  const month = Number(from.slice(5, 7));
  return `${from.slice(0, 4)}年${month}–${month + 1}月`;
};

/** The two-month periods offered as of `today`: the current one (to today) and the three before it. */
export function bimonthChoices(today: string): BimonthChoice[] {
  const choices: BimonthChoice[] = [];
  let period = bimonthOf(today);
  for (let i = 0; i < 4; i += 1) {
    const label = i === 0 ? `${bimonthLabel(period.from)}（至今）` : bimonthLabel(period.from);
    choices.push({ key: period.from, label, from: period.from, to: i === 0 ? today : period.to });
    period = bimonthOf(addDays(period.from, -1));
  }
  return choices;
}
