import type { DirectoryEntry, StationOverviewView } from '../../miniprogram/core/api';
import type { Result } from '../../miniprogram/core/result';
import type { ReceptionDayDoc, StationDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct } from '../helpers/project-stack';
import { addDays } from '../../miniprogram/core/china-time';

/**
 * A station's 分管领导 on the real stack: the office names them in the directory, staff put one on a
 * reception day's roster, and the duty reminder the evening before includes them. The seeded
 * 代表之家 (station-gulou-home) receives on the 10th; the clock stands on Monday 20 April 2026, so its
 * next reception day is Monday 11 May (the 10th is a Sunday).
 */

const STATION = 'station-gulou-home';
const STAFF = DEV_STAFF_OPENID;
const today = '2026-04-20';
const DAY = '2026-05-11';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct({ clock: { now: `${today}T10:00:00+08:00` } });
});
afterAll(() => product.close());

const entry = async () =>
  (await product.ok(DEV_OFFICE_OPENID, 'office', 'entry', {
    kind: 'station',
    id: STATION,
  })) as DirectoryEntry;

/** The station as stored in the directory, with other fields as they are and the given leaders. */
async function saveLeaders(leaders: unknown) {
  const current = await entry();
  if (current.kind !== 'station') throw new Error('not a station');
  const { name, level, address, location, openingHours, receptionRule, deputiesPerDay } = current;
  return product.call(DEV_OFFICE_OPENID, 'office', 'save', {
    kind: 'station',
    id: STATION,
    fields: { name, level, address, location, openingHours, receptionRule, deputiesPerDay, leaders },
  } as never);
}

const runTimer = async (action: string, now: number) => {
  const { result } = (await product.admin.callFunction({ name: 'timers', data: { action, now } })) as {
    result: Result<Record<string, number>>;
  };
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
};

describe("the office names a station's leaders", () => {
  it('refuses a leader without a name, the same name twice, too many, and a bad phone, saying which', async () => {
    const refused = async (leaders: unknown, message: string) =>
      expect(await saveLeaders(leaders)).toMatchObject({
        ok: false,
        code: 'INPUT.INVALID',
        fields: { leaders: expect.stringContaining(message) },
      });
    await refused([{ name: '', title: '街道党工委副书记' }], '第 1 位分管领导：请填写分管领导姓名');
    await refused(
      [
        { name: '赵书记', title: '' },
        { name: '赵书记', title: '副主任' },
      ],
      '第 2 位分管领导：分管领导赵书记填写了两次',
    );
    await refused(
      Array.from({ length: 7 }, (_, i) => ({ name: `领导${i}`, title: '' })),
      '分管领导最多 6 位',
    );
    await refused([{ name: '赵书记', title: '', phone: '12345' }], '电话号码格式不正确');
    await refused('赵书记', '分管领导');
    expect(await entry()).toMatchObject({ kind: 'station', leaders: [] });
  });

  it('keeps them with an id that survives a rename, masks their phones in the list, and leaves them when a save omits them', async () => {
    const first = await saveLeaders([{ name: '赵书记', title: '街道党工委副书记', phone: '139 0591 2345' }]);
    expect(first).toMatchObject({
      ok: true,
      data: { leaders: [{ name: '赵书记', title: '街道党工委副书记', phone: '13905912345' }] },
    });
    const saved = (await entry()) as DirectoryEntry & { leaders: Array<{ id: string }> };
    const id = saved.leaders[0]!.id;
    expect(id).toMatch(/^leader-/);

    // Renamed (the form sends the id back) and a second leader added: the first keeps its id.
    const renamed = await saveLeaders([
      { id, name: '赵文书记', title: '街道党工委副书记', phone: '13905912345' },
      { name: '钱主任', title: '街道人大工委主任', phone: null },
    ]);
    expect(renamed).toMatchObject({
      ok: true,
      data: {
        leaders: [
          { id, name: '赵文书记' },
          { name: '钱主任', phone: null },
        ],
      },
    });

    const list = await product.ok(DEV_OFFICE_OPENID, 'office', 'directory', { kind: 'station' });
    const item = list.items.find((i) => i.id === STATION)!;
    expect(item.leaders).toEqual(['赵文书记 街道党工委副书记 139****2345', '钱主任 街道人大工委主任']);
    expect(JSON.stringify(list)).not.toContain('13905912345');

    // A save without the field (as the spreadsheet import writes a station) leaves them as they are.
    const current = await entry();
    if (current.kind !== 'station') throw new Error('not a station');
    const { name, level, address, location, openingHours, receptionRule, deputiesPerDay } = current;
    await product.ok(DEV_OFFICE_OPENID, 'office', 'save', {
      kind: 'station',
      id: STATION,
      fields: { name, level, address, location, openingHours, receptionRule, deputiesPerDay },
    });
    const stored = product.stack.store.getById('stations', STATION) as unknown as StationDoc;
    expect(stored.leaders?.map((l) => l.name)).toEqual(['赵文书记', '钱主任']);
  });
});

