import type {
  CaseFigures,
  ProblemClassView,
  SuggestionFigures,
  SuggestionStatus,
} from '../../../miniprogram/core/api';
import { endOfChinaDay, startOfChinaDay, type Period } from '../../../miniprogram/core/china-time';
import {
  ANSWER_OUTCOME_LABELS,
  CASE_STATUS_LABELS,
  OPEN_STATUSES,
  type AnswerOutcome,
  type CaseStatus,
} from '../../../miniprogram/core/model';
import { isFailure, type Failure } from '../../../miniprogram/core/result';
import { SUGGESTION_STATUS_LABELS } from '../../../miniprogram/core/suggestions';
import { ALL_CASES, caseFigures } from '../figures';
import { collection, readAll, type ActionContext, type CaseDoc } from '../platform';
import { classesOf, maskedExcerpt } from '../problems';
import { suggestionFigures } from '../suggestions';

/**
 * What a 民情专报 says, as data (pdf.ts prints it): the period's figures, the top classes of
 * problems with their trend, representative appeals (masked) and how their cases stand, the cases
 * that are stuck (overdue now, or rated unsatisfied), the deputy suggestions of the period or drawn
 * from its classes, and recommendations that follow from those by plain rules.
 */

/** Classes the report names (the rest are counted in the figures). */
export const TOP_CLASSES = 8;
/** Stuck cases listed by number (the rest are counted). */
const STUCK_LISTED = 20;
const MAX_CASES = 20_000;

export interface ReportClass {
  label: string;
  keywords: string[];
  count: number;
  trend: ProblemClassView['trend'];
  places: string[];
  representatives: Array<{ caseNo: string; excerpt: string }>;
  /** Of its cases: answered as solved or adopted, still open, open past the deadline, rated unsatisfied. */
  solved: number;
  open: number;
  overdue: number;
  unsatisfied: number;
  /** Deputy suggestions drafted from it. */
  suggestions: number;
}

export interface StuckCase {
  caseNo: string;
  categoryName: string;
  excerpt: string;
  statusLabel: string;
  why: 'overdue' | 'unsatisfied';
  /** The class it is in, if among the top classes. */
  classLabel: string | null;
}

export interface ReportSuggestion {
  title: string;
  classLabel: string | null;
  status: SuggestionStatus;
  statusLabel: string;
  signers: string[];
  outcomeLabel: string | null;
}

export interface ReportContent {
  period: Period;
  previous: Period;
  asOf: number;
  figures: CaseFigures;
  suggestionFigures: SuggestionFigures;
  totalClasses: number;
  classes: ReportClass[];
  stuck: StuckCase[];
  stuckTotal: { overdue: number; unsatisfied: number };
  suggestions: ReportSuggestion[];
  advice: string[];
}

type CaseFacts = Pick<
  CaseDoc,
  '_id' | 'caseNo' | 'status' | 'outcome' | 'rating' | 'dueAt' | 'categoryName' | 'description'
>;

const isOverdue = (c: CaseFacts, now: number) =>
  OPEN_STATUSES.includes(c.status) && c.dueAt !== null && c.dueAt < now;

