import { TEMPLATES } from '../../miniprogram/core/notifications';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * A submission's budget: two database round trips (find the deputy, insert the case with its first
 * event and its notice), however its notice fares. The deputy still hears at once, and a delivery
 * WeChat refuses is still retried.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

const RESIDENT = 'oRoundTr1pResident0000000001';

/** The stack's database requests made while `run` ran, by action. */
async function databaseRequests(run: () => Promise<unknown>): Promise<Record<string, number>> {
  await product.stack.settled();
  const before = product.stack.requestCounts();
  await run();
  const after = product.stack.requestCounts();
  const delta: Record<string, number> = {};
  for (const [action, n] of Object.entries(after)) {
    if (action.startsWith('database.') && n > (before[action] ?? 0))
      delta[action] = n - (before[action] ?? 0);
  }
  return delta;
}

const sendsFor = async (caseId: string) =>
  (await product.wxCalls('subscribeMessage.send')).filter((c) => String(c.request.page).includes(caseId));

describe('a warm submission', () => {
  beforeAll(async () => {
    // A warm instance: the categories are cached.
    await product.ok(RESIDENT, 'resident', 'submit', submission());
  });

  it('delivered to the deputy: two round trips, one message', async () => {
    await product.grantConsent(DEV_DEPUTY_OPENID, TEMPLATES.caseReceived.id);
    let caseId = '';
    const counts = await databaseRequests(async () => {
      caseId = (await product.ok(RESIDENT, 'resident', 'submit', submission())).caseId;
    });
    expect(counts).toEqual({ 'database.getDocument': 1, 'database.insertDocument': 1 });
    const sends = await sendsFor(caseId);
    expect(sends).toEqual([expect.objectContaining({ errcode: 0 })]);
    expect(sends[0].request.touser).toBe(DEV_DEPUTY_OPENID);
  });

  it('when WeChat refuses, the failure is written back and retried by the sweep', async () => {
    await product.grantConsent(DEV_DEPUTY_OPENID, TEMPLATES.caseReceived.id);
    product.stack.wx.injectFault('subscribeMessage.send', -1, 1);
    let caseId = '';
    const counts = await databaseRequests(async () => {
      caseId = (await product.ok(RESIDENT, 'resident', 'submit', submission())).caseId;
    });
    // Only a refused delivery costs writes beyond the two: recording it, and when to retry.
    expect(counts).toMatchObject({ 'database.getDocument': 1, 'database.insertDocument': 1 });
    expect(counts['database.modifyDocument']).toBeGreaterThan(0);
    const stored = () => product.stack.store.getById('cases', caseId) as unknown as CaseDoc;
    expect(stored().outbox[0]).toMatchObject({ status: 'pending', attempts: 1 });
    const { result } = await product.admin.callFunction({
      name: 'timers',
      data: { action: 'outbox', now: Date.now() + 2 * 60_000 },
    });
    expect(result).toMatchObject({ ok: true, data: { sent: 1 } });
    expect(stored().outbox[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await sendsFor(caseId)).map((c) => c.errcode)).toEqual([-1, 0]);
  });

  it('a retry of a stored submission sends nothing more', async () => {
    await product.grantConsent(DEV_DEPUTY_OPENID, TEMPLATES.caseReceived.id);
    await product.grantConsent(DEV_DEPUTY_OPENID, TEMPLATES.caseReceived.id);
    const input = submission();
    const first = await product.ok(RESIDENT, 'resident', 'submit', input);
    const retry = await product.ok(RESIDENT, 'resident', 'submit', input);
    expect(retry.caseId).toBe(first.caseId);
    expect(await sendsFor(first.caseId)).toHaveLength(1);
  });
});
