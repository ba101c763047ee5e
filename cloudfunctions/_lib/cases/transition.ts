import type { DeadlineView } from '../../../miniprogram/core/api';
import { chinaDate } from '../../../miniprogram/core/china-time';
import {
  computeDeadline,
  deadlineStatus,
  DEFAULT_DEADLINES,
  lateness,
  workingDaysBetween,
} from '../../../miniprogram/core/deadlines';
import {
  decide,
  type ActionInput,
  type Actor,
  type CaseState,
  type Effect,
  type Party,
} from '../../../miniprogram/core/lifecycle';
import {
  CASE_ACTION_LABELS,
  isFinal,
  type CaseAction,
  type CaseStatus,
} from '../../../miniprogram/core/model';
import { caseUpdatedData } from '../../../miniprogram/core/notifications';
import { fail, type Failure } from '../../../miniprogram/core/result';
import { officialCalendar } from '../calendar';
import { newJob, queueAndDeliver } from '../outbox';
import {
  collection,
  getById,
  type ActionContext,
  type CaseDoc,
  type CaseEvent,
  type OutboxJob,
  type PhotoRecord,
  type VoiceNoteRecord,
} from '../platform';

/**
 * Applies one lifecycle action to a stored case: core/lifecycle.ts decides, this writes. The new
 * status, the lifecycle's fields, the due date, the event and the notifications owed go out as ONE
 * update conditional on the case's version, so of two people acting at once exactly one succeeds,
 * and a notification exists exactly when its event does. A retried request (same clientRequestId)
 * finds its event and changes nothing, also when its copies arrive at once: the copies that lose the
 * compare-and-set to one of their own find its event on reloading, and answer the case as it is.
 */

type Ports = Pick<ActionContext, 'app' | 'db' | 'now'>;

export function stateOf(doc: CaseDoc): CaseState {
  return {
    id: doc._id,
    status: doc.status,
    version: doc.version,
    kind: doc.kind,
    openid: doc.openid,
    createdAt: doc.createdAt,
    acceptedAt: doc.acceptedAt ?? null,
    route: doc.route ?? null,
    unitId: doc.unitId ?? null,
    supervised: doc.supervised ?? false,
    clockPaused: doc.clockPaused ?? false,
    pauses: doc.pauses ?? [],
    clock: doc.clock ?? null,
    rating: doc.rating ?? null,
    answeredAt: doc.answeredAt ?? null,
    outcome: doc.outcome ?? null,
    closedBy: doc.closedBy ?? null,
    mergedInto: doc.mergedInto ?? null,
  };
}

/** The due instant of a running clock, or null (no clock, stopped, or case no longer open). */
export function dueAtOf(facts: Pick<CaseDoc, 'clock' | 'pauses'>, now: number): number | null {
  if (!facts.clock || facts.clock.stoppedAt !== null) return null;
  return computeDeadline({ ...facts.clock, pauses: facts.pauses ?? [], now }, officialCalendar).dueAt;
}

export function deadlineView(doc: CaseDoc, now: number): DeadlineView | null {
  if (!doc.clock) return null;
  const deadline = computeDeadline({ ...doc.clock, pauses: doc.pauses ?? [], now }, officialCalendar);
  return {
    dueDate: deadline.dueDate,
    dueAt: deadline.dueAt,
    // A stopped clock is judged at the moment it stopped: answered on time or late.
    status: deadlineStatus(deadline.dueAt, doc.clock.stoppedAt ?? now, officialCalendar),
    uncovered: deadline.uncovered,
    paused: doc.clockPaused ?? false,
  };
}

/**
 * What the figures read of an answer, fixed when it is given: on time against the clock running at
 * that moment (none running: on time), and the working days since the case was received. A case
 * sent back loses both with its answer, and a case sent back to be redone (发回重办) is marked so
 * for good; a further answer to an answered case keeps the first's.
 */
