import type { Actor, Party } from '../../../miniprogram/core/lifecycle';
import { isOpen } from '../../../miniprogram/core/model';
import { fail, type Failure } from '../../../miniprogram/core/result';
import { queueAndDeliver } from '../outbox';
import { getById, type ActionContext, type CaseDoc, type CaseEvent } from '../platform';
import { jobsFor } from './transition';

/**
 * 关联同类诉求: two cases recorded as the same problem, each keeping its own handling. Each case
 * gets a `problem_linked` event naming the other, and, as a merge does, its resident is told (and
 * its deputy, when someone else linked it). One conditional update per case, retried if the case is
 * changing at the same moment; a retried request finds its events and changes nothing.
 */

type Ports = Pick<ActionContext, 'app' | 'db' | 'now'>;

async function recordLink(
  ctx: Ports,
  caseId: string,
  other: string,
  actor: Actor,
  requestId: string,
  parties: Party[],
): Promise<boolean> {
  const _ = ctx.db.command;
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await getById(ctx.db, 'cases', caseId);
    if (!doc) return false;
    if (doc.events.some((e) => e.requestId === requestId)) return true;
    const seq = doc.events.length + 1;
    const note = `与同类诉求 ${other} 关联，作为同一问题一并推动解决`;
    const jobs = await jobsFor(ctx, doc, {
      seq,
      parties,
      status: doc.status,
      note,
      unitId: doc.unitId ?? null,
    });
    const event: CaseEvent = {
      seq,
      type: 'problem_linked',
      at: ctx.now,
      actor,
      from: null,
      to: null,
      note,
      requestId,
    };
    const applied = await queueAndDeliver(
      ctx,
      'cases',
      doc,
      { version: doc.version },
      {
        version: _.inc(1),
        events: _.push([event]),
        problemLinks: _.addToSet(other),
        updatedAt: ctx.now,
        ...(parties.includes('resident') ? { unreadByResident: true } : {}),
        ...(parties.includes('deputy') ? { unreadByDeputy: true } : {}),
      },
      jobs,
    );
    if (applied) return true;
  }
  return false;
}

/**
 * Links `doc` (a case the actor handles) with `other` as the same problem. `otherIsTheirs` says
 * whether the actor handles the other case too; when not, the other case's deputy is told as well.
 */
export async function linkCases(
  ctx: Ports,
  doc: CaseDoc,
  other: CaseDoc,
  actor: Actor,
  actorParty: Party,
  clientRequestId: string,
  otherIsTheirs: boolean,
): Promise<string[] | Failure> {
  if (doc._id === other._id) return fail('CONFLICT', '不能与自身关联');
  if (!isOpen(doc.status) && !isOpen(other.status))
    return fail('CASE.TRANSITION_FORBIDDEN', '两条诉求都已办结，无需再关联');
  const mine: Party[] = ['resident'];
  const theirs: Party[] = otherIsTheirs || actorParty === 'office' ? ['resident'] : ['resident', 'deputy'];
  const first = await recordLink(ctx, doc._id, other.caseNo, actor, clientRequestId, mine);
  const second = await recordLink(ctx, other._id, doc.caseNo, actor, `${clientRequestId}:other`, theirs);
  if (!first || !second) return fail('CONFLICT', '诉求正在被其他人处理，请稍后再试');
  const stored = await getById(ctx.db, 'cases', doc._id);
  return stored?.problemLinks ?? [other.caseNo];
}
