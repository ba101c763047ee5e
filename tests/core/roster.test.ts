import { officialCalendar } from '../../cloudfunctions/_lib/calendar';
import { planReceptionDays } from '../../miniprogram/core/reception-plan';
import type { Failure } from '../../miniprogram/core/result';
import {
  applySwap,
  isUnavailable,
  proposeRosters,
  rosterShortfall,
  validateRoster,
  type CheckedRoster,
  type Member,
  type Roster,
  type Unavailability,
} from '../../miniprogram/core/roster';

/** Duty rosters: a fair rotation over a year of reception days, staff edits and swaps. */

const TUESDAYS_2026 = planReceptionDays(
  { kind: 'nth_weekday', weekday: 2, nth: [1, 3], holidayPolicy: 'postpone' },
  [],
  '2026-01-01',
  '2026-12-31',
  officialCalendar,
).days.map((d) => d.date);

const NAMES = ['林晓红', '陈建国', '王丽萍', '郑志强', '黄美玲', '刘海波', '张秀英'];
const SEVEN: Member[] = NAMES.map((name, i) => ({ id: `deputy-${i + 1}`, name }));

/** 王丽萍 is away for March and April; 刘海波 cannot come on the day after National Day. */
const AWAY: Unavailability[] = [
  { personId: 'deputy-3', from: '2026-03-01', to: '2026-04-30' },
  { personId: 'deputy-6', from: '2026-10-08', to: '2026-10-08' },
];

const counts = (rosters: Roster[]) => {
  const n = new Map<string, number>();
  for (const r of rosters) for (const id of r.deputies) n.set(id, (n.get(id) ?? 0) + 1);
  return n;
};

function failure(result: { ok: boolean }): Failure {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result as Failure;
}

describe('proposeRosters over a year of 1st and 3rd Tuesdays', () => {
  const rosters = proposeRosters(TUESDAYS_2026, SEVEN, [], AWAY);

  it('fills all 24 days with 2 deputies each', () => {
    expect(TUESDAYS_2026).toHaveLength(24);
    expect(rosters.map((r) => r.date)).toEqual(TUESDAYS_2026);
    expect(rosters.every((r) => r.deputies.length === 2 && r.shortBy === 0)).toBe(true);
  });

  it('shares duty evenly: among the deputies always available, counts differ by at most one', () => {
    const n = counts(rosters);
    const always = SEVEN.map((d) => d.id).filter((id) => !AWAY.some((u) => u.personId === id));
    const theirs = always.map((id) => n.get(id) ?? 0);
    expect(Math.max(...theirs) - Math.min(...theirs)).toBeLessThanOrEqual(1);
    // Those who were away serve no more than the others, and still take their turns.
    for (const u of AWAY) {
      expect(n.get(u.personId)).toBeLessThanOrEqual(Math.max(...theirs));
      expect(n.get(u.personId)).toBeGreaterThan(0);
    }
  });

  it('with nobody away, seven deputies over 48 duties serve 6 or 7 times each', () => {
    const n = counts(proposeRosters(TUESDAYS_2026, SEVEN, [], []));
    expect([...n.values()].sort()).toEqual([6, 7, 7, 7, 7, 7, 7]);
  });

  it('never rosters a deputy on a day they declared unavailable', () => {
    for (const r of rosters) for (const id of r.deputies) expect(isUnavailable(id, r.date, AWAY)).toBe(false);
    expect(rosters.filter((r) => r.deputies.includes('deputy-3') && r.date.startsWith('2026-03'))).toEqual(
      [],
    );
  });

  it('puts a deputy who was away first when they are back, having served least recently', () => {
    expect(rosters.find((r) => r.date === '2026-05-06')?.deputies).toContain('deputy-3');
  });

  it('never has anyone serve two reception days running while someone idle is available', () => {
    for (let i = 1; i < rosters.length; i++) {
      const [before, day] = [rosters[i - 1], rosters[i]];
      const again = day.deputies.filter((id) => before.deputies.includes(id));
      if (again.length === 0) continue;
      const idle = SEVEN.map((d) => d.id).filter(
        (id) =>
          !day.deputies.includes(id) && !before.deputies.includes(id) && !isUnavailable(id, day.date, AWAY),
      );
      expect({ day: day.date, again, idle }).toEqual({ day: day.date, again, idle: [] });
    }
  });

  it('proposes the same rosters for the same input, whatever order the deputies come in', () => {
    const reversed = proposeRosters(TUESDAYS_2026, [...SEVEN].reverse(), [], AWAY);
    expect(reversed).toEqual(rosters);
    expect(proposeRosters(TUESDAYS_2026, SEVEN, [], AWAY)).toEqual(rosters);
  });
});

