import { startOfChinaDay } from '../../miniprogram/core/china-time';
import { casesInPeriod } from '../../cloudfunctions/_lib/sheets';
import { startBareStack } from '../helpers/local-stack';

/**
 * The ledger reads a period a window of time at a time. Whatever the cases' spread — a quiet month,
 * a busy day, an import that stamped thousands in one millisecond — every case of the period comes
 * out exactly once, oldest first, and none from outside it.
 */

let ctx: Awaited<ReturnType<typeof startBareStack>>;
beforeAll(async () => {
  ctx = await startBareStack();
  ctx.stack.store.createCollection('cases');
  ctx.stack.store.ensureIndex('cases', { name: 'createdAt', keys: [['createdAt', 1]] });
});
afterAll(() => ctx.close());

const day = (date: string, hour = 0) => startOfChinaDay(date) + hour * 3600_000;

it('yields every case of the period once, in order, through quiet days, busy days and one crowded instant', async () => {
  const docs: Array<{ _id: string; createdAt: number; stationId: string }> = [];
  const add = (id: string, createdAt: number) => docs.push({ _id: id, createdAt, stationId: 's1' });
  // Before and after the period: left out.
  add('before', day('2026-02-28', 23));
  add('after', day('2026-04-01'));
  // A quiet stretch: one a day.
  for (let d = 1; d <= 20; d++) add(`quiet-${d}`, day(`2026-03-${String(d).padStart(2, '0')}`, 9));
  // A busy day: 1,800 over its hours.
  for (let i = 0; i < 1800; i++) add(`busy-${String(i).padStart(4, '0')}`, day('2026-03-21', 8) + i * 10_000);
  // An import: 2,300 stamped in the same millisecond.
  for (let i = 0; i < 2300; i++) add(`import-${String(i).padStart(4, '0')}`, day('2026-03-25', 15));
  add('last', day('2026-03-31', 23) + 3599_999);
  for (let i = 0; i < docs.length; i += 1000) ctx.stack.store.insert('cases', docs.slice(i, i + 1000));

  const seen: Array<{ _id: string; createdAt: number }> = [];
  for await (const page of casesInPeriod(
    ctx.app.database(),
    { stationId: 's1' },
    { from: '2026-03-01', to: '2026-03-31' },
  )) {
    expect(page.length).toBeLessThanOrEqual(1000);
    seen.push(...page);
  }
  const expected = docs.filter((d) => d._id !== 'before' && d._id !== 'after');
  expect(seen).toHaveLength(expected.length);
  expect(new Set(seen.map((d) => d._id)).size).toBe(expected.length);
  expect(seen.map((d) => d.createdAt)).toEqual([...seen.map((d) => d.createdAt)].sort((a, b) => a - b));
  expect(seen[seen.length - 1]._id).toBe('last');
}, 60_000);
