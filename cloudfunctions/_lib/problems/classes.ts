import type {
  ClassCorrectionsView,
  ClassCorrectionView,
  ProblemClassesView,
  ProblemClassTrend,
  ProblemClassView,
} from '../../../miniprogram/core/api';
import { CASE_NO_PATTERN } from '../../../miniprogram/core/case-number';
import {
  addDays,
  daysBetween,
  endOfChinaDay,
  startOfChinaDay,
  validatePeriod,
} from '../../../miniprogram/core/china-time';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { charLength } from '../../../miniprogram/core/text';
import {
  collection,
  derivedId,
  duplicateIndex,
  getById,
  readAll,
  requestIdOf,
  requireOffice,
  type ActionContext,
  type ProblemCorrectionDoc,
} from '../platform';
import { groupAppeals, placeInGroups, type Correction } from './cluster';
import { appealTextOf, CASE_TEXT_FIELDS, isPersonalWord, maskedExcerpt, type CaseText } from './read';
import { analyseAll } from './text';

/**
 * 问题类别: a period's appeals grouped into classes of problems by their text (cluster.ts), each
 * with its label, keywords, count, places, trend and typical appeals; and the office's corrections
 * (rename, merge, split), kept in `problem_corrections` and applied every time after.
 */

/** A period longer than this is refused (a year and a day covers a leap year). */
const MAX_DAYS = 366;
/** Appeals grouped in one call, the previous period included. */
const MAX_CASES = 20_000;
const DEFAULT_LIMIT = 50;
const LABEL_MAX = 20;

async function corrections(ctx: ActionContext): Promise<ProblemCorrectionDoc[]> {
  const { data } = await collection(ctx.db, 'problem_corrections').where({ active: true }).limit(1000).get();
  return data.sort((a, b) => a.at - b.at || a._id.localeCompare(b._id));
}

function toCorrection(doc: ProblemCorrectionDoc): Correction {
  switch (doc.kind) {
    case 'rename':
      return { kind: 'rename', key: doc.key, label: doc.label ?? '' };
    case 'merge':
      return { kind: 'merge', id: doc._id, keys: doc.from, label: doc.label };
    case 'split':
      return {
        kind: 'split',
        id: doc._id,
        from: doc.from[0] ?? '',
        label: doc.label ?? '',
        members: doc.members,
        examples: doc.examples,
      };
  }
}

function trendOf(count: number, previous: number): ProblemClassTrend {
  const change = count - previous;
  const direction = previous === 0 ? 'new' : change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  return { previous, change, direction };
}

