import { LOCAL_NOW_FIELD, nowFrom } from '../../cloudfunctions/_lib/platform';
import { TEMPLATES } from '../../miniprogram/core/notifications';
import { STACK_NOW_FIELD } from '../../stack/functions';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct } from '../helpers/project-stack';

/** The functions take their time from the local stack's clock when it gives one, and real time otherwise. */

const T = Date.parse('2026-05-10T18:00:00+08:00');

describe('nowFrom', () => {
  const REAL = Date.parse('2026-12-04T10:00:00Z');
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(REAL));
  afterEach(() => jest.restoreAllMocks());

  it('reads the field the stack puts in the context', () => {
    expect(LOCAL_NOW_FIELD).toBe(STACK_NOW_FIELD);
    expect(nowFrom({ request_id: 'r', [LOCAL_NOW_FIELD]: T })).toBe(T);
  });

  it('takes real time where there is no such field, as in CloudBase', () => {
    expect(nowFrom({ request_id: 'r', environment: '{}' })).toBe(REAL);
    expect(nowFrom(undefined)).toBe(REAL);
    expect(nowFrom(null)).toBe(REAL);
  });

  it.each([String(T), new Date(T), T + 0.5, NaN, Infinity, 9e15, null])(
    'takes real time when the field holds %p, which is not an instant',
    (value) => {
      expect(nowFrom({ [LOCAL_NOW_FIELD]: value })).toBe(REAL);
    },
  );
});

describe('functions on the stack’s clock', () => {
  let product: Awaited<ReturnType<typeof startProduct>>;
  beforeAll(async () => {
    // The evening before a reception day: Monday 11 May 2026 (the 10th being a Sunday).
    product = await startProduct({ clock: { now: T, frozen: true } });
  });
  afterAll(() => product.close());

  const health = async () => (await product.ok(DEV_OFFICE_OPENID, 'office', 'health', {})).at;
  const fireByHand = async (trigger: string) => {
    const res = await fetch(`${product.stack.url}/local/timers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ function: 'timers', trigger }),
    });
    return { status: res.status, body: (await res.json()) as { event: unknown; result: unknown } };
  };

  it('answer at the time the stack is set to, and follow it when it moves', async () => {
    expect(await health()).toBe('2026-05-10T10:00:00.000Z');
    product.advance('P3D');
    expect(await health()).toBe('2026-05-13T10:00:00.000Z');
    product.setNow('2026-05-10T18:00:00+08:00', { frozen: true });
    expect(await health()).toBe('2026-05-10T10:00:00.000Z');
  });

  it('run a timer trigger fired by hand as of the stack’s now: the duty reminder the evening before', async () => {
    await product.grantConsent(DEV_DEPUTY_OPENID, TEMPLATES.caseProgress.id);
    await product.ok(DEV_STAFF_OPENID, 'station', 'saveRoster', {
      date: '2026-05-11',
      deputyIds: ['deputy-lin', 'deputy-chen'],
      publish: true,
    });

    const fired = await fireByHand('reception');
    expect(fired).toEqual({
      status: 200,
      body: {
        event: { Type: 'Timer', TriggerName: 'reception', Time: '2026-05-10T10:00:00.000Z' },
        // 林晓红 is bound and has allowed the message; 陈建国 has no WeChat account bound.
        result: { ok: true, data: { days: 1, reminders: 1 } },
      },
    });
    const sent = (await product.wxCalls('subscribeMessage.send')).filter((c) => c.errcode === 0);
    expect(sent.map((c) => c.request.touser)).toEqual([DEV_DEPUTY_OPENID]);

    // A day later, tomorrow is no reception day: nothing to remind.
    product.advance('P1D');
    expect((await fireByHand('reception')).body.result).toEqual({
      ok: true,
      data: { days: 0, reminders: 0 },
    });
  });
});
