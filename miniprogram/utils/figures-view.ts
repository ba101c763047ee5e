import type { CaseFigures, FiguresDimension, FiguresGroup, FiguresScope } from '../core/api';
import { FIGURES_DIMENSION_LABELS } from '../core/figures';

/**
 * The office's figures (统计) as a phone shows them: the headline numbers large with their Chinese
 * names, the rest smaller, the satisfaction and outcome splits as one stacked bar each, and a
 * breakdown as one bar per station, unit, category… Every bar also says its value in words
 * (`aria`), for screen readers and for anyone who would rather read than look.
 */

export interface FigureTile {
  key: keyof CaseFigures;
  label: string;
  value: string;
  unit: string;
  /** Shown in red: something waits for someone (overdue now). */
  alert: boolean;
}

const rate = (value: number | null): string => (value === null ? '—' : String(value));

const tile = (
  key: keyof CaseFigures,
  label: string,
  value: string,
  unit: string,
  alert = false,
): FigureTile => ({ key, label, value, unit: value === '—' ? '' : unit, alert });

/** 受理, 办理回复, 正在办理, 按期回复率, 满意率, 办成率: the numbers every report leads with. */
export function headlineTiles(figures: CaseFigures): FigureTile[] {
  return [
    tile('accepted', '受理', String(figures.accepted), '件'),
    tile('replied', '办理回复', String(figures.replied), '件'),
    tile('inProgress', '正在办理', String(figures.inProgress), '件'),
    tile('onTimeRate', '按期回复率', rate(figures.onTimeRate), '%'),
    tile('satisfactionRate', '满意率', rate(figures.satisfactionRate), '%'),
    tile('resolvedRate', '办成率', rate(figures.resolvedRate), '%'),
  ];
}

/** What else the office watches: overdue now (red when any), sent back, supervised, … */
export function detailTiles(figures: CaseFigures): FigureTile[] {
  const median = figures.medianReplyWorkingDays;
  return [
    tile('overdue', '超期未办结', String(figures.overdue), '件', figures.overdue > 0),
    tile('sentBack', '发回重办', String(figures.sentBack), '件'),
    tile('supervised', '督办', String(figures.supervised), '件'),
    tile('declined', '解释说明', String(figures.declined), '件'),
    tile('closedUnrated', '超时未评价', String(figures.closedUnrated), '件'),
    tile('medianReplyWorkingDays', '回复用时中位数', median === null ? '—' : String(median), '个工作日'),
    tile('merged', '重复合并', String(figures.merged), '件'),
  ];
}

export interface Segment {
  key: string;
  label: string;
  count: number;
  /** Percent of the whole, as the width of its part of the bar. */
  width: number;
  /** 97% / — */
  share: string;
}

export interface Split {
  /** 已评价 300 件 */
  title: string;
  segments: Segment[];
  /** The whole split in words: 满意 291 件，占 97%；… */
  aria: string;
  empty: boolean;
}

function split(title: string, whole: number, parts: Array<[string, string, number, number | null]>): Split {
  const segments = parts.map(([key, label, count, share]) => {
    const computed = share ?? (whole > 0 ? Math.round((count / whole) * 1000) / 10 : null);
    return { key, label, count, width: computed ?? 0, share: computed === null ? '—' : `${computed}%` };
  });
  return {
    title,
    segments,
    aria: `${title}：${segments.map((s) => `${s.label} ${s.count} 件，占 ${s.share}`).join('；')}`,
    empty: whole === 0,
  };
}

/** 满意 / 基本满意 / 不满意 among the rated. */
export const satisfactionSplit = (figures: CaseFigures): Split =>
  split(`已评价 ${figures.rated} 件`, figures.rated, [
    ['satisfied', '满意', figures.satisfied, figures.satisfiedShare],
    ['basically', '基本满意', figures.basicallySatisfied, figures.basicallySatisfiedShare],
    ['unsatisfied', '不满意', figures.unsatisfied, figures.unsatisfiedShare],
  ]);

/** 办理结果 of the answers: 已解决或采纳 / 列入计划 / 留作参考/解释说明 / 未注明. */
export const outcomeSplit = (figures: CaseFigures): Split =>
  split(`办理回复 ${figures.replied} 件`, figures.replied, [
    ['solved', '已解决或采纳', figures.solved, null],
    ['planned', '列入计划', figures.planned, null],
    ['explained', '留作参考/解释说明', figures.explained, null],
    ['unrecorded', '未注明', figures.outcomeUnrecorded, null],
  ]);

/** What the bars of a breakdown measure. */
export type BarMetric = 'accepted' | 'satisfactionRate' | 'onTimeRate' | 'resolvedRate';

export const BAR_METRICS: Array<{ key: BarMetric; label: string }> = [
  { key: 'accepted', label: '受理' },
  { key: 'satisfactionRate', label: '满意率' },
  { key: 'onTimeRate', label: '按期回复率' },
  { key: 'resolvedRate', label: '办成率' },
];

/** The dimensions a breakdown is offered by, with their names (联络站, 承办单位, …). */
export const BREAKDOWNS: Array<{ key: FiguresDimension; label: string }> = (
  ['station', 'unit', 'category', 'channel', 'deputy', 'kind'] as FiguresDimension[]
).map((key) => ({ key, label: FIGURES_DIMENSION_LABELS[key] }));

export interface Bar {
  /** The value's key; '' for cases without one (无承办单位), which cannot narrow the scope. */
  key: string;
  name: string;
  width: number;
  /** 120 件 / 98.5% / — */
  value: string;
  /** 受理 120 件 · 满意率 98.5% */
  detail: string;
  aria: string;
}

/** One bar per group, longest first; counts are drawn against the largest, rates against 100%. */
export function breakdownBars(groups: FiguresGroup[], metric: BarMetric): Bar[] {
  const measure = (group: FiguresGroup): number | null => group.figures[metric];
  const max = Math.max(1, ...groups.map((group) => measure(group) ?? 0));
  const label = BAR_METRICS.find((item) => item.key === metric)?.label ?? '';
  return [...groups]
    .sort((a, b) => (measure(b) ?? -1) - (measure(a) ?? -1))
    .map((group) => {
      const measured = measure(group);
      const value = measured === null ? '—' : metric === 'accepted' ? `${measured} 件` : `${measured}%`;
      const width = measured === null ? 0 : metric === 'accepted' ? (measured / max) * 100 : measured;
      const detail = `受理 ${group.figures.accepted} 件 · 满意率 ${rate(group.figures.satisfactionRate)}${
        group.figures.satisfactionRate === null ? '' : '%'
      }`;
      return {
        key: group.key ?? '',
        name: group.name,
        width: Math.round(width * 10) / 10,
        value,
        detail,
        aria: `${group.name}，${label} ${value}，${detail}`,
      };
    });
}

/** The scope field a breakdown's value narrows. */
export const SCOPE_FIELD: Record<FiguresDimension, keyof FiguresScope> = {
  station: 'stationId',
  deputy: 'deputyId',
  unit: 'unitId',
  category: 'category',
  channel: 'channel',
  kind: 'kind',
};

export interface ScopeChip {
  dimension: FiguresDimension;
  /** 联络站：东街代表之家 */
  label: string;
}