function scopeOf(input: Record<string, unknown>): Record<string, string> | Failure {
  const scope: Record<string, string> = {};
  for (const field of ['stationId', 'deputyId'] as const) {
    const value = input[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' || value.length > 64) return invalid({ [field]: '范围无效，请重新选择' });
    scope[field] = value;
  }
  return scope;
}

/** `office.problemClasses`: the period's appeals in classes of problems, largest first. */
export async function problemClasses(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<ProblemClassesView | Failure> {
  const caller = await requireOffice(ctx, '查看问题类别');
  if (isFailure(caller)) return caller;
  const period = validatePeriod(input);
  if (!period.ok) return period;
  const { from, to } = period.data;
  const days = daysBetween(from, to) + 1;
  if (days > MAX_DAYS) return invalid({ to: '时段最长一年，请缩短后再试' });
  const scope = scopeOf(input);
  if (isFailure(scope)) return scope;
  const limit =
    typeof input.limit === 'number' && Number.isInteger(input.limit) && input.limit >= 1 && input.limit <= 200
      ? input.limit
      : DEFAULT_LIMIT;
  return classesOf(ctx, { from, to }, scope, limit);
}

/**
 * The classes of problems of a period (at most a year) and scope, largest first, for whoever the
 * caller already checked: `office.problemClasses`, and the 民情专报 made by a timer.
 */
export async function classesOf(
  ctx: ActionContext,
  period: { from: string; to: string },
  scope: Record<string, string>,
  limit: number,
): Promise<ProblemClassesView | Failure> {
  const { from, to } = period;
  const days = daysBetween(from, to) + 1;
  const previous = { from: addDays(from, -days), to: addDays(from, -1) };
  const _ = ctx.db.command;
  const start = startOfChinaDay(from);
  const read = await readAll<'cases', CaseText>(
    ctx.db,
    'cases',
    {
      ...scope,
      createdAt: _.gte(startOfChinaDay(previous.from)).and(_.lte(endOfChinaDay(to))),
      status: _.neq('merged'),
    },
    { max: MAX_CASES, fields: CASE_TEXT_FIELDS },
  );
  if (!read) return invalid({ from: `时段内诉求超过 ${MAX_CASES} 条，请缩短时段或选择范围` });
  const current = read.filter((c) => c.createdAt >= start);
  const before = read.filter((c) => c.createdAt < start);
  const stored = await corrections(ctx);
  const byId = new Map(current.map((c) => [c._id, c]));
  const grouping = groupAppeals(
    current.map((c) => ({ id: c._id, text: appealTextOf(c) })),
    stored.map(toCorrection),
    (ids) => [...new Set(ids.map((id) => byId.get(id)?.categoryName ?? '').filter(Boolean))],
  );
  const previousCounts = new Map<string, number>();
  const earlier = analyseAll(before.map(appealTextOf));
  for (const analysis of earlier) {
    const group = placeInGroups(grouping.groups, grouping.corpus.profile(analysis));
    if (group) previousCounts.set(group.key, (previousCounts.get(group.key) ?? 0) + 1);
  }
  const correctedKeys = new Set(stored.map((d) => d.key));
  const classes: ProblemClassView[] = grouping.groups.slice(0, limit).map((group) => {
    const members = group.members.map((id) => byId.get(id) as CaseText);
    const placeCounts = new Map<string, number>();
    for (const id of group.members) {
      for (const place of grouping.profiles.get(id)?.analysis.namedPlaces ?? [])
        placeCounts.set(place, (placeCounts.get(place) ?? 0) + 1);
    }
    return {
      key: group.key,
      label: group.label,
      keywords: group.keywords.filter((k) => !isPersonalWord(k)),
      count: members.length,
      places: [...placeCounts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 5)
        .map(([name, count]) => ({ name, count })),
      trend: trendOf(members.length, previousCounts.get(group.key) ?? 0),
      representatives: members.slice(0, 3).map((c) => ({
        caseNo: c.caseNo,
        excerpt: maskedExcerpt(c.description, 60),
        categoryName: c.categoryName,
        status: c.status,
      })),
      caseNos: members.map((c) => c.caseNo),
      corrected: correctedKeys.has(group.key),
    };
  });
  return { from, to, previous, total: current.length, previousTotal: before.length, classes };
}

function toView(doc: ProblemCorrectionDoc): ClassCorrectionView {
  return {
    id: doc._id,
    kind: doc.kind,
    key: doc.key,
    label: doc.label,
    from: doc.from,
    caseNos: doc.caseNos,
    at: doc.at,
    by: doc.by,
  };
}

/** `office.classCorrections`: the corrections in force, newest first. */
export async function classCorrections(
  _input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<ClassCorrectionsView | Failure> {
  const caller = await requireOffice(ctx, '查看问题类别');
  if (isFailure(caller)) return caller;
  return { corrections: (await corrections(ctx)).reverse().map(toView) };
}

const isKey = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= 120;

function labelField(value: unknown, required: boolean): string | null | Failure {
  if (value === undefined || value === null || value === '') {
    return required ? invalid({ label: '请填写类别名称' }) : null;
  }
  const label = typeof value === 'string' ? value.trim() : '';
  if (!label || charLength(label) > LABEL_MAX) return invalid({ label: `类别名称 1–${LABEL_MAX} 个字` });
  return label;
}

/** `office.correctClasses`: renames, merges or splits classes, or undoes a correction. */
export async function correctClasses(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<ClassCorrectionsView | Failure> {
  const caller = await requireOffice(ctx, '修改问题类别');
  if (isFailure(caller)) return caller;
  const clientRequestId = requestIdOf(input);
  if (isFailure(clientRequestId)) return clientRequestId;
  const id = derivedId('pc', caller.openid, clientRequestId);
  const base = {
    _id: id,
    at: ctx.now,
    by: caller.openid,
    active: true,
    members: [],
    caseNos: [],
    examples: [],
  };
  let doc: ProblemCorrectionDoc;
  switch (input.kind) {
    case 'rename': {
      if (!isKey(input.key)) return invalid({ key: '请选择要改名的类别' });
      const label = labelField(input.label, true);
      if (isFailure(label)) return label;
      doc = { ...base, kind: 'rename', key: input.key, label, from: [input.key] };
      break;
    }
    case 'merge': {
      const keys = Array.isArray(input.keys) ? [...new Set(input.keys)] : [];
      if (keys.length < 2 || keys.length > 20 || !keys.every(isKey))
        return invalid({ keys: '请选择 2–20 个要合并的类别' });
      const label = labelField(input.label, false);
      if (isFailure(label)) return label;
      doc = { ...base, kind: 'merge', key: `merge:${id}`, label, from: keys as string[] };
      break;
    }
    case 'split': {
      if (!isKey(input.key)) return invalid({ key: '请选择要拆分的类别' });
      const label = labelField(input.label, true);
      if (isFailure(label)) return label;
      const caseNos = Array.isArray(input.caseNos) ? [...new Set(input.caseNos)] : [];
      if (
        caseNos.length < 1 ||
        caseNos.length > 200 ||
        !caseNos.every((n) => typeof n === 'string' && CASE_NO_PATTERN.test(n))
      )
        return invalid({ caseNos: '请选择要拆出的诉求（1–200 条）' });
      const { data } = await collection(ctx.db, 'cases')
        .where({ caseNo: ctx.db.command.in(caseNos) })
        .limit(200)
        .field<Pick<CaseText, '_id' | 'caseNo' | 'description'>>({
          _id: true,
          caseNo: true,
          description: true,
        })
        .get();
      if (data.length !== caseNos.length) return invalid({ caseNos: '有诉求编号没有找到' });
      doc = {
        ...base,
        kind: 'split',
        key: `split:${id}`,
        label,
        from: [input.key],
        members: data.map((c) => c._id),
        caseNos: data.map((c) => c.caseNo),
        examples: data.slice(0, 20).map((c) => c.description),
      };
      break;
    }
    case 'undo': {
      const target =
        typeof input.id === 'string' ? await getById(ctx.db, 'problem_corrections', input.id) : null;
      if (!target) return fail('NOT_FOUND', '没有找到这项修改');
      await collection(ctx.db, 'problem_corrections').doc(target._id).update({ active: false });
      return classCorrections({}, ctx);
    }
    default:
      return invalid({ kind: '请选择改名、合并或拆分' });
  }
  try {
    await collection(ctx.db, 'problem_corrections').add(doc);
  } catch (error) {
    // A retried request finds its correction already stored.
    if (duplicateIndex(error) === null) throw error;
  }
  return classCorrections({}, ctx);
}
