import { fail, ok } from '../../miniprogram/core/result';
import { byText, installWx, render, serveFunctions, settle, tap, tapStateAction, textOf } from './helpers';
import type { WxMock } from './helpers';
import { deputyLanding, deputySummary, OPENID, publicResults, stationLanding } from './mothers';

describe('landing page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(options: Record<string, string>) {
    const page = render('pages/landing/index');
    page.instance.onLoad(options);
    await settle();
    return page;
  }

  it('shows the deputy scanned and the next reception day, after one cloud call', async () => {
    const calls = serveFunctions(wxMock, { resident: { landing: () => ok(deputyLanding()) } });

    const page = await open({ scene: encodeURIComponent('d=D00001') });

    const text = textOf(page);
    expect(text).toContain('王建国');
    expect(text).toContain('市人大代表');
    expect(text).toContain('鼓楼区东街街道社区主任');
    expect(text).toContain('东街街道代表之家');
    expect(text).toContain('2026-12-10 周四');
    expect(calls).toEqual([{ name: 'resident', action: 'landing', data: { scene: 'd%3DD00001' } }]);
  });

  it("shows this year's work and the outcomes residents agreed to publish, in plain words", async () => {
    serveFunctions(wxMock, { resident: { landing: () => ok(stationLanding()) } });

    const page = await open({ type: 'station', code: 'S0001' });

    const text = textOf(page);
    expect(text).toContain('2026年办理情况');
    expect(text).toMatch(/收到群众反映\s*128 件/);
    expect(text).toMatch(/已经答复\s*120 件/);
    expect(text).toMatch(/群众满意率\s*97.9%/);
    expect(text).toContain('办理结果公开');
    expect(text).toContain('道路交通 · 2026年10月办结');
    expect(text).toMatch(/办理结果：\s*已解决或采纳/);
    expect(text).toContain('答复：已协调路灯管理所更换灯具');
  });

  it('shows no outcomes when none is published, and says when nothing is rated yet', async () => {
    const none = publicResults({ received: 3, replied: 0, rated: 0, satisfactionRate: null, outcomes: [] });
    serveFunctions(wxMock, { resident: { landing: () => ok(deputyLanding({ publicResults: none })) } });

    const page = await open({ type: 'deputy', code: 'D00001' });

    const text = textOf(page);
    expect(text).toMatch(/收到群众反映\s*3 件/);
    expect(text).toMatch(/群众满意率\s*还没有评价/);
    expect(text).not.toContain('办理结果公开');
  });

  it('says 暂无安排 when no reception day is planned, and shows an initial without a photo', async () => {
    serveFunctions(wxMock, { resident: { landing: () => ok(deputyLanding({ nextReception: null })) } });

    const page = await open({ type: 'deputy', code: 'D00001' });

    expect(textOf(page)).toContain('暂无安排');
    expect(page.querySelector('.avatar')?.dom?.textContent).toBe('王');
  });

  it('shows a station with its reception days, deputies on duty and its deputies', async () => {
    serveFunctions(wxMock, { resident: { landing: () => ok(stationLanding()) } });

    const page = await open({ q: encodeURIComponent('https://example.org/daibiao?s=S0001') });

    const text = textOf(page);
    expect(text).toContain('东街街道代表之家');
    expect(text).toContain('工作日 9:00–17:00');
    expect(text).toContain('2026-12-10 周四');
    expect(text).toContain('值班代表：王建国、李秀兰');
    expect(text).toContain('值班代表待公布');
    expect(text).toContain('李秀兰');

    await tap(page.querySelector('.open-station'));
    expect(wxMock.openLocation).toHaveBeenCalledWith(
      expect.objectContaining({ latitude: 26.08, longitude: 119.3, name: '东街街道代表之家' }),
    );
  });

  it("calls and finds a deputy's station: 拨打 and 导航", async () => {
    serveFunctions(wxMock, { resident: { landing: () => ok(deputyLanding()) } });
    const page = await open({ type: 'deputy', code: 'D00001' });

    await tap(byText(page, '.call-station', '拨打'));
    expect(wxMock.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0591-87510001' });
    await tap(byText(page, '.open-station', '导航'));
    expect(wxMock.openLocation).toHaveBeenCalledWith(
      expect.objectContaining({ latitude: 26.08, longitude: 119.3, name: '东街街道代表之家' }),
    );
  });

  it('shows no 拨打 or 导航 when the directory has no phone or place for the station', async () => {
    serveFunctions(wxMock, {
      resident: {
        landing: () =>
          ok(deputyLanding({ station: { ...deputyLanding().station!, phone: null, location: null } })),
      },
    });
    const page = await open({ type: 'deputy', code: 'D00001' });

    expect(page.querySelectorAll('.call-station')).toHaveLength(0);
    expect(page.querySelectorAll('.open-station')).toHaveLength(0);
  });

  it("shows a station's phone with 拨打", async () => {
    serveFunctions(wxMock, { resident: { landing: () => ok(stationLanding()) } });
    const page = await open({ type: 'station', code: 'S0001' });

    expect(textOf(page)).toContain('0591-87510001');
    await tap(byText(page, '.call-station', '拨打'));
    expect(wxMock.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0591-87510001' });
  });

  it.each([
    ['deputy', () => deputyLanding(), { type: 'deputy', code: 'D00001' }, '人大代表王建国'],
    ['station', () => stationLanding(), { type: 'station', code: 'S0001' }, '东街街道代表之家'],
  ] as const)('shares a %s page by its code, with a 转发 button', async (_kind, view, options, name) => {
    serveFunctions(wxMock, { resident: { landing: () => ok(view()) } });
    // Opened from a mini-program code's scene, shared as a plain path anyone's WeChat opens.
    const page = await open(
      options.type === 'deputy'
        ? { scene: 'd%3DD00001' }
        : { q: encodeURIComponent('https://example.org/daibiao?s=S0001') },
    );

    const share = page.instance.onShareAppMessage() as { title: string; path: string };
    expect(share.path).toBe(`/pages/landing/index?type=${options.type}&code=${options.code}`);
    expect(share.title).toContain(name);
    // The button is WeChat's own (open-type="share"): it calls onShareAppMessage above.
    expect(textOf(byText(page, '.share-page', '转发'))).toContain('转发给家人朋友');
  });

  it('opens the form for the target scanned and remembers the viewer and categories for it', async () => {
    serveFunctions(wxMock, { resident: { landing: () => ok(deputyLanding()) } });
    const page = await open({ scene: 'd%3DD00001' });

    await tap(byText(page, '.button-primary', '我要反映'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/submit/index?type=deputy&code=D00001' });
    expect(wxMock.storage.get('visit:deputy:D00001')).toMatchObject({
      openid: OPENID,
      targetName: '王建国',
      categories: expect.arrayContaining([{ key: 'sanitation', name: '环境卫生' }]),
    });
  });

  it('says the code cannot be read, without calling the cloud', async () => {
    const calls = serveFunctions(wxMock, {});

    const page = await open({ scene: 'x=nothing' });

    expect(textOf(page)).toContain('二维码无法识别');
    expect(calls).toEqual([]);
    await tap(byText(page, '.button-primary', '返回首页'));
    expect(wxMock.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('says so when the deputy has left office, with no retry', async () => {
    serveFunctions(wxMock, {
      resident: { landing: () => fail('CODE.RETIRED', '该代表已不再履职') },
    });

    const page = await open({ type: 'deputy', code: 'D00009' });

    expect(textOf(page)).toContain('该代表已不再履职');
    expect(textOf(page)).not.toContain('重试');
    expect(textOf(page)).not.toContain('我要反映');
  });

  it('offers 重试 after a network failure, and shows the deputy once it works', async () => {
    let attempts = 0;
    serveFunctions(wxMock, {
      resident: {
        landing: () => {
          attempts += 1;
          return attempts === 1
            ? { networkError: 'timeout' }
            : ok(deputyLanding({ deputy: deputySummary() }));
        },
      },
    });
    const page = await open({ type: 'deputy', code: 'D00001' });
    expect(textOf(page)).toContain('网络不太好，请稍后重试');

    await tapStateAction(page);

    expect(textOf(page)).toContain('王建国');
  });
});
