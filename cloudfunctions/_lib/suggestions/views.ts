import type {
  SuggestionFigures,
  SuggestionListItem,
  SuggestionsView,
  SuggestionStatus,
  SuggestionView,
} from '../../../miniprogram/core/api';
import { endOfChinaDay, startOfChinaDay, type Period } from '../../../miniprogram/core/china-time';
import { ANSWER_OUTCOME_LABELS } from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { SUGGESTION_STATUS_LABELS } from '../../../miniprogram/core/suggestions';
import {
  collection,
  getById,
  requireDeputy,
  requireOffice,
  type ActionContext,
  type Caller,
  type Db,
  type DeputyDoc,
  type SuggestionDoc,
} from '../platform';

/**
 * Who acts on suggestions, and what they see: the office sees and handles every suggestion; a
 * deputy, the ones they drafted or are named to sign. Residents, station staff and handling units
 * are refused: a suggestion is the deputies' own work until the government answers it.
 */

export type Actor =
  { kind: 'office'; caller: Caller } | { kind: 'deputy'; caller: Caller; deputy: DeputyDoc };

export async function actorOf(ctx: ActionContext, as: Actor['kind']): Promise<Actor | Failure> {
  if (as === 'office') {
    const caller = await requireOffice(ctx, '处理代表建议');
    return isFailure(caller) ? caller : { kind: 'office', caller };
  }
  const found = await requireDeputy(ctx);
  return isFailure(found) ? found : { kind: 'deputy', caller: found.caller, deputy: found.deputy };
}

export const isDrafter = (actor: Actor, doc: SuggestionDoc) =>
  actor.kind === 'deputy' && doc.draftedBy.deputyId === actor.deputy._id;

const sees = (actor: Actor, doc: SuggestionDoc) =>
  actor.kind === 'office' || doc.signerIds.includes(actor.deputy._id);

/** The suggestion, if the actor may see it; NOT_FOUND otherwise (never told apart). */
export async function visible(
  ctx: ActionContext,
  actor: Actor,
  id: unknown,
): Promise<SuggestionDoc | Failure> {
  if (typeof id !== 'string' || !id || id.length > 64) return invalid({ id: '请选择一条代表建议' });
  const doc = await getById(ctx.db, 'suggestions', id);
  return doc && sees(actor, doc) ? doc : fail('NOT_FOUND', '没有找到这条代表建议');
}

/** What the actor may do with it now. */
export function actionsOf(actor: Actor, doc: SuggestionDoc): SuggestionView['actions'] {
  const actions: SuggestionView['actions'] = [];
  const handles = actor.kind === 'office' || isDrafter(actor, doc);
  if (doc.status === 'drafted' && handles) actions.push('update');
  if (
    doc.status === 'drafted' &&
    actor.kind === 'deputy' &&
    doc.signers.some((s) => s.deputyId === actor.deputy._id && s.signedAt === null)
  )
    actions.push('sign');
  if (doc.status === 'drafted' && handles && doc.signers.every((s) => s.signedAt !== null))
    actions.push('submit');
  if (doc.status === 'submitted' && actor.kind === 'office') actions.push('recordAnswer');
  return actions;
}

export function listItem(doc: SuggestionDoc): SuggestionListItem {
  return {
    id: doc._id,
    title: doc.title,
    status: doc.status,
    statusLabel: SUGGESTION_STATUS_LABELS[doc.status],
    classLabel: doc.classLabel,
    signers: doc.signers,
    caseCount: doc.caseNos.length,
    createdAt: doc.createdAt,
    submittedAt: doc.submittedAt,
    answeredAt: doc.answeredAt,
    outcome: doc.answer?.outcome ?? null,
  };
}

export function viewOf(actor: Actor, doc: SuggestionDoc): SuggestionView {
  return {
    ...listItem(doc),
    problem: doc.problem,
    reasons: doc.reasons,
    proposal: doc.proposal,
    caseNos: doc.caseNos,
    signerIds: doc.signerIds,
    classKey: doc.classKey,
    period: doc.period,
    draftedBy: {
      role: doc.draftedBy.role,
      name: doc.draftedBy.role === 'office' ? '代表工委' : doc.draftedBy.name,
    },
    answer: doc.answer && {
      unit: doc.answer.unit,
      text: doc.answer.text,
      date: doc.answer.date,
      outcome: doc.answer.outcome,
      outcomeLabel: ANSWER_OUTCOME_LABELS[doc.answer.outcome],
      recordedAt: doc.answer.recordedAt,
    },
    version: doc.version,
    actions: actionsOf(actor, doc),
    timeline: doc.events.map((e) => ({ type: e.type, at: e.at, by: e.by, note: e.note })),
  };
}

