import type { ProblemClassView, SuggestionListItem } from '../core/api';
import { ANSWER_OUTCOME_LABELS } from '../core/model';

/** What the office's classes screen shows of a class and of a suggestion, in words. */

export interface ClassItem {
  key: string;
  label: string;
  count: number;
  /** 比上期 +3 / 新出现 / 持平. */
  trend: string;
  trendUp: boolean;
  places: string;
  keywords: string;
  caseNos: string[];
  representatives: Array<{ caseNo: string; excerpt: string; categoryName: string }>;
  corrected: boolean;
  /** Ticked for a merge. */
  picked: boolean;
}

export function trendText(trend: ProblemClassView['trend']): string {
  switch (trend.direction) {
    case 'new':
      return '新出现';
    case 'up':
      return `比上期 +${trend.change}`;
    case 'down':
      return `比上期 ${trend.change}`;
    case 'flat':
      return '与上期持平';
  }
}

export function classItem(c: ProblemClassView): ClassItem {
  return {
    key: c.key,
    label: c.label,
    count: c.count,
    trend: trendText(c.trend),
    trendUp: c.trend.direction === 'up' || c.trend.direction === 'new',
    places: c.places.map((p) => `${p.name} ${p.count}`).join('、'),
    keywords: c.keywords.join('、'),
    caseNos: c.caseNos,
    representatives: c.representatives.map((r) => ({
      caseNo: r.caseNo,
      excerpt: r.excerpt,
      categoryName: r.categoryName,
    })),
    corrected: c.corrected,
    picked: false,
  };
}

export interface SuggestionItem {
  id: string;
  title: string;
  status: string;
  statusKey: SuggestionListItem['status'];
  detail: string;
}

export function suggestionItem(s: SuggestionListItem): SuggestionItem {
  const unsigned = s.signers.filter((x) => x.signedAt === null).length;
  const signers = s.signers.map((x) => x.name).join('、');
  const parts = [`联名：${signers}`, `依据诉求 ${s.caseCount} 件`];
  if (s.status === 'drafted' && unsigned > 0) parts.push(`${unsigned} 位待确认联名`);
  if (s.outcome) parts.push(ANSWER_OUTCOME_LABELS[s.outcome]);
  return {
    id: s.id,
    title: s.title,
    status: s.statusLabel,
    statusKey: s.status,
    detail: parts.join(' · '),
  };
}

/** What a new suggestion from a class says before the office edits it. */
export function draftFrom(c: ClassItem, from: string, to: string) {
  return {
    title: `关于解决${c.label}问题的建议`,
    problem: `${from} 至 ${to}，群众反映「${c.label}」问题 ${c.count} 件（${c.trend}）${c.places ? `，集中在${c.places.replace(/ \d+/g, '')}` : ''}。`,
    reasons: '',
    proposal: '',
  };
}
