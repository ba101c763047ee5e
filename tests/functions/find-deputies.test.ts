import { DEV_OFFICE_OPENID } from '../../stack/seed';
import { startProduct } from '../helpers/project-stack';

/** 找代表 on the real stack: a deputy or station found without a code, public facts only. */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

const find = (data: Record<string, unknown>) => product.ok('o-finder', 'resident', 'findDeputies', data);

describe('resident.findDeputies', () => {
  it('lists every station to pick from when nothing is typed', async () => {
    const all = await find({});
    expect(all.stations.map((s) => s.code)).toEqual(['S0001', 'S0002', 'S0003']);
    expect(all.deputies).toEqual([]);
    expect(all.stations[0]).toMatchObject({
      name: '鼓楼区人大代表之家',
      phone: '0591-87510001',
      location: { latitude: 26.0878, longitude: 119.3032 },
      openingHours: '工作日 9:00–17:00',
    });
  });

  it('finds a deputy by a part of their name, with their station, and never their phone', async () => {
    const found = await find({ q: '晓红' });
    expect(found.deputies).toEqual([
      expect.objectContaining({ code: 'D00001', name: '林晓红', stationName: '鼓楼区人大代表之家' }),
    ]);
    expect(found.stations).toEqual([]);
    expect(Object.keys(found.deputies[0]).sort()).toEqual(
      ['code', 'id', 'level', 'levelLabel', 'name', 'photoUrl', 'stationName', 'title'].sort(),
    );
  });

  it('finds a station by its community and lists that station’s deputies', async () => {
    const found = await find({ q: '三坊七巷' });
    expect(found.stations.map((s) => s.code)).toEqual(['S0002']);
    expect(found.deputies.map((d) => d.name)).toEqual(['王丽萍', '郑志强']);
    // By address too.
    expect((await find({ q: '温泉支路' })).deputies.map((d) => d.name)).toEqual(['黄美玲']);
  });

  it('lists one station’s deputies a page at a time', async () => {
    const first = await find({ stationId: 'station-gulou-home', limit: 2 });
    expect(first.stations.map((s) => s.code)).toEqual(['S0001']);
    expect(first.deputies.map((d) => d.code)).toEqual(['D00001', 'D00002']);
    expect(first.nextCursor).toBe('D00002');
    const second = await find({ stationId: 'station-gulou-home', limit: 2, cursor: first.nextCursor });
    expect(second.deputies.map((d) => d.code)).toEqual(['D00006']);
    expect(second.nextCursor).toBeNull();
    expect(second.stations).toEqual([]);
  });

  it('leaves out a deputy who has left office', async () => {
    await product.ok(DEV_OFFICE_OPENID, 'office', 'setActive', {
      kind: 'deputy',
      id: 'deputy-huang',
      active: false,
      reason: '调离本区',
    });
    expect((await find({ q: '黄美玲' })).deputies).toEqual([]);
    expect((await find({ stationId: 'station-wenquan' })).deputies).toEqual([]);
  });

  it('treats what is typed as words, not patterns, and refuses a bad request', async () => {
    expect(await find({ q: '.*' })).toMatchObject({ stations: [], deputies: [] });
    expect(await product.call('o-finder', 'resident', 'findDeputies', { q: '很'.repeat(21) })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { q: '搜索内容最多 20 个字' },
    });
    expect(await product.call('o-finder', 'resident', 'findDeputies', { q: 5, limit: 0 })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { q: expect.any(String), limit: expect.any(String) },
    });
  });
});

describe('the landing page reaches the station', () => {
  it('gives a deputy’s page their station’s phone and place, for 拨打 and 导航', async () => {
    const landing = await product.ok('o-finder', 'resident', 'landing', { type: 'deputy', code: 'D00003' });
    expect(landing).toMatchObject({
      target: 'deputy',
      station: {
        name: '东街街道三坊七巷社区人大代表联络站',
        phone: '0591-87520002',
        location: { latitude: 26.0842, longitude: 119.2961 },
      },
    });
  });

  it('takes a station’s public phone from the office’s directory', async () => {
    const entry = await product.ok(DEV_OFFICE_OPENID, 'office', 'entry', {
      kind: 'station',
      id: 'station-wenquan',
    });
    if (entry.kind !== 'station') throw new Error('not a station');
    const { kind, ...rest } = entry;
    const fields = {
      name: rest.name,
      level: rest.level,
      address: rest.address,
      location: rest.location,
      openingHours: rest.openingHours,
      receptionRule: rest.receptionRule,
      deputiesPerDay: rest.deputiesPerDay,
    };
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'save', {
        kind,
        id: 'station-wenquan',
        fields: { ...fields, phone: '12' },
      }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { phone: expect.stringContaining('格式不正确') },
    });
    await product.ok(DEV_OFFICE_OPENID, 'office', 'save', {
      kind,
      id: 'station-wenquan',
      fields: { ...fields, phone: '0591 8753 0003' },
    });
    const landing = await product.ok('o-finder', 'resident', 'landing', { type: 'station', code: 'S0003' });
    expect(landing).toMatchObject({ target: 'station', station: { phone: '059187530003' } });
  });
});
