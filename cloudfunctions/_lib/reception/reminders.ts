import { addDays, chinaDate } from '../../../miniprogram/core/china-time';
import { TEMPLATES, templateData } from '../../../miniprogram/core/notifications';
import { newJob, queueAndDeliver } from '../outbox';
import { byIds, collection, type ActionContext } from '../platform';
import { plannedDayOn } from './plan';

/** Where a duty reminder takes the deputy: 我的值班, to confirm the duty or ask to swap it. */
export const DUTY_REMINDER_PAGE = 'pages/deputy/duties/index';

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
 * (分管领导) is reminded the same way, by the account on the station's leaders' list.
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
  const counts = { days: 0, reminders: 0 };
  for (const doc of docs) {
    const station = stations.get(doc.stationId);
    // Only a day still held tomorrow: not cancelled, not moved elsewhere since the roster was saved.
    const day = station?.active ? plannedDayOn(station, tomorrow) : null;
    if (!station || !day || day.originDate !== doc.originDate) continue;
    const seq = Number(tomorrow.replace(/-/g, ''));
    // The day's 分管领导 is reminded like a deputy, from the station's leaders (none bound yet: staff
    // see the leader on the day's roster and on 今天).
    const leader = doc.leader ? (station.leaders ?? []).find((l) => l.id === doc.leader) : undefined;
    const accounts = new Map<string, string | null>([
      ...doc.deputies.map((id) => [id, deputies.get(id)?.openid ?? null] as const),
      ...(doc.leader ? [[doc.leader, leader?.openid ?? null] as const] : []),
    ]);
    const jobs = [...accounts.keys()]
      .filter((id) => !doc.outbox.some((j) => j.id === `${doc._id}:${seq}:duty-${id}`))
      .map((id) =>
        newJob({
          ownerId: doc._id,
          seq,
          recipient: `duty-${id}`,
          template: 'caseProgress',
          to: accounts.get(id) ?? null,
          // The fields of a case's progress, under the keys the deployment gave the template.
          data: templateData(TEMPLATES.caseProgress.keys, {
            caseNo: tomorrow,
            status: '值班提醒',
            note: `明天${station.name}接待日值班`,
            time: chineseDate(tomorrow),
          }),
          now,
          page: DUTY_REMINDER_PAGE,
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
