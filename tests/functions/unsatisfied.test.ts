import type { UnsatisfiedView } from '../../miniprogram/core/api';
import type { Result } from '../../miniprogram/core/result';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { caseworkFlow, WANG_OPENID, XU_OPENID } from '../helpers/casework-flow';
import { startProduct } from '../helpers/project-stack';

/**
 * 待处理的不满意 on the stack: answers rated 不满意 through `resident.rate` wait on the office's list,
 * oldest rating first, until someone sends the case back (发回重办) or supervises it (督办) through
 * `casework.act`; then it leaves the list. Station staff see their stations' share.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let flow: ReturnType<typeof caseworkFlow>;
const LIN = { code: 'D00001', openid: DEV_DEPUTY_OPENID };
const WANG = { code: 'D00003', openid: WANG_OPENID };
const cases: Record<string, { caseId: string; caseNo: string }> = {};

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-11-02T09:00:00+08:00' } });
  flow = caseworkFlow(product);
  cases.first = await flow.handled({
    resident: 'o-uns-1',
    deputy: LIN,
    rating: 'unsatisfied',
    comment: '问题根本没解决，请打 13912345678 找我核实。',
  });
  await flow.handled({ resident: 'o-uns-2', deputy: LIN, rating: 'satisfied' });
  product.setNow('2026-11-04T09:00:00+08:00');
  cases.second = await flow.handled({ resident: 'o-uns-3', deputy: WANG, rating: 'unsatisfied' });
  product.setNow('2026-11-05T09:00:00+08:00');
  cases.third = await flow.handled({ resident: 'o-uns-4', deputy: LIN, rating: 'unsatisfied' });
  // Answered, not rated yet: nothing to do about it.
  await flow.handled({ resident: 'o-uns-5', deputy: LIN });
  product.setNow('2026-11-09T10:00:00+08:00');
}, 120_000);
afterAll(() => product.close());

const ask = (openid: string, fn: 'office' | 'station', input: Record<string, unknown> = {}) =>
  product.call(openid, fn, 'unsatisfied', input) as Promise<Result<UnsatisfiedView>>;

async function listed(openid: string, fn: 'office' | 'station', input: Record<string, unknown> = {}) {
  const result = await ask(openid, fn, input);
  if (!result.ok) throw new Error(`${fn}.unsatisfied: ${result.code} ${result.message}`);
  return result.data;
}

describe('the unsatisfied answers waiting for the office', () => {
  it('lists every one, oldest rating first, named and with the resident’s data masked', async () => {
    const view = await listed(DEV_OFFICE_OPENID, 'office');
    expect(view.total).toBe(3);
    expect(view.items.map((i) => i.caseNo)).toEqual([
      cases.first.caseNo,
      cases.second.caseNo,
      cases.third.caseNo,
    ]);
    const [first] = view.items;
    expect(first).toMatchObject({
      caseId: cases.first.caseId,
      deputy: { id: 'deputy-lin', name: '林晓红' },
      station: { id: 'station-gulou-home', name: '鼓楼区人大代表之家' },
      unit: null,
      outcome: 'solved',
      waitingDays: 7,
      comment: '问题根本没解决，请打 （电话已隐去） 找我核实。',
      resident: '138****5678',
      next: ['redo', 'supervise'],
    });
    expect(JSON.stringify(view)).not.toContain('13912345678');
    expect(JSON.stringify(view)).not.toContain('13812345678');
    expect(JSON.stringify(view)).not.toContain('张先生');
    expect(view.items[1]).toMatchObject({
      deputy: { name: '王丽萍' },
      station: { name: '东街街道三坊七巷社区人大代表联络站' },
      comment: '',
    });
  });

  it('pages', async () => {
    const second = await listed(DEV_OFFICE_OPENID, 'office', { page: 2, pageSize: 2 });
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(second.items.map((i) => i.caseNo)).toEqual([cases.third.caseNo]);
    expect(await ask(DEV_OFFICE_OPENID, 'office', { pageSize: 500 })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { pageSize: expect.any(String) },
    });
  });

  it('gives station staff their stations’ share', async () => {
    const gulou = await listed(DEV_STAFF_OPENID, 'station');
    expect(gulou.stationIds).toEqual(['station-gulou-home']);
    expect(gulou.items.map((i) => i.caseNo)).toEqual([cases.first.caseNo, cases.third.caseNo]);
    const dongjie = await listed(XU_OPENID, 'station');
    expect(dongjie.items.map((i) => i.caseNo)).toEqual([cases.second.caseNo]);
    expect(await ask(DEV_STAFF_OPENID, 'station', { stationId: 'station-dongjie' })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('empties as the cases are sent back or supervised', async () => {
    await flow.act(DEV_OFFICE_OPENID, {
      caseId: cases.first.caseId,
      action: 'redo',
      note: '请重新核实后答复群众',
    });
    const afterRedo = await listed(DEV_OFFICE_OPENID, 'office');
    expect(afterRedo.items.map((i) => i.caseNo)).toEqual([cases.second.caseNo, cases.third.caseNo]);

    await flow.act(DEV_OFFICE_OPENID, { caseId: cases.second.caseId, action: 'supervise' });
    await flow.act(DEV_STAFF_OPENID, { caseId: cases.third.caseId, action: 'redo', note: '请再次上门核实' });
    expect(await listed(DEV_OFFICE_OPENID, 'office')).toMatchObject({ total: 0, items: [] });
    expect(await listed(DEV_STAFF_OPENID, 'station')).toMatchObject({ total: 0, items: [] });

    // Answered again and rated 不满意 again: it waits once more.
    await flow.act(DEV_DEPUTY_OPENID, {
      caseId: cases.first.caseId,
      action: 'reply',
      note: '已再次核实，路灯已修复。',
      outcome: 'solved',
    });
    await flow.rate('o-uns-1', cases.first.caseId, 'unsatisfied');
    const again = await listed(DEV_OFFICE_OPENID, 'office');
    expect(again.items.map((i) => [i.caseNo, i.comment, i.waitingDays])).toEqual([
      [cases.first.caseNo, '', 0],
    ]);
  });
});
