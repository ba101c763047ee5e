import { chinaDateTime } from '../../../miniprogram/core/china-time';
import { TEMPLATES, templateData } from '../../../miniprogram/core/notifications';
import { newJob, queueAndDeliver } from '../outbox';
import {
  collection,
  getById,
  readAll,
  type ActionContext,
  type ExportDoc,
  type OutboxJob,
  type UserDoc,
} from '../platform';

/**
 * How the office learns that a report a timer asked for is ready (民情专报 each quarter, 双月反馈
 * every two months): ONE mechanism for both. The timer marks the report's `exports` document
 * `scheduled`; whenever such a document's file is made (at once by the timer, or later by the
 * `exports` timer, after which `announceReadyReports` runs), one message per office account is
 * queued on that document's own outbox in the same update that sets `announcedAt`, conditional on
 * it being unset, and delivered at once (`queueAndDeliver`). A second run finds it announced and
 * tells no one twice; a failed delivery is retried by the `timers` outbox sweep of `exports`, and
 * a claim never settled becomes `unknown` rather than a second message (outbox/). A scheduled
 * report whose making failed is asked for again.
 */

/** Scheduled reports looked at per run (a quarter's and two months' reports in two formats). */
const ANNOUNCE_BATCH = 20;

/** What the office is told of one report, and where the message leads. */
export interface Announcement {
  caseNo: string;
  status: string;
  note: string;
  page: string;
}

/** What each kind of report says when ready; null: goes with another document (not told apart). */
export type Announcer = (doc: ExportDoc, ctx: ActionContext) => Announcement | null;

/** Asks again for a scheduled report whose making failed. */
export type Retrier = (doc: ExportDoc, ctx: ActionContext) => Promise<unknown>;

export interface ReportKinds {
  announce: Partial<Record<ExportDoc['kind'], Announcer>>;
  retry: Partial<Record<ExportDoc['kind'], Retrier>>;
}

/** Marks documents as reports a timer asked for: announced once made. */
export async function markScheduled(ctx: ActionContext, ids: string[]): Promise<void> {
  const _ = ctx.db.command;
  await collection(ctx.db, 'exports')
    .where({ _id: _.in(ids), scheduled: _.neq(true) })
    .update({ scheduled: true });
}

async function officeAccounts(ctx: ActionContext): Promise<Array<Pick<UserDoc, '_id' | 'openid'>>> {
  return (
    (await readAll<'users', Pick<UserDoc, '_id' | 'openid'>>(
      ctx.db,
      'users',
      { 'roles.role': 'office' },
      { max: 1000, fields: { openid: true } },
    )) ?? []
  );
}

/**
 * Tells the office of every scheduled report made and not yet announced (`ids`: only these), and
 * asks again for those whose making failed. Answers how many were announced by this call.
 */
export async function announceReadyReports(
  ctx: ActionContext,
  kinds: ReportKinds,
  ids?: string[],
): Promise<{ announced: number }> {
  const _ = ctx.db.command;
  const docs = ids
    ? (await Promise.all(ids.map((id) => getById(ctx.db, 'exports', id)))).filter(
        (d): d is ExportDoc => d !== null && d.scheduled === true && !d.announcedAt,
      )
    : (
        await collection(ctx.db, 'exports')
          .where({ scheduled: true, announcedAt: _.eq(null) })
          .limit(ANNOUNCE_BATCH)
          .get()
      ).data;
  let announced = 0;
  let office: Array<Pick<UserDoc, '_id' | 'openid'>> | null = null;
  for (const doc of docs) {
    if (doc.status === 'failed') {
      await kinds.retry[doc.kind]?.(doc, ctx);
      continue;
    }
    if (doc.status !== 'done') continue;
    const say = kinds.announce[doc.kind];
    const message = say ? say(doc, ctx) : null;
    let jobs: OutboxJob[] = [];
    if (message) {
      office ??= await officeAccounts(ctx);
      const data = templateData(TEMPLATES.caseProgress.keys, {
        caseNo: message.caseNo,
        status: message.status,
        note: message.note,
        time: chinaDateTime(doc.finishedAt ?? ctx.now),
      });
      jobs = office.map((user) =>
        newJob({
          ownerId: doc._id,
          seq: 1,
          recipient: `office-${user._id}`,
          template: 'caseProgress',
          to: user.openid,
          data,
          now: ctx.now,
          page: message.page,
        }),
      );
    }
    const owner = { _id: doc._id, outbox: doc.outbox ?? [] };
    if (
      await queueAndDeliver(
        ctx,
        'exports',
        owner,
        { announcedAt: _.eq(null) },
        { announcedAt: ctx.now },
        jobs,
      )
    )
      if (message) announced += 1;
  }
  if (announced > 0) console.log(`[reports] office told of ${announced} report(s)`);
  return { announced };
}
