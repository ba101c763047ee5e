import type { AttendanceDoc, ReceptionDayDoc } from '../../cloudfunctions/_lib/platform';
import type { StationTodayView } from '../../miniprogram/core/api';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct } from '../helpers/project-stack';

/**
 * 签到 on 今天, on the real stack. The seeded 代表之家 (station-gulou-home) receives on the 10th,
 * postponed past holidays: Monday 11 May 2026 (the 10th a Sunday) is its reception day. Two staff
 * members work its desk; the station has a 分管领导.
 */

const STATION = 'station-gulou-home';
const DAY = '2026-05-11';
const STAFF = DEV_STAFF_OPENID;
const SECOND_STAFF = 'o-staff-second';
const OTHER_STATION_STAFF = 'o-staff-dongjie';
const LEADER = { id: 'leader-li', name: '李卫东', title: '街道党工委副书记', phone: '13905911234' };

let product: Awaited<ReturnType<typeof startProduct>>;

const signIn = (openid: string, personId: string, more: Record<string, unknown> = {}) =>
  product.call(openid, 'station', 'signIn', { personId, ...more });
const dayDoc = () =>
  product.stack.store.getById('reception_days', `${STATION}_${DAY}`) as unknown as ReceptionDayDoc;
const attendanceDoc = () =>
  product.stack.store.getById('reception_attendance', `${STATION}_${DAY}`) as unknown as AttendanceDoc;

beforeAll(async () => {
  product = await startProduct({ clock: { now: `${DAY}T09:00:00+08:00`, frozen: true } });
  const db = product.admin.database();
  await db
    .collection('stations')
    .doc(STATION)
    .update({ leaders: db.command.set([{ ...LEADER, openid: null, unavailability: null }]) });
  await db.collection('deputies').doc('deputy-lin').update({ phone: '13805910001' });
  await db.collection('users').add({
    _id: SECOND_STAFF,
    openid: SECOND_STAFF,
    name: '李芳',
    roles: [{ role: 'staff', stationId: STATION, staffId: 'staff-zhou' }],
  });
  await db.collection('users').add({
    _id: OTHER_STATION_STAFF,
    openid: OTHER_STATION_STAFF,
    name: '许文',
    roles: [{ role: 'staff', stationId: 'station-dongjie', staffId: 'staff-xu' }],
  });
  await product.ok(STAFF, 'station', 'saveRoster', {
    date: DAY,
    deputyIds: ['deputy-lin', 'deputy-chen'],
    leaderId: LEADER.id,
    publish: true,
  });
});
afterAll(() => product.close());

describe('签到 on the reception day', () => {
  it('records everyone two staff sign in at the same moment, deputies and the leader, with the time', async () => {
    const answers = await Promise.all([
      signIn(STAFF, 'deputy-lin'),
      signIn(SECOND_STAFF, 'deputy-chen'),
      signIn(STAFF, 'deputy-liu'),
      signIn(SECOND_STAFF, LEADER.id),
    ]);
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, true]);

    const view = (await product.ok(STAFF, 'station', 'today', {})) as StationTodayView;
    expect(view.onDuty).toEqual([
      {
        id: 'deputy-lin',
        name: '林晓红',
        role: 'deputy',
        title: '',
        phone: '13805910001',
        signedInAt: '09:00',
      },
      { id: 'deputy-chen', name: '陈建国', role: 'deputy', title: '', phone: null, signedInAt: '09:00' },
      { ...LEADER, role: 'leader', signedInAt: '09:00' },
      // Not on the roster, came to help: listed after those on duty.
      expect.objectContaining({ id: 'deputy-liu', role: 'deputy', signedInAt: '09:00' }),
    ]);
    expect(view.day?.present?.map((p) => p.id).sort()).toEqual(['deputy-chen', 'deputy-lin', 'deputy-liu']);
    expect([...(attendanceDoc().present ?? [])].sort()).toEqual(['deputy-chen', 'deputy-lin', 'deputy-liu']);
    expect(dayDoc().signIns?.['deputy-chen']?.by).toEqual({ openid: SECOND_STAFF, name: '李芳' });
  });

  it('keeps the first time when a sign-in is sent again, and counts the day once in the deputy’s record', async () => {
    product.setNow(`${DAY}T09:30:00+08:00`, { frozen: true });
    const again = (await product.ok(STAFF, 'station', 'signIn', {
      personId: 'deputy-lin',
    })) as StationTodayView;
    expect(again.onDuty.find((p) => p.id === 'deputy-lin')?.signedInAt).toBe('09:00');
    expect(dayDoc().present?.filter((id) => id === 'deputy-lin')).toHaveLength(1);
    expect(attendanceDoc().present?.filter((id) => id === 'deputy-lin')).toHaveLength(1);

    const record = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'record', { year: 2026 });
    expect(record).toMatchObject({ receptionDaysRostered: 1, receptionDaysAttended: 1 });
  });

  it('takes back a sign-in made by mistake, once however often asked, and lets the person sign in again', async () => {
    const cancel = () => product.ok(STAFF, 'station', 'cancelSignIn', { personId: 'deputy-liu' });
    const first = (await cancel()) as StationTodayView;
    expect(first.onDuty.map((p) => p.id)).toEqual(['deputy-lin', 'deputy-chen', LEADER.id]);
    expect(first.day?.present?.map((p) => p.id).sort()).toEqual(['deputy-chen', 'deputy-lin']);
    expect([...(attendanceDoc().present ?? [])].sort()).toEqual(['deputy-chen', 'deputy-lin']);
    expect(dayDoc().signIns?.['deputy-liu']).toBeUndefined();

    await cancel();
    expect([...(dayDoc().present ?? [])].sort()).toEqual(['deputy-chen', 'deputy-lin']);

    // Signed in again (it is 09:30 now): the new time.
    const again = (await product.ok(STAFF, 'station', 'signIn', {
      personId: 'deputy-liu',
    })) as StationTodayView;
    expect(again.onDuty.find((p) => p.id === 'deputy-liu')?.signedInAt).toBe('09:30');
  });

  it('is for the station’s own staff: other stations’ staff, the office and residents are refused', async () => {
    for (const openid of [OTHER_STATION_STAFF, DEV_OFFICE_OPENID, 'o-resident'])
      expect(await signIn(openid, 'deputy-lin', { stationId: STATION })).toMatchObject({
        ok: false,
        code: 'AUTH.FORBIDDEN',
      });
    expect(
      await product.call(OTHER_STATION_STAFF, 'station', 'cancelSignIn', {
        stationId: STATION,
        personId: 'deputy-lin',
      }),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await signIn(STAFF, 'deputy-wang')).toMatchObject({
      ok: false,
      code: 'ROSTER.NOT_STATION_DEPUTY',
      message: '签到的人必须是本站的代表或分管领导',
    });
    expect(await signIn(STAFF, '')).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });

  it('is refused on a day without reception, saying so, and records nothing', async () => {
    product.setNow('2026-05-12T09:00:00+08:00', { frozen: true });
    expect(await signIn(STAFF, 'deputy-lin')).toMatchObject({
      ok: false,
      code: 'RECEPTION.NO_SUCH_DAY',
      message: '今天不是本站的接待日，不用签到',
    });
    expect(product.stack.store.getById('reception_days', `${STATION}_2026-05-12`)).toBeNull();
  });
});
