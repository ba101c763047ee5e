import { TEMPLATES, type TemplateData, type TemplateKey } from '../../../miniprogram/core/notifications';
import {
  collection,
  NO_CREDIT,
  sendSubscribeMessage,
  type ActionContext,
  type OutboxFields,
  type OutboxJob,
  type OutboxStatus,
} from '../platform';

/**
 * The notification outbox. Jobs live inside the document that owes them (a case, a reception day),
 * queued in the same write as the change that causes them. Delivery is at most once: a job is
 * stored already claimed (status `sending`) and delivered right after the write; a claim that is
 * never settled (the function died mid-send) becomes `unknown` after the lease, not a second
 * message. Failures retry with backoff through the timer's sweep; "no credit" (the user has not
 * allowed another message) is final — the unread badge tells them instead. A case's first notice is
 * "quiet on success": delivered, it is not written back (a submission stays within two round trips),
 * and the sweep records its expired claim as sent; any failure is written back as usual.
 */

export const LEASE_MS = 5 * 60_000;
/** Minutes to wait after the 1st, 2nd, … failed attempt. */
export const BACKOFF_MINUTES = [1, 5, 30, 120, 720];
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length;

/**
 * The collections whose documents carry an outbox (`outbox`, `outboxDueAt`, `outboxRev`); an
 * `exports` document carries the office's message that a scheduled report is ready.
 */
export type OutboxCollection = 'cases' | 'reception_days' | 'suggestions' | 'exports';

type Ports = Pick<ActionContext, 'app' | 'db' | 'now'>;

/** A document with an outbox, as much as delivering needs. */
export type OutboxOwner = { _id: string } & Pick<OutboxFields, 'outbox'>;

/**
 * One message owed to one person, stored claimed: the caller delivers it right after the write
 * that queues it. `to` null (the person has no bound WeChat account) is settled at once as
 * `no_recipient`.
 */
export function newJob(options: {
  /** The document that owes it. */
  ownerId: string;
  /** The event (or the day) it is about: with the recipient, part of its unique id. */
  seq: number;
  /** Who the job is for (deputy, resident, staff, unit-0, office-1, duty-<id>, …). */
  recipient: string;
  template: TemplateKey;
  to: string | null;
  data: TemplateData;
  now: number;
  /** The page the message opens; by default the template's page with `pageQuery`. */
  page?: string;
  pageQuery?: string;
  /** Delivered right after its insert, written back only on failure (OutboxJob.quietOnSuccess). */
  quietOnSuccess?: boolean;
}): OutboxJob {
  const { now, to } = options;
  return {
    ...(options.quietOnSuccess && to ? { quietOnSuccess: true } : {}),
    id: `${options.ownerId}:${options.seq}:${options.recipient}`,
    template: options.template,
    to,
    page: options.page ?? `${TEMPLATES[options.template].page}?${options.pageQuery ?? ''}`,
    data: options.data,
    status: to ? 'sending' : 'no_recipient',
    attempts: 0,
    nextAttemptAt: now,
    claimedAt: to ? now : null,
    sentAt: null,
    lastError: to ? null : '收件人未绑定微信',
  };
}

/** When the sweep must next look at a document: the earliest pending retry or claim expiry. */
export function outboxDueAt(jobs: OutboxJob[]): number | null {
  let due: number | null = null;
  for (const job of jobs) {
    const t =
      job.status === 'pending'
        ? job.nextAttemptAt
        : job.status === 'sending' && job.claimedAt !== null
          ? job.claimedAt + LEASE_MS
          : null;
    if (t !== null && (due === null || t < due)) due = t;
  }
  return due;
}

/**
 * The update fields that queue `jobs` on a document, to be written in the same conditional update
 * as the change that causes them; nothing when there are none. The sweep looks again when the
 * claims expire, in case the delivery that follows never settles them.
 */
export function queueing(ctx: Ports, jobs: OutboxJob[]): Partial<Record<keyof OutboxFields, unknown>> {
  if (jobs.length === 0) return {};
  const _ = ctx.db.command;
  return { outbox: _.push(jobs), outboxRev: _.inc(1), outboxDueAt: ctx.now + LEASE_MS };
}

/**
 * Queue, then deliver: one update of `owner` in `name`, conditional on `where`, that writes
 * `changes` and queues `jobs`; when it applies, the jobs are delivered at once (a failure to deliver
 * is left to the sweep). Answers whether the update applied.
 */
export async function queueAndDeliver(
  ctx: Ports,
  name: OutboxCollection,
  owner: OutboxOwner,
  where: object,
  changes: object,
  jobs: OutboxJob[],
): Promise<boolean> {
  const { updated } = await collection(ctx.db, name)
    .where({ ...where, _id: owner._id })
    .update({ ...changes, ...queueing(ctx, jobs) });
  if (!updated) return false;
  await deliverQueued(ctx, name, { _id: owner._id, outbox: [...owner.outbox, ...jobs] }, jobs);
  return true;
}

/**
 * Delivers jobs already stored claimed on `owner` (just inserted with it, or queued by
 * queueAndDeliver). Never throws: what cannot be delivered now is retried by the sweep.
 */
export async function deliverQueued(
  ctx: Ports,
  name: OutboxCollection,
  owner: OutboxOwner,
  jobs: Array<Pick<OutboxJob, 'id'>>,
): Promise<void> {
  for (const { id } of jobs) {
    const index = owner.outbox.findIndex((j) => j.id === id);
    const job = owner.outbox[index];
    if (!job || job.status !== 'sending') continue;
    try {
      const result = await send(ctx, job);
      // A first notice delivered is left as stored (claimed): the sweep records it as sent when the
      // claim expires, so the submission that queued it costs no third round trip.
      if (result.status === 'sent' && job.quietOnSuccess) continue;
      await settle(ctx, name, owner._id, index, job, result);
    } catch (error) {
      console.warn(`[outbox] ${name}/${owner._id} ${id}`, error);
    }
  }
}

