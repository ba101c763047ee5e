import { TEMPLATES, type TemplateData, type TemplateKey } from '../../../miniprogram/core/notifications';
import type { App, Db } from '../platform/app';
import type { CaseDoc, OutboxJob, OutboxStatus } from '../platform/schema/cases';
import { NO_CREDIT, sendSubscribeMessage } from '../platform/wechat';

/**
 * The notification outbox. Jobs live inside the case document (see case-doc.ts), queued in the same
 * write as the event that causes them. Delivery is at most once: a job is claimed (status `sending`)
 * before WeChat is called, and a claim that is never settled (the function died mid-send) becomes
 * `unknown` after the lease, not a second message. Failures retry with backoff; "no credit" (the
 * user has not allowed another message) is final — the unread badge tells them instead.
 */

export const LEASE_MS = 5 * 60_000;
/** Minutes to wait after the 1st, 2nd, … failed attempt. */
export const BACKOFF_MINUTES = [1, 5, 30, 120, 720];
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length;

/**
 * The documents that carry an outbox (`outbox`, `outboxDueAt`, `outboxRev`): cases, and reception
 * days (the duty reminders to the deputies on a roster, _lib/reception-store.ts).
 */
export type OutboxCollection = 'cases' | 'reception_days';

export function newJob(options: {
  caseId: string;
  seq: number;
  /** Who the job is for (deputy, resident, staff, unit-0, office-1, …): part of its unique id. */
  recipient: string;
  template: TemplateKey;
  to: string | null;
  data: TemplateData;
  now: number;
  /** True when the caller will deliver it right away: the job is stored already claimed. */
  claimed: boolean;
  pageQuery: string;
}): OutboxJob {
  const at = new Date(options.now);
  return {
    id: `${options.caseId}:${options.seq}:${options.recipient}`,
    template: options.template,
    to: options.to,
    page: `${TEMPLATES[options.template].page}?${options.pageQuery}`,
    data: options.data,
    status: options.to ? (options.claimed ? 'sending' : 'pending') : 'no_recipient',
    attempts: 0,
    nextAttemptAt: at,
    claimedAt: options.to && options.claimed ? at : null,
    sentAt: null,
    lastError: options.to ? null : '收件人未绑定微信',
  };
}

/** When the sweep must next look at this case: the earliest pending retry or claim expiry. */
export function dueAt(jobs: OutboxJob[]): Date | null {
  let due: number | null = null;
  for (const job of jobs) {
    const t =
      job.status === 'pending'
        ? job.nextAttemptAt.getTime()
        : job.status === 'sending' && job.claimedAt
          ? job.claimedAt.getTime() + LEASE_MS
          : null;
    if (t !== null && (due === null || t < due)) due = t;
  }
  return due === null ? null : new Date(due);
}