describe('the leader on duty', () => {
  it('is offered to staff, saved on the roster, and reminded the evening before like the deputies', async () => {
    const overview = (await product.ok(STAFF, 'station', 'overview', {
      month: '2026-05',
    })) as StationOverviewView;
    const leaders = overview.station?.leaders ?? [];
    expect(leaders.map((l) => l.name)).toEqual(['赵文书记', '钱主任']);
    const zhao = leaders[0]!;

    // A leader outside the station's list is refused.
    expect(
      await product.call(STAFF, 'station', 'saveRoster', {
        date: DAY,
        deputyIds: ['deputy-lin', 'deputy-chen'],
        leaderId: 'leader-nobody',
        publish: true,
      }),
    ).toMatchObject({ ok: false, code: 'ROSTER.NOT_LEADER' });

    const day = await product.ok(STAFF, 'station', 'saveRoster', {
      date: DAY,
      deputyIds: ['deputy-lin', 'deputy-chen'],
      leaderId: zhao.id,
      publish: true,
    });
    expect(day.roster).toMatchObject({ leader: { id: zhao.id, name: '赵文书记' }, leaderMissing: false });

    // The evening before: the leader has no WeChat account yet, so the station's staff are reminded
    // in their place, with the leader's name; the deputies' reminders go out as before.
    const evening = Date.parse(`${addDays(DAY, -1)}T18:00:00+08:00`);
    await runTimer('reception', evening);
    const doc = product.stack.store.getById(
      'reception_days',
      `${STATION}_${DAY}`,
    ) as unknown as ReceptionDayDoc;
    expect(doc.outbox.find((j) => j.id.endsWith(`:duty-${zhao.id}`))).toBeUndefined();
    const viaStaff = doc.outbox.find((j) => j.id.endsWith(`:duty-${zhao.id}-via-staff-zhou`));
    expect(viaStaff).toMatchObject({ to: STAFF, page: 'pages/station/overview/index' });
    expect(JSON.stringify(viaStaff?.data)).toContain('请提醒赵文书记明天到站值班');
    expect(doc.outbox.filter((j) => j.id.includes(':duty-deputy-'))).toHaveLength(2);
    // Run again: nothing is queued twice.
    await runTimer('reception', evening + 60_000);
    const again = product.stack.store.getById(
      'reception_days',
      `${STATION}_${DAY}`,
    ) as unknown as ReceptionDayDoc;
    expect(again.outbox).toHaveLength(3);
  });
});

describe('a leader who binds their WeChat account', () => {
  const LEADER_OPENID = 'o-leader-zhao';
  const NEXT = '2026-06-10';

  it('binds with a code from the office, sees their duties in 我的值班, and is reminded themselves', async () => {
    const zhao = ((await entry()) as DirectoryEntry & { leaders: Array<{ id: string; name: string }> })
      .leaders[0]!;
    // Before binding, 我的值班 is for deputies only.
    expect(await product.call(LEADER_OPENID, 'deputy', 'duties', {})).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'createBindCode', {
        role: 'leader',
        targetId: 'leader-x',
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { targetId: '没有找到这位分管领导' } });
    const code = (await product.ok(DEV_OFFICE_OPENID, 'office', 'createBindCode', {
      role: 'leader',
      targetId: zhao.id,
    })) as { code: string; targetName: string };
    expect(code.targetName).toBe('赵文书记');

    const me = await product.ok(LEADER_OPENID, 'resident', 'bind', { code: code.code });
    expect(me.roles).toEqual([
      { role: 'leader', stationId: STATION, leaderId: zhao.id, name: expect.any(String) },
    ]);
    const stored = product.stack.store.getById('stations', STATION) as unknown as StationDoc;
    expect(stored.leaders?.find((l) => l.id === zhao.id)?.openid).toBe(LEADER_OPENID);
    // A leader binds to be on duty, not to handle cases or run the desk.
    expect(await product.call(LEADER_OPENID, 'station', 'today', {})).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });

    await product.ok(STAFF, 'station', 'saveRoster', {
      date: NEXT,
      deputyIds: ['deputy-lin', 'deputy-liu'],
      leaderId: zhao.id,
      publish: true,
    });
    const duties = await product.ok(LEADER_OPENID, 'deputy', 'duties', {});
    expect(duties).toMatchObject({ role: 'leader', colleagues: [], stationDays: [] });
    expect(duties.duties.map((d) => [d.date, d.colleagues.map((c) => c.name).sort()])).toEqual([
      [DAY, ['林晓红', '陈建国'].sort()],
      [NEXT, ['林晓红', '刘海波'].sort()],
    ]);

    // Read only: confirming or swapping is a deputy's.
    expect(
      await product.call(LEADER_OPENID, 'deputy', 'confirmDuty', { dayId: duties.duties[0]!.dayId }),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });

    await runTimer('reception', Date.parse(`${addDays(NEXT, -1)}T18:00:00+08:00`));
    const doc = product.stack.store.getById(
      'reception_days',
      `${STATION}_${NEXT}`,
    ) as unknown as ReceptionDayDoc;
    expect(doc.outbox.find((j) => j.id.endsWith(`:duty-${zhao.id}`))).toMatchObject({
      to: LEADER_OPENID,
      page: 'pages/deputy/duties/index',
    });
    expect(doc.outbox.some((j) => j.id.includes('-via-'))).toBe(false);
  });
});