const STATUSES: SuggestionStatus[] = ['drafted', 'submitted', 'answered'];
const LIST_MAX = 500;

async function list(ctx: ActionContext, actor: Actor, input: Record<string, unknown>) {
  const where: Record<string, unknown> = {};
  if (input.status !== undefined && input.status !== null && input.status !== '') {
    if (!STATUSES.includes(input.status as SuggestionStatus)) return invalid({ status: '请选择状态' });
    where.status = input.status;
  }
  if (input.classKey !== undefined && input.classKey !== null && input.classKey !== '') {
    if (typeof input.classKey !== 'string' || input.classKey.length > 120)
      return invalid({ classKey: '类别无效' });
    where.classKey = input.classKey;
  }
  // A deputy who drafts is always among the signers (lifecycle.ts), so the signers say whose it is.
  const { data } = await collection(ctx.db, 'suggestions')
    .where(actor.kind === 'office' ? where : { ...where, signerIds: actor.deputy._id })
    .orderBy('createdAt', 'desc')
    .limit(LIST_MAX)
    .get();
  return { items: data.map(listItem) };
}

/** `office.suggestions`: every suggestion, newest first. */
export async function officeSuggestions(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<SuggestionsView | Failure> {
  const actor = await actorOf(ctx, 'office');
  return isFailure(actor) ? actor : list(ctx, actor, input);
}

/** `deputy.suggestions`: those the caller drafted or is named to sign, newest first. */
export async function deputySuggestions(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<SuggestionsView | Failure> {
  const actor = await actorOf(ctx, 'deputy');
  return isFailure(actor) ? actor : list(ctx, actor, input);
}

async function one(ctx: ActionContext, as: Actor['kind'], input: Record<string, unknown>) {
  const actor = await actorOf(ctx, as);
  if (isFailure(actor)) return actor;
  const doc = await visible(ctx, actor, input.id);
  return isFailure(doc) ? doc : viewOf(actor, doc);
}

/** `office.suggestion`: one suggestion in full. */
export const officeSuggestion = (input: Record<string, unknown>, ctx: ActionContext) =>
  one(ctx, 'office', input);
/** `deputy.suggestion`: one of the caller's suggestions in full. */
export const deputySuggestion = (input: Record<string, unknown>, ctx: ActionContext) =>
  one(ctx, 'deputy', input);

const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 100;

/**
 * The suggestions of a period (China-local days): drafted, submitted and answered in it, and the
 * answered ones that were solved or adopted; only those a deputy signs when `deputyId` is given.
 */
export async function suggestionFigures(
  db: Db,
  period: Period,
  deputyId: string | null,
): Promise<SuggestionFigures> {
  const _ = db.command;
  const within = _.gte(startOfChinaDay(period.from)).and(_.lte(endOfChinaDay(period.to)));
  const mine = deputyId ? { signerIds: deputyId } : {};
  const count = async (where: object) =>
    (
      await collection(db, 'suggestions')
        .where({ ...mine, ...where })
        .count()
    ).total;
  const [drafted, submitted, answered, solved] = await Promise.all([
    count({ createdAt: within }),
    count({ submittedAt: within }),
    count({ answeredAt: within }),
    count({ answeredAt: within, 'answer.outcome': 'solved' }),
  ]);
  return { drafted, submitted, answered, solved, resolvedRate: rate(solved, answered) };
}

/** The suggestions a deputy signed that were submitted in the period (their record, 履职档案). */
export async function suggestionsSigned(db: Db, deputyId: string, period: Period): Promise<number> {
  const _ = db.command;
  const within = _.gte(startOfChinaDay(period.from)).and(_.lte(endOfChinaDay(period.to)));
  return (await collection(db, 'suggestions').where({ signerIds: deputyId, submittedAt: within }).count())
    .total;
}
