import { chinaDate, DAY_MS } from '../../../miniprogram/core/china-time';
import { deadlineStatus, DEFAULT_DEADLINES } from '../../../miniprogram/core/deadlines';
import type { Actor } from '../../../miniprogram/core/lifecycle';
import { OPEN_STATUSES } from '../../../miniprogram/core/model';
import { caseUpdatedData } from '../../../miniprogram/core/notifications';
import { isFailure } from '../../../miniprogram/core/result';
import { officialCalendar } from '../calendar';
import { newJob, queueAndDeliver } from '../outbox';
import { collection, getById, type ActionContext, type CaseDoc } from '../platform';
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

type Ports = Pick<ActionContext, 'app' | 'db' | 'now'>;

const SYSTEM: Actor = { role: 'system', id: 'timers', name: '系统' };

async function handlerOpenids(ctx: Ports, doc: CaseDoc): Promise<Array<{ to: string | null; who: string }>> {
  const out: Array<{ to: string | null; who: string }> = [];
  if (doc.deputyId) {
    const deputy = await getById(ctx.db, 'deputies', doc.deputyId);
    out.push({ to: deputy?.openid ?? null, who: 'deputy' });
  }
  if (doc.unitId) {
    const { data } = await collection(ctx.db, 'users')
      .where({ roles: ctx.db.command.elemMatch({ role: 'unit', unitId: doc.unitId }) })
      .limit(10)
      .get();
    data.forEach((u, i) => out.push({ to: u.openid, who: `unit-${i}` }));
  }
  return out;
}

/** Queues reminder jobs with the reminder marks in one update, conditional on the marks as read. */
async function remind(
  ctx: Ports,
  doc: CaseDoc,
  note: string,
  marks: Partial<CaseDoc>,
  guard: object,
): Promise<boolean> {
  const key = `r${ctx.now.toString(36)}`;
  const jobs = (await handlerOpenids(ctx, doc)).map(({ to, who }) =>
    newJob({
      ownerId: doc._id,
      seq: doc.events.length,
      recipient: `${who}-${key}`,
      template: 'caseProgress',
      to,
      data: caseUpdatedData({ caseNo: doc.caseNo, status: doc.status, note, at: ctx.now }, 'caseProgress'),
      now: ctx.now,
      pageQuery: `id=${doc._id}`,
    }),
  );
  return queueAndDeliver(ctx, 'cases', doc, guard, marks, jobs);
}

export async function sweepDeadlines(ctx: Ports, limit = 200) {
  const { db, now } = ctx;
  const _ = db.command;
  const cases = collection(db, 'cases');
  const counts = { reminded: 0, overdueReminded: 0, supervised: 0, closedByTime: 0 };
  const today = chinaDate(now);

  // Open cases due within two days (or already past due), earliest first.
  const { data: open } = await cases
    .where({ status: _.in(OPEN_STATUSES), dueAt: _.lte(now + 2 * DAY_MS) })
    .orderBy('dueAt', 'asc')
    .limit(limit)
    .get();
  for (const doc of open) {
    if (doc.dueAt === null) continue;
    const dueAt = doc.dueAt;
    const status = deadlineStatus(dueAt, now, officialCalendar);
    if (status === 'due_soon' && doc.remindedDueAt !== dueAt) {
      const marks = { remindedDueAt: dueAt };
      const guard = { remindedDueAt: _.neq(dueAt) };
      if (await remind(ctx, doc, `即将到期：请于${chinaDate(dueAt)}前办结`, marks, guard)) counts.reminded++;
    } else if (status === 'overdue' && doc.overdueRemindedOn !== today && officialCalendar.isWorkday(today)) {
      const reminders = (doc.overdueReminders ?? 0) + 1;
      const marks = { overdueRemindedOn: today, overdueReminders: reminders };
      const guard = { overdueRemindedOn: _.neq(today) };
      if (await remind(ctx, doc, `已逾期：应于${chinaDate(dueAt)}办结`, marks, guard))
        counts.overdueReminded++;
      if (reminders >= ESCALATE_AFTER && !doc.supervised) {
        const fresh = await getById(db, 'cases', doc._id);
        const result = fresh
          ? await applyAction(ctx, fresh, {
              action: 'supervise',
              actor: SYSTEM,
              input: { note: `逾期${reminders}个工作日仍未办结，转为督办` },
              clientRequestId: `sweep-supervise-${doc._id}`,
              actorParty: null,
            })
          : null;
        if (result && !isFailure(result)) counts.supervised++;
      }
    }
  }

  // Answers left unrated past the rating window are closed by time.
  const windowMs = DEFAULT_DEADLINES.ratingWindowDays * DAY_MS;
  const { data: answered } = await cases
    .where({ status: 'answered', rating: null, answeredAt: _.lte(now - windowMs) })
    .limit(limit)
    .get();
  for (const doc of answered) {
    const result = await applyAction(ctx, doc, {
      action: 'close_by_time',
      actor: SYSTEM,
      input: {},
      clientRequestId: `sweep-close-${doc._id}-${doc.answeredAt}`,
      actorParty: null,
    });
    if (!isFailure(result)) counts.closedByTime++;
  }
  return counts;
}
