import type { DeputyRecordInput } from '../../miniprogram/core/api-accounts';
import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, tapStateAction, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { deputyRecordDetail } from './office-mothers';

/** 代表履职档案 for the office: every number, and behind it the cases or days that make it. */

describe('代表履职档案', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(query: Record<string, string> = { deputyId: 'deputy-lin' }): Promise<Found> {
    const page = render('pages/office/deputy-record/index');
    page.instance.onLoad(query);
    await settle();
    return page;
  }

  it("shows the deputy's figures for this year, the rates as percentages", async () => {
    const calls = serveFunctions(wxMock, { office: { deputyRecord: () => ok(deputyRecordDetail()) } });

    const page = await open();

    expect(calls.map((call) => call.data)).toEqual([{ deputyId: 'deputy-lin' }]);
    expect(textOf(page.querySelector('.record-head') as Found)).toContain(
      '林晓红 市人大代表 · 东街街道代表之家',
    );
    expect(textOf(page.querySelector('.line-received') as Found)).toBe('收到诉求3件 ▾');
    expect(textOf(page.querySelector('.line-onTimeRate') as Found)).toBe('按时答复率50.0%');
    expect(textOf(page.querySelector('.line-answeredLate') as Found)).toBe('超时答复1件 ▾');
    expect(textOf(page.querySelector('.line-receptionDaysAttended') as Found)).toBe('接待日到岗1天 ▾');
  });

  it('lists the cases behind a number, and a case opens on the case page', async () => {
    serveFunctions(wxMock, { office: { deputyRecord: () => ok(deputyRecordDetail()) } });
    const page = await open();

    await tap(page.querySelector('.line-answered'));
    const list = page.querySelector('.events-answered') as Found;
    expect(textOf(list)).toBe('答复：2 件 20261120-0002 · 2026-11-21 20261119-0001 · 2026-11-20');

    await tap(page.querySelectorAll('.events-answered .event')[1]);
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/deputy/case/index?id=case-20261119-0001' });

    await tap(page.querySelector('.line-answered'));
    expect(page.querySelector('.events-answered')).toBeUndefined();
  });

  it('lists the reception days behind attendance, and says when only the newest cases are listed', async () => {
    const view = deputyRecordDetail();
    view.events.received = { ...view.events.received, total: 250, more: true };
    serveFunctions(wxMock, { office: { deputyRecord: () => ok(view) } });
    const page = await open();

    await tap(page.querySelector('.line-receptionDaysRostered'));
    expect(textOf(page.querySelector('.events-receptionDaysRostered') as Found)).toBe(
      '接待日排班：2 天 2026-10-10 · 东街街道代表之家 2026-11-10 · 东街街道代表之家',
    );

    await tap(page.querySelector('.line-received'));
    expect(textOf(page.querySelector('.events-received') as Found)).toContain(
      '仅列出最新 3 件，缩短时段可查看其余',
    );
    expect(page.querySelector('.events-receptionDaysRostered')).toBeUndefined();
  });

  it('asks for another year', async () => {
    const asked: DeputyRecordInput[] = [];
    serveFunctions(wxMock, {
      office: {
        deputyRecord: (input) => {
          asked.push(input);
          return ok(
            deputyRecordDetail(input.from ? { period: { from: input.from, to: input.to ?? '' } } : {}),
          );
        },
      },
    });
    const page = await open();

    page.querySelector('.year-picker')?.dispatchEvent('change', { detail: { value: '1' } });
    await settle();

    expect(asked[1]).toEqual({ deputyId: 'deputy-lin', from: '2025-01-01', to: '2025-12-31' });
    expect(textOf(page.querySelector('.record-year') as Found)).toBe('2025年 ▾');
  });

  it("reads a station's deputy for its staff, and says when the deputy is not theirs", async () => {
    const calls = serveFunctions(wxMock, {
      station: { deputyRecord: () => fail('NOT_FOUND', '没有找到这位代表') },
    });

    const page = await open({ deputyId: 'deputy-x', audience: 'station', stationId: 'station-1' });

    expect(calls).toEqual([{ name: 'station', action: 'deputyRecord', data: { deputyId: 'deputy-x' } }]);
    expect(textOf(page)).toContain('没有找到这位代表');
    expect(page.querySelector('.state >>> .state-view__action')).toBeUndefined();
  });

  it('shows a failed read with 重试', async () => {
    let failing = true;
    serveFunctions(wxMock, {
      office: { deputyRecord: () => (failing ? { networkError: 'timeout' } : ok(deputyRecordDetail())) },
    });
    const page = await open();
    expect(textOf(page)).toContain('网络不太好');

    failing = false;
    await tapStateAction(page);

    expect(textOf(page)).toContain('林晓红');
  });
});
