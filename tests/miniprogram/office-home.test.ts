import { fail, ok } from '../../miniprogram/core/result';
import { byText, installWx, render, serveFunctions, settle, tap, tapStateAction, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { caseFigures, figuresView } from './office-mothers';

/** 代表工委: the office's one entry point, with this month at a glance and every office screen. */

describe('代表工委', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(): Promise<Found> {
    const page = render('pages/office/home/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  it("shows this month's headline figures, asked as this month", async () => {
    const calls = serveFunctions(wxMock, {
      office: { figures: () => ok(figuresView({ from: '2026-11-01', to: '2026-11-30' })) },
    });

    const page = await open();

    expect(calls.map((call) => call.data)).toEqual([{ period: 'month' }]);
    expect(textOf(page.querySelector('.month-accepted') as Found)).toContain('793');
    expect(textOf(page.querySelector('.month-satisfaction') as Found)).toContain('99.61%');
    expect(textOf(page.querySelector('.month-overdue') as Found)).toContain('2');
    expect(textOf(page)).toContain('2026-11-01 至 2026-11-30');
  });

  it('links every screen of the office, the existing ones too', async () => {
    serveFunctions(wxMock, { office: { figures: () => ok(figuresView()) } });
    const page = await open();

    const screens: Array<[string, string]> = [
      ['统计', '/pages/office/figures/index'],
      ['排行', '/pages/office/rankings/index'],
      ['代表履职', '/pages/office/deputies/index'],
      ['待处理的不满意', '/pages/office/unsatisfied/index'],
      ['问题类别与代表建议', '/pages/office/classes/index'],
      ['台账导出', '/pages/office/ledger/index'],
      ['双月反馈', '/pages/office/reports/index'],
      ['海报', '/pages/office/posters/index'],
      ['办理工作台', '/pages/casework/queue/index'],
      ['名册管理', '/pages/office/directory/index'],
      ['生成绑定码', '/pages/office/bind-codes/index'],
      ['个人信息保护', '/pages/office/privacy/index'],
    ];
    for (const [label] of screens) await tap(byText(page, '.entry', label));

    expect(wxMock.navigateTo.mock.calls.map(([options]) => options.url)).toEqual(
      screens.map(([, url]) => url),
    );
  });

  it("keeps the links when the month's figures fail, and reads them again on 重试", async () => {
    let failing = true;
    serveFunctions(wxMock, {
      office: {
        figures: () =>
          failing
            ? fail('INTERNAL', '服务暂时不可用，请稍后再试')
            : ok(figuresView({ total: caseFigures({ accepted: 0, overdue: 0, satisfactionRate: null }) })),
      },
    });
    const page = await open();
    expect(textOf(page)).toContain('服务暂时不可用');
    expect(textOf(page)).toContain('台账导出');

    failing = false;
    await tapStateAction(page);

    expect(textOf(page.querySelector('.month-satisfaction') as Found)).toContain('—');
    expect(textOf(page)).not.toContain('服务暂时不可用');
  });
});