describe('proposeRosters', () => {
  it('continues the rotation from history: who never served, then who served longest ago', () => {
    const history = [
      ...['deputy-3', 'deputy-4', 'deputy-5', 'deputy-6', 'deputy-7'].map((personId, i) => ({
        date: `2025-12-0${i + 1}`,
        personId,
        role: 'deputy' as const,
      })),
      { date: '2025-11-18', personId: 'deputy-1', role: 'deputy' as const },
    ];
    const [first, second] = proposeRosters(['2026-01-06', '2026-01-20'], SEVEN, history, []);
    expect(first.deputies).toEqual(['deputy-2', 'deputy-1']);
    expect(second.deputies).toEqual(['deputy-3', 'deputy-4']);
  });

  it('breaks ties in recency by fewer duties in all', () => {
    const history = [
      { date: '2025-12-02', personId: 'deputy-1', role: 'deputy' as const },
      { date: '2025-12-02', personId: 'deputy-2', role: 'deputy' as const },
      { date: '2025-11-04', personId: 'deputy-1', role: 'deputy' as const },
    ];
    const [day] = proposeRosters(['2026-01-06'], SEVEN.slice(0, 2), history, [], { deputiesPerDay: 1 });
    expect(day.deputies).toEqual(['deputy-2']);
  });

  it('flags a day short of deputies instead of filling it with someone unavailable', () => {
    const [day] = proposeRosters(
      ['2026-01-06'],
      SEVEN.slice(0, 2),
      [],
      [{ personId: 'deputy-1', from: '2026-01-01', to: '2026-01-31' }],
    );
    expect(day).toEqual({
      date: '2026-01-06',
      deputies: ['deputy-2'],
      leader: null,
      shortBy: 1,
      leaderMissing: false,
    });
  });

  it('takes the per-station number of deputies', () => {
    const [day] = proposeRosters(['2026-01-06'], SEVEN, [], [], { deputiesPerDay: 3 });
    expect(day.deputies).toHaveLength(3);
  });

  it('rotates a leader from a separate pool, never one who is on duty as a deputy that day', () => {
    const leaders: Member[] = [
      { id: 'deputy-1', name: '林晓红' },
      { id: 'leader-chen', name: '陈灵敏' },
    ];
    const rosters = proposeRosters(TUESDAYS_2026.slice(0, 4), SEVEN, [], [], { leaders });
    for (const r of rosters) expect(r.deputies).not.toContain(r.leader);
    // 林晓红 is on deputy duty on the 1st and 4th days, so 陈灵敏 leads those.
    expect(rosters.map((r) => r.deputies.includes('deputy-1'))).toEqual([true, false, false, true]);
    expect(rosters.map((r) => r.leader)).toEqual(['leader-chen', 'deputy-1', 'leader-chen', 'leader-chen']);
  });

  it('flags a missing leader when the whole pool is away', () => {
    const [day] = proposeRosters(
      ['2026-01-06'],
      SEVEN,
      [],
      [{ personId: 'leader-chen', from: '2026-01-06', to: '2026-01-06' }],
      {
        leaders: [{ id: 'leader-chen', name: '陈灵敏' }],
      },
    );
    expect(day).toMatchObject({ leader: null, leaderMissing: true, shortBy: 0 });
  });
});

