import { fail, ok } from '../../miniprogram/core/result';
import { byText, installWx, isLargeText, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { stationDayView } from './mothers';
import { LEADER, NO_RECEPTION, onDuty, todayView } from './station-mothers';

/** 今天 for station staff: who is on duty and their sign-in, 登记来访, today's visitors. */

describe('今天 (station staff)', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(query: Record<string, string> = {}): Promise<Found> {
    const page = render('pages/station/today/index');
    page.instance.onLoad(query);
    await settle();
    return page;
  }

  it('on a reception day shows who is on duty with their sign-in, and today’s visitors newest first', async () => {
    const calls = serveFunctions(wxMock, { station: { today: () => ok(todayView()) } });
    const page = await open();

    expect(calls).toEqual([{ name: 'station', action: 'today', data: {} }]);
    expect(textOf(page.querySelector('.today-head') as Found)).toContain('今天是接待日');
    const wang = page.querySelector('.duty-deputy-1') as Found;
    expect(textOf(wang)).toContain('王建国');
    expect(textOf(wang)).toContain('代表 · 138****0001');
    expect(textOf(wang)).toContain('08:55 签到');
    expect(page.querySelector('.sign-in-deputy-1')).toBeUndefined();
    const leader = page.querySelector('.duty-leader-1') as Found;
    expect(textOf(leader)).toContain('分管领导 · 街道党工委副书记 · 未留电话');
    expect(page.querySelector('.call-leader-1')).toBeUndefined();
    expect(page.querySelector('.call-deputy-1')).toBeTruthy();
    expect(page.querySelector('.sign-in-leader-1')).toBeTruthy();

    const rows = page.querySelectorAll('.visitor-row');
    expect(page.querySelectorAll('.visitor-name').map((name) => textOf(name))).toEqual(['匿名', '王阿姨']);
    expect(textOf(rows[1])).toContain('139****1111');
    expect(textOf(rows[1])).toContain('养老服务、停车 · 接待代表 王建国');
    expect(textOf(page.querySelector('.visitor-count') as Found)).toBe('2 人次');
    expect(textOf(page.querySelector('.action-bar .visitor-button') as Found)).toBe('登记来访');
  });

  it('signs a person in with one tap and shows the time; calls a person on duty; opens 登记来访 for today', async () => {
    const signed = todayView({
      onDuty: [
        onDuty({ signedInAt: '08:55' }),
        onDuty({ id: 'deputy-2', name: '李秀兰', phone: '13805910002', signedInAt: '09:12' }),
        LEADER,
      ],
    });
    const calls = serveFunctions(wxMock, {
      station: { today: () => ok(todayView()), signIn: () => ok(signed) },
    });
    const page = await open({ stationId: 'station-9' });

    await tap(page.querySelector('.sign-in-deputy-2'));
    expect(calls[1]).toEqual({
      name: 'station',
      action: 'signIn',
      data: { stationId: 'station-9', personId: 'deputy-2' },
    });
    expect(textOf(page.querySelector('.duty-deputy-2') as Found)).toContain('09:12 签到');
    expect(page.querySelector('.sign-in-deputy-2')).toBeUndefined();
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '已签到', icon: 'success' });

    await tap(page.querySelector('.call-deputy-2'));
    expect(wxMock.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13805910002' });

    await tap(page.querySelector('.visitor-button'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/station/visitor/index?date=2026-11-10&stationId=station-9',
    });
  });

  it('signs in someone of the station who is not on the roster, chosen from the others', async () => {
    const calls = serveFunctions(wxMock, {
      station: {
        today: () => ok(todayView()),
        signIn: () =>
          ok(
            todayView({
              onDuty: [
                ...todayView().onDuty,
                onDuty({ id: 'deputy-3', name: '陈志强', signedInAt: '09:20' }),
              ],
            }),
          ),
      },
    });
    const page = await open();
    expect(page.data.others).toEqual([{ id: 'deputy-3', name: '陈志强' }]);

    page.querySelector('.sign-in-other')?.dispatchEvent('change', { detail: { value: '0' } });
    await settle();

    expect(calls[1]).toEqual({ name: 'station', action: 'signIn', data: { personId: 'deputy-3' } });
    expect(textOf(page.querySelector('.duty-deputy-3') as Found)).toContain('09:20 签到');
    expect(page.querySelector('.sign-in-other')).toBeUndefined();
  });

  it('takes back a sign-in tapped by mistake, after asking', async () => {
    const calls = serveFunctions(wxMock, {
      station: {
        today: () => ok(todayView()),
        cancelSignIn: () => ok(todayView({ onDuty: [onDuty(), LEADER] })),
      },
    });
    const page = await open();

    wxMock.showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: false, cancel: true });
    await tap(page.querySelector('.cancel-sign-in-deputy-1'));
    expect(calls.map((c) => c.action)).toEqual(['today']);

    await tap(page.querySelector('.cancel-sign-in-deputy-1'));
    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ content: '撤销王建国的签到？' }),
    );
    expect(calls[1]).toEqual({ name: 'station', action: 'cancelSignIn', data: { personId: 'deputy-1' } });
    expect(page.querySelector('.sign-in-deputy-1')).toBeTruthy();
    expect(page.querySelector('.cancel-sign-in-deputy-1')).toBeUndefined();
  });

  it('says why a sign-in was refused and keeps the button', async () => {
    serveFunctions(wxMock, {
      station: {
        today: () => ok(todayView()),
        signIn: () => fail('RECEPTION.NO_SUCH_DAY', '今天不是本站的接待日，不用签到'),
      },
    });
    const page = await open();

    await tap(page.querySelector('.sign-in-deputy-2'));
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '今天不是本站的接待日，不用签到', icon: 'none' });
    expect(page.querySelector('.sign-in-deputy-2')).toBeTruthy();
  });

  it('on a day without reception says so and when the next one is, with no duty list', async () => {
    serveFunctions(wxMock, { station: { today: () => ok(NO_RECEPTION) } });
    const page = await open();

    expect(textOf(page.querySelector('.no-reception') as Found)).toBe('今天不是接待日');
    expect(textOf(page.querySelector('.next-day') as Found)).toBe(
      '下一个接待日：12月10日 周四（还有 28 天）',
    );
    expect(page.querySelector('.duty')).toBeUndefined();
    expect(textOf(page.querySelector('.visitors-empty') as Found)).toBe('还没有登记来访');
    expect(textOf(page.querySelector('.visitor-button') as Found)).toBe('登记来访（非接待日）');
  });

  it('on a reception day with no visitors yet says so, and with no roster says where to make one', async () => {
    serveFunctions(wxMock, {
      station: {
        today: () => ok(todayView({ visitors: [], onDuty: [], day: stationDayView({ roster: null }) })),
      },
    });
    const page = await open();

    expect(textOf(page.querySelector('.visitors-empty') as Found)).toBe('还没有登记来访');
    expect(textOf(page.querySelector('.visitor-count') as Found)).toBe('0 人次');
    expect(textOf(page.querySelector('.duty-empty') as Found)).toBe(
      '还没有排班：到场的代表可在下方签到，排班请到本月概览',
    );
    await tap(byText(page, '.overview-link', '本月概览'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/station/overview/index' });
  });

  it('opens in 长辈版 when WeChat’s text is large', async () => {
    wxMock.getAppBaseInfo.mockReturnValue({ fontSizeScaleFactor: 1.4, fontSizeSetting: 23.8 });
    serveFunctions(wxMock, { station: { today: () => ok(todayView()) } });

    expect(isLargeText(await open())).toBe(true);
  });
});
