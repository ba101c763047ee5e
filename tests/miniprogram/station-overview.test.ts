import { fail, ok } from '../../miniprogram/core/result';
import {
  byText,
  installWx,
  render,
  serveFunctions,
  settle,
  tap,
  tapStateAction,
  textOf,
  type,
} from './helpers';
import type { Found, WxMock } from './helpers';
import {
  decemberView,
  dutyRosterView,
  stationDayView,
  stationOverviewView,
  stationView,
  swapRequestView,
} from './mothers';

describe('station overview', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  const NOVEMBER = stationOverviewView({
    plan: {
      from: '2026-11-01',
      to: '2026-11-30',
      days: [
        stationDayView({
          date: '2026-11-03',
          weekday: '周二',
          cancelled: true,
          reason: '场地维修',
          roster: null,
        }),
        stationDayView({
          date: '2026-11-10',
          weekday: '周二',
          ruleDate: '2026-11-08',
          present: [{ id: 'deputy-1', name: '王建国' }],
          visits: 3,
        }),
        stationDayView({
          date: '2026-11-24',
          weekday: '周二',
          movedFrom: '2026-11-17',
          reason: '代表集中视察',
          past: false,
          roster: dutyRosterView({ published: false }),
        }),
      ],
      ignored: [],
      uncoveredYears: [],
    },
    visitors: { visits: 3, answeredOnSpot: 1 },
    cases: { opened: 4, answered: 2, open: 2, overdue: 1 },
    uncoveredYears: [2027],
  });

  async function open(query: Record<string, string> = {}): Promise<Found> {
    const page = render('pages/station/overview/index');
    page.instance.onLoad(query);
    await settle();
    return page;
  }

  const day = (page: Found, date: string) => page.querySelector(`.day-${date}`) as Found;

  it('shows the month: days with their notes, rosters, attendance, and the figures so far', async () => {
    const calls = serveFunctions(wxMock, { station: { overview: () => ok(NOVEMBER) } });

    const page = await open();

    expect(calls).toEqual([{ name: 'station', action: 'overview', data: {} }]);
    expect(textOf(page.querySelector('.month-label') as Found)).toBe('2026-11');
    const cancelled = day(page, '2026-11-03');
    expect(cancelled.dom?.className).toContain('day--cancelled');
    expect(textOf(cancelled)).toContain('已取消');
    expect(textOf(cancelled)).toContain('原因：场地维修');
    expect(page.querySelector('.move-2026-11-03')).toBeFalsy();

    const held = day(page, '2026-11-10');
    expect(textOf(held)).toContain('顺延自 2026-11-08');
    expect(textOf(held)).toContain('值班：王建国、李秀兰');
    expect(page.querySelector('.roster-published-2026-11-10')).toBeTruthy();
    expect(textOf(held)).toContain('签到：王建国 到场');
    expect(textOf(held)).toContain('来访 3 人次');
    expect(page.querySelector('.visitor-2026-11-10')).toBeTruthy();
    expect(page.querySelector('.attend-2026-11-10')).toBeTruthy();
    expect(page.querySelector('.move-2026-11-10')).toBeFalsy();

    const coming = day(page, '2026-11-24');
    expect(textOf(coming)).toContain('调整自 2026-11-17');
    expect(page.querySelector('.roster-draft-2026-11-24')).toBeTruthy();
    expect(page.querySelector('.move-2026-11-24')).toBeTruthy();
    expect(page.querySelector('.cancel-2026-11-24')).toBeTruthy();
    expect(page.querySelector('.roster-2026-11-24')).toBeTruthy();
    expect(page.querySelector('.visitor-2026-11-24')).toBeFalsy();

    expect(textOf(page.querySelector('.visitors') as Found)).toContain('3');
    expect(textOf(page.querySelector('.on-spot') as Found)).toContain('1');
    expect(textOf(page.querySelector('.overdue') as Found)).toContain('1');
    expect(textOf(page.querySelector('.uncovered') as Found)).toContain('2027年的法定节假日尚未公布');
  });

  it('switches months, keeping what is shown until the next month has come', async () => {
    const calls = serveFunctions(wxMock, {
      station: {
        overview: ({ month }) =>
          ok(
            month === '2026-12'
              ? stationOverviewView({
                  month: '2026-12',
                  plan: { from: '2026-12-01', to: '2026-12-31', days: [], ignored: [], uncoveredYears: [] },
                })
              : NOVEMBER,
          ),
      },
    });
    const page = await open();

    await tap(page.querySelector('.month-next'));

    expect(calls.map((call) => call.data)).toEqual([{}, { month: '2026-12' }]);
    expect(textOf(page.querySelector('.month-label') as Found)).toBe('2026-12');
    expect(textOf(page)).toContain('本月没有接待日');
    expect(page.querySelector('.uncovered')).toBeFalsy();
  });

  it('shows an error with 重试 and recovers', async () => {
    let failing = true;
    serveFunctions(wxMock, {
      station: { overview: () => (failing ? fail('INTERNAL', '服务暂时不可用，请稍后再试') : ok(NOVEMBER)) },
    });
    const page = await open();
    expect(textOf(page)).toContain('服务暂时不可用');

    failing = false;
    await tapStateAction(page);

    expect(page.querySelector('.day-2026-11-10')).toBeTruthy();
  });

  it('says the page is not for someone who is not station staff, without 重试', async () => {
    serveFunctions(wxMock, { station: { overview: () => fail('AUTH.FORBIDDEN', '仅限联络站工作人员') } });

    const page = await open();

    expect(textOf(page)).toContain('仅限联络站工作人员');
    expect(page.querySelector('.state >>> .state-view__action')).toBeFalsy();
  });

  it('moves a future day with a reason, confirming a weekend date before forcing it', async () => {
    const calls = serveFunctions(wxMock, {
      station: {
        overview: () => ok(NOVEMBER),
        changeDay: ({ force }) =>
          force ? ok(NOVEMBER.plan) : fail('RECEPTION.NOT_WORKDAY', '2026-11-28 是周六'),
      },
    });
    const page = await open();

    await tap(page.querySelector('.move-2026-11-24'));
    await tap(page.querySelector('.submit-day'));
    expect(textOf(page.querySelector('.day-form-error') as Found)).toBe('请选择新的日期');

    page.querySelector('.to-date')?.dispatchEvent('change', { detail: { value: '2026-11-28' } });
    await settle();
    await type(page.querySelector('.reason-input'), '与区人代会冲突');
    await tap(page.querySelector('.submit-day'));
    await settle();

    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '该日不是工作日' }));
    const changes = calls.filter((call) => call.action === 'changeDay').map((call) => call.data);
    expect(changes).toEqual([
      { kind: 'move', date: '2026-11-24', toDate: '2026-11-28', reason: '与区人代会冲突' },
      { kind: 'move', date: '2026-11-24', toDate: '2026-11-28', reason: '与区人代会冲突', force: true },
    ]);
    expect(calls.filter((call) => call.action === 'overview')).toHaveLength(2);
    expect(page.querySelector('.day-form')).toBeFalsy();
  });

  it('adds an extra reception day with a date and a reason, confirming a holiday first', async () => {
    const calls = serveFunctions(wxMock, {
      station: {
        overview: () => ok(NOVEMBER),
        changeDay: ({ force }) =>
          force ? ok(NOVEMBER.plan) : fail('RECEPTION.NOT_WORKDAY', '2026-11-29 是周日'),
      },
    });
    const page = await open();

    await tap(page.querySelector('.add-day'));
    await tap(page.querySelector('.submit-day'));
    expect(textOf(page.querySelector('.day-form-error') as Found)).toBe('请选择加开的日期');
    page.querySelector('.to-date')?.dispatchEvent('change', { detail: { value: '2026-11-29' } });
    await settle();
    await tap(page.querySelector('.submit-day'));
    expect(textOf(page.querySelector('.day-form-error') as Found)).toBe('请填写加开原因');
    await type(page.querySelector('.reason-input'), '征求旧改意见，周末加开');
    await tap(page.querySelector('.submit-day'));
    await settle();

    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '该日不是工作日' }));
    expect(calls.filter((call) => call.action === 'changeDay').map((call) => call.data)).toEqual([
      { kind: 'add', date: '2026-11-29', reason: '征求旧改意见，周末加开' },
      { kind: 'add', date: '2026-11-29', reason: '征求旧改意见，周末加开', force: true },
    ]);
    expect(page.querySelector('.day-form')).toBeFalsy();
    expect(page.querySelector('.add-day')).toBeTruthy();
  });

  it('offers no extra day to a station without a reception rule', async () => {
    serveFunctions(wxMock, {
      station: { overview: () => ok(stationOverviewView({ station: stationView({ ruleLabel: null }) })) },
    });
    const page = await open();

    expect(page.querySelector('.add-day')).toBeFalsy();
  });

  it('cancels a future day only with a reason, showing the server error in the form', async () => {
    const calls = serveFunctions(wxMock, {
      station: {
        overview: () => ok(NOVEMBER),
        changeDay: () => fail('RECEPTION.DATE_PAST', '不能修改今天以前的接待日'),
      },
    });
    const page = await open();

    await tap(page.querySelector('.cancel-2026-11-24'));
    await tap(page.querySelector('.submit-day'));
    expect(textOf(page.querySelector('.day-form-error') as Found)).toBe('请填写取消原因');
    expect(calls.some((call) => call.action === 'changeDay')).toBe(false);

    await type(page.querySelector('.reason-input'), '场地占用');
    await tap(page.querySelector('.submit-day'));

    expect(calls.filter((call) => call.action === 'changeDay').map((call) => call.data)).toEqual([
      { kind: 'cancel', date: '2026-11-24', reason: '场地占用' },
    ]);
    expect(textOf(page.querySelector('.day-form-error') as Found)).toBe('不能修改今天以前的接待日');
  });

  it('takes attendance from the roster of a held day, sending what it showed so only changes are written', async () => {
    const calls = serveFunctions(wxMock, {
      station: {
        overview: () => ok(NOVEMBER),
        recordAttendance: ({ date }) => ok(stationDayView({ date })),
      },
    });
    const page = await open();

    await tap(page.querySelector('.attend-2026-11-10'));
    expect(page.querySelector('.present-deputy-1')?.dom?.className).toContain('chip--active');
    await tap(page.querySelector('.present-deputy-2'));
    await tap(page.querySelector('.save-attendance'));

    expect(calls.find((call) => call.action === 'recordAttendance')?.data).toEqual({
      date: '2026-11-10',
      presentDeputyIds: ['deputy-1', 'deputy-2'],
      previousDeputyIds: ['deputy-1'],
    });
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '签到已记录' }));
  });

  it('lists the deputies only when attendance is taken afterwards: the leader signs in on 今天', async () => {
    const withLeader = stationOverviewView({
      plan: {
        ...NOVEMBER.plan,
        days: [stationDayView({ roster: dutyRosterView({ leader: { id: 'leader-1', name: '张卫东' } }) })],
      },
    });
    serveFunctions(wxMock, { station: { overview: () => ok(withLeader) } });
    const page = await open();

    await tap(page.querySelector('.attend-2026-11-10'));
    expect(page.querySelectorAll('.present').map((chip) => textOf(chip))).toEqual(['王建国', '李秀兰']);
  });

  it('lets staff of several stations switch, and the pages opened follow the chosen one', async () => {
    const both = [
      { id: 'station-1', name: '东街街道代表之家' },
      { id: 'station-2', name: '南街社区联络站' },
    ];
    const calls = serveFunctions(wxMock, {
      station: {
        overview: ({ stationId }) =>
          ok(
            stationId === 'station-2'
              ? {
                  ...NOVEMBER,
                  station: stationView({ id: 'station-2', name: '南街社区联络站' }),
                  stations: both,
                }
              : { ...NOVEMBER, stations: both },
          ),
      },
    });
    const page = await open();
    expect(textOf(page.querySelector('.station-name') as Found)).toBe('东街街道代表之家');

    page.querySelector('.station-picker')?.dispatchEvent('change', { detail: { value: '1' } });
    await settle();

    expect(calls.map((call) => call.data)).toEqual([{}, { stationId: 'station-2', month: '2026-11' }]);
    expect(textOf(page.querySelector('.station-name') as Found)).toBe('南街社区联络站');
    await tap(page.querySelector('.visitor-2026-11-10'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/station/visitor/index?date=2026-11-10&stationId=station-2',
    });
  });

  it('puts 今天 and 登记来访 at the top on a reception day, and nothing there on other days', async () => {
    const onTheDay = { ...NOVEMBER, today: '2026-11-10' };
    serveFunctions(wxMock, { station: { overview: () => ok(onTheDay) } });
    const page = await open({ stationId: 'station-9' });

    const today = page.querySelector('.today') as Found;
    expect(textOf(today)).toContain('今天是接待日');
    expect(textOf(today)).toContain('值班：王建国、李秀兰');
    expect(textOf(today)).toContain('已登记来访 3 人次');
    await tap(byText(page, '.today__visitor', '登记来访'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/station/visitor/index?date=2026-11-10&stationId=station-9',
    });
    await tap(byText(page, '.today__open', '今天：值班签到和来访'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/station/today/index?stationId=station-9' });
    // Today's 签到 is taken one person at a time on 今天, not as one list here.
    wxMock.navigateTo.mockClear();
    await tap(page.querySelector('.attend-2026-11-10'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/station/today/index?stationId=station-9' });
    expect(page.querySelector('.save-attendance')).toBeUndefined();

    serveFunctions(wxMock, { station: { overview: () => ok(NOVEMBER) } });
    expect((await open()).querySelector('.today')).toBeFalsy();
  });

  it('keeps 取消接待日 apart from the other actions of a coming day, and says what it cancels', async () => {
    serveFunctions(wxMock, { station: { overview: () => ok(NOVEMBER) } });
    const page = await open();

    const actions = page.querySelectorAll('.day-2026-11-24 .day__actions .button-small');
    expect(actions.map((node) => textOf(node))).toEqual(['调整日期', '排班', '取消接待日']);
  });

  it('shows no station picker to staff of one station', async () => {
    serveFunctions(wxMock, { station: { overview: () => ok(NOVEMBER) } });
    const page = await open();

    expect(page.querySelector('.station-picker')).toBeFalsy();
  });

  it('opens 登记来访 and 排班 for the day, naming the station when opened for one', async () => {
    serveFunctions(wxMock, { station: { overview: () => ok(NOVEMBER) } });
    const page = await open({ stationId: 'station-9' });

    await tap(page.querySelector('.visitor-2026-11-10'));
    await tap(page.querySelector('.roster-2026-11-24'));

    expect(wxMock.navigateTo.mock.calls.map(([options]) => options.url)).toEqual([
      '/pages/station/visitor/index?date=2026-11-10&stationId=station-9',
      '/pages/station/roster/index?month=2026-11&date=2026-11-24&stationId=station-9',
    ]);
    expect(byText(page, '.figures-link', '统计')).toBeTruthy();
  });

  it("opens the station's share of the office's accounts (统计, 排行, 不满意, 台账) for the station shown", async () => {
    serveFunctions(wxMock, { station: { overview: () => ok(NOVEMBER) } });
    const page = await open({ stationId: 'station-9' });

    await tap(byText(page, '.account', '案件统计'));
    await tap(byText(page, '.account', '排行'));
    await tap(byText(page, '.account', '不满意'));
    await tap(byText(page, '.account', '台账'));

    expect(wxMock.navigateTo.mock.calls.map(([options]) => options.url)).toEqual([
      '/pages/office/figures/index?audience=station&stationId=station-9',
      '/pages/office/rankings/index?audience=station&stationId=station-9',
      '/pages/office/unsatisfied/index?audience=station&stationId=station-9',
      '/pages/office/ledger/index?audience=station&stationId=station-9',
    ]);
  });

  describe("deputies' confirmations and swap requests", () => {
    const december = (requests = [swapRequestView()]) =>
      decemberView({
        roster: dutyRosterView({ confirmed: [{ id: 'deputy-2', name: '李秀兰' }] }),
        swapRequests: requests,
      });

    it('warns of a coming day short of deputies or without a leader', async () => {
      serveFunctions(wxMock, {
        station: {
          overview: () =>
            ok(
              decemberView({
                roster: dutyRosterView({ deputies: [{ id: 'deputy-1', name: '王建国' }], shortBy: 1 }),
              }),
            ),
        },
      });
      const page = await open();

      expect(page.querySelectorAll('.day__short').map((node) => textOf(node as Found))).toEqual([
        '还差 1 名值班代表（本站每天 2 名）',
      ]);
    });

    it('shows who confirmed, and applies a request naming the colleague after confirming', async () => {
      const named = swapRequestView({
        withDeputy: { id: 'deputy-3', name: '陈志强' },
        withDate: '2027-01-11',
      });
      let answered = false;
      const calls = serveFunctions(wxMock, {
        station: {
          overview: () => ok(answered ? december([]) : december([named])),
          decideSwap: ({ date }) => {
            answered = true;
            return ok(stationDayView({ date }));
          },
        },
      });
      const page = await open();
      const card = day(page, '2026-12-10');
      expect(textOf(card)).toContain('已确认值班：李秀兰');
      expect(textOf(card)).toContain('换班申请：王建国申请与陈志强交换 2027-01-11 的值班（临时出差）');

      await tap(page.querySelector('.apply-swap-1'));
      await settle();

      expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '同意换班' }));
      expect(calls.find((call) => call.action === 'decideSwap')?.data).toEqual({
        date: '2026-12-10',
        requestId: 'swap-1',
        decision: 'apply',
      });
      expect(page.querySelector('.swap-swap-1')).toBeFalsy();
    });

    it('has staff choose who takes over when the deputy named nobody, or decline with a note', async () => {
      const calls = serveFunctions(wxMock, {
        station: {
          overview: () => ok(december()),
          decideSwap: ({ date }) => ok(stationDayView({ date })),
        },
      });
      const page = await open();
      expect(page.querySelector('.apply-swap-1')).toBeFalsy();
      // 王建国 and 李秀兰 are on duty: only 陈志强 can take over.
      expect(page.instance.data.days[0].requests[0].candidates).toEqual([{ id: 'deputy-3', name: '陈志强' }]);
      page.querySelector('.apply-to-swap-1')?.dispatchEvent('change', { detail: { value: '0' } });
      await settle();
      expect(calls.filter((call) => call.action === 'decideSwap').map((call) => call.data)).toEqual([
        { date: '2026-12-10', requestId: 'swap-1', decision: 'apply', withDeputyId: 'deputy-3' },
      ]);

      wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: ' 本月人手紧张 ' });
      await tap(page.querySelector('.decline-swap-1'));
      await settle();
      expect(calls.filter((call) => call.action === 'decideSwap')[1].data).toEqual({
        date: '2026-12-10',
        requestId: 'swap-1',
        decision: 'decline',
        note: '本月人手紧张',
      });
    });

    it('says why a decision was refused', async () => {
      serveFunctions(wxMock, {
        station: {
          overview: () => ok(december([swapRequestView({ withDeputy: { id: 'deputy-3', name: '陈志强' } })])),
          decideSwap: () => fail('ROSTER.UNAVAILABLE', '陈志强 已登记 2026-12-10 不能值班'),
        },
      });
      const page = await open();
      await tap(page.querySelector('.apply-swap-1'));
      await settle();
      expect(wxMock.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '陈志强 已登记 2026-12-10 不能值班' }),
      );
    });
  });
});
