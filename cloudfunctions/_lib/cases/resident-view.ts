import type { CaseDetailView, ResidentSteps } from '../../../miniprogram/core/api';
import { allowedActions } from '../../../miniprogram/core/lifecycle';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { chaseView, type ChaseFacts } from '../../../miniprogram/core/resident-steps';
import { officialCalendar } from '../calendar';
import { getById, requireWeChatUser, type ActionContext, type CaseDoc } from '../platform';
import { deadlineView, dueAtOf, stateOf } from './transition';
import { mediaViews, toDetail } from './views';

/** The resident's own case as they read it, and what they may do on it. */

/** The caller's own case, or NOT_FOUND: someone else's case answers exactly like a missing one. */
export async function ownCase(ctx: ActionContext, caseId: unknown): Promise<CaseDoc | Failure> {
  const openid = requireWeChatUser(ctx);
  if (isFailure(openid)) return openid;
  const doc = typeof caseId === 'string' && caseId ? await getById(ctx.db, 'cases', caseId) : null;
  return doc && doc.openid === openid ? doc : fail('NOT_FOUND', '没有找到这条诉求');
}

/** The states in which the resident is still waiting for an answer. */
const ANSWER_AWAITED: ReadonlySet<CaseDoc['status']> = new Set(['accepted', 'pending_review', 'in_progress']);

/** What 催办 looks at: the running clock (only while an answer is awaited) and the earlier chases. */
export function chaseFacts(doc: CaseDoc, now: number): ChaseFacts {
  const running = doc.clock && doc.clock.stoppedAt === null && ANSWER_AWAITED.has(doc.status);
  const dueAt = running ? dueAtOf(doc, now) : null;
  return {
    clock: doc.clock && dueAt !== null ? { startAt: doc.clock.startAt, dueAt } : null,
    chasedAt: doc.events.filter((e) => e.type === 'chased').map((e) => e.at),
  };
}

function stepsOf(doc: CaseDoc, now: number): ResidentSteps {
  const allowed = allowedActions(stateOf(doc), 'resident');
  return {
    photoOwner: doc.openid,
    withdraw: allowed.includes('withdraw'),
    supplement: allowed.includes('supplement'),
    chase: allowed.includes('chase') ? chaseView(chaseFacts(doc, now), now, officialCalendar) : null,
  };
}

export async function residentView(ctx: ActionContext, doc: CaseDoc): Promise<CaseDetailView> {
  const [media, deputy, station] = await Promise.all([
    mediaViews(ctx.app, doc, 'resident'),
    getById(ctx.db, 'deputies', doc.deputyId),
    getById(ctx.db, 'stations', doc.stationId),
  ]);
  const detail = toDetail(doc, 'resident', media, {
    deputy: deputy?.name ?? null,
    station: station?.name ?? null,
  });
  const running = doc.clock && doc.clock.stoppedAt === null && ANSWER_AWAITED.has(doc.status);
  return {
    ...detail,
    answerDueDate: running ? (deadlineView(doc, ctx.now)?.dueDate ?? null) : null,
    residentSteps: stepsOf(doc, ctx.now),
    publishConsent: doc.publishConsent === true,
  };
}