describe('validateRoster', () => {
  const gulou: Member[] = [
    { id: 'deputy-lin', name: '林晓红' },
    { id: 'deputy-chen', name: '陈建国' },
    { id: 'deputy-liu', name: '刘海波' },
  ];
  const leaders: Member[] = [{ id: 'leader-chen', name: '陈灵敏' }];
  const away: Unavailability[] = [{ personId: 'deputy-liu', from: '2026-03-09', to: '2026-03-11' }];
  const check = (roster: unknown, options = {}) =>
    validateRoster('2026-03-10', roster, gulou, away, { leaders, today: '2026-03-01', ...options });

  it('accepts a station roster and reports a missing leader', () => {
    expect(check({ deputies: ['deputy-lin', 'deputy-chen'] })).toEqual({
      ok: true,
      data: {
        date: '2026-03-10',
        deputies: ['deputy-lin', 'deputy-chen'],
        leader: null,
        shortBy: 0,
        leaderMissing: true,
      } satisfies CheckedRoster,
    });
  });

  it('accepts fewer deputies than the station wants, reporting the day as short', () => {
    expect(check({ deputies: ['deputy-lin'], leader: 'leader-chen' })).toMatchObject({
      ok: true,
      data: { shortBy: 1 },
    });
  });

  it.each([
    [
      'a deputy from another station',
      { deputies: ['deputy-lin', 'deputy-wang'] },
      'ROSTER.NOT_STATION_DEPUTY',
      '值班代表必须是本站的代表',
    ],
    [
      'a deputy who declared the day unavailable',
      { deputies: ['deputy-lin', 'deputy-liu'] },
      'ROSTER.UNAVAILABLE',
      '刘海波 已登记 2026-03-10 不能值班',
    ],
    [
      'the same deputy twice',
      { deputies: ['deputy-lin', 'deputy-lin'] },
      'ROSTER.DUPLICATE',
      '林晓红 在当天的值班表中出现了两次',
    ],
    [
      'a deputy who is also the leader',
      { deputies: ['deputy-lin'], leader: 'deputy-lin' },
      'ROSTER.DUPLICATE',
      '林晓红 在当天的值班表中出现了两次',
    ],
    [
      'more deputies than the station wants',
      { deputies: ['deputy-lin', 'deputy-chen', 'deputy-liu'] },
      'ROSTER.SIZE',
      '本站每个接待日安排 2 名代表值班，当前 3 名',
    ],
    ['no deputy', { deputies: [] }, 'ROSTER.SIZE', '请至少安排一名值班代表'],
    [
      'a leader outside the pool',
      { deputies: ['deputy-lin'], leader: 'leader-x' },
      'ROSTER.NOT_LEADER',
      '值班领导不在本站的领导名单中',
    ],
    ['a malformed list', { deputies: 'deputy-lin' }, 'INPUT.INVALID', '值班代表无效'],
  ])('refuses %s', (_, roster, code, message) => {
    expect(failure(check(roster))).toMatchObject({ code, message });
  });

  it('refuses to change a past day', () => {
    expect(failure(check({ deputies: ['deputy-lin'] }, { today: '2026-03-11' })).code).toBe(
      'RECEPTION.DATE_PAST',
    );
  });
});

