import { deadlineStatus, DEFAULT_DEADLINES } from '../../../miniprogram/core/deadlines';
import { OPEN_STATUSES } from '../../../miniprogram/core/model';
import { caseUpdatedData } from '../../../miniprogram/core/notifications';
import { isFailure } from '../../../miniprogram/core/result';
import { chinaDate } from '../../../miniprogram/core/text';
import type { App, Db } from '../platform/app';
import { officialCalendar } from '../calendar/official';
import type { CaseDoc, OutboxJob } from '../platform/schema/cases';
import { getById, type DeputyDoc, type UserDoc } from '../directory/records';
import { deliverClaimed, LEASE_MS, newJob } from '../outbox/outbox';
import { applyAction } from './transition';

/**
 * The deadline sweep (timers, hourly):
 * - a reminder to the handler (the deputy, and the unit holding the case) once, when the due date
 *   is today or the next working day;
 * - once overdue, a reminder each working day it stays overdue, to the deputy and the unit;
 * - after ESCALATE_AFTER such reminders, 督办: the system supervises the case (the office is told
 *   of every later change);
 * - an answer left unrated for the rating window is closed by time (counted apart from ratings).
 * Reminders are recorded on the case (`remindedDueAt`, `overdueRemindedOn`, `overdueReminders`) so a
 * sweep run twice sends nothing twice; system actions use deterministic request ids for the same reason.
 */

export const ESCALATE_AFTER = 3;

interface SweepDoc extends CaseDoc {
  remindedDueAt?: number | null;
  overdueRemindedOn?: string | null;
  overdueReminders?: number;
}

async function handlerOpenids(db: Db, doc: CaseDoc): Promise<Array<{ to: string | null; who: string }>> {
  const out: Array<{ to: string | null; who: string }> = [];
  const deputy = await getById<DeputyDoc>(db, 'deputies', doc.deputyId);
  if (doc.deputyId) out.push({ to: deputy?.openid ?? null, who: 'deputy' });
  if (doc.unitId) {
    const _ = db.command;
    const { data } = await db
      .collection('users')
      .where({ roles: _.elemMatch({ role: 'unit', unitId: doc.unitId }) })
      .limit(10)
      .get();
    (data as UserDoc[]).forEach((u, i) => out.push({ to: u.openid, who: `unit-${i}` }));
  }
  return out;
}

/** Appends reminder jobs and the reminder marks in one update, conditional on the marks as read. */
async function remind(
  app: App,
  db: Db,
  doc: SweepDoc,
  note: string,
  marks: Record<string, unknown>,
  guard: Record<string, unknown>,
  now: number,
): Promise<boolean> {
  const key = `r${now.toString(36)}`;
  const jobs: OutboxJob[] = (await handlerOpenids(db, doc)).map(({ to, who }) =>
    newJob({
      caseId: doc._id,
      seq: doc.events.length,
      recipient: `${who}-${key}`,
      template: 'caseProgress',
      to,
      data: caseUpdatedData({ caseNo: doc.caseNo, status: doc.status, note, at: now }),
      now,
      claimed: true,
      pageQuery: `id=${doc._id}`,
    }),
  );
  const _ = db.command;
  const { updated } = await db
    .collection('cases')
    .where({ _id: doc._id, ...guard })
    .update({
      ...marks,
      ...(jobs.length
        ? { outbox: _.push(jobs), outboxRev: _.inc(1), outboxDueAt: new Date(now + LEASE_MS) }
        : {}),
    });
  if (!updated) return false;
  await deliverClaimed(
    app,
    db,
    { _id: doc._id, outbox: [...doc.outbox, ...jobs] },
    jobs.map((j) => j.id),
    now,
  ).catch((error) => console.warn('[deadlines] notify', error));
  return true;
}

export async function sweepDeadlines(app: App, db: Db, now: number, limit = 200) {
  const _ = db.command;
  const counts = { reminded: 0, overdueReminded: 0, supervised: 0, closedByTime: 0 };
  const today = chinaDate(now);

  // Open cases due within two days (or already past due), earliest first.
  const { data: open } = await db
    .collection('cases')
    .where({ status: _.in(OPEN_STATUSES), dueAt: _.lte(new Date(now + 2 * 86_400_000)) })
    .orderBy('dueAt', 'asc')
    .limit(limit)
    .get();
  for (const doc of open as SweepDoc[]) {
    const dueAt = new Date(doc.dueAt!).getTime();
    const status = deadlineStatus(dueAt, now, officialCalendar);
    if (status === 'due_soon' && doc.remindedDueAt !== dueAt) {
      const marks = { remindedDueAt: dueAt };
      const guard = { remindedDueAt: _.neq(dueAt) };
      if (await remind(app, db, doc, `即将到期：请于${chinaDate(dueAt)}前办结`, marks, guard, now))
        counts.reminded++;
    } else if (status === 'overdue' && doc.overdueRemindedOn !== today && officialCalendar.isWorkday(today)) {
      const reminders = (doc.overdueReminders ?? 0) + 1;
      const marks = { overdueRemindedOn: today, overdueReminders: reminders };
      const guard = { overdueRemindedOn: _.neq(today) };
      if (await remind(app, db, doc, `已逾期：应于${chinaDate(dueAt)}办结`, marks, guard, now))
        counts.overdueReminded++;
      if (reminders >= ESCALATE_AFTER && !doc.supervised) {
        const fresh = await getById<CaseDoc>(db, 'cases', doc._id);
        const result = fresh
          ? await applyAction(
              app,
              db,
              fresh,
              {
                action: 'supervise',
                actor: { role: 'system', id: 'timers', name: '系统' },
                input: { note: `逾期${reminders}个工作日仍未办结，转为督办` },
                clientRequestId: `sweep-supervise-${doc._id}`,
                actorParty: null,
              },
              now,
            )
          : null;
        if (result && !isFailure(result)) counts.supervised++;
      }
    }
  }

  // Answers left unrated past the rating window are closed by time.
  const windowMs = DEFAULT_DEADLINES.ratingWindowDays * 86_400_000;
  const { data: answered } = await db
    .collection('cases')
    .where({ status: 'answered', rating: null, answeredAt: _.lte(now - windowMs) })
    .limit(limit)
    .get();
  for (const doc of answered as CaseDoc[]) {
    const result = await applyAction(
      app,
      db,
      doc,
      {
        action: 'close_by_time',
        actor: { role: 'system', id: 'timers', name: '系统' },
        input: {},
        clientRequestId: `sweep-close-${doc._id}-${doc.answeredAt}`,
        actorParty: null,
      },
      now,
    );
    if (!isFailure(result)) counts.closedByTime++;
  }
  return counts;
}