function answerMarks(
  doc: CaseDoc,
  effect: Effect,
  now: number,
): Pick<CaseDoc, 'answeredOnTime' | 'answerWorkingDays' | 'sentBack'> | Record<string, never> {
  const set = effect.set;
  if (set.answeredAt === null)
    return {
      answeredOnTime: null,
      answerWorkingDays: null,
      ...(effect.action === 'redo' ? { sentBack: true } : {}),
    };
  // A further answer (the case was answered already) keeps the first answer's marks.
  if (set.answeredAt === undefined || (doc.answeredAt ?? null) !== null) return {};
  const clock = doc.clock && doc.clock.stoppedAt === null ? doc.clock : null;
  const due = clock ? computeDeadline({ ...clock, pauses: doc.pauses ?? [], now }, officialCalendar) : null;
  return {
    answeredOnTime: due ? lateness(due.dueAt, now, officialCalendar).onTime : true,
    answerWorkingDays: Math.max(
      0,
      workingDaysBetween(chinaDate(doc.createdAt), chinaDate(now), officialCalendar),
    ),
  };
}

/** WeChat accounts bound to a unit's role, or to the office, for notifications. */
async function openidsWith(ctx: Ports, grant: { role: 'unit'; unitId: string } | { role: 'office' }) {
  const { data } = await collection(ctx.db, 'users')
    .where({ roles: ctx.db.command.elemMatch(grant) })
    .limit(20)
    .get();
  return data.map((u) => u.openid);
}

async function recipients(
  ctx: Ports,
  doc: CaseDoc,
  party: Party,
  unitId: string | null,
): Promise<Array<string | null>> {
  switch (party) {
    case 'resident':
      return [doc.openid];
    case 'deputy':
      return [(await getById(ctx.db, 'deputies', doc.deputyId))?.openid ?? null];
    case 'unit':
      return unitId ? openidsWith(ctx, { role: 'unit', unitId }) : [];
    case 'office':
      return openidsWith(ctx, { role: 'office' });
  }
}

/** One job per person to tell, for the event `seq` of `doc` (also used by links.ts). */
export async function jobsFor(
  ctx: Ports,
  doc: CaseDoc,
  about: { seq: number; parties: Party[]; status: CaseStatus; note: string; unitId: string | null },
): Promise<OutboxJob[]> {
  const jobs: OutboxJob[] = [];
  for (const party of about.parties) {
    const tos = await recipients(ctx, doc, party, about.unitId);
    tos.forEach((to, i) =>
      jobs.push(
        newJob({
          ownerId: doc._id,
          seq: about.seq,
          recipient: tos.length > 1 ? `${party}-${i}` : party,
          template: party === 'resident' ? 'caseUpdated' : 'caseProgress',
          to,
          data: caseUpdatedData(
            { caseNo: doc.caseNo, status: about.status, note: about.note, at: ctx.now },
            party === 'resident' ? 'caseUpdated' : 'caseProgress',
          ),
          now: ctx.now,
          pageQuery: `id=${doc._id}`,
        }),
      ),
    );
  }
  return jobs;
}

export interface ActRequest {
  action: CaseAction;
  actor: Actor;
  input: ActionInput;
  clientRequestId: string;
  /** Who is acting, for the notification to everyone else. */
  actorParty: Party | null;
  /** Fields of this request's text that WeChat's check sent to human review: flagged on the case. */
  review?: string[];
  /** Photos the request adds to the case (a supplement's, already adopted), marked with its event. */
  photos?: PhotoRecord[];
  /** Voice notes the request adds (a supplement's, already adopted), marked with its event. */
  voiceNotes?: VoiceNoteRecord[];
}

/** The case's review flag (decision 0015) with the request's fields added; nothing when there are none. */
function reviewFlag(doc: CaseDoc, review: string[] | undefined): Partial<CaseDoc> {
  if (!review?.length) return {};
  return { textCheck: 'review', textReview: [...new Set([...(doc.textReview ?? []), ...review])] };
}

/**
 * After losing the compare-and-set: the write that won may be another copy of this same request
 * (a phone retrying while the first call is still on its way). Then it answers as a retry does, the
 * case as it is now; otherwise someone else acted first, and the caller must refresh.
 */
async function retried(ctx: Ports, caseId: string, requestId: string): Promise<CaseDoc | Failure> {
  const now = await getById(ctx.db, 'cases', caseId);
  if (now && now.events.some((e) => e.requestId === requestId)) return now;
  return fail('CONFLICT', '这条诉求刚刚有了新的进展，请刷新后再试');
}

/**
 * Decides and writes. Answers the case as stored afterwards, or a Failure (the lifecycle's refusal,
 * or CONFLICT when someone else changed the case first).
 */
