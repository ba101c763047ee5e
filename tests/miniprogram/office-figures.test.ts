import type { FiguresInput } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { byText, installWx, render, serveFunctions, settle, tap, tapStateAction, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { caseFigures, figuresGroup, figuresView, stationGroups } from './office-mothers';

/** 统计: the office's figures for a period and scope, with splits and a breakdown as bars. */

describe('统计', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(query: Record<string, string> = {}): Promise<Found> {
    const page = render('pages/office/figures/index');
    page.instance.onLoad(query);
    await settle();
    return page;
  }

  /** Answers the period asked for, or this month's dates for a named one, with a breakdown by station. */
  const answer = (input: FiguresInput) =>
    ok(
      figuresView({
        from: input.from ?? (input.period === 'quarter' ? '2026-10-01' : '2026-11-01'),
        to: input.to ?? (input.period === 'quarter' ? '2026-12-31' : '2026-11-30'),
        groupBy: input.groupBy ?? null,
        groups: input.groupBy === 'station' ? stationGroups() : [figuresGroup(null, '无承办单位')],
      }),
    );

  it('shows this month: the headline numbers large, with their Chinese names', async () => {
    const calls = serveFunctions(wxMock, { office: { figures: answer } });

    const page = await open();

    expect(calls.map((call) => call.data)).toEqual([{ period: 'month', groupBy: 'station' }]);
    expect(textOf(page.querySelector('.period-dates') as Found)).toBe('2026-11-01 至 2026-11-30');
    expect(textOf(page.querySelector('.tile-accepted') as Found)).toBe('793 件受理');
    expect(textOf(page.querySelector('.tile-replied') as Found)).toBe('778 件办理回复');
    expect(textOf(page.querySelector('.tile-inProgress') as Found)).toBe('15 件正在办理');
    expect(textOf(page.querySelector('.tile-onTimeRate') as Found)).toBe('100 %按期回复率');
    expect(textOf(page.querySelector('.tile-satisfactionRate') as Found)).toBe('99.61 %满意率');
    expect(textOf(page.querySelector('.detail-overdue') as Found)).toBe('超期未办结2 件');
    expect(textOf(page.querySelector('.detail-medianReplyWorkingDays') as Found)).toBe(
      '回复用时中位数3.5 个工作日',
    );
  });

  it('draws the satisfaction split as a bar, and says it in words', async () => {
    serveFunctions(wxMock, {
      office: {
        figures: () =>
          ok(
            figuresView({
              total: caseFigures({
                rated: 300,
                satisfied: 291,
                basicallySatisfied: 9,
                unsatisfied: 0,
                satisfiedShare: 97,
                basicallySatisfiedShare: 3,
                unsatisfiedShare: 0,
              }),
            }),
          ),
      },
    });

    const page = await open();

    expect(textOf(page.querySelector('.satisfaction') as Found)).toContain('已评价 300 件');
    expect(page.querySelector('.satisfaction .stack__part--satisfied')?.dom?.getAttribute('style')).toContain(
      'width: 97%',
    );
    expect(textOf(page.querySelector('.satisfaction .legend-basically') as Found)).toBe('基本满意9 件 · 3%');
  });

  it('switches period: 本季度 by name, 自定义 from the dates shown, and keeps from before to', async () => {
    const calls = serveFunctions(wxMock, { office: { figures: answer } });
    const page = await open();

    await tap(page.querySelector('.period-quarter'));
    expect(textOf(page.querySelector('.period-dates') as Found)).toBe('2026-10-01 至 2026-12-31');

    await tap(page.querySelector('.period-custom'));
    expect(calls).toHaveLength(2);
    page.querySelector('.to')?.dispatchEvent('change', { detail: { value: '2026-11-15' } });
    await settle();
    page.querySelector('.from')?.dispatchEvent('change', { detail: { value: '2026-12-01' } });
    await settle();

    expect(calls.map((call) => call.data)).toEqual([
      { period: 'month', groupBy: 'station' },
      { period: 'quarter', groupBy: 'station' },
      { from: '2026-10-01', to: '2026-11-15', groupBy: 'station' },
      { from: '2026-12-01', to: '2026-12-01', groupBy: 'station' },
    ]);
  });

  it('draws one bar per station, and a tap narrows the scope to it until its chip is taken away', async () => {
    const calls = serveFunctions(wxMock, { office: { figures: answer } });
    const page = await open();

    const first = page.querySelector('.bar-0') as Found;
    expect(textOf(first)).toBe('东街街道代表之家500 件受理 500 件 · 满意率 99.8%');
    expect(page.querySelector('.bar-1 .bar__fill')?.dom?.getAttribute('style')).toContain('width: 58.6%');

    await tap(first);
    expect(calls[1].data).toEqual({ period: 'month', stationId: 'station-1', groupBy: 'unit' });
    expect(textOf(page.querySelector('.scope-station') as Found)).toContain('联络站：东街街道代表之家');

    await tap(page.querySelector('.scope-station'));
    expect(calls[2].data).toEqual({ period: 'month', groupBy: 'station' });
    expect(textOf(page)).not.toContain('联络站：东街街道代表之家');
  });

  it('measures the bars by another figure without asking again', async () => {
    const calls = serveFunctions(wxMock, { office: { figures: answer } });
    const page = await open();

    await tap(page.querySelector('.metric-satisfactionRate'));

    expect(calls).toHaveLength(1);
    expect(textOf(page.querySelector('.bar-0 .bar__value') as Found)).toBe('99.8%');
    expect(page.querySelector('.bar-1 .bar__fill')?.dom?.getAttribute('style')).toContain('width: 97.2%');
  });

  it('cannot narrow to cases without a unit, and says so', async () => {
    serveFunctions(wxMock, { office: { figures: answer } });
    const page = await open();
    await tap(byText(page, '.chip', '按承办单位'));

    await tap(page.querySelector('.bar-0'));

    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '“无承办单位”不能单独查看' }),
    );
  });

  it('says when the period has no case, and shows errors with 重试', async () => {
    let failing = true;
    serveFunctions(wxMock, {
      office: {
        figures: () =>
          failing
            ? fail('INPUT.INVALID', '时间段最长十年', { from: '时间段最长十年' })
            : ok(figuresView({ total: caseFigures({ accepted: 0 }) })),
      },
    });
    const page = await open();
    expect(textOf(page)).toContain('时间段最长十年');

    failing = false;
    await tapStateAction(page);

    expect(textOf(page)).toContain('这段时间没有受理的诉求');
    expect(textOf(page)).toContain('本季度');
  });

  it("gives station staff their stations' share, through the station function", async () => {
    const calls = serveFunctions(wxMock, { station: { caseFigures: answer } });

    const page = await open({ audience: 'station', stationId: 'station-2' });

    expect(calls).toEqual([
      {
        name: 'station',
        action: 'caseFigures',
        data: { period: 'month', groupBy: 'category', stationId: 'station-2' },
      },
    ]);
    expect(textOf(page.querySelector('.scope-all') as Found)).toBe('本联络站');
  });
});
