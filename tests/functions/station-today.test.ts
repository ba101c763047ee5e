import type { StationTodayView } from '../../miniprogram/core/api';
import { DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct } from '../helpers/project-stack';

/**
 * 今天 for station staff on the real stack. The seeded 代表之家 (station-gulou-home) receives on the
 * 10th, postponed past holidays: on Monday 11 May 2026 (the 10th a Sunday) it holds its reception day.
 */

const STATION = 'station-gulou-home';
const STAFF = DEV_STAFF_OPENID;
const DAY = '2026-05-11';

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `today-${++seq}-abcdefgh`;
const today = () => product.ok(STAFF, 'station', 'today', {}) as Promise<StationTodayView>;

beforeAll(async () => {
  product = await startProduct({ clock: { now: `${DAY}T09:05:00+08:00` } });
});
afterAll(() => product.close());

describe('今天 on a reception day', () => {
  it('shows who is on duty, who signed in, and the visitors registered so far, newest first', async () => {
    const empty = await today();
    expect(empty).toMatchObject({
      today: DAY,
      weekday: '周一',
      day: { date: DAY, roster: null },
      visitors: [],
    });
    expect(empty.nextDay).toBeNull();

    product.setNow(`${DAY}T09:05:00+08:00`, { frozen: true });
    await product.ok(STAFF, 'station', 'saveRoster', {
      date: DAY,
      deputyIds: ['deputy-lin', 'deputy-chen'],
      publish: true,
    });
    await product.ok(STAFF, 'station', 'recordAttendance', { date: DAY, presentDeputyIds: ['deputy-chen'] });
    await product.ok(STAFF, 'station', 'registerVisitor', {
      date: DAY,
      receivedBy: 'deputy-chen',
      visitorName: '王阿姨',
      anonymous: false,
      phone: '13900001111',
      items: [
        { kind: 'help', category: 'elderly', description: '小区老年食堂停办了，老人吃饭不方便，希望恢复。' },
        { kind: 'suggestion', category: 'parking', description: '建议在菜市场旁边划出临时停车位。' },
      ],
      answeredOnSpot: false,
      clientRequestId: rid(),
    });
    product.setNow(`${DAY}T09:40:00+08:00`, { frozen: true });
    await product.ok(STAFF, 'station', 'registerVisitor', {
      date: DAY,
      receivedBy: 'deputy-lin',
      anonymous: true,
      items: [],
      answeredOnSpot: true,
      answer: '已当场解释医保异地备案的办理流程。',
      clientRequestId: rid(),
    });

    const view = await today();
    expect(view.day?.roster?.deputies.map((d) => d.name).sort()).toEqual(['林晓红', '陈建国'].sort());
    expect(view.day?.present).toEqual([{ id: 'deputy-chen', name: '陈建国' }]);
    expect(view.onDuty.map((p) => [p.name, p.role])).toEqual([
      ['林晓红', 'deputy'],
      ['陈建国', 'deputy'],
    ]);
    expect(view.visitors).toEqual([
      expect.objectContaining({
        time: '09:40',
        name: '匿名',
        summary: '当场答复',
        items: 0,
        receivedByName: '林晓红',
      }),
      expect.objectContaining({
        time: '09:05',
        name: '王阿姨',
        phone: '139****1111',
        summary: '养老服务、停车',
        items: 2,
        receivedByName: '陈建国',
      }),
    ]);
    expect(view.day?.visits).toBe(2);
  });

  it('says there is no reception day today and names the next one, on any other day', async () => {
    product.setNow('2026-05-12T09:00:00+08:00', { frozen: true });
    const view = await today();
    expect(view).toMatchObject({
      today: '2026-05-12',
      day: null,
      onDuty: [],
      nextDay: '2026-06-10',
      visitors: [],
    });
  });

  it('is for the station’s staff and the office: a resident is refused', async () => {
    expect(await product.call('o-resident', 'station', 'today', {})).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await product.call(DEV_OFFICE_OPENID, 'station', 'today', { stationId: STATION })).toMatchObject({
      ok: true,
    });
  });
});
