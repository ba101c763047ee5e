import type { DeputyRecordDetailView, RecordCaseList } from '../../miniprogram/core/api';
import type { Result } from '../../miniprogram/core/result';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { caseworkFlow, WANG_OPENID, XU_OPENID } from '../helpers/casework-flow';
import { startProduct } from '../helpers/project-stack';

/**
 * 履职档案 for the office (`office.deputyRecord`) and station staff (`station.deputyRecord`), on the
 * stack, from what people did through the product: 林晓红's cases handled and rated, her reception
 * days rostered and attended by the station's staff. Every number comes with the cases or days
 * behind it, and the lists add up to the numbers.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
const LIN = { code: 'D00001', openid: DEV_DEPUTY_OPENID };
const STREET = { id: 'dept-dongjie-street', openid: DEV_UNIT_OPENID };
const made: Record<string, string> = {};

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-06-01T09:00:00+08:00' } });
  const flow = caseworkFlow(product);
  // Two reception days at 鼓楼: on 10 June she came, on 10 July she did not.
  for (const date of ['2026-06-10', '2026-07-10'])
    await product.ok(DEV_STAFF_OPENID, 'station', 'saveRoster', {
      date,
      deputyIds: ['deputy-lin', 'deputy-chen'],
      publish: true,
    });

  product.setNow('2026-06-10T09:00:00+08:00');
  await product.ok(DEV_STAFF_OPENID, 'station', 'recordAttendance', {
    date: '2026-06-10',
    presentDeputyIds: ['deputy-lin', 'deputy-chen'],
  });
  made.satisfied = (
    await flow.handled({ resident: 'o-dre-1', deputy: LIN, unit: STREET, rating: 'satisfied' })
  ).caseNo;
  made.basically = (
    await flow.handled({ resident: 'o-dre-2', deputy: LIN, rating: 'basically_satisfied' })
  ).caseNo;
  made.unsatisfied = (await flow.handled({ resident: 'o-dre-3', deputy: LIN, rating: 'unsatisfied' })).caseNo;
  made.open = (await flow.handled({ resident: 'o-dre-4', deputy: LIN, answer: false })).caseNo;
  made.untouched = (await flow.submit('o-dre-5', 'D00001')).caseNo;
  // Another deputy's case: never in her record.
  await flow.handled({
    resident: 'o-dre-6',
    deputy: { code: 'D00003', openid: WANG_OPENID },
    rating: 'satisfied',
  });

  product.setNow('2026-07-10T15:00:00+08:00');
  await product.ok(DEV_STAFF_OPENID, 'station', 'recordAttendance', {
    date: '2026-07-10',
    presentDeputyIds: ['deputy-chen'],
  });
  product.setNow('2026-07-20T10:00:00+08:00');
}, 120_000);
afterAll(() => product.close());

const ask = (openid: string, fn: 'office' | 'station', input: Record<string, unknown>) =>
  product.call(openid, fn, 'deputyRecord', input) as Promise<Result<DeputyRecordDetailView>>;

async function record(openid: string, fn: 'office' | 'station', input: Record<string, unknown>) {
  const result = await ask(openid, fn, input);
  if (!result.ok) throw new Error(`${fn}.deputyRecord: ${result.code} ${result.message}`);
  return result.data;
}

const numbers = (list: RecordCaseList) => list.cases.map((c) => c.caseNo).sort();

describe('a deputy’s record with the events behind each number', () => {
  it('names the cases behind every count, and the lists add up to the figures', async () => {
    const view = await record(DEV_OFFICE_OPENID, 'office', { deputyId: 'deputy-lin' });
    expect(view).toMatchObject({
      deputy: { id: 'deputy-lin', name: '林晓红' },
      stationName: '鼓楼区人大代表之家',
      period: { from: '2026-01-01', to: '2026-12-31' },
      received: 5,
      accepted: 4,
      answered: 3,
      answeredOnTime: 3,
      rated: 3,
      satisfied: 1,
      basicallySatisfied: 1,
      unsatisfied: 1,
      receptionDaysRostered: 2,
      receptionDaysAttended: 1,
    });
    const { events } = view;
    expect(numbers(events.received)).toEqual(
      [made.satisfied, made.basically, made.unsatisfied, made.open, made.untouched].sort(),
    );
    expect(numbers(events.accepted)).toEqual(
      [made.satisfied, made.basically, made.unsatisfied, made.open].sort(),
    );
    expect(numbers(events.routed.assign)).toEqual([made.satisfied]);
    expect(numbers(events.answered)).toEqual([made.satisfied, made.basically, made.unsatisfied].sort());
    expect(numbers(events.satisfied)).toEqual([made.satisfied]);
    expect(numbers(events.basicallySatisfied)).toEqual([made.basically]);
    expect(numbers(events.unsatisfied)).toEqual([made.unsatisfied]);
    expect(events.answeredLate).toMatchObject({ total: 0, cases: [] });
    for (const name of [
      'received',
      'accepted',
      'answered',
      'answeredOnTime',
      'satisfied',
      'unsatisfied',
    ] as const)
      expect(events[name].total).toBe(view[name]);
    expect(events.receptionDaysRostered.days).toEqual([
      { date: '2026-06-10', stationId: 'station-gulou-home', stationName: '鼓楼区人大代表之家' },
      { date: '2026-07-10', stationId: 'station-gulou-home', stationName: '鼓楼区人大代表之家' },
    ]);
    expect(events.receptionDaysAttended).toEqual({
      total: 1,
      days: [{ date: '2026-06-10', stationId: 'station-gulou-home', stationName: '鼓楼区人大代表之家' }],
    });
  });

  it('is the same record the deputy reads of themself', async () => {
    const own = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'record', {});
    const {
      events: _events,
      stationName: _station,
      ...figures
    } = await record(DEV_OFFICE_OPENID, 'office', {
      deputyId: 'deputy-lin',
    });
    expect(figures).toEqual(own);
  });

  it('takes a period', async () => {
    const july = await record(DEV_OFFICE_OPENID, 'office', {
      deputyId: 'deputy-lin',
      from: '2026-07-01',
      to: '2026-07-31',
    });
    expect(july).toMatchObject({
      received: 0,
      answered: 0,
      receptionDaysRostered: 1,
      receptionDaysAttended: 0,
    });
    expect(
      await ask(DEV_OFFICE_OPENID, 'office', {
        deputyId: 'deputy-lin',
        from: '2026-07-31',
        to: '2026-07-01',
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { to: expect.any(String) } });
    expect(await ask(DEV_OFFICE_OPENID, 'office', {})).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { deputyId: expect.any(String) },
    });
    expect(await ask(DEV_OFFICE_OPENID, 'office', { deputyId: 'deputy-nobody' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('gives station staff their station’s deputies, and nobody else’s', async () => {
    const lin = await record(DEV_STAFF_OPENID, 'station', { deputyId: 'deputy-lin' });
    expect(lin.received).toBe(5);
    // 王丽萍 is 东街's: to 鼓楼's staff she is not there; to 东街's staff she is.
    expect(await ask(DEV_STAFF_OPENID, 'station', { deputyId: 'deputy-wang' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect((await record(XU_OPENID, 'station', { deputyId: 'deputy-wang' })).received).toBe(1);
  });
});
