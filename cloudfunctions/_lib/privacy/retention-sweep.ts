import type { RetentionRun } from '../../../miniprogram/core/api';
import { chinaDate, DAY_MS } from '../../../miniprogram/core/china-time';
import { FINAL_STATUSES } from '../../../miniprogram/core/model';
import { collection, type ActionContext, type CaseDoc } from '../platform';
import { redactCase, redactVisit } from './redact';
import { readRetention, recordRun } from './settings';

/**
 * The retention timer (timers `retention`, daily): removes the personal data of
 * - cases finished more than the office's period ago, counted from their last change (a finished
 *   case changes no more, so that is when it was finished, or later: never too early);
 * - cases whose resident asked for deletion while they were open, as soon as they are finished;
 * - visitor-log entries older than the period (their cases carry their own copies for handling).
 * What it removed is recorded on each case (`redaction`), in the answer, and as the last run on
 * the setting the office reads. Each query takes at most `limit` documents, so a run is bounded;
 * what is left (`more`) is taken by the next run, and running it again early does no harm.
 */

type Ports = Pick<ActionContext, 'app' | 'db' | 'now'>;

/** Documents one run takes per query: the timer must finish well within its 60 seconds. */
export const RETENTION_BATCH = 200;

export async function sweepRetention(
  ctx: Ports,
  limit = RETENTION_BATCH,
): Promise<RetentionRun & { retentionDays: number }> {
  const { db, now } = ctx;
  const _ = db.command;
  const days = (await readRetention(db)).closedCaseDays;
  const cutoff = now - days * DAY_MS;
  const cases = collection(db, 'cases');

  const [{ data: asked }, { data: expired }] = await Promise.all([
    cases
      .where({ erasureRequestedAt: _.gt(0), status: _.in(FINAL_STATUSES) })
      .limit(limit)
      .get(),
    cases
      .where({ 'redaction.at': _.eq(null), status: _.in(FINAL_STATUSES), updatedAt: _.lte(cutoff) })
      .orderBy('updatedAt', 'asc')
      .limit(limit)
      .get(),
  ]);
  const due = new Map<string, CaseDoc>([...expired, ...asked].map((doc) => [doc._id, doc]));
  const run: RetentionRun = { at: now, cases: 0, photos: 0, visits: 0, failed: 0, more: false };
  for (const doc of due.values()) {
    const outcome = await redactCase(ctx, doc, doc.erasureRequestedAt ? 'request' : 'retention');
    if (outcome.result === 'redacted') {
      run.cases++;
      run.photos += outcome.photos;
    } else if (outcome.result === 'later') {
      run.failed++;
    }
  }

  const { data: visits } = await collection(db, 'visitors')
    .where({ redactedAt: _.eq(null), date: _.lte(chinaDate(cutoff)) })
    .orderBy('date', 'asc')
    .limit(limit)
    .get();
  for (const visit of visits) {
    const held = Boolean(visit.visitorName || visit.phone || visit.items.some((i) => i.photos.length > 0));
    if ((await redactVisit(ctx, visit)) && held) run.visits++;
  }

  run.more = asked.length === limit || expired.length === limit || visits.length === limit;
  await recordRun(db, run);
  return { ...run, retentionDays: days };
}
