import type { FindDeputiesInput, FindDeputiesView, FoundStation } from '../../miniprogram/core/api';
import { ok } from '../../miniprogram/core/result';
import { byText, installWx, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { deputySummary, stationSummary } from './mothers';

/** 找代表: finding a deputy or station without a code. */

const station = (overrides: Partial<FoundStation> = {}): FoundStation => ({
  ...stationSummary(),
  openingHours: '工作日 9:00–17:00',
  phone: '0591-87510001',
  location: { latitude: 26.08, longitude: 119.3 },
  ...overrides,
});

const allStations: FindDeputiesView = {
  stations: [
    station(),
    station({ id: 'station-2', code: 'S0002', name: '三坊七巷社区联络站', phone: null, location: null }),
  ],
  deputies: [],
  nextCursor: null,
};

describe('找代表', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(answer: (data: FindDeputiesInput) => FindDeputiesView) {
    const calls = serveFunctions(wxMock, { resident: { findDeputies: (data) => ok(answer(data)) } });
    const page = render('pages/find/index');
    page.instance.onLoad();
    await settle();
    return { page, calls };
  }

  async function search(page: Found, words: string) {
    page.instance.onInput({ detail: { value: words } } as WechatMiniprogram.Input);
    await tap(byText(page, '.find__go', '搜索'));
  }

  it('lists the stations to pick from first, each opening its page, with 拨打 and 导航 where known', async () => {
    const { page, calls } = await open(() => allStations);

    expect(calls).toEqual([{ name: 'resident', action: 'findDeputies', data: {} }]);
    expect(textOf(page)).toContain('三坊七巷社区联络站');
    expect(page.querySelectorAll('.find__call')).toHaveLength(1);
    expect(page.querySelectorAll('.find__navigate')).toHaveLength(1);

    await tap(byText(page, '.find__open-station', '三坊七巷社区联络站'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/landing/index?type=station&code=S0002' });
    await tap(byText(page, '.find__call', '拨打'));
    expect(wxMock.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0591-87510001' });
    await tap(byText(page, '.find__navigate', '导航'));
    expect(wxMock.openLocation).toHaveBeenCalledWith(
      expect.objectContaining({ latitude: 26.08, longitude: 119.3, name: '东街街道代表之家' }),
    );
  });

  it('finds a deputy by name and opens their page, as a scan of their code would', async () => {
    const { page, calls } = await open((data) =>
      data.q
        ? {
            stations: [],
            deputies: [{ ...deputySummary(), stationName: '东街街道代表之家' }],
            nextCursor: null,
          }
        : allStations,
    );

    await search(page, ' 王建国 ');

    expect(calls[1]).toEqual({ name: 'resident', action: 'findDeputies', data: { q: '王建国' } });
    expect(textOf(page)).toContain('“王建国”的结果');
    expect(textOf(page)).toContain('市人大代表 · 东街街道代表之家');
    expect(textOf(page)).not.toContain('三坊七巷社区联络站');
    await tap(byText(page, '.find__deputy', '王建国'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/landing/index?type=deputy&code=D00001' });
  });

  it('says plainly when nothing is found, and goes back to every station', async () => {
    const { page } = await open((data) =>
      data.q ? { stations: [], deputies: [], nextCursor: null } : allStations,
    );

    await search(page, '不存在的人');
    expect(textOf(page)).toContain('没有找到');

    await tap(byText(page, '.find__clear', '看全部联络站'));
    expect(textOf(page)).toContain('三坊七巷社区联络站');
  });

  it('shows more deputies a page at a time', async () => {
    const { page, calls } = await open((data) =>
      data.cursor
        ? {
            stations: [],
            deputies: [{ ...deputySummary({ id: 'd2', code: 'D00002', name: '李秀兰' }), stationName: null }],
            nextCursor: null,
          }
        : { stations: [], deputies: [{ ...deputySummary(), stationName: null }], nextCursor: 'D00001' },
    );
    await search(page, '代表');

    await tap(byText(page, '.find__more', '更多代表'));

    expect(calls[2]).toEqual({
      name: 'resident',
      action: 'findDeputies',
      data: { q: '代表', cursor: 'D00001' },
    });
    expect(page.querySelectorAll('.find__deputy').map((d) => textOf(d))).toEqual([
      expect.stringContaining('王建国'),
      expect.stringContaining('李秀兰'),
    ]);
    expect(page.querySelectorAll('.find__more')).toHaveLength(0);
  });
});
