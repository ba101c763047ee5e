import { caught, openTarget, type Target } from './target';

/** Cloud functions through app.callFunction, against the project's own `admin` function. */

interface Envelope {
  ok: boolean;
  code?: string;
  message?: string;
  data?: { status?: string; stations?: unknown; databaseMs?: unknown; at?: unknown };
}

let t: Target;

beforeAll(async () => {
  t = await openTarget();
});

afterAll(async () => {
  await t?.close();
});

it('admin.health answers ok with status "ok"', async () => {
  const res = await t.app.callFunction<unknown, Envelope>({ name: 'admin', data: { action: 'health' } });
  expect(typeof res.requestId).toBe('string');
  expect(res.result.ok).toBe(true);
  expect(res.result.data?.status).toBe('ok');
  expect(typeof res.result.data?.stations).toBe('number');
  expect(Number.isNaN(Date.parse(String(res.result.data?.at)))).toBe(false);
});

it('an unknown action answers { ok: false, code: "ACTION.UNKNOWN" } rather than throwing', async () => {
  const res = await t.app.callFunction<unknown, Envelope>({
    name: 'admin',
    data: { action: 'no-such-action' },
  });
  expect(res.result).toMatchObject({ ok: false, code: 'ACTION.UNKNOWN' });
  expect(typeof res.result.message).toBe('string');
});

it('a function that does not exist rejects with FUNCTION_NOT_FOUND', async () => {
  const error = await caught(() =>
    t.app.callFunction({ name: `${t.prefix}missing`, data: { action: 'health' } }),
  );
  expect(error.code).toBe('FUNCTION_NOT_FOUND');
});