interface Settlement {
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

async function send(app: App, job: OutboxJob, now: number): Promise<Settlement> {
  const attempts = job.attempts + 1;
  const retryAt = (n: number) => new Date(now + BACKOFF_MINUTES[Math.min(n, MAX_ATTEMPTS) - 1] * 60_000);
  try {
    const answer = await sendSubscribeMessage(app, {
      to: job.to!,
      templateId: TEMPLATES[job.template].id,
      page: job.page,
      data: job.data,
    });
    if (answer.errcode === 0)
      return {
        status: 'sent',
        attempts,
        nextAttemptAt: new Date(now),
        sentAt: new Date(now),
        lastError: null,
      };
    const lastError = `${answer.errcode} ${answer.errmsg}`;
    if (answer.errcode === NO_CREDIT)
      return { status: 'no_credit', attempts, nextAttemptAt: new Date(now), sentAt: null, lastError };
    return attempts >= MAX_ATTEMPTS
      ? { status: 'failed', attempts, nextAttemptAt: new Date(now), sentAt: null, lastError }
      : { status: 'pending', attempts, nextAttemptAt: retryAt(attempts), sentAt: null, lastError };
  } catch (error) {
    const lastError = error instanceof Error ? error.message : String(error);
    return attempts >= MAX_ATTEMPTS
      ? { status: 'failed', attempts, nextAttemptAt: new Date(now), sentAt: null, lastError }
      : { status: 'pending', attempts, nextAttemptAt: retryAt(attempts), sentAt: null, lastError };
  }
}

/**
 * Records a job's outcome; conditional on the job still being claimed, so it settles once. A retry
 * also pulls the case's `outboxDueAt` forward when it is later than the retry (or unset), so the
 * sweep comes back in time.
 */
async function settle(
  db: Db,
  caseId: string,
  index: number,
  job: OutboxJob,
  result: Settlement,
  collection: OutboxCollection,
): Promise<void> {
  const path = `outbox.${index}`;
  const _ = db.command;
  if (result.status === 'pending') {
    await db
      .collection(collection)
      .where({ _id: caseId, outboxDueAt: _.or(_.gt(result.nextAttemptAt), _.eq(null)) })
      .update({ outboxDueAt: result.nextAttemptAt });
  }
  await db
    .collection(collection)
    .where({ _id: caseId, [`${path}.id`]: job.id, [`${path}.status`]: 'sending' })
    .update({
      [`${path}.status`]: result.status,
      [`${path}.attempts`]: result.attempts,
      [`${path}.nextAttemptAt`]: result.nextAttemptAt,
      [`${path}.sentAt`]: result.sentAt,
      [`${path}.lastError`]: result.lastError,
      [`${path}.claimedAt`]: null,
    });
}

/**
 * Delivers the jobs a caller stored already claimed (status `sending`, claimed at `now`): one
 * WeChat call and one database write per job. Used right after a submission or a reply.
 */
export async function deliverClaimed(
  app: App,
  db: Db,
  doc: Pick<CaseDoc, '_id' | 'outbox'>,
  jobIds: string[],
  now: number,
  collection: OutboxCollection = 'cases',
) {
  for (const id of jobIds) {
    const index = doc.outbox.findIndex((j) => j.id === id);
    const job = doc.outbox[index];
    if (!job || job.status !== 'sending') continue;
    await settle(db, doc._id, index, job, await send(app, job, now), collection);
  }
}

/**
 * The timer's sweep: documents of `collection` (cases by default) whose outbox is due, oldest
 * first. Pending jobs are claimed one by one (a conditional update that only one sweeper can win),
 * sent and settled; expired claims become `unknown`. Finally `outboxDueAt` is recomputed,
 * conditional on no job having been added meanwhile.
 */
export async function sweepOutbox(
  app: App,
  db: Db,
  now: number,
  limit = 50,
  collection: OutboxCollection = 'cases',
): Promise<{ cases: number; sent: number; failed: number }> {
  const _ = db.command;
  const { data } = await db
    .collection(collection)
    .where({ outboxDueAt: _.lte(new Date(now)) })
    .orderBy('outboxDueAt', 'asc')
    .limit(limit)
    .field({ _id: true, outbox: true, outboxRev: true })
    .get();
  let sent = 0;
  let failed = 0;
  for (const doc of data as Array<Pick<CaseDoc, '_id' | 'outbox' | 'outboxRev'>>) {
    const jobs = doc.outbox.map((job) => ({
      ...job,
      nextAttemptAt: new Date(job.nextAttemptAt),
      claimedAt: job.claimedAt && new Date(job.claimedAt),
    }));
    for (let index = 0; index < jobs.length; index++) {
      const job = jobs[index];
      const path = `outbox.${index}`;
      if (job.status === 'sending' && job.claimedAt && job.claimedAt.getTime() + LEASE_MS <= now) {
        const expired = await db
          .collection(collection)
          .where({ _id: doc._id, [`${path}.id`]: job.id, [`${path}.status`]: 'sending' })
          .update({ [`${path}.status`]: 'unknown', [`${path}.lastError`]: '发送中断，无法确认是否送达' });
        if (expired.updated) jobs[index] = { ...job, status: 'unknown' };
        continue;
      }
      if (job.status !== 'pending' || job.nextAttemptAt.getTime() > now) continue;
      const claim = await db
        .collection(collection)
        .where({ _id: doc._id, [`${path}.id`]: job.id, [`${path}.status`]: 'pending' })
        .update({ [`${path}.status`]: 'sending', [`${path}.claimedAt`]: new Date(now) });
      if (!claim.updated) continue;
      const result = await send(app, { ...job, status: 'sending' }, now);
      await settle(db, doc._id, index, job, result, collection);
      jobs[index] = { ...job, ...result };
      if (result.status === 'sent') sent++;
      else if (result.status !== 'pending') failed++;
    }
    await db
      .collection(collection)
      .where({ _id: doc._id, outboxRev: doc.outboxRev })
      .update({ outboxDueAt: dueAt(jobs), outboxRev: _.inc(1) });
  }
  return { cases: data.length, sent, failed };
}
