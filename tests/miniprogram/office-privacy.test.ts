import type { QueueView, RetentionView } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { byText, installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Answer, Found, WxMock } from './helpers';
import { AT, meView, retentionView } from './mothers';

/** 个人信息保护: the office sets how long finished cases keep their personal data. */

describe('个人信息保护', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(): Promise<Found> {
    const page = render('pages/office/privacy/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  const days = (page: Found) => page.querySelector('.retention-days');

  it('shows the period, its bounds, and what the timer last removed', async () => {
    serveFunctions(wxMock, {
      office: {
        retention: () =>
          ok(
            retentionView({
              closedCaseDays: 90,
              updatedAt: AT,
              lastRun: { at: AT, cases: 12, photos: 20, visits: 3, failed: 1, more: true },
            }),
          ),
      },
    });

    const page = await open();

    expect(days(page)?.data.value).toBe('90');
    expect(textOf(page.querySelector('.retention-bounds') as Found)).toBe(
      '可设置 30–1095 天，默认 180 天（2026-11-21 10:30 修改）',
    );
    expect(textOf(page.querySelector('.retention-last-run') as Found)).toBe(
      '2026-11-21 10:30 删除 12 件诉求的个人信息、20 张照片、3 条来访登记中的姓名和电话；1 件暂未处理，下次重试；还有待删除的，下次继续',
    );
  });

  it('saves a period within the bounds, and refuses one outside them before sending it', async () => {
    const saved: Array<{ closedCaseDays: number }> = [];
    const calls = serveFunctions(wxMock, {
      office: {
        retention: () => ok(retentionView()),
        setRetention: (input) => {
          saved.push(input);
          return ok(retentionView({ closedCaseDays: input.closedCaseDays, updatedAt: AT }));
        },
      },
    });
    const page = await open();
    expect(textOf(page.querySelector('.retention-last-run') as Found)).toBe('尚未运行');

    await type(days(page), '10');
    await tap(page.querySelector('.retention-save'));
    expect(textOf(page.querySelector('.retention-error') as Found)).toBe('请填写 30 到 1095 之间的整数天数');
    expect(calls.map((c) => c.action)).toEqual(['retention']);

    await type(days(page), '365');
    await tap(page.querySelector('.retention-save'));

    expect(saved).toEqual([{ closedCaseDays: 365 }]);
    expect(days(page)?.data.value).toBe('365');
    expect(page.querySelector('.retention-error')).toBeFalsy();
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' });
  });

  it('shows the function’s refusal beside the field', async () => {
    const answer: Answer<RetentionView> = fail('AUTH.FORBIDDEN', '只有代表工委可以设置个人信息保存期限');
    serveFunctions(wxMock, { office: { retention: () => ok(retentionView()), setRetention: () => answer } });
    const page = await open();

    await tap(page.querySelector('.retention-save'));

    expect(textOf(page.querySelector('.retention-error') as Found)).toBe(
      '只有代表工委可以设置个人信息保存期限',
    );
  });

  it('is reached from the office’s casework queue', async () => {
    serveFunctions(wxMock, {
      resident: { me: () => ok(meView(['office'])) },
      casework: { queue: ({ view }: { view?: QueueView }) => ok({ items: [], nextCursor: null, view }) },
    });
    const queue = render('pages/casework/queue/index');
    queue.instance.onLoad({});
    await settle();

    await tap(byText(queue, '.queue__privacy', '个人信息保护'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/office/privacy/index' });
  });
});