export async function applyAction(ctx: Ports, doc: CaseDoc, request: ActRequest): Promise<CaseDoc | Failure> {
  const { now } = ctx;
  if (doc.events.some((e) => e.requestId === request.clientRequestId)) return doc;
  const decision = decide(stateOf(doc), request.action, request.actor, request.input, now, DEFAULT_DEADLINES);
  if (!decision.ok) return decision;
  const effect = decision.data;

  const seq = doc.events.length + 1;
  const event: CaseEvent = {
    seq,
    type: effect.event.type,
    at: effect.event.at,
    actor: effect.event.actor,
    from: effect.event.from,
    to: effect.event.to,
    note: effect.event.note,
    requestId: request.clientRequestId,
    detail: effect.event.detail,
  };
  const facts = { ...stateOf(doc), ...effect.set };
  const dueAt = isFinal(effect.to) ? null : dueAtOf(facts, now);
  const added = (request.photos ?? []).map((p) => ({ ...p, seq }));
  const addedNotes = (request.voiceNotes ?? []).map((n) => ({ ...n, seq }));

  const jobs = await jobsFor(ctx, doc, {
    seq,
    parties: effect.notify.filter((party) => party !== request.actorParty),
    status: effect.to,
    note: effect.event.note || CASE_ACTION_LABELS[request.action],
    unitId: facts.unitId ?? null,
  });
  const unread = {
    unreadByResident:
      request.actorParty !== 'resident' && effect.notify.includes('resident') ? true : doc.unreadByResident,
    unreadByDeputy:
      request.actorParty !== 'deputy' && effect.notify.includes('deputy') ? true : doc.unreadByDeputy,
  };
  const flagged = reviewFlag(doc, request.review);
  const marks = answerMarks(doc, effect, now);
  const _ = ctx.db.command;
  const applied = await queueAndDeliver(
    ctx,
    'cases',
    doc,
    { version: effect.ifVersion },
    {
      ...effect.set,
      ...marks,
      status: effect.to,
      dueAt,
      version: _.inc(1),
      updatedAt: now,
      events: _.push([event]),
      ...(added.length > 0 ? { photos: _.push(added) } : {}),
      ...(addedNotes.length > 0 ? { voiceNotes: _.push(addedNotes) } : {}),
      ...unread,
      ...flagged,
    },
    jobs,
  );
  if (!applied) return retried(ctx, doc._id, request.clientRequestId);
  if (effect.counterpart) await appendCounterpart(ctx, effect.counterpart);
  return {
    ...doc,
    ...effect.set,
    ...marks,
    ...unread,
    ...flagged,
    status: effect.to,
    dueAt,
    version: doc.version + 1,
    updatedAt: now,
    events: [...doc.events, event],
    photos: [...doc.photos, ...added],
    ...(addedNotes.length > 0 ? { voiceNotes: [...(doc.voiceNotes ?? []), ...addedNotes] } : {}),
    outbox: [...doc.outbox, ...jobs],
  };
}

/**
 * `merge`: the earlier case records that a duplicate joined it, and its people are told. Its own
 * conditional update (a second write after the merge), retried if that case is changing at the
 * same moment.
 */
async function appendCounterpart(ctx: Ports, counterpart: NonNullable<Effect['counterpart']>): Promise<void> {
  const draft = counterpart.event;
  const _ = ctx.db.command;
  for (let attempt = 0; attempt < 3; attempt++) {
    const target = await getById(ctx.db, 'cases', counterpart.caseId);
    if (!target) return;
    const seq = target.events.length + 1;
    const jobs = await jobsFor(ctx, target, {
      seq,
      parties: counterpart.notify,
      status: target.status,
      note: draft.note || '有相同的诉求并入本件办理',
      unitId: target.unitId ?? null,
    });
    const event: CaseEvent = {
      seq,
      type: draft.type,
      at: draft.at,
      actor: draft.actor,
      from: null,
      to: null,
      note: draft.note,
      requestId: null,
      detail: draft.detail,
    };
    const applied = await queueAndDeliver(
      ctx,
      'cases',
      target,
      { version: target.version },
      { version: _.inc(1), events: _.push([event]), updatedAt: ctx.now, unreadByResident: true },
      jobs,
    );
    if (applied) return;
  }
  console.warn(`[transition] could not record the merge on ${counterpart.caseId}`);
}
