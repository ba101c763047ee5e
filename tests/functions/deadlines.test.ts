import { TEMPLATES } from '../../miniprogram/core/notifications';
import type { Result } from '../../miniprogram/core/result';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { ESCALATE_AFTER } from '../../cloudfunctions/_lib/cases';
import { DEV_DEPUTY_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';
import { chinaDate } from '../../miniprogram/core/china-time';

/**
 * The deadline sweep, run as of later and later instants. The stack's clock stands on Wednesday
 * 29 April 2026, just before the Labour Day holiday (1–5 May, made up on Saturday 9 May).
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `dl-${Date.now().toString(36)}-${++seq}`;

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-04-29T10:00:00+08:00' } });
  for (const openid of [DEV_DEPUTY_OPENID, DEV_UNIT_OPENID]) {
    for (let i = 0; i < 30; i++) await product.grantConsent(openid, TEMPLATES.caseProgress.id);
  }
});
afterAll(() => product.close());

const stored = (id: string) =>
  product.stack.store.getById('cases', id) as unknown as CaseDoc & {
    overdueReminders?: number;
  };
type SweepCounts = { reminded: number; overdueReminded: number; supervised: number; closedByTime: number };
const sweep = async (now: number): Promise<SweepCounts> => {
  const { result } = (await product.admin.callFunction({
    name: 'timers',
    data: { action: 'deadlines', now },
  })) as {
    result: Result<SweepCounts>;
  };
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
};
const act = async (openid: string, data: Record<string, unknown>) => {
  const result = await product.call(openid, 'casework', 'act', { clientRequestId: rid(), ...data });
  if (!result.ok) throw new Error(`${String(data.action)}: ${result.code} ${result.message}`);
  return result.data;
};
/** Deadline reminders (not the routing notices) a handler received about a case. */
const remindersTo = async (caseId: string, openid: string) =>
  (await product.wxCalls('subscribeMessage.send')).filter(
    (c) =>
      c.request.touser === openid &&
      String(c.request.page).includes(caseId) &&
      c.errcode === 0 &&
      /^(即将到期|已逾期)/.test((c.request.data as Record<string, { value: string }>).thing3.value),
  );

describe('deadline sweep', () => {
  it('reminds before the due date once, then daily when overdue, and supervises after repeated lateness', async () => {
    const { caseId } = await product.ok('o-late', 'resident', 'submit', submission({ kind: 'inquiry' }));
    await act(DEV_DEPUTY_OPENID, { caseId, action: 'accept' });
    await act(DEV_DEPUTY_OPENID, { caseId, action: 'route', route: 'assign', unitId: 'dept-dongjie-street' });
    const dueAt = new Date(stored(caseId).dueAt!).getTime();
    // An inquiry has 2 working days: Thursday 30 April, then, after the holiday, Wednesday 6 May.
    expect(chinaDate(dueAt)).toBe('2026-05-06');

    const dayBefore = dueAt - 12 * 3600_000;
    expect((await sweep(dayBefore)).reminded).toBeGreaterThanOrEqual(1);
    expect((await sweep(dayBefore + 60_000)).reminded).toBe(0);
    expect(await remindersTo(caseId, DEV_UNIT_OPENID)).toHaveLength(1);

    // Overdue on each working day after it, the make-up Saturday included.
    const overdueDays = ['2026-05-07', '2026-05-08', '2026-05-09'];
    expect(overdueDays).toHaveLength(ESCALATE_AFTER);
    for (const [i, date] of overdueDays.entries()) {
      const day = i + 1;
      const t = Date.parse(`${date}T12:00:00+08:00`);
      const result = await sweep(t);
      expect(result.overdueReminded).toBeGreaterThanOrEqual(1);
      expect((await sweep(t + 60_000)).overdueReminded).toBe(0);
      expect(stored(caseId).overdueReminders).toBe(day);
      expect(stored(caseId).supervised).toBe(day >= ESCALATE_AFTER);
    }
    expect(stored(caseId).events.at(-1)).toMatchObject({
      actor: { role: 'system' },
      note: expect.stringContaining('督办'),
    });
    const office = await product.ok('dev-office-openid', 'casework', 'queue', { view: 'supervised' });
    expect(office.items.map((i) => i.id)).toContain(caseId);
    // 1 before the due date and one per overdue working day, to the deputy and to the unit.
    expect(await remindersTo(caseId, DEV_UNIT_OPENID)).toHaveLength(1 + ESCALATE_AFTER);
    expect((await remindersTo(caseId, DEV_DEPUTY_OPENID)).length).toBeGreaterThanOrEqual(1 + ESCALATE_AFTER);
  });

  it('closes an answer left unrated after the rating window, counted as closed by time', async () => {
    const { caseId } = await product.ok('o-silent', 'resident', 'submit', submission());
    await act(DEV_DEPUTY_OPENID, { caseId, action: 'accept' });
    await act(DEV_DEPUTY_OPENID, { caseId, action: 'reply', note: '已协调物业处理，请留意。' });
    const answeredAt = stored(caseId).answeredAt!;
    expect((await sweep(answeredAt + 6 * 86_400_000)).closedByTime).toBe(0);
    expect(stored(caseId).status).toBe('answered');
    expect((await sweep(answeredAt + 8 * 86_400_000)).closedByTime).toBeGreaterThanOrEqual(1);
    expect(stored(caseId)).toMatchObject({ status: 'closed', closedBy: 'time', rating: null });
    expect((await sweep(answeredAt + 9 * 86_400_000)).closedByTime).toBe(0);
  });
});
