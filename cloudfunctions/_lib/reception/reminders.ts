import { addDays, chinaDate } from '../../../miniprogram/core/china-time';
import { TEMPLATES, templateData } from '../../../miniprogram/core/notifications';
import { newJob, queueAndDeliver } from '../outbox';
import { byIds, collection, type ActionContext } from '../platform';
import { plannedDayOn } from './plan';

/** Where a duty reminder takes the deputy: 我的值班, to confirm the duty or ask to swap it. */
export const DUTY_REMINDER_PAGE = 'pages/deputy/duties/index';

/** Where a reminder to staff about a leader with no account takes them: the month's days. */
const STAFF_REMINDER_PAGE = 'pages/station/overview/index';

/** One reminder owed: to whom (`to` null: nobody to reach), saying what, opening which page. */
interface Owed {
  recipient: string;
  to: string | null;
  note: string;
  page: string;
}

/** 2026年3月10日 */
const chineseDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The duty reminder (timers `reception`, daily in the evening): for each published reception day
 * held tomorrow (China time), a subscribe message to each deputy on its roster, queued on the
 * reception day's outbox and delivered at once; a failure is retried by the outbox sweep. The job
 * ids name the date and the deputy, and are only added when absent (compare-and-set on `outboxRev`),
 * so a sweep run twice sends nothing twice, a deputy added to the roster later is still reminded, and
 * a day moved to another date is reminded for its new date. A deputy with no bound WeChat account
 * gets a job marked "no recipient" (they see the roster in the mini-program). The day's leader
 * (分管领导) is reminded the same way, by the account they bound (on the station's leaders' list);
 * a leader with none yet is reminded through the station's staff, each told the leader's name (a
 * job per staff member with an account; "no recipient" for the leader when there is none either).
 *
 * The template is `caseProgress` (诉求办理提醒), the handlers' template deputies already allow
 * when they act on cases: no new template to register and ask consent for. Its fields carry the
 * date (character_string1), 值班提醒 (phrase2), the station (thing3) and the date again (time4).
 */
export async function sweepReceptionReminders(
  ctx: Pick<ActionContext, 'app' | 'db' | 'now'>,
  limit = 200,
): Promise<{ days: number; reminders: number }> {
  const { db, now } = ctx;
  const tomorrow = addDays(chinaDate(now), 1);
  const { data: docs } = await collection(db, 'reception_days')
    .where({ date: tomorrow, published: true })
    .limit(limit)
    .get();
  const stations = await byIds(
    db,
    'stations',
    docs.map((d) => d.stationId),
  );
  const deputies = await byIds(
    db,
    'deputies',
    docs.flatMap((d) => d.deputies),
  );
  // The staff who remind a leader with no account of their own (none needed without a day).
  const { data: staff } = stations.size
    ? await collection(db, 'staff')
        .where({ stationIds: db.command.in([...stations.keys()]), active: true })
        .limit(1000)
        .get()
    : { data: [] };
  const counts = { days: 0, reminders: 0 };
  for (const doc of docs) {
    const station = stations.get(doc.stationId);
    // Only a day still held tomorrow: not cancelled, not moved elsewhere since the roster was saved.
    const day = station?.active ? plannedDayOn(station, tomorrow) : null;
    if (!station || !day || day.originDate !== doc.originDate) continue;
    const seq = Number(tomorrow.replace(/-/g, ''));
    const duty = `明天${station.name}接待日值班`;
    const owed: Owed[] = doc.deputies.map((id) => ({
      recipient: `duty-${id}`,
      to: deputies.get(id)?.openid ?? null,
      note: duty,
      page: DUTY_REMINDER_PAGE,
    }));
    // The day's 分管领导, like a deputy by their own account; without one, through the staff.
    const leader = doc.leader ? (station.leaders ?? []).find((l) => l.id === doc.leader) : undefined;
    const desk = staff.filter((s) => s.openid && s.stationIds.includes(station._id));
    if (doc.leader && !leader?.openid && leader && desk.length > 0)
      owed.push(
        ...desk.map((s) => ({
          recipient: `duty-${doc.leader}-via-${s._id}`,
          to: s.openid,
          note: `请提醒${leader.name}明天到站值班`,
          page: STAFF_REMINDER_PAGE,
        })),
      );
    else if (doc.leader)
      owed.push({
        recipient: `duty-${doc.leader}`,
        to: leader?.openid ?? null,
        note: duty,
        page: DUTY_REMINDER_PAGE,
      });
    const jobs = owed
      .filter((o) => !doc.outbox.some((j) => j.id === `${doc._id}:${seq}:${o.recipient}`))
      .map((o) =>
        newJob({
          ownerId: doc._id,
          seq,
          recipient: o.recipient,
          template: 'caseProgress',
          to: o.to,
          // The fields of a case's progress, under the keys the deployment gave the template.
          data: templateData(TEMPLATES.caseProgress.keys, {
            caseNo: tomorrow,
            status: '值班提醒',
            note: o.note,
            time: chineseDate(tomorrow),
          }),
          now,
          page: o.page,
        }),
      );
    if (jobs.length === 0) continue;
    if (!(await queueAndDeliver(ctx, 'reception_days', doc, { outboxRev: doc.outboxRev }, {}, jobs)))
      continue;
    counts.days += 1;
    counts.reminders += jobs.filter((j) => j.to).length;
  }
  return counts;
}
