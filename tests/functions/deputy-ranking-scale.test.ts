import type { RankingRow, RankingsView } from '../../miniprogram/core/api';
import { percent } from '../../miniprogram/core/figures';
import type { Result } from '../../miniprogram/core/result';
import { DEV_OFFICE_OPENID } from '../../stack/seed';
import { startProduct } from '../helpers/project-stack';

/**
 * The deputy ranking (履职考核) over more cases than it once refused to read (100,000 for the
 * quarter and the one before): 110,000 cases of two deputies, written straight into the stack's
 * store as the product stores them (accepted with a 10-working-day clock, some answered within the
 * hour, some 20 days on, some rated), and the office's ranking of the fourth quarter of 2026 against the
 * third. Each deputy's row must hold exactly what counting the generated cases by hand gives.
 */

const CASES = 110_000;
const Q3 = Date.parse('2026-07-01T08:00:00+08:00');
const Q4 = Date.parse('2026-10-01T08:00:00+08:00');
const DAY = 86_400_000;
const A = { _id: 'deputy-scale-a', name: '规模甲', openid: 'o-scale-deputy-a' };
const B = { _id: 'deputy-scale-b', name: '规模乙', openid: null };

interface Shape {
  deputyId: string;
  early: boolean;
  accepted: boolean;
  answered: boolean;
  late: boolean;
  rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;
}

/** What case i is, decided by its number alone. */
function shape(i: number): Shape {
  const accepted = i % 4 !== 0;
  const answered = accepted && i % 3 !== 0;
  return {
    deputyId: i % 2 === 0 ? A._id : B._id,
    early: Math.floor(i / 2) % 10 === 0,
    accepted,
    answered,
    // Answered 20 days on: late (after the October holidays, 10 working days are 14 days).
    late: i % 7 === 0 && i > 20_000,
    rating: !answered
      ? null
      : i % 5 === 0
        ? 'unsatisfied'
        : i % 5 === 1
          ? 'basically_satisfied'
          : i % 5 === 2
            ? null
            : 'satisfied',
  };
}

function stored(i: number, s: Shape, openid = `o-scale-${i % 7000}`) {
  const createdAt = (s.early ? Q3 : Q4) + i * 55_000;
  const deputy = { role: 'deputy', id: s.deputyId, name: '代表' };
  const events: Array<Record<string, unknown>> = [
    {
      seq: 1,
      type: 'submitted',
      at: createdAt,
      actor: { role: 'resident', id: openid },
      from: null,
      to: 'submitted',
    },
  ];
  const acceptedAt = createdAt + 60_000;
  const answeredAt = createdAt + (s.late ? 20 * DAY : 3600_000);
  if (s.accepted)
    events.push({
      type: 'accepted',
      at: acceptedAt,
      actor: deputy,
      from: 'submitted',
      detail: { workingDays: 10 },
    });
  if (s.answered) events.push({ type: 'replied', at: answeredAt, actor: deputy, from: 'accepted' });
  if (s.rating)
    events.push({
      type: 'rated',
      at: answeredAt + 3600_000,
      actor: { role: 'resident', id: openid },
      detail: { rating: s.rating },
    });
  const status = s.rating ? 'closed' : s.answered ? 'answered' : s.accepted ? 'accepted' : 'submitted';
  return {
    _id: `scale-${i}`,
    caseNo: `GL2026S${String(i).padStart(7, '0')}`,
    openid,
    clientRequestId: `scale-${i}`,
    channel: 'deputy_code',
    deputyId: s.deputyId,
    stationId: 'station-gulou-home',
    kind: 'help',
    category: 'road_traffic',
    categoryName: '道路交通',
    description: '小区门口路灯坏了，晚上出行不便。',
    status,
    version: events.length,
    createdAt,
    updatedAt: Number(events[events.length - 1].at),
    events: events.map((e, k) => ({ seq: k + 1, ...e })),
    outbox: [],
    outboxDueAt: null,
    clock: s.accepted ? { startAt: acceptedAt, workingDays: 10, round: 'first' } : null,
    pauses: [],
    rating: s.rating,
    answeredAt: s.answered ? answeredAt : null,
  };
}

let product: Awaited<ReturnType<typeof startProduct>>;

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2027-01-05T09:00:00+08:00' } });
  product.stack.store.insert(
    'deputies',
    [A, B].map((d, k) => ({
      ...d,
      code: `S0000${k + 1}`,
      level: 'county',
      stationId: 'station-gulou-home',
      title: '',
      photoFileID: null,
      active: true,
    })),
  );
  for (let start = 0; start < CASES; start += 5000)
    product.stack.store.insert(
      'cases',
      Array.from({ length: Math.min(5000, CASES - start) }, (_, k) => stored(start + k, shape(start + k))),
    );
  // The deputy's own appeal to themself: never counted.
  product.stack.store.insert('cases', [
    stored(CASES, { ...shape(CASES), deputyId: A._id, early: false }, A.openid),
  ]);
}, 300_000);
afterAll(() => product.close());

/** The row each deputy must get, counted from the shapes. */
function expected(deputyId: string) {
  const blank = () => ({ received: 0, accepted: 0, answered: 0, onTime: 0, rated: 0, content: 0 });
  const now = blank();
  const before = blank();
  for (let i = 0; i < CASES; i++) {
    const s = shape(i);
    if (s.deputyId !== deputyId) continue;
    const f = s.early ? before : now;
    f.received += 1;
    if (s.accepted) f.accepted += 1;
    if (s.answered) f.answered += 1;
    if (s.answered && !s.late) f.onTime += 1;
    if (s.rating) f.rated += 1;
    if (s.rating === 'satisfied' || s.rating === 'basically_satisfied') f.content += 1;
  }
  const cell = (value: number | null, previous: number | null) => ({ value, previous });
  return {
    received: cell(now.received, before.received),
    accepted: cell(now.accepted, before.accepted),
    answered: cell(now.answered, before.answered),
    answeredOnTime: cell(now.onTime, before.onTime),
    satisfactionRate: cell(percent(now.content, now.rated), percent(before.content, before.rated)),
    receptionDaysAttended: cell(0, 0),
  };
}

it('ranks deputies over 110,000 cases with each row what the cases hold', async () => {
  const result = (await product.call(DEV_OFFICE_OPENID, 'office', 'rankings', {
    of: 'deputy',
    from: '2026-10-01',
    to: '2026-12-31',
  })) as Result<RankingsView>;
  if (!result.ok) throw new Error(`office.rankings: ${result.code} ${result.message}`);
  const row = (name: string): RankingRow => {
    const found = result.data.rows.find((r) => r.name === name);
    if (!found) throw new Error(`no row ${name}`);
    return found;
  };
  expect(result.data.previous).toEqual({ from: '2026-07-01', to: '2026-09-30' });
  for (const [deputy, name] of [
    [A._id, A.name],
    [B._id, B.name],
  ]) {
    const want = expected(deputy);
    expect(want.received.value).toBeGreaterThan(40_000);
    expect(want.answeredOnTime.value).toBeLessThan(want.answered.value ?? 0);
    expect(row(name).cells).toMatchObject(want);
  }
  // The two deputies lead the ranking by what they received.
  expect(
    result.data.rows
      .slice(0, 2)
      .map((r) => r.name)
      .sort(),
  ).toEqual([A.name, B.name].sort());
}, 300_000);