/** The report's content for a period (at most a year), as of `ctx.now`. */
export async function reportContent(ctx: ActionContext, period: Period): Promise<ReportContent | Failure> {
  const grouping = await classesOf(ctx, period, {}, 200);
  if (isFailure(grouping)) return grouping;
  const _ = ctx.db.command;
  const [figures, suggestionCounts, cases, suggestionDocs] = await Promise.all([
    caseFigures(ctx.db, { period, scope: ALL_CASES, groupBy: null, now: ctx.now }),
    suggestionFigures(ctx.db, period, null),
    readAll<'cases', CaseFacts>(
      ctx.db,
      'cases',
      { createdAt: _.gte(startOfChinaDay(period.from)).and(_.lte(endOfChinaDay(period.to))) },
      {
        max: MAX_CASES,
        fields: {
          caseNo: true,
          status: true,
          outcome: true,
          rating: true,
          dueAt: true,
          categoryName: true,
          description: true,
        },
      },
    ),
    collection(ctx.db, 'suggestions')
      .where(
        _.or([
          { createdAt: _.gte(startOfChinaDay(period.from)).and(_.lte(endOfChinaDay(period.to))) },
          { 'period.from': period.from, 'period.to': period.to },
        ]),
      )
      .orderBy('createdAt', 'asc')
      .limit(200)
      .get(),
  ]);
  const byNo = new Map((cases ?? []).map((c) => [c.caseNo, c]));
  const suggestionsOf = (key: string) => suggestionDocs.data.filter((s) => s.classKey === key).length;
  const top = grouping.classes.slice(0, TOP_CLASSES);
  const classOfCase = new Map<string, string>();
  const classes: ReportClass[] = top.map((c) => {
    const members = c.caseNos.map((n) => byNo.get(n)).filter((m): m is CaseFacts => m !== undefined);
    for (const n of c.caseNos) classOfCase.set(n, c.label);
    return {
      label: c.label,
      keywords: c.keywords,
      count: c.count,
      trend: c.trend,
      places: c.places.map((p) => p.name),
      representatives: c.representatives.map((r) => ({ caseNo: r.caseNo, excerpt: r.excerpt })),
      solved: members.filter((m) => m.outcome === 'solved').length,
      open: members.filter((m) => OPEN_STATUSES.includes(m.status)).length,
      overdue: members.filter((m) => isOverdue(m, ctx.now)).length,
      unsatisfied: members.filter((m) => m.rating === 'unsatisfied').length,
      suggestions: suggestionsOf(c.key),
    };
  });
  const stuckAll: StuckCase[] = [];
  for (const c of cases ?? []) {
    const why = isOverdue(c, ctx.now) ? 'overdue' : c.rating === 'unsatisfied' ? 'unsatisfied' : null;
    if (!why) continue;
    stuckAll.push({
      caseNo: c.caseNo,
      categoryName: c.categoryName,
      excerpt: maskedExcerpt(c.description, 40),
      statusLabel: CASE_STATUS_LABELS[c.status as CaseStatus],
      why,
      classLabel: classOfCase.get(c.caseNo) ?? null,
    });
  }
  stuckAll.sort((a, b) => a.why.localeCompare(b.why) || a.caseNo.localeCompare(b.caseNo));
  const suggestions: ReportSuggestion[] = suggestionDocs.data.map((s) => ({
    title: s.title,
    classLabel: s.classLabel,
    status: s.status,
    statusLabel: SUGGESTION_STATUS_LABELS[s.status],
    signers: s.signers.map((x) => x.name),
    outcomeLabel: s.answer ? ANSWER_OUTCOME_LABELS[s.answer.outcome as AnswerOutcome] : null,
  }));
  return {
    period,
    previous: grouping.previous,
    asOf: ctx.now,
    figures: figures.total,
    suggestionFigures: suggestionCounts,
    totalClasses: grouping.classes.length,
    classes,
    stuck: stuckAll.slice(0, STUCK_LISTED),
    stuckTotal: {
      overdue: stuckAll.filter((s) => s.why === 'overdue').length,
      unsatisfied: stuckAll.filter((s) => s.why === 'unsatisfied').length,
    },
    suggestions,
    advice: adviceFor(classes),
  };
}

/**
 * 建议: what follows from the classes by plain rules, most pressing first — a class that grew and
 * has no suggestion yet calls for one; a class with cases past their deadline calls for 督办; a class
 * whose residents were left unsatisfied calls for a second look at the answers.
 */
export function adviceFor(classes: ReportClass[]): string[] {
  const advice: string[] = [];
  for (const c of classes) {
    if (c.count >= 2 && c.suggestions === 0 && (c.trend.direction === 'up' || c.trend.direction === 'new'))
      advice.push(
        `「${c.label}」本期 ${c.count} 件，${c.trend.direction === 'new' ? '为新出现的问题' : `比上期增加 ${c.trend.change} 件`}，尚无代表建议：建议相关代表联名提出闭会期间代表建议，推动从个案办理转向类案解决。`,
      );
  }
  for (const c of classes) {
    if (c.overdue > 0)
      advice.push(`「${c.label}」有 ${c.overdue} 件超期未办结：建议列入督办，请承办单位说明原因和办结时限。`);
  }
  for (const c of classes) {
    if (c.unsatisfied > 0)
      advice.push(`「${c.label}」有 ${c.unsatisfied} 件群众不满意：建议回访核实，必要时发回重办。`);
  }
  if (advice.length === 0) advice.push('本期各类问题均在正常办理中，建议继续跟踪办理进度和群众评价。');
  return advice.slice(0, 8);
}
