import type { CaseDetailView, InboxTab, InboxView } from '../../../miniprogram/core/api';
import { OPEN_STATUSES, type CaseStatus } from '../../../miniprogram/core/model';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { validateReply } from '../../../miniprogram/core/submit';
import {
  collection,
  getById,
  requireDeputy,
  screenTexts,
  TEXT_SCENE,
  type ActionContext,
  type CaseDoc,
  type Db,
  type DeputyDoc,
} from '../platform';
import { applyAction } from './transition';
import { decodeCursor, encodeCursor, mediaViews, pageLimit, toDeputyListItem, toDetail } from './views';

/** What a deputy does with the cases addressed to them: read the inbox, open a case, answer it. */

/** Statuses in which someone is working on the case after it was accepted. */
const WORKING_STATUSES: CaseStatus[] = ['accepted', 'pending_review', 'in_progress'];
const DONE_STATUSES: CaseStatus[] = ['closed', 'declined', 'merged', 'withdrawn'];

export const INBOX_TABS: InboxTab[] = ['new', 'in_progress', 'overdue', 'awaiting_rating', 'done', 'all'];

/**
 * Tab names of the first inbox (`open | answered | all`), still sent by phones that have not updated:
 * deprecated, each answered as the tab that holds what it showed first. `open` opened on the cases to
 * act on, now `new` (which an old phone was already shown for it); `answered` held answered cases,
 * now `awaiting_rating`.
 */
const DEPRECATED_TABS: Record<string, InboxTab> = { open: 'new', answered: 'awaiting_rating' };

/** The tab asked for: absent means `new`; an old name its successor; anything else is refused. */
export function parseInboxTab(raw: unknown): InboxTab | Failure {
  if (raw === undefined || raw === null || raw === '') return 'new';
  if (typeof raw === 'string') {
    if ((INBOX_TABS as string[]).includes(raw)) return raw as InboxTab;
    if (Object.hasOwn(DEPRECATED_TABS, raw)) return DEPRECATED_TABS[raw];
  }
  return invalid({ tab: '没有这个分类，请返回收件箱重新选择' });
}

/**
 * Which of the deputy's cases a tab holds, as where-clauses of which a case must match one (every
 * clause leads with deputyId, then status, for the deputyId_status_createdAt index). The tabs are
 * views, not a partition: an overdue case is also new or in progress.
 * - new: submitted, not yet accepted or explained;
 * - in_progress: accepted, waiting for the office's review, routed; and also answered but rated
 *   不满意: the case waits for the deputy's (or office's) choice of 发回重办 or 督办, which is work
 *   still to do, not a rating still to come;
 * - overdue: open, with a due instant before now (a paused clock has no dueAt);
 * - awaiting_rating: answered and not yet rated;
 * - done: closed (rated or by time), declined with an explanation, merged into another case.
 */
function tabClauses(db: Db, deputyId: string, tab: InboxTab, now: number): object[] {
  const _ = db.command;
  switch (tab) {
    case 'new':
      return [{ deputyId, status: 'submitted' }];
    case 'in_progress':
      return [
        { deputyId, status: _.in(WORKING_STATUSES) },
        { deputyId, status: 'answered', rating: 'unsatisfied' },
      ];
    case 'overdue':
      return [{ deputyId, status: _.in(OPEN_STATUSES), dueAt: _.lt(now) }];
    case 'awaiting_rating':
      return [{ deputyId, status: 'answered', rating: null }];
    case 'done':
      return [{ deputyId, status: _.in(DONE_STATUSES) }];
    case 'all':
      return [{ deputyId }];
  }
}

/** One where for the clauses (any of them), narrowed by `extra` when given. */
function whereOf(db: Db, clauses: object[], extra?: object): object {
  const narrowed = extra ? clauses.map((clause) => ({ ...clause, ...extra })) : clauses;
  return narrowed.length === 1 ? narrowed[0] : db.command.or(narrowed);
}

