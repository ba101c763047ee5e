import type { RankingRow, RankingsView } from '../../miniprogram/core/api';
import type { Result } from '../../miniprogram/core/result';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { caseworkFlow, WENQUAN_UNIT_OPENID, WANG_OPENID, XU_OPENID } from '../helpers/casework-flow';
import { startProduct } from '../helpers/project-stack';

/**
 * 排行 on the stack, from cases made through the product's own actions: October (the previous
 * period) and November 2026, handled by two units for two deputies of two stations, read back from
 * `office.rankings` and `station.rankings`.
 *
 * October: the street (东街街道办事处) answers 2 cases for 林晓红 (鼓楼), both 满意; the
 * Wenquan street office (温泉街道办事处) answers 1 for 王丽萍 (东街), 不满意.
 * November: the street gets 3 for 林晓红 — 满意, 不满意, and one still in hand; Wenquan answers 2
 * for 王丽萍, both 满意; 林晓红 answers one herself, 基本满意.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
const november = { from: '2026-11-01', to: '2026-11-30' };
const LIN = { code: 'D00001', openid: DEV_DEPUTY_OPENID };
const WANG = { code: 'D00003', openid: WANG_OPENID };
const STREET = { id: 'dept-dongjie-street', openid: DEV_UNIT_OPENID };
const WENQUAN = { id: 'dept-wenquan-street', openid: WENQUAN_UNIT_OPENID };

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-10-12T09:00:00+08:00' } });
  const flow = caseworkFlow(product);
  await flow.handled({ resident: 'o-rk-1', deputy: LIN, unit: STREET, rating: 'satisfied' });
  await flow.handled({ resident: 'o-rk-2', deputy: LIN, unit: STREET, rating: 'satisfied' });
  await flow.handled({ resident: 'o-rk-3', deputy: WANG, unit: WENQUAN, rating: 'unsatisfied' });

  product.setNow('2026-11-09T09:00:00+08:00');
  await flow.handled({ resident: 'o-rk-4', deputy: LIN, unit: STREET, rating: 'satisfied' });
  await flow.handled({ resident: 'o-rk-5', deputy: LIN, unit: STREET, rating: 'unsatisfied' });
  await flow.handled({ resident: 'o-rk-6', deputy: LIN, unit: STREET, answer: false });
  await flow.handled({ resident: 'o-rk-7', deputy: WANG, unit: WENQUAN, rating: 'satisfied' });
  await flow.handled({ resident: 'o-rk-8', deputy: WANG, unit: WENQUAN, rating: 'satisfied' });
  await flow.handled({ resident: 'o-rk-9', deputy: LIN, rating: 'basically_satisfied' });
  product.setNow('2026-11-12T10:00:00+08:00');
}, 120_000);
afterAll(() => product.close());

const ask = (openid: string, fn: 'office' | 'station', input: Record<string, unknown>) =>
  product.call(openid, fn, 'rankings', input) as Promise<Result<RankingsView>>;

async function ranked(openid: string, fn: 'office' | 'station', input: Record<string, unknown>) {
  const result = await ask(openid, fn, input);
  if (!result.ok) throw new Error(`${fn}.rankings: ${result.code} ${result.message}`);
  return result.data;
}

const row = (view: RankingsView, name: string): RankingRow => {
  const found = view.rows.find((r) => r.name === name);
  if (!found) throw new Error(`no row ${name} in ${view.rows.map((r) => r.name).join(', ')}`);
  return found;
};

describe('the unit ranking (承办单位)', () => {
  it('ranks units by satisfaction by default, each column with last month’s value and the change', async () => {
    const view = await ranked(DEV_OFFICE_OPENID, 'office', { of: 'unit', ...november });
    expect(view).toMatchObject({
      of: 'unit',
      from: '2026-11-01',
      to: '2026-11-30',
      previous: { from: '2026-10-01', to: '2026-10-31' },
      sortBy: 'satisfactionRate',
      order: 'desc',
    });
    expect(view.columns.map((c) => c.label)).toEqual([
      '受理',
      '按期回复率',
      '满意率',
      '不满意',
      '发回重办',
      '超期未办结',
    ]);
    expect(view.rows.map((r) => [r.rank, r.name])).toEqual([
      [1, '温泉街道办事处'],
      [2, '东街街道办事处'],
    ]);
    expect(row(view, '温泉街道办事处').cells).toMatchObject({
      cases: { value: 2, previous: 1, delta: 1 },
      satisfactionRate: { value: 100, previous: 0, delta: 100 },
      unsatisfied: { value: 0, previous: 1, delta: -1 },
      onTimeRate: { value: 100, previous: 100, delta: 0 },
    });
    expect(row(view, '东街街道办事处').cells).toMatchObject({
      cases: { value: 3, previous: 2, delta: 1 },
      satisfactionRate: { value: 50, previous: 100, delta: -50 },
      unsatisfied: { value: 1, previous: 0, delta: 1 },
      overdue: { value: 0, previous: 0, delta: 0 },
    });
  });

  it('sorts by any column either way', async () => {
    const byCases = await ranked(DEV_OFFICE_OPENID, 'office', { of: 'unit', ...november, sortBy: 'cases' });
    expect(byCases.rows.map((r) => r.name)).toEqual(['东街街道办事处', '温泉街道办事处']);
    const fewestUnsatisfied = await ranked(DEV_OFFICE_OPENID, 'office', {
      of: 'unit',
      ...november,
      sortBy: 'unsatisfied',
      order: 'asc',
    });
    expect(fewestUnsatisfied.rows.map((r) => r.name)).toEqual(['温泉街道办事处', '东街街道办事处']);
  });

  it('refuses a column the ranking does not have, naming it', async () => {
    expect(
      await ask(DEV_OFFICE_OPENID, 'office', { of: 'unit', ...november, sortBy: 'received' }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { sortBy: expect.stringContaining('满意率') },
    });
    expect(await ask(DEV_OFFICE_OPENID, 'office', { of: 'people', ...november })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { of: expect.any(String) },
    });
  });
});

describe('the station ranking', () => {
  it('ranks stations by the cases received there', async () => {
    const view = await ranked(DEV_OFFICE_OPENID, 'office', {
      of: 'station',
      period: 'this_month',
      sortBy: 'cases',
    });
    expect(view.rows.map((r) => [r.name, r.cells.cases])).toEqual([
      ['鼓楼区人大代表之家', { value: 4, previous: 2, delta: 2 }],
      ['东街街道三坊七巷社区人大代表联络站', { value: 2, previous: 1, delta: 1 }],
    ]);
  });

  it('gives station staff their own station’s row only, and the units of their cases', async () => {
    const own = await ranked(DEV_STAFF_OPENID, 'station', { of: 'station', ...november });
    expect(own.stationIds).toEqual(['station-gulou-home']);
    expect(own.rows.map((r) => r.name)).toEqual(['鼓楼区人大代表之家']);
    const units = await ranked(DEV_STAFF_OPENID, 'station', { of: 'unit', ...november });
    expect(units.rows.map((r) => [r.name, r.cells.cases?.value])).toEqual([['东街街道办事处', 3]]);
    const xu = await ranked(XU_OPENID, 'station', { of: 'unit', ...november });
    expect(xu.stationIds).toEqual(['station-dongjie', 'station-wenquan']);
    expect(xu.rows.map((r) => [r.name, r.cells.cases?.value])).toEqual([['温泉街道办事处', 2]]);
  });
});

describe('the deputy ranking (履职考核)', () => {
  it('gives every active deputy their record’s figures, with the change', async () => {
    const view = await ranked(DEV_OFFICE_OPENID, 'office', { of: 'deputy', ...november });
    expect(view.sortBy).toBe('received');
    expect(view.rows).toHaveLength(6);
    expect(view.rows.slice(0, 2).map((r) => [r.rank, r.name, r.stationName])).toEqual([
      [1, '林晓红', '鼓楼区人大代表之家'],
      [2, '王丽萍', '东街街道三坊七巷社区人大代表联络站'],
    ]);
    expect(row(view, '林晓红').cells).toMatchObject({
      received: { value: 4, previous: 2, delta: 2 },
      accepted: { value: 4, previous: 2, delta: 2 },
      // The street's two answers on her assignments and her own.
      answered: { value: 3, previous: 2, delta: 1 },
      answeredOnTime: { value: 3, previous: 2, delta: 1 },
      satisfactionRate: { value: 66.67, previous: 100, delta: -33.33 },
      receptionDaysAttended: { value: 0, previous: 0, delta: 0 },
    });
    // Nobody sent 陈建国 anything: he is ranked all the same, last by what he received.
    expect(row(view, '陈建国').cells.received).toEqual({ value: 0, previous: 0, delta: 0 });
    expect(row(view, '陈建国').cells.satisfactionRate).toEqual({ value: null, previous: null, delta: null });

    const bySatisfaction = await ranked(DEV_OFFICE_OPENID, 'office', {
      of: 'deputy',
      ...november,
      sortBy: 'satisfactionRate',
    });
    expect(bySatisfaction.rows.slice(0, 2).map((r) => r.name)).toEqual(['王丽萍', '林晓红']);
    expect(bySatisfaction.rows.slice(2).every((r) => r.rank === null)).toBe(true);
  });

  it('gives station staff their station’s deputies only', async () => {
    const view = await ranked(DEV_STAFF_OPENID, 'station', { of: 'deputy', ...november });
    expect(view.rows.map((r) => r.name).sort()).toEqual(['刘海波', '林晓红', '陈建国'].sort());
  });
});
