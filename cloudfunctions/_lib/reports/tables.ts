import type { CaseFigures, FiguresGroup } from '../../../miniprogram/core/api';
import { addDays, type Period } from '../../../miniprogram/core/china-time';
import { ledgerSummary, type Cell } from '../sheets';
import type { ReportCase, UnitRow } from './data';

/**
 * The report's tables, one definition for the PDF and the .xlsx so the two say the same: each
 * column's header, its share of a printed page's width, and its width in a sheet.
 */

export interface ReportColumn {
  header: string;
  share: number;
  width: number;
}

const column = (header: string, share: number, width: number): ReportColumn => ({ header, share, width });

const rate = (value: number | null) => (value === null ? '—' : `${value.toFixed(2)}%`);

/** 2026年9月—10月 双月反馈 (the months of the period, or its dates when it is not whole months). */
export function reportTitle(period: Period): string {
  const [fy, fm] = [Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7))];
  const [ty, tm] = [Number(period.to.slice(0, 4)), Number(period.to.slice(5, 7))];
  const wholeMonths = period.from.endsWith('-01') && addDays(period.to, 1).endsWith('-01');
  if (!wholeMonths) return `双月反馈（${period.from} 至 ${period.to}）`;
  if (fy === ty) return fm === tm ? `${fy}年${fm}月 双月反馈` : `${fy}年${fm}月—${tm}月 双月反馈`;
  return `${fy}年${fm}月—${ty}年${tm}月 双月反馈`;
}

/** 总体情况: the office's figures, labelled as the ledger's summary sheet labels them. */
export const summaryPairs = (figures: CaseFigures): Array<[string, Cell]> => ledgerSummary(figures);

export const STATION_COLUMNS: readonly ReportColumn[] = [
  column('联络站', 0.34, 32),
  column('受理', 0.08, 8),
  column('办理回复', 0.1, 10),
  column('正在办理', 0.1, 10),
  column('按期回复率', 0.12, 12),
  column('满意率', 0.1, 10),
  column('不满意', 0.08, 8),
  column('超期', 0.08, 8),
];

export const stationCells = (group: FiguresGroup): Cell[] => {
  const f = group.figures;
  return [
    group.name,
    f.accepted,
    f.replied,
    f.inProgress,
    rate(f.onTimeRate),
    rate(f.satisfactionRate),
    f.unsatisfied,
    f.overdue,
  ];
};

export const UNIT_COLUMNS: readonly ReportColumn[] = [
  column('名次', 0.07, 6),
  column('承办单位', 0.27, 28),
  column('件数', 0.08, 8),
  column('按期回复率', 0.13, 12),
  column('满意率', 0.11, 10),
  column('不满意', 0.09, 8),
  column('发回重办', 0.11, 10),
  column('超期', 0.07, 8),
  column('办成率', 0.07, 10),
];

export const unitCells = (row: UnitRow, i: number): Cell[] => {
  const f = row.figures;
  return [
    i + 1,
    row.name,
    f.accepted,
    rate(f.onTimeRate),
    rate(f.satisfactionRate),
    f.unsatisfied,
    f.sentBack,
    f.overdue,
    rate(f.resolvedRate),
  ];
};

const CASE_BASE = [
  column('受理编号', 0.2, 20),
  column('受理日期', 0.12, 12),
  column('联络站', 0.22, 32),
  column('代表', 0.09, 10),
  column('承办单位', 0.15, 20),
  column('类别', 0.09, 12),
];

export const CASE_COLUMNS = {
  overdue: [...CASE_BASE, column('办理期限', 0.13, 12)],
  unsatisfied: [...CASE_BASE, column('状态', 0.13, 18)],
} as const;

export const caseCells =
  (list: 'overdue' | 'unsatisfied') =>
  (c: ReportCase): Cell[] => [
    c.caseNo,
    c.date,
    c.station,
    c.deputy,
    c.unit,
    c.category,
    list === 'overdue' ? c.due : c.status,
  ];
