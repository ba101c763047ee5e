import { TEMPLATES } from '../../miniprogram/core/notifications';
import type { Result } from '../../miniprogram/core/result';
import { exportId } from '../../cloudfunctions/_lib/files';
import type { ExportDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_OFFICE_OPENID } from '../../stack/seed';
import { startProduct } from '../helpers/project-stack';

/**
 * The office's message that a report a timer made is ready (民情专报 each quarter, 双月反馈 every two
 * months) rides in the report's `exports` document's outbox, one mechanism for both: when WeChat
 * fails the first delivery, the `timers` outbox sweep delivers it once, later, and never again.
 */

let product: Awaited<ReturnType<typeof startProduct>>;

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-11-01T01:00:00+08:00' } });
  for (let i = 0; i < 4; i++) await product.grantConsent(DEV_OFFICE_OPENID, TEMPLATES.caseProgress.id);
}, 60_000);
afterAll(() => product.close());

async function fire(trigger: string) {
  const res = await fetch(`${product.stack.url}/local/timers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ function: 'office', trigger }),
  });
  return ((await res.json()) as { result: Result<Record<string, unknown>> }).result;
}

async function failNextSend() {
  await fetch(`${product.stack.url}/local/wx-faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api: 'subscribeMessage.send', errcode: -1, times: 1 }),
  });
}

const sweep = async (at: number) =>
  (await product.admin.callFunction({ name: 'timers', data: { action: 'outbox', now: at } })).result;

const sendsTo = async (page: string) =>
  (await product.wxCalls('subscribeMessage.send'))
    .filter((c) => c.request.touser === DEV_OFFICE_OPENID && String(c.request.page).startsWith(page))
    .map((c) => c.errcode);

const stored = (id: string) => product.stack.store.getById('exports', id) as unknown as ExportDoc;

it('delivers the 双月反馈 notice the first send failed exactly once, by the outbox sweep', async () => {
  await failNextSend();
  expect(await fire('bimonthly')).toMatchObject({ ok: true, data: { made: 2, announced: true } });
  const pdf = stored(exportId('bimonthly', { from: '2026-09-01', to: '2026-10-31', format: 'pdf' }));
  expect(pdf.outbox).toEqual([
    expect.objectContaining({ status: 'pending', attempts: 1, lastError: expect.stringContaining('-1') }),
  ]);
  expect(await sendsTo('pages/home/index')).toEqual([-1]);

  // Not due yet: the first retry waits a minute; then it is sent, once.
  const now = product.now();
  expect(await sweep(now)).toMatchObject({ ok: true, data: { sent: 0 } });
  expect(await sweep(now + 2 * 60_000)).toMatchObject({ ok: true, data: { sent: 1 } });
  expect(await sweep(now + 60 * 60_000)).toMatchObject({ ok: true, data: { sent: 0 } });
  expect(await fire('bimonthly')).toMatchObject({ ok: true, data: { announced: false } });
  expect(await sendsTo('pages/home/index')).toEqual([-1, 0]);
  expect(
    stored(exportId('bimonthly', { from: '2026-09-01', to: '2026-10-31', format: 'pdf' })).outbox,
  ).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
});

it('delivers the 民情专报 notice through the same outbox: retried, sent once', async () => {
  product.setNow('2027-01-01T00:30:00+08:00', { frozen: true });
  await failNextSend();
  // A quarter with no cases is made at once, and the office told at once.
  expect(await fire('reports')).toEqual({ ok: true, data: { quarter: '2026-10-01', requested: true } });
  const id = exportId('opinion_report', { from: '2026-10-01', to: '2026-12-31' });
  expect(stored(id)).toMatchObject({ scheduled: true, announcedAt: product.now() });
  expect(stored(id).outbox).toEqual([expect.objectContaining({ status: 'pending', attempts: 1 })]);

  // Another timer run tells no one again; the sweep delivers the message, once.
  await fire('exports');
  expect(await fire('reports')).toMatchObject({ ok: true, data: { requested: false } });
  expect(await sweep(product.now() + 2 * 60_000)).toMatchObject({ ok: true, data: { sent: 1 } });
  expect(await sweep(product.now() + 60 * 60_000)).toMatchObject({ ok: true, data: { sent: 0 } });
  expect(await sendsTo('pages/office/classes/index')).toEqual([-1, 0]);
}, 60_000);