/** A case addressed to this deputy, or NOT_FOUND (other deputies' cases are not disclosed). */
async function ownCase(ctx: ActionContext, deputy: DeputyDoc, caseId: unknown): Promise<CaseDoc | Failure> {
  const doc = typeof caseId === 'string' && caseId ? await getById(ctx.db, 'cases', caseId) : null;
  return doc && doc.deputyId === deputy._id ? doc : fail('NOT_FOUND', '没有找到这条诉求');
}

async function detail(ctx: ActionContext, doc: CaseDoc, deputy: DeputyDoc): Promise<CaseDetailView> {
  const [media, station] = await Promise.all([
    mediaViews(ctx.app, doc, 'handler'),
    getById(ctx.db, 'stations', doc.stationId),
  ]);
  return toDetail(doc, 'handler', media, { deputy: deputy.name, station: station?.name ?? null });
}

/** `deputy.inbox`: one tab of the caller's cases, a page at a time, with every tab's count. */
export async function inbox(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<InboxView | Failure> {
  const tab = parseInboxTab(input.tab);
  if (isFailure(tab)) return tab;
  const found = await requireDeputy(ctx);
  if (isFailure(found)) return found;
  const { deputy } = found;
  const { db } = ctx;
  const limit = pageLimit(input.limit);
  const before = decodeCursor(input.cursor);
  const clauses = (which: InboxTab) => tabClauses(db, deputy._id, which, ctx.now);
  const cases = collection(db, 'cases');
  const [page, unread, ...totals] = await Promise.all([
    cases
      .where(whereOf(db, clauses(tab), before === null ? undefined : { createdAt: db.command.lt(before) }))
      .orderBy('createdAt', 'desc')
      .limit(limit)
      .get(),
    cases.where({ deputyId: deputy._id, unreadByDeputy: true }).count(),
    ...INBOX_TABS.map((which) => cases.where(whereOf(db, clauses(which))).count()),
  ]);
  const items = page.data.map((doc) => toDeputyListItem(doc));
  const counts = Object.fromEntries(INBOX_TABS.map((which, i) => [which, totals[i].total])) as Record<
    InboxTab,
    number
  >;
  return { items, nextCursor: encodeCursor(items, limit), counts, unread: unread.total };
}

/** `deputy.caseDetail`: one of the caller's cases in full; opening it clears its unread dot. */
export async function deputyCaseDetail(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<CaseDetailView | Failure> {
  const found = await requireDeputy(ctx);
  if (isFailure(found)) return found;
  const doc = await ownCase(ctx, found.deputy, input.caseId);
  if (isFailure(doc)) return doc;
  if (doc.unreadByDeputy) await collection(ctx.db, 'cases').doc(doc._id).update({ unreadByDeputy: false });
  return detail(ctx, { ...doc, unreadByDeputy: false }, found.deputy);
}

/**
 * `deputy.reply`: the deputy's own answer to the resident, the lifecycle's `reply` applied as one
 * conditional update (transition.ts). A retry with the same clientRequestId changes nothing.
 */
export async function reply(
  raw: Record<string, unknown>,
  ctx: ActionContext,
): Promise<CaseDetailView | Failure> {
  const valid = validateReply(raw);
  if (!valid.ok) return valid;
  const { caseId, content, clientRequestId, outcome } = valid.data;
  const found = await requireDeputy(ctx);
  if (isFailure(found)) return found;
  const { deputy } = found;
  const doc = await ownCase(ctx, deputy, caseId);
  if (isFailure(doc)) return doc;
  const screened = await screenTexts(ctx.caller.openid, [
    { field: 'content', label: '答复内容', text: content, scene: TEXT_SCENE.comment },
  ]);
  if (isFailure(screened)) return screened;
  const result = await applyAction(ctx, doc, {
    action: 'reply',
    actor: { role: 'deputy', id: deputy._id, name: deputy.name },
    input: outcome ? { note: content, outcome } : { note: content },
    clientRequestId,
    actorParty: 'deputy',
    review: screened.review.map(() => 'note'),
  });
  return isFailure(result) ? result : detail(ctx, result, deputy);
}
