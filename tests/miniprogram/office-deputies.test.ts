import { ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Found, WxMock } from './helpers';
import { directoryItem, stationOverviewView } from './mothers';

/** 代表履职, first step: the office picks any deputy, station staff one of their station's. */

describe('代表履职: whose record', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
    Object.assign(wx, { setNavigationBarTitle: jest.fn().mockResolvedValue({ errMsg: 'ok' }) });
  });

  async function open(query: Record<string, string> = {}): Promise<Found> {
    const page = render('pages/office/deputies/index');
    page.instance.onLoad(query);
    await settle();
    return page;
  }

  const deputies = [
    directoryItem('deputy-1', '王建国', { code: 'D00001', detail: '市人大代表 · 东街街道代表之家' }),
    directoryItem('deputy-2', '李秀兰', { code: 'D00002', detail: '区县人大代表 · 西湖社区代表联络站' }),
    directoryItem('deputy-3', '陈志强', { code: 'D00003', detail: '市人大代表', active: false }),
  ];

  it('lists the directory’s deputies, finds one by name or code, and opens the record', async () => {
    serveFunctions(wxMock, {
      office: { directory: () => ok({ kind: 'deputy', items: deputies, active: 2, retired: 1 }) },
    });
    const page = await open();
    expect(textOf(page.querySelector('.deputy-deputy-3') as Found)).toContain('已离任');

    await type(page.querySelector('.deputy-search'), 'D00002');
    expect(page.querySelectorAll('.deputy').map((node) => textOf(node))).toEqual([
      '李秀兰D00002 · 区县人大代表 · 西湖社区代表联络站›',
    ]);
    await type(page.querySelector('.deputy-search'), '赵');
    expect(textOf(page.querySelector('.no-match') as Found)).toBe('没有找到“赵”');

    await type(page.querySelector('.deputy-search'), '王');
    await tap(page.querySelector('.deputy-deputy-1'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/office/deputy-record/index?deputyId=deputy-1',
    });
  });

  it("gives station staff their station's deputies, and keeps them staff on the record", async () => {
    const calls = serveFunctions(wxMock, { station: { overview: () => ok(stationOverviewView()) } });
    const page = await open({ audience: 'station', stationId: 'station-1' });

    expect(calls[0]).toMatchObject({ name: 'station', action: 'overview', data: { stationId: 'station-1' } });
    const first = page.querySelectorAll('.deputy')[0];
    await tap(first);

    expect(wxMock.navigateTo.mock.calls[0][0].url).toMatch(
      /^\/pages\/office\/deputy-record\/index\?deputyId=[\w-]+&audience=station&stationId=station-1$/,
    );
  });

  it('says when there is no deputy yet', async () => {
    serveFunctions(wxMock, {
      office: { directory: () => ok({ kind: 'deputy', items: [], active: 0, retired: 0 }) },
    });

    const page = await open();

    expect(textOf(page)).toContain('名册里还没有代表');
  });
});