describe('applySwap', () => {
  const rosters: Roster[] = [
    { date: '2026-01-06', deputies: ['deputy-1', 'deputy-2'], leader: null },
    { date: '2026-01-20', deputies: ['deputy-3', 'deputy-4'], leader: null },
  ];
  const options = { today: '2026-01-01' };
  const swap = (raw: unknown, away: Unavailability[] = [], opts = options) =>
    applySwap(rosters, raw, SEVEN, away, opts);

  it('swaps two deputies’ days', () => {
    const result = swap({
      date: '2026-01-06',
      deputyId: 'deputy-1',
      withDeputyId: 'deputy-3',
      withDate: '2026-01-20',
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.rosters).toEqual([
      { date: '2026-01-06', deputies: ['deputy-3', 'deputy-2'], leader: null },
      { date: '2026-01-20', deputies: ['deputy-1', 'deputy-4'], leader: null },
    ]);
    expect(result.data.changed.map((r) => r.date)).toEqual(['2026-01-06', '2026-01-20']);
  });

  it('hands a duty to a deputy who is free that day', () => {
    const result = swap({ date: '2026-01-06', deputyId: 'deputy-2', withDeputyId: 'deputy-7' });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.rosters[0].deputies).toEqual(['deputy-1', 'deputy-7']);
    expect(result.data.rosters[1]).toBe(rosters[1]);
  });

  it.each([
    [
      'a deputy not on duty that day',
      { date: '2026-01-20', deputyId: 'deputy-1', withDeputyId: 'deputy-7' },
      'ROSTER.NOT_ON_DUTY',
    ],
    [
      'the other deputy not on duty on theirs',
      { date: '2026-01-06', deputyId: 'deputy-1', withDeputyId: 'deputy-7', withDate: '2026-01-20' },
      'ROSTER.NOT_ON_DUTY',
    ],
    [
      'a replacement already on duty that day',
      { date: '2026-01-06', deputyId: 'deputy-1', withDeputyId: 'deputy-2' },
      'ROSTER.DUPLICATE',
    ],
    [
      'a replacement from another station',
      { date: '2026-01-06', deputyId: 'deputy-1', withDeputyId: 'deputy-wang' },
      'ROSTER.NOT_STATION_DEPUTY',
    ],
    [
      'swapping with oneself',
      { date: '2026-01-06', deputyId: 'deputy-1', withDeputyId: 'deputy-1' },
      'INPUT.INVALID',
    ],
  ])('refuses %s', (_, raw, code) => {
    expect(failure(swap(raw)).code).toBe(code);
  });

  it('refuses a swap that puts a deputy on a day they declared unavailable', () => {
    const away = [{ personId: 'deputy-1', from: '2026-01-19', to: '2026-01-21' }];
    const result = swap(
      { date: '2026-01-06', deputyId: 'deputy-1', withDeputyId: 'deputy-3', withDate: '2026-01-20' },
      away,
    );
    expect(failure(result)).toMatchObject({
      code: 'ROSTER.UNAVAILABLE',
      message: '林晓红 已登记 2026-01-20 不能值班',
    });
  });

  it('refuses to swap away a duty that has already been served', () => {
    const result = swap(
      { date: '2026-01-06', deputyId: 'deputy-1', withDeputyId: 'deputy-3', withDate: '2026-01-20' },
      [],
      {
        today: '2026-01-07',
      },
    );
    expect(failure(result).code).toBe('RECEPTION.DATE_PAST');
  });
});

describe('rosterShortfall', () => {
  const leaders = [{ id: 'leader-1', name: '赵书记' }];
  const check = (deputies: string[], leader: string | null = null) => {
    const result = validateRoster('2026-12-10', { deputies, leader }, SEVEN, [], {
      deputiesPerDay: 2,
      leaders,
    });
    if (!result.ok) throw new Error(result.message);
    return rosterShortfall(result.data);
  };

  it('says what a short day lacks, in the words staff read', () => {
    expect(check(['deputy-1'])).toEqual(['还差 1 名值班代表（本站每天 2 名）', '未安排分管领导']);
    expect(check(['deputy-1'], 'leader-1')).toEqual(['还差 1 名值班代表（本站每天 2 名）']);
  });

  it('is empty for a full roster', () => {
    expect(check(['deputy-1', 'deputy-2'], 'leader-1')).toEqual([]);
  });
});
