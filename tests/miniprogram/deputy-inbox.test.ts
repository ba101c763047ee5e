import { fail, ok } from '../../miniprogram/core/result';
import type { InboxTab } from '../../miniprogram/core/api';
import { byText, installWx, render, serveFunctions, settle, tap, tapStateAction, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { deputyCaseListItem, inboxView } from './mothers';

describe('deputy inbox', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  const counts = { new: 2, in_progress: 3, overdue: 1, awaiting_rating: 4, done: 6, all: 15 };

  /** Answers each tab with its own items, as the function would. */
  function serveTabs() {
    return serveFunctions(wxMock, {
      deputy: {
        inbox: ({ tab }) => {
          const items: Record<InboxTab, ReturnType<typeof deputyCaseListItem>[]> = {
            new: [
              deputyCaseListItem({ id: 'o1', summary: '路灯坏了', unread: true }),
              deputyCaseListItem({ id: 'o2', summary: '噪音扰民', submitter: '匿名群众', phoneMasked: null }),
            ],
            in_progress: [
              deputyCaseListItem({
                id: 'p1',
                summary: '井盖松动',
                status: 'in_progress',
                statusLabel: '办理中',
              }),
            ],
            overdue: [
              deputyCaseListItem({
                id: 'l1',
                summary: '占道经营',
                status: 'accepted',
                statusLabel: '已受理',
              }),
            ],
            awaiting_rating: [
              deputyCaseListItem({
                id: 'a1',
                summary: '垃圾清运',
                status: 'answered',
                statusLabel: '已答复',
              }),
            ],
            done: [
              deputyCaseListItem({ id: 'c1', summary: '楼道照明', status: 'closed', statusLabel: '已办结' }),
            ],
            all: [],
          };
          return ok(inboxView({ items: items[tab ?? 'new'], counts, unread: 1 }));
        },
      },
    });
  }

  async function open(): Promise<Found> {
    const page = render('pages/deputy/inbox/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  it('shows the new cases with submitter, masked phone, place, status and the unread count', async () => {
    const calls = serveTabs();

    const page = await open();

    expect(calls).toEqual([
      { name: 'deputy', action: 'inbox', data: { tab: 'new', cursor: null, limit: 20 } },
    ]);
    const [first, second] = page.querySelectorAll('.case');
    expect(textOf(first)).toContain('路灯坏了');
    expect(textOf(first)).toContain('张女士');
    expect(textOf(first)).toContain('138****1234');
    expect(textOf(first)).toContain('地点：东街 88 号');
    expect(textOf(first)).toContain('待受理');
    expect(first.querySelector('.case-card__dot')).toBeTruthy();
    expect(textOf(second)).toContain('匿名群众');
    expect(second.querySelector('.case-card__dot')).toBeFalsy();
    expect(textOf(page)).toContain('1 条未读');
  });

  it('shows the count on every tab', async () => {
    serveTabs();

    const page = await open();

    expect(textOf(page.querySelector('.tab-new') as Found)).toBe('新收到 2');
    expect(textOf(page.querySelector('.tab-in_progress') as Found)).toBe('办理中 3');
    expect(textOf(page.querySelector('.tab-overdue') as Found)).toBe('已逾期 1');
    expect(textOf(page.querySelector('.tab-awaiting_rating') as Found)).toBe('待评价 4');
    expect(textOf(page.querySelector('.tab-done') as Found)).toBe('已办结 6');
    expect(textOf(page.querySelector('.tab-all') as Found)).toBe('全部 15');
    expect(page.querySelector('.tab-overdue')?.dom?.className).toContain('inbox__tab--late');
    expect(page.querySelector('.tab-new')?.dom?.className).toContain('tab--active');
  });

  it('switches tabs, loading each once, with an empty state of its own', async () => {
    const calls = serveTabs();
    const page = await open();

    await tap(page.querySelector('.tab-in_progress'));
    expect(textOf(page.querySelector('.list-in_progress') as Found)).toContain('井盖松动');
    expect(page.querySelector('.tab-in_progress')?.dom?.className).toContain('tab--active');

    await tap(page.querySelector('.tab-overdue'));
    expect(textOf(page.querySelector('.list-overdue') as Found)).toContain('占道经营');

    await tap(page.querySelector('.tab-awaiting_rating'));
    expect(textOf(page.querySelector('.list-awaiting_rating') as Found)).toContain('垃圾清运');

    await tap(page.querySelector('.tab-done'));
    expect(textOf(page.querySelector('.list-done') as Found)).toContain('楼道照明');

    await tap(page.querySelector('.tab-all'));
    expect(textOf(page.querySelector('.list-all') as Found)).toContain('还没有收到诉求');

    await tap(page.querySelector('.tab-new'));
    expect(textOf(page.querySelector('.list-new') as Found)).toContain('路灯坏了');
    expect(calls.map((call) => call.data.tab)).toEqual([
      'new',
      'in_progress',
      'overdue',
      'awaiting_rating',
      'done',
      'all',
    ]);
  });

  it('pages on at the bottom and refreshes on pull-down', async () => {
    let page2 = false;
    const calls = serveFunctions(wxMock, {
      deputy: {
        inbox: ({ cursor }) => {
          if (cursor === 'c2') {
            page2 = true;
            return ok(
              inboxView({ items: [deputyCaseListItem({ id: 'x', summary: '第二页的' })], nextCursor: null }),
            );
          }
          return ok(
            inboxView({ items: [deputyCaseListItem({ id: 'y', summary: '第一页的' })], nextCursor: 'c2' }),
          );
        },
      },
    });
    const page = await open();

    page.instance.onReachBottom();
    await settle();
    expect(page2).toBe(true);
    expect(page.querySelectorAll('.case')).toHaveLength(2);

    await page.instance.onPullDownRefresh();
    expect(calls[2].data).toMatchObject({ tab: 'new', cursor: null });
    expect(page.querySelectorAll('.case')).toHaveLength(1);
    expect(wxMock.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('opens a case in the deputy subpackage', async () => {
    serveTabs();
    const page = await open();

    await tap(page.querySelector('.case >>> .case-card'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/deputy/case/index?id=o1' });
    expect(textOf(page)).not.toContain('条未读');
  });

  it('leads to the deputy code', async () => {
    serveTabs();
    const page = await open();

    await tap(byText(page, '.my-code', '我的代表码'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/deputy/my-code/index' });
  });

  it('shows why a non-deputy cannot see an inbox', async () => {
    serveFunctions(wxMock, { deputy: { inbox: () => fail('AUTH.FORBIDDEN', '您还不是登记的人大代表') } });

    const page = await open();

    expect(textOf(page)).toContain('您还不是登记的人大代表');
    expect(textOf(page)).not.toContain('重试');
  });

  it('retries after a network failure', async () => {
    let attempts = 0;
    serveFunctions(wxMock, {
      deputy: { inbox: () => (++attempts === 1 ? { networkError: 'timeout' } : ok(inboxView())) },
    });
    const page = await open();
    expect(textOf(page)).toContain('网络不太好，请稍后重试');

    await tapStateAction(page);

    expect(page.querySelectorAll('.case')).toHaveLength(1);
  });
});
