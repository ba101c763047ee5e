import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tapStateAction, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { stationFiguresView } from './mothers';

describe('station figures', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(
    query: Record<string, string> = { from: '2026-01-01', to: '2026-11-30' },
  ): Promise<Found> {
    const page = render('pages/station/figures/index');
    page.instance.onLoad(query);
    await settle();
    return page;
  }

  it('shows the figures stations publish for the period', async () => {
    const calls = serveFunctions(wxMock, { station: { figures: () => ok(stationFiguresView()) } });

    const page = await open();

    expect(calls.map((call) => call.data)).toEqual([{ from: '2026-01-01', to: '2026-11-30' }]);
    expect(textOf(page.querySelector('.visits') as Found)).toContain('68 人次');
    expect(textOf(page.querySelector('.suggestions') as Found)).toContain('56 件');
    expect(textOf(page.querySelector('.handled') as Found)).toContain('55 件');
    expect(textOf(page.querySelector('.remaining') as Found)).toContain('1 件');
    expect(textOf(page.querySelector('.on-spot') as Found)).toContain('12');
    expect(textOf(page.querySelector('.overdue') as Found)).toContain('0 件');
  });

  it('counts withdrawn appeals (已撤回) apart, and says nothing of them when there are none', async () => {
    serveFunctions(wxMock, { station: { figures: () => ok(stationFiguresView({ withdrawn: 2 })) } });
    const page = await open();
    expect(textOf(page.querySelector('.withdrawn') as Found)).toBe('另有群众撤回（已撤回） 2 件');

    serveFunctions(wxMock, { station: { figures: () => ok(stationFiguresView({ withdrawn: 0 })) } });
    const none = await open();
    expect(none.querySelector('.withdrawn')).toBeUndefined();
  });

  it('asks again for another period, keeping from before to', async () => {
    const calls = serveFunctions(wxMock, { station: { figures: () => ok(stationFiguresView()) } });
    const page = await open();

    page.querySelector('.from')?.dispatchEvent('change', { detail: { value: '2026-12-05' } });
    await settle();

    expect(calls.map((call) => call.data)[1]).toEqual({ from: '2026-12-05', to: '2026-12-05' });
  });

  it('says so when nothing happened, and shows errors with 重试', async () => {
    let failing = true;
    serveFunctions(wxMock, {
      station: {
        figures: () =>
          failing
            ? fail('INTERNAL', '服务暂时不可用，请稍后再试')
            : ok(stationFiguresView({ visits: 0, suggestions: 0, handled: 0, remaining: 0 })),
      },
    });
    const page = await open();
    expect(textOf(page)).toContain('服务暂时不可用');

    failing = false;
    await tapStateAction(page);

    expect(textOf(page)).toContain('这段时间没有来访和意见建议');
  });
});
