import type { AttendanceDoc, ReceptionDayDoc } from '../../cloudfunctions/_lib/platform';
import type { StationDayView, StationTodayView } from '../../miniprogram/core/api';
import { DEV_DEPUTY_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct } from '../helpers/project-stack';

/**
 * Attendance taken on 本月概览 (`recordAttendance`) beside sign-in on 今天 (`signIn`), on the real
 * stack: only what staff change on the form is written, deputy by deputy, so a deputy signed in at
 * the desk while the form was open is never lost. The seeded 代表之家 (station-gulou-home, deputies
 * 林晓红, 陈建国, 刘志强) receives on Monday 11 May 2026.
 */

const STATION = 'station-gulou-home';
const DAY = '2026-05-11';
const STAFF = DEV_STAFF_OPENID;
const SECOND_STAFF = 'o-staff-second';

let product: Awaited<ReturnType<typeof startProduct>>;

const dayDoc = () =>
  product.stack.store.getById('reception_days', `${STATION}_${DAY}`) as unknown as ReceptionDayDoc;
const attendanceDoc = () =>
  product.stack.store.getById('reception_attendance', `${STATION}_${DAY}`) as unknown as AttendanceDoc;
const sorted = (ids: readonly string[] | null | undefined) => [...(ids ?? [])].sort();

const signIn = (personId: string) => product.ok(STAFF, 'station', 'signIn', { personId });
const record = (input: Record<string, unknown>) =>
  product.call(SECOND_STAFF, 'station', 'recordAttendance', { date: DAY, ...input });

beforeAll(async () => {
  product = await startProduct({ clock: { now: `${DAY}T09:00:00+08:00`, frozen: true } });
  const db = product.admin.database();
  await db.collection('users').add({
    _id: SECOND_STAFF,
    openid: SECOND_STAFF,
    name: '李芳',
    roles: [{ role: 'staff', stationId: STATION, staffId: 'staff-zhou' }],
  });
  await product.ok(STAFF, 'station', 'saveRoster', {
    date: DAY,
    deputyIds: ['deputy-lin', 'deputy-chen'],
    publish: true,
  });
});
afterAll(() => product.close());

describe('出席 taken on 本月概览 beside 签到 on 今天', () => {
  it('keeps a deputy signed in on 今天 after the form opened, when the form is saved', async () => {
    await signIn('deputy-lin');
    // 本月概览 opens its form now: 林晓红 shown present. Then 刘志强 signs in at the desk.
    await signIn('deputy-liu');
    // The form is saved with 陈建国 ticked too.
    const day = await product.ok(SECOND_STAFF, 'station', 'recordAttendance', {
      date: DAY,
      presentDeputyIds: ['deputy-lin', 'deputy-chen'],
      previousDeputyIds: ['deputy-lin'],
    });

    expect(sorted((day as StationDayView).present?.map((p) => p.id))).toEqual([
      'deputy-chen',
      'deputy-lin',
      'deputy-liu',
    ]);
    expect(sorted(dayDoc().present)).toEqual(['deputy-chen', 'deputy-lin', 'deputy-liu']);
    expect(sorted(attendanceDoc().present)).toEqual(['deputy-chen', 'deputy-lin', 'deputy-liu']);
    expect(dayDoc().attendanceBy).toEqual({ openid: SECOND_STAFF, name: '李芳' });
    // 今天 still shows 刘志强's sign-in with its time.
    const today = (await product.ok(STAFF, 'station', 'today', {})) as StationTodayView;
    expect(today.onDuty.find((p) => p.id === 'deputy-liu')?.signedInAt).toBe('09:00');
  });

  it('loses nobody when sign-ins and attendance are sent at the same moment', async () => {
    // Start again from nobody present.
    await record({ presentDeputyIds: [] });
    expect(dayDoc().present).toEqual([]);

    const answers = await Promise.all([
      record({ presentDeputyIds: ['deputy-chen'], previousDeputyIds: [] }),
      product.call(STAFF, 'station', 'signIn', { personId: 'deputy-lin' }),
      product.call(STAFF, 'station', 'signIn', { personId: 'deputy-liu' }),
    ]);
    expect(answers.map((a) => a.ok)).toEqual([true, true, true]);
    expect(sorted(dayDoc().present)).toEqual(['deputy-chen', 'deputy-lin', 'deputy-liu']);
    expect(sorted(attendanceDoc().present)).toEqual(['deputy-chen', 'deputy-lin', 'deputy-liu']);
  });

  it('takes a deputy unticked off the day, the record and 今天, and a retry changes nothing', async () => {
    const untick = {
      presentDeputyIds: ['deputy-chen', 'deputy-lin'],
      previousDeputyIds: ['deputy-chen', 'deputy-lin', 'deputy-liu'],
    };
    for (let i = 0; i < 2; i++) expect(await record(untick)).toMatchObject({ ok: true });

    expect(sorted(dayDoc().present)).toEqual(['deputy-chen', 'deputy-lin']);
    expect(sorted(attendanceDoc().present)).toEqual(['deputy-chen', 'deputy-lin']);
    expect(dayDoc().signIns?.['deputy-liu']).toBeUndefined();
    expect(dayDoc().signIns?.['deputy-lin']).toBeDefined();
    const today = (await product.ok(STAFF, 'station', 'today', {})) as StationTodayView;
    expect(today.onDuty.map((p) => p.id)).toEqual(['deputy-lin', 'deputy-chen']);

    const linRecord = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'record', { year: 2026 });
    expect(linRecord).toMatchObject({ receptionDaysRostered: 1, receptionDaysAttended: 1 });
  });

  it('from a phone that sends the list alone, the list replaces the day’s, deputy by deputy', async () => {
    product.setNow('2026-05-12T10:00:00+08:00', { frozen: true });
    expect(await record({ presentDeputyIds: ['deputy-liu'] })).toMatchObject({ ok: true });
    expect(sorted(dayDoc().present)).toEqual(['deputy-liu']);
    expect(sorted(attendanceDoc().present)).toEqual(['deputy-liu']);
    expect(dayDoc().signIns?.['deputy-lin']).toBeUndefined();
  });

  it('refuses a list it cannot read, saying what to do, and writes nothing', async () => {
    const before = dayDoc().version;
    expect(await record({ presentDeputyIds: ['deputy-lin'], previousDeputyIds: 'deputy-lin' })).toMatchObject(
      {
        ok: false,
        code: 'INPUT.INVALID',
        fields: { previousDeputyIds: '原来的出席代表无效，请刷新后再登记' },
      },
    );
    expect(await record({ presentDeputyIds: ['deputy-lin', 'deputy-lin'] })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await record({ presentDeputyIds: ['deputy-wang'], previousDeputyIds: [] })).toMatchObject({
      ok: false,
      code: 'ROSTER.NOT_STATION_DEPUTY',
    });
    expect(dayDoc().version).toBe(before);
    expect(sorted(dayDoc().present)).toEqual(['deputy-liu']);
  });
});