interface Settlement {
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  sentAt: number | null;
  lastError: string | null;
}

async function send(ctx: Ports, job: OutboxJob): Promise<Settlement> {
  const { now } = ctx;
  const attempts = job.attempts + 1;
  const failed = (lastError: string): Settlement =>
    attempts >= MAX_ATTEMPTS
      ? { status: 'failed', attempts, nextAttemptAt: now, sentAt: null, lastError }
      : {
          status: 'pending',
          attempts,
          nextAttemptAt: now + BACKOFF_MINUTES[attempts - 1] * 60_000,
          sentAt: null,
          lastError,
        };
  if (!job.to) return { status: 'no_recipient', attempts, nextAttemptAt: now, sentAt: null, lastError: null };
  try {
    const answer = await sendSubscribeMessage({
      to: job.to,
      templateId: TEMPLATES[job.template].id,
      page: job.page,
      data: job.data,
    });
    if (answer.errcode === 0)
      return { status: 'sent', attempts, nextAttemptAt: now, sentAt: now, lastError: null };
    const lastError = `${answer.errcode} ${answer.errmsg}`;
    if (answer.errcode === NO_CREDIT)
      return { status: 'no_credit', attempts, nextAttemptAt: now, sentAt: null, lastError };
    return failed(lastError);
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Records a job's outcome; conditional on the job still being claimed, so it settles once. A retry
 * also pulls the document's `outboxDueAt` forward when it is later than the retry (or unset), so
 * the sweep comes back in time.
 */
async function settle(
  ctx: Ports,
  name: OutboxCollection,
  ownerId: string,
  index: number,
  job: OutboxJob,
  result: Settlement,
): Promise<void> {
  const path = `outbox.${index}`;
  const _ = ctx.db.command;
  const documents = collection(ctx.db, name);
  if (result.status === 'pending') {
    await documents
      .where({ _id: ownerId, outboxDueAt: _.or(_.gt(result.nextAttemptAt), _.eq(null)) })
      .update({ outboxDueAt: result.nextAttemptAt });
  }
  await documents.where({ _id: ownerId, [`${path}.id`]: job.id, [`${path}.status`]: 'sending' }).update({
    [`${path}.status`]: result.status,
    [`${path}.attempts`]: result.attempts,
    [`${path}.nextAttemptAt`]: result.nextAttemptAt,
    [`${path}.sentAt`]: result.sentAt,
    [`${path}.lastError`]: result.lastError,
    [`${path}.claimedAt`]: null,
  });
}

/**
 * The timer's sweep over one collection: documents whose outbox is due, oldest first. Pending jobs
 * are claimed one by one (a conditional update that only one sweeper can win), sent and settled;
 * expired claims become `unknown`. Finally `outboxDueAt` is recomputed, conditional on no job
 * having been added meanwhile.
 */
export async function sweepOutbox(
  ctx: Ports,
  name: OutboxCollection,
  limit = 50,
): Promise<{ documents: number; sent: number; failed: number }> {
  const { now } = ctx;
  const _ = ctx.db.command;
  const documents = collection(ctx.db, name);
  const { data } = await documents
    .where({ outboxDueAt: _.lte(now) })
    .orderBy('outboxDueAt', 'asc')
    .limit(limit)
    .field<OutboxOwner & Pick<OutboxFields, 'outboxRev'>>({ _id: true, outbox: true, outboxRev: true })
    .get();
  let sent = 0;
  let failed = 0;
  for (const doc of data) {
    const jobs = [...doc.outbox];
    for (let index = 0; index < jobs.length; index++) {
      const job = jobs[index];
      const path = `outbox.${index}`;
      if (job.status === 'sending' && job.claimedAt !== null && job.claimedAt + LEASE_MS <= now) {
        // A quiet first notice that was never written back was delivered (a failure is written back);
        // any other claim never settled is unknown, never sent twice.
        const delivered = job.quietOnSuccess === true && job.attempts === 0;
        const expired = await documents
          .where({ _id: doc._id, [`${path}.id`]: job.id, [`${path}.status`]: 'sending' })
          .update(
            delivered
              ? {
                  [`${path}.status`]: 'sent',
                  [`${path}.attempts`]: 1,
                  [`${path}.sentAt`]: job.claimedAt,
                  [`${path}.claimedAt`]: null,
                }
              : { [`${path}.status`]: 'unknown', [`${path}.lastError`]: '发送中断，无法确认是否送达' },
          );
        if (expired.updated) jobs[index] = { ...job, status: delivered ? 'sent' : 'unknown' };
        continue;
      }
      if (job.status !== 'pending' || job.nextAttemptAt > now) continue;
      const claim = await documents
        .where({ _id: doc._id, [`${path}.id`]: job.id, [`${path}.status`]: 'pending' })
        .update({ [`${path}.status`]: 'sending', [`${path}.claimedAt`]: now });
      if (!claim.updated) continue;
      const result = await send(ctx, { ...job, status: 'sending' });
      await settle(ctx, name, doc._id, index, job, result);
      jobs[index] = { ...job, ...result };
      if (result.status === 'sent') sent++;
      else if (result.status !== 'pending') failed++;
    }
    await documents
      .where({ _id: doc._id, outboxRev: doc.outboxRev })
      .update({ outboxDueAt: outboxDueAt(jobs), outboxRev: _.inc(1) });
  }
  return { documents: data.length, sent, failed };
}
