import { computeDeadline, deadlineStatus, DEFAULT_DEADLINES } from '../../../miniprogram/core/deadlines';
import type { DeadlineView } from '../../../miniprogram/core/api';
import {
  decide,
  type Actor,
  type ActionInput,
  type CaseState,
  type Effect,
  type Party,
} from '../../../miniprogram/core/lifecycle';
import { CASE_ACTION_LABELS, type CaseAction } from '../../../miniprogram/core/model';
import { caseUpdatedData } from '../../../miniprogram/core/notifications';
import { fail, type Failure } from '../../../miniprogram/core/result';
import type { App, Db } from '../platform/app';
import { officialCalendar } from '../calendar/official';
import type { CaseDoc, CaseEvent, OutboxJob } from '../platform/schema/cases';
import { getById, type DeputyDoc, type UserDoc } from '../directory/records';
import { deliverClaimed, LEASE_MS, newJob } from '../outbox/outbox';

/**
 * Applies one lifecycle action to a stored case: core/lifecycle.ts decides, this writes. The new
 * status, the lifecycle's fields, the due date, the event and the notifications owed go out as ONE
 * update conditional on the case's version, so of two people acting at once exactly one succeeds,
 * and a notification exists exactly when its event does. A retried request (same clientRequestId)
 * finds its event and changes nothing.
 */

const ms = (d: Date | string | number) => new Date(d).getTime();

export function stateOf(doc: CaseDoc): CaseState {
  return {
    id: doc._id,
    status: doc.status,
    version: doc.version,
    kind: doc.kind,
    openid: doc.openid,
    createdAt: ms(doc.createdAt),
    acceptedAt: doc.acceptedAt ?? null,
    route: doc.route ?? null,
    unitId: doc.unitId ?? null,
    supervised: doc.supervised ?? false,
    clockPaused: doc.clockPaused ?? false,
    pauses: doc.pauses ?? [],
    clock: doc.clock ?? null,
    rating: doc.rating ?? null,
    answeredAt: doc.answeredAt ?? null,
    closedBy: doc.closedBy ?? null,
    mergedInto: doc.mergedInto ?? null,
  };
}

/** The due instant of a running clock, or null (no clock, stopped, or case no longer open). */
export function dueAtOf(facts: Pick<CaseDoc, 'clock' | 'pauses'>, now: number): Date | null {
  if (!facts.clock || facts.clock.stoppedAt !== null) return null;
  const deadline = computeDeadline({ ...facts.clock, pauses: facts.pauses ?? [], now }, officialCalendar);
  return new Date(deadline.dueAt);
}

export function deadlineView(doc: CaseDoc, now: number): DeadlineView | null {
  if (!doc.clock) return null;
  const deadline = computeDeadline({ ...doc.clock, pauses: doc.pauses ?? [], now }, officialCalendar);
  const running = doc.clock.stoppedAt === null;
  return {
    dueDate: deadline.dueDate,
    dueAt: deadline.dueAt,
    // A stopped clock is judged at the moment it stopped: answered on time or late.
    status: deadlineStatus(deadline.dueAt, running ? now : doc.clock.stoppedAt!, officialCalendar),
    uncovered: deadline.uncovered,
    paused: doc.clockPaused ?? false,
  };
}

/** WeChat accounts bound to a role, for notifications. */
async function openidsWith(db: Db, role: 'unit' | 'office', unitId?: string | null): Promise<string[]> {
  const where = role === 'unit' ? { roles: { role: 'unit', unitId } } : { roles: { role: 'office' } };
  const _ = db.command;
  const { data } = await db
    .collection('users')
    .where({ roles: _.elemMatch(where.roles) })
    .limit(20)
    .get();
  return (data as UserDoc[]).map((u) => u.openid);
}

async function recipients(
  db: Db,
  doc: CaseDoc,
  party: Party,
  unitId: string | null,
): Promise<Array<string | null>> {
  if (party === 'resident') return [doc.openid];
  if (party === 'deputy') {
    const deputy = await getById<DeputyDoc>(db, 'deputies', doc.deputyId);
    return [deputy?.openid ?? null];
  }
  if (party === 'unit') return unitId ? openidsWith(db, 'unit', unitId) : [];
  return openidsWith(db, 'office');
}

export interface ActRequest {
  action: CaseAction;
  actor: Actor;
  input: ActionInput;
  clientRequestId: string;
  /** Who is acting, for the notification to everyone else. */
  actorParty: Party | null;
}

/**
 * Decides and writes. Answers the case as stored afterwards, or a Failure (the lifecycle's refusal,
 * or CONFLICT when someone else changed the case first).
 */
