import type { RankingsInput } from '../../miniprogram/core/api-accounts';
import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, tapStateAction, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { unitRankings } from './office-mothers';

/** 排行: units, stations and deputies for a period, sortable by column, each value with its change. */

describe('排行', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
    Object.assign(wx, { setNavigationBarTitle: jest.fn().mockResolvedValue({ errMsg: 'ok' }) });
  });

  async function open(query: Record<string, string> = {}): Promise<Found> {
    const page = render('pages/office/rankings/index');
    page.instance.onLoad(query);
    await settle();
    return page;
  }

  /** Answers as the function does: the sort asked for (or 满意率 from the highest), the rows in that order. */
  const answer = (input: RankingsInput) => {
    const view = unitRankings({ of: input.of });
    const sortBy = input.sortBy ?? 'satisfactionRate';
    const order = input.order ?? 'desc';
    const rows = [...view.rows].sort((a, b) => {
      const difference = (a.cells[sortBy]?.value ?? 0) - (b.cells[sortBy]?.value ?? 0);
      return order === 'desc' ? -difference : difference;
    });
    return ok({ ...view, sortBy, order, rows: rows.map((row, index) => ({ ...row, rank: index + 1 })) });
  };

  it("ranks the units this month, the sorted column large with its change against last month's", async () => {
    const calls = serveFunctions(wxMock, { office: { rankings: answer } });

    const page = await open();

    expect(calls.map((call) => call.data)).toEqual([{ of: 'unit', period: 'month' }]);
    expect(textOf(page.querySelector('.ranked-0') as Found)).toContain('1东街街道办事处99.5% 满意率 ▲ 1.5');
    expect(textOf(page.querySelector('.ranked-1 .cell-overdue') as Found)).toBe('超期未办结3▲ 3');
    expect(page.querySelector('.ranked-1 .cell-overdue .change--worse')).toBeDefined();
    expect(textOf(page.querySelector('.previous') as Found)).toBe('变化与上期比较：2026-10-01 至 2026-10-31');
  });

  it('sorts by a tapped column, and turns the order on a second tap', async () => {
    const calls = serveFunctions(wxMock, { office: { rankings: answer } });
    const page = await open();

    await tap(page.querySelector('.sort-overdue'));
    expect(textOf(page.querySelector('.ranked-0') as Found)).toContain('市住建局');
    expect(textOf(page.querySelector('.sort-overdue') as Found)).toBe('超期未办结 ↓');

    await tap(page.querySelector('.sort-overdue'));
    expect(textOf(page.querySelector('.ranked-0') as Found)).toContain('东街街道办事处');

    expect(calls.map((call) => call.data).slice(1)).toEqual([
      { of: 'unit', period: 'month', sortBy: 'overdue', order: 'desc' },
      { of: 'unit', period: 'month', sortBy: 'overdue', order: 'asc' },
    ]);
  });

  it('switches to stations and deputies, each with its own default sort, and to another period', async () => {
    const calls = serveFunctions(wxMock, { office: { rankings: answer } });
    const page = await open();
    await tap(page.querySelector('.sort-cases'));

    await tap(page.querySelector('.tab-deputy'));
    await tap(page.querySelector('.period-year'));

    expect(calls.map((call) => call.data).slice(2)).toEqual([
      { of: 'deputy', period: 'month' },
      { of: 'deputy', period: 'year', sortBy: 'satisfactionRate', order: 'desc' },
    ]);
  });

  it('says when there is nothing to rank, and shows errors with 重试', async () => {
    let failing = true;
    serveFunctions(wxMock, {
      office: {
        rankings: () =>
          failing
            ? fail('INPUT.INVALID', '排序列不正确', { sortBy: '排序列不正确' })
            : ok(unitRankings({ rows: [] })),
      },
    });
    const page = await open();
    expect(textOf(page)).toContain('排序列不正确');

    failing = false;
    await tapStateAction(page);

    expect(textOf(page)).toContain('这段时间没有可排行的数据');
  });

  it("gives station staff their stations' rankings through the station function", async () => {
    const calls = serveFunctions(wxMock, { station: { rankings: answer } });

    await open({ audience: 'station', stationId: 'station-1', of: 'deputy' });

    expect(calls).toEqual([
      {
        name: 'station',
        action: 'rankings',
        data: { of: 'deputy', period: 'month', stationId: 'station-1' },
      },
    ]);
  });
});
