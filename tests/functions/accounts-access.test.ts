import type { Result } from '../../miniprogram/core/result';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { caseworkFlow, WANG_OPENID } from '../helpers/casework-flow';
import { startProduct } from '../helpers/project-stack';

/**
 * Who sees which of the office's accounts, as a matrix over the roles: rankings (排行), a deputy's
 * record (履职档案) and the unsatisfied answers (待处理的不满意). The office sees everything through
 * `office.*` and any station through `station.*`; station staff their stations only through
 * `station.*`; a deputy their own record through `deputy.record` and nothing here; residents and
 * handling units nothing. Roles come from the WeChat account's bindings, never from the request.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
const RESIDENT = 'o-acc-resident';
const november = { from: '2026-11-01', to: '2026-11-30' };

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-11-10T10:00:00+08:00' } });
  const flow = caseworkFlow(product);
  // One unsatisfied answer at 鼓楼 (林晓红), one at 东街 (王丽萍).
  await flow.handled({
    resident: 'o-acc-1',
    deputy: { code: 'D00001', openid: DEV_DEPUTY_OPENID },
    rating: 'unsatisfied',
  });
  await flow.handled({
    resident: 'o-acc-2',
    deputy: { code: 'D00003', openid: WANG_OPENID },
    rating: 'unsatisfied',
  });
}, 60_000);
afterAll(() => product.close());

type Fn = 'office' | 'station';
type Action = 'rankings' | 'deputyRecord' | 'unsatisfied';

const INPUTS: Record<Action, Record<string, unknown>> = {
  rankings: { of: 'station', ...november },
  deputyRecord: { deputyId: 'deputy-lin' },
  unsatisfied: {},
};

const call = (openid: string, fn: Fn, action: Action, input: Record<string, unknown> = INPUTS[action]) =>
  product.call(openid, fn, action, input) as Promise<Result<Record<string, unknown>>>;

async function data(openid: string, fn: Fn, action: Action, input?: Record<string, unknown>) {
  const result = await call(openid, fn, action, input);
  if (!result.ok) throw new Error(`${fn}.${action}: ${result.code} ${result.message}`);
  return result.data;
}

const ACTIONS: Action[] = ['rankings', 'deputyRecord', 'unsatisfied'];
const stationsRanked = (view: Record<string, unknown>) =>
  (view.rows as Array<{ name: string }>).map((r) => r.name).sort();
const unsatisfiedStations = (view: Record<string, unknown>) =>
  (view.items as Array<{ station: { id: string } }>).map((i) => i.station.id).sort();

describe('the office’s accounts, role by role', () => {
  it('the office sees every station, through either function', async () => {
    for (const fn of ['office', 'station'] as const) {
      expect(stationsRanked(await data(DEV_OFFICE_OPENID, fn, 'rankings'))).toEqual(
        ['鼓楼区人大代表之家', '东街街道三坊七巷社区人大代表联络站'].sort(),
      );
      expect(await data(DEV_OFFICE_OPENID, fn, 'deputyRecord', { deputyId: 'deputy-wang' })).toMatchObject({
        received: 1,
      });
      expect(unsatisfiedStations(await data(DEV_OFFICE_OPENID, fn, 'unsatisfied'))).toEqual([
        'station-dongjie',
        'station-gulou-home',
      ]);
    }
    // And narrows to one station when it names one.
    expect(
      stationsRanked(
        await data(DEV_OFFICE_OPENID, 'office', 'rankings', {
          ...INPUTS.rankings,
          stationId: 'station-dongjie',
        }),
      ),
    ).toEqual(['东街街道三坊七巷社区人大代表联络站']);
  });

  it('station staff see their station only, and are refused the office’s actions', async () => {
    expect(stationsRanked(await data(DEV_STAFF_OPENID, 'station', 'rankings'))).toEqual([
      '鼓楼区人大代表之家',
    ]);
    expect(await data(DEV_STAFF_OPENID, 'station', 'deputyRecord')).toMatchObject({ received: 1 });
    expect(
      await call(DEV_STAFF_OPENID, 'station', 'deputyRecord', { deputyId: 'deputy-wang' }),
    ).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(unsatisfiedStations(await data(DEV_STAFF_OPENID, 'station', 'unsatisfied'))).toEqual([
      'station-gulou-home',
    ]);
    for (const action of ['rankings', 'unsatisfied'] as const)
      expect(
        await call(DEV_STAFF_OPENID, 'station', action, { ...INPUTS[action], stationId: 'station-dongjie' }),
      ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    for (const action of ACTIONS)
      expect(await call(DEV_STAFF_OPENID, 'office', action)).toMatchObject({
        ok: false,
        code: 'AUTH.FORBIDDEN',
      });
  });

  it('a deputy reads their own record as a deputy, and none of these', async () => {
    expect(await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'record', {})).toMatchObject({
      deputy: { id: 'deputy-lin' },
      received: 1,
    });
    for (const fn of ['office', 'station'] as const)
      for (const action of ACTIONS)
        expect(await call(DEV_DEPUTY_OPENID, fn, action)).toMatchObject({
          ok: false,
          code: 'AUTH.FORBIDDEN',
        });
  });

  it.each([
    ['a resident', RESIDENT],
    ['a handling unit', DEV_UNIT_OPENID],
  ])('%s is refused every one of them', async (_who, openid) => {
    for (const fn of ['office', 'station'] as const)
      for (const action of ACTIONS)
        expect(await call(openid, fn, action)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('the role comes from the account, not from what the request says', async () => {
    const claimed = {
      ...INPUTS.unsatisfied,
      role: 'office',
      openid: DEV_OFFICE_OPENID,
      userInfo: { openId: DEV_OFFICE_OPENID },
    };
    expect(await call(RESIDENT, 'office', 'unsatisfied', claimed)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});
