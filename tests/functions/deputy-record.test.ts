import type { ActInput } from '../../miniprogram/core/api';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * deputy.record on the real stack: cases driven through casework.act and resident.rate, one of them
 * answered late (its clock moved into the past), and the record read back as the deputy. The stack's
 * clock stands in mid-June 2026, so "this year" is 2026.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `rec-${Date.now().toString(36)}-${++seq}`;
const thisYear = 2026;

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-06-15T10:00:00+08:00' } });
});
afterAll(() => product.close());

const act = async (openid: string, input: Omit<ActInput, 'clientRequestId'>) => {
  const result = await product.call(openid, 'casework', 'act', { clientRequestId: rid(), ...input });
  if (!result.ok) throw new Error(`${input.action}: ${result.code} ${result.message}`);
  return result.data;
};
const rate = (openid: string, caseId: string, rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied') =>
  product.ok(openid, 'resident', 'rate', { caseId, rating, clientRequestId: rid() });
const submit = async (openid: string, code = 'D00001') =>
  (await product.ok(openid, 'resident', 'submit', submission({ target: { type: 'deputy', code } }))).caseId;

describe('deputy.record', () => {
  it('counts what the deputy received, accepted, routed and answered, on time or not, and the ratings', async () => {
    // A: accepted, assigned to the street, answered by it in time, rated satisfied.
    const a = await submit('o-rec-a');
    await act(DEV_DEPUTY_OPENID, { caseId: a, action: 'accept' });
    await act(DEV_DEPUTY_OPENID, {
      caseId: a,
      action: 'route',
      route: 'assign',
      unitId: 'dept-dongjie-street',
    });
    await act(DEV_UNIT_OPENID, { caseId: a, action: 'unit_answer', note: '已安排维修，路灯于本周五修复。' });
    await rate('o-rec-a', a, 'satisfied');

    // B: accepted; its clock is moved sixty days back, so the deputy's answer comes after the
    // deadline. Rated basically satisfied.
    const b = await submit('o-rec-b');
    await act(DEV_DEPUTY_OPENID, { caseId: b, action: 'accept' });
    const clock = (product.stack.store.getById('cases', b) as unknown as CaseDoc).clock!;
    product.stack.store.update(
      'cases',
      { _id: b },
      { $set: { 'clock.startAt': clock.startAt - 60 * 24 * 3600_000 } },
      { multi: false, merge: true, upsert: false },
    );
    await act(DEV_DEPUTY_OPENID, { caseId: b, action: 'reply', note: '已协调物业处理，感谢反映。' });
    await rate('o-rec-b', b, 'basically_satisfied');
    const late = await product.ok(DEV_DEPUTY_OPENID, 'casework', 'caseDetail', { caseId: b });
    expect(late.deadline?.status).toBe('overdue');

    // C: answered on the spot (accepted then too, no clock); unsatisfied, redone, answered, satisfied.
    const c = await submit('o-rec-c');
    await act(DEV_DEPUTY_OPENID, { caseId: c, action: 'reply', note: '这个问题已经解决。' });
    await rate('o-rec-c', c, 'unsatisfied');
    await act(DEV_DEPUTY_OPENID, { caseId: c, action: 'redo', note: '请再核实一次' });
    await act(DEV_DEPUTY_OPENID, { caseId: c, action: 'reply', note: '已再次核实并处理完毕。' });
    await rate('o-rec-c', c, 'satisfied');

    // D: received, not touched yet. E: another deputy's, not counted.
    await submit('o-rec-d');
    await submit('o-rec-e', 'D00002');

    const record = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'record', {});
    expect(record).toEqual({
      deputy: { id: 'deputy-lin', name: '林晓红', levelLabel: '市人大代表' },
      period: { from: `${thisYear}-01-01`, to: `${thisYear}-12-31` },
      received: 4,
      accepted: 3,
      routed: { direct: 0, assign: 1, transfer: 0, escalate: 0 },
      answered: 3,
      explained: 0,
      // A in time, B late; C was answered before any clock ran, so it is not in the rate.
      answeredOnTime: 1,
      onTimeRate: 0.5,
      rated: 3,
      satisfied: 2,
      basicallySatisfied: 1,
      unsatisfied: 0,
      satisfactionRate: 1,
      // No reception day was rostered in this test: nothing to count.
      receptionDaysRostered: 0,
      receptionDaysAttended: 0,
      suggestionsSigned: 0,
    });

    expect(await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'record', { year: thisYear })).toEqual(record);
  });

  it('reads reception days from reception_attendance once it exists, skipping what it cannot read', async () => {
    const store = product.stack.store;
    store.ensureCollection('reception_attendance');
    store.insert('reception_attendance', [
      {
        _id: 'att-1',
        stationId: 'station-gulou-home',
        date: `${thisYear}-03-10`,
        deputies: ['deputy-lin', 'deputy-chen'],
        leader: null,
        present: ['deputy-lin', 'deputy-chen'],
      },
      {
        _id: 'att-2',
        stationId: 'station-gulou-home',
        date: `${thisYear}-04-10`,
        deputies: ['deputy-lin', 'deputy-chen'],
        leader: null,
        present: ['deputy-chen'],
      },
      {
        _id: 'att-3',
        stationId: 'station-gulou-home',
        date: `${thisYear}-05-11`,
        deputies: ['deputy-lin'],
        leader: null,
        present: null,
      },
      {
        _id: 'att-4',
        stationId: 'station-gulou-home',
        date: `${thisYear - 1}-12-10`,
        deputies: ['deputy-lin'],
        present: ['deputy-lin'],
      },
      // Unreadable: no station.
      { _id: 'att-5', date: `${thisYear}-06-10`, deputies: ['deputy-lin'], present: ['deputy-lin'] },
    ]);

    const record = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'record', {});
    expect(record).toMatchObject({ receptionDaysRostered: 3, receptionDaysAttended: 1 });
    const lastYear = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'record', { year: thisYear - 1 });
    expect(lastYear).toMatchObject({
      period: { from: `${thisYear - 1}-01-01`, to: `${thisYear - 1}-12-31` },
      received: 0,
      answered: 0,
      onTimeRate: null,
      satisfactionRate: null,
      receptionDaysRostered: 1,
      receptionDaysAttended: 1,
    });
  });

  it('pages through a busy deputy’s cases, more than two pages of them, year by year', async () => {
    const store = product.stack.store;
    store.insert('users', [
      {
        _id: 'o-deputy-chen',
        openid: 'o-deputy-chen',
        name: '陈建国',
        roles: [{ role: 'deputy', deputyId: 'deputy-chen' }],
      },
    ]);
    const at = (year: number) => Date.parse(`${year}-03-02T10:00:00+08:00`);
    const bulk = (i: number, year: number) => ({
      _id: `bulk-${String(i).padStart(4, '0')}`,
      caseNo: `BULK${i}`,
      openid: 'o-bulk',
      clientRequestId: `bulk-request-${i}`,
      channel: 'deputy_entry',
      deputyId: 'deputy-chen',
      stationId: 'station-gulou-home',
      status: 'accepted',
      createdAt: at(year),
      updatedAt: at(year),
      events: [
        { seq: 1, type: 'submitted', at: at(year), actor: { role: 'resident', id: 'o-bulk', name: '群众' } },
        {
          seq: 2,
          type: 'accepted',
          at: at(year),
          actor: { role: 'deputy', id: 'deputy-chen', name: '陈建国' },
        },
      ],
    });
    store.insert('cases', [
      ...Array.from({ length: 1203 }, (_, i) => bulk(i, thisYear)),
      ...Array.from({ length: 7 }, (_, i) => bulk(2000 + i, thisYear - 1)),
    ]);

    const record = await product.ok('o-deputy-chen', 'deputy', 'record', {});
    // Plus the one case of the first test addressed to 陈建国 (D00002).
    expect(record).toMatchObject({ received: 1204, accepted: 1203, answered: 0 });
    expect(await product.ok('o-deputy-chen', 'deputy', 'record', { year: thisYear - 1 })).toMatchObject({
      received: 7,
      accepted: 7,
    });
  });

  it('is for bound deputies only, and for a year that makes sense', async () => {
    expect(await product.call('o-nobody', 'deputy', 'record', {})).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await product.call(DEV_UNIT_OPENID, 'deputy', 'record', {})).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    for (const year of ['2026', 1999, thisYear + 2, 2026.5]) {
      expect(await product.call(DEV_DEPUTY_OPENID, 'deputy', 'record', { year })).toMatchObject({
        ok: false,
        code: 'INPUT.INVALID',
        fields: { year: expect.any(String) },
      });
    }
  });
});
