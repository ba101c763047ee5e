import type { PublicOpinionReportItem } from '../../../core/api';
import { chinaDateTime } from '../../../core/china-time';
import type { ClassItem } from '../../../utils/problem-classes';

/**
 * What 问题类别 shows in its lists, worked out without the page: the tabs, the 民情专报 rows, the
 * classes ticked for a merge and the cases ticked for a split. Pure, so the page only stores what
 * these answer.
 */

export type Tab = 'classes' | 'suggestions' | 'reports';

export const TABS: Array<{ key: Tab; label: string }> = [
  { key: 'classes', label: '问题类别' },
  { key: 'suggestions', label: '代表建议' },
  { key: 'reports', label: '民情专报' },
];

/** The tab a link opens (`?tab=reports` from the message that a quarter's report is ready). */
export const tabOf = (asked: string | undefined): Tab => TABS.find((t) => t.key === asked)?.key ?? 'classes';

/** One 民情专报 row: its period, its state in words, and where to open it once made. */
export interface ReportItem {
  id: string;
  /** 2026-01-01 至 2026-03-31（季度） */
  title: string;
  /** 3 页 · 2026-11-21 10:30 生成 / 正在生成… / 生成失败，请重新生成 */
  detail: string;
  /** Only for a report made: the others cannot be opened. */
  url: string | null;
}

export function reportItem(r: PublicOpinionReportItem): ReportItem {
  const state =
    r.status === 'done'
      ? `${r.pages ?? 0} 页 · ${chinaDateTime(r.madeAt ?? r.requestedAt)} 生成`
      : r.status === 'failed'
        ? '生成失败，请重新生成'
        : '正在生成…';
  return {
    id: r.id,
    title: `${r.from} 至 ${r.to}${r.quarterly ? '（季度）' : ''}`,
    detail: state,
    url: r.status === 'done' ? r.url : null,
  };
}

/** The classes with one ticked or unticked for a merge, and how many are ticked now. */
export function pickToggled(classes: ClassItem[], key: string): { classes: ClassItem[]; picked: number } {
  const next = classes.map((c) => (c.key === key ? { ...c, picked: !c.picked } : c));
  return { classes: next, picked: next.filter((c) => c.picked).length };
}

/** The keys of the classes ticked for a merge, in the list's order. */
export const pickedKeys = (classes: ClassItem[]): string[] =>
  classes.filter((c) => c.picked).map((c) => c.key);

/**
 * The cases ticked for a split with one ticked or unticked, in the order ticked, and the same as a
 * lookup for the ticks (WXML cannot call `includes`).
 */
export function splitToggled(
  picked: string[],
  caseNo: string,
): { splitPicked: string[]; splitChecked: Record<string, true> } {
  const splitPicked = picked.includes(caseNo) ? picked.filter((n) => n !== caseNo) : [...picked, caseNo];
  const splitChecked: Record<string, true> = {};
  for (const n of splitPicked) splitChecked[n] = true;
  return { splitPicked, splitChecked };
}