export async function applyAction(
  app: App,
  db: Db,
  doc: CaseDoc,
  request: ActRequest,
  now: number,
): Promise<CaseDoc | Failure> {
  if (doc.events.some((e) => e.requestId === request.clientRequestId)) return doc;
  const decision = decide(stateOf(doc), request.action, request.actor, request.input, now, DEFAULT_DEADLINES);
  if (!decision.ok) return decision;
  const effect = decision.data;

  const seq = doc.events.length + 1;
  const event: CaseEvent = {
    seq,
    type: effect.event.type,
    at: new Date(effect.event.at),
    actor: { role: effect.event.actor.role, id: effect.event.actor.id, name: effect.event.actor.name ?? '' },
    from: effect.event.from,
    to: effect.event.to,
    note: effect.event.note,
    requestId: request.clientRequestId,
    detail: effect.event.detail,
  };
  const facts = { ...stateOf(doc), ...effect.set };
  const dueAt =
    effect.to === 'closed' || effect.to === 'declined' || effect.to === 'merged' ? null : dueAtOf(facts, now);

  const jobs = await jobsFor(db, doc, {
    seq,
    parties: effect.notify.filter((party) => party !== request.actorParty),
    status: effect.to,
    note: effect.event.note || CASE_ACTION_LABELS[request.action],
    unitId: facts.unitId ?? null,
    now,
  });

  const _ = db.command;
  const { updated } = await db
    .collection('cases')
    .where({ _id: doc._id, version: effect.ifVersion })
    .update({
      ...effect.set,
      status: effect.to,
      dueAt,
      version: _.inc(1),
      updatedAt: new Date(now),
      events: _.push([event]),
      ...(jobs.length
        ? { outbox: _.push(jobs), outboxRev: _.inc(1), outboxDueAt: new Date(now + LEASE_MS) }
        : {}),
      unreadByResident:
        request.actorParty !== 'resident' && effect.notify.includes('resident') ? true : doc.unreadByResident,
      unreadByDeputy:
        request.actorParty !== 'deputy' && effect.notify.includes('deputy') ? true : doc.unreadByDeputy,
    });
  if (!updated) return fail('CONFLICT', '这条诉求刚刚有了新的进展，请刷新后再试');

  const stored: CaseDoc = {
    ...doc,
    ...effect.set,
    status: effect.to,
    dueAt,
    version: doc.version + 1,
    updatedAt: new Date(now),
    events: [...doc.events, event],
    outbox: [...doc.outbox, ...jobs],
  };
  if (effect.counterpart) await appendCounterpart(app, db, effect.counterpart, now);
  await deliverClaimed(
    app,
    db,
    stored,
    jobs.map((j) => j.id),
    now,
  ).catch((error) => console.warn('[transition] notify', error));
  return stored;
}

/** One claimed job per person to tell, for the event `seq` of `doc`. */
async function jobsFor(
  db: Db,
  doc: CaseDoc,
  about: {
    seq: number;
    parties: Party[];
    status: CaseDoc['status'];
    note: string;
    unitId: string | null;
    now: number;
  },
): Promise<OutboxJob[]> {
  const jobs: OutboxJob[] = [];
  for (const party of about.parties) {
    const tos = await recipients(db, doc, party, about.unitId);
    tos.forEach((to, i) =>
      jobs.push(
        newJob({
          caseId: doc._id,
          seq: about.seq,
          recipient: tos.length > 1 ? `${party}-${i}` : party,
          template: party === 'resident' ? 'caseUpdated' : 'caseProgress',
          to,
          data: caseUpdatedData({
            caseNo: doc.caseNo,
            status: about.status,
            note: about.note,
            at: about.now,
          }),
          now: about.now,
          claimed: true,
          pageQuery: `id=${doc._id}`,
        }),
      ),
    );
  }
  return jobs;
}

/**
 * `merge`: the earlier case records that a duplicate joined it, and its people are told. Its own
 * conditional update (a second write after the merge), retried if that case is changing at the
 * same moment.
 */
async function appendCounterpart(
  app: App,
  db: Db,
  counterpart: NonNullable<Effect['counterpart']>,
  now: number,
): Promise<void> {
  const _ = db.command;
  const draft = counterpart.event;
  for (let attempt = 0; attempt < 3; attempt++) {
    const target = await getById<CaseDoc>(db, 'cases', counterpart.caseId);
    if (!target) return;
    const seq = target.events.length + 1;
    const jobs = await jobsFor(db, target, {
      seq,
      parties: counterpart.notify,
      status: target.status,
      note: draft.note || '有相同的诉求并入本件办理',
      unitId: target.unitId ?? null,
      now,
    });
    const { updated } = await db
      .collection('cases')
      .where({ _id: target._id, version: target.version })
      .update({
        version: _.inc(1),
        events: _.push([
          {
            seq,
            type: draft.type,
            at: new Date(draft.at),
            actor: { role: draft.actor.role, id: draft.actor.id, name: draft.actor.name ?? '' },
            from: null,
            to: null,
            note: draft.note,
            requestId: null,
            detail: draft.detail,
          },
        ]),
        ...(jobs.length
          ? { outbox: _.push(jobs), outboxRev: _.inc(1), outboxDueAt: new Date(now + LEASE_MS) }
          : {}),
        updatedAt: new Date(now),
        unreadByResident: true,
      });
    if (updated) {
      await deliverClaimed(
        app,
        db,
        { _id: target._id, outbox: [...target.outbox, ...jobs] },
        jobs.map((j) => j.id),
        now,
      ).catch((error) => console.warn('[transition] notify', error));
      return;
    }
  }
  console.warn(`[transition] could not record the merge on ${counterpart.caseId}`);
}
