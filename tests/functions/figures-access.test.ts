import type { FiguresView } from '../../miniprogram/core/api';
import type { Result } from '../../miniprogram/core/result';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * Who sees which figures, as a matrix over the roles: the office any scope (`office.figures`),
 * station staff their own stations only (`station.caseFigures`), a deputy themself only
 * (`deputy.figures`); residents and handling units none. Roles come from the WeChat account's
 * bindings, never from the request. And the input: periods, named periods, breakdowns.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
const november = { from: '2026-11-01', to: '2026-11-30' };
const RESIDENT = 'o-figures-resident';

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-11-10T10:00:00+08:00' } });
  // 林晓红 (鼓楼, D00001) two cases, 陈建国 (鼓楼, D00002) one, 王丽萍 (东街, D00003) one.
  for (const [i, code] of ['D00001', 'D00001', 'D00002', 'D00003'].entries())
    await product.ok(
      `o-figures-${i}`,
      'resident',
      'submit',
      submission({ target: { type: 'deputy', code } }),
    );
});
afterAll(() => product.close());

const ask = (openid: string, fn: 'office' | 'station' | 'deputy', input: Record<string, unknown>) =>
  (fn === 'station'
    ? product.call(openid, 'station', 'caseFigures', input)
    : product.call(openid, fn, 'figures', input)) as Promise<Result<FiguresView>>;

async function seen(openid: string, fn: 'office' | 'station' | 'deputy', input: Record<string, unknown>) {
  const result = await ask(openid, fn, input);
  if (!result.ok) throw new Error(`${fn}: ${result.code} ${result.message}`);
  return result.data;
}

describe('the figures, role by role', () => {
  it('the office sees every case, and any scope it names', async () => {
    expect((await seen(DEV_OFFICE_OPENID, 'office', november)).total.accepted).toBe(4);
    const dongjie = await seen(DEV_OFFICE_OPENID, 'office', { ...november, stationId: 'station-dongjie' });
    expect(dongjie.total.accepted).toBe(1);
    const chen = await seen(DEV_OFFICE_OPENID, 'office', { ...november, deputyId: 'deputy-chen' });
    expect(chen.total.accepted).toBe(1);
    const byStation = await seen(DEV_OFFICE_OPENID, 'office', { ...november, groupBy: 'station' });
    expect(byStation.groups.map((g) => [g.name, g.figures.accepted])).toEqual([
      ['鼓楼区人大代表之家', 3],
      ['东街街道三坊七巷社区人大代表联络站', 1],
    ]);
    // The office may read a station's figures through the station function too.
    expect(
      (await seen(DEV_OFFICE_OPENID, 'station', { ...november, stationId: 'station-dongjie' })).total
        .accepted,
    ).toBe(1);
  });

  it('station staff see their station only, and are refused another', async () => {
    const own = await seen(DEV_STAFF_OPENID, 'station', november);
    expect(own.scope).toEqual({ stationId: 'station-gulou-home' });
    expect(own.total.accepted).toBe(3);
    expect(
      await ask(DEV_STAFF_OPENID, 'station', { ...november, stationId: 'station-dongjie' }),
    ).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await ask(DEV_STAFF_OPENID, 'office', november)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('a deputy sees their own cases only, and is refused another deputy', async () => {
    const own = await seen(DEV_DEPUTY_OPENID, 'deputy', november);
    expect(own.scope).toEqual({ deputyId: 'deputy-lin' });
    expect(own.total.accepted).toBe(2);
    expect(await ask(DEV_DEPUTY_OPENID, 'deputy', { ...november, deputyId: 'deputy-chen' })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    for (const fn of ['office', 'station'] as const)
      expect(await ask(DEV_DEPUTY_OPENID, fn, november)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it.each([
    ['a resident', RESIDENT],
    ['a handling unit', DEV_UNIT_OPENID],
  ])('%s is refused every figures action', async (_who, openid) => {
    for (const fn of ['office', 'station', 'deputy'] as const)
      expect(await ask(openid, fn, november)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });
});

describe('what the figures take', () => {
  it('a named period is this month, quarter or year, China-local', async () => {
    const quarter = await seen(DEV_OFFICE_OPENID, 'office', { period: 'quarter' });
    expect(quarter).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarter.total.accepted).toBe(4);
    expect(await seen(DEV_OFFICE_OPENID, 'office', { period: 'month' })).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });

  it('refuses a bad period, scope or breakdown, naming the field', async () => {
    for (const [input, field] of [
      [{ from: '2026-11-30', to: '2026-11-01' }, 'to'],
      [{ from: '2026-11-01' }, 'to'],
      [{ period: 'week' }, 'period'],
      [{ ...november, groupBy: 'resident' }, 'groupBy'],
      [{ ...november, kind: 'praise' }, 'kind'],
      [{ ...november, channel: 'email' }, 'channel'],
    ] as const) {
      expect(await ask(DEV_OFFICE_OPENID, 'office', input)).toMatchObject({
        ok: false,
        code: 'INPUT.INVALID',
        fields: { [field]: expect.any(String) },
      });
    }
  });
});
