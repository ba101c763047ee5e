import type { CaseworkListItem, QueueView } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, tapStateAction, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { caseworkListItem, deadlineView, meView } from './mothers';

describe('casework queue', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  const QUEUES: Record<QueueView, CaseworkListItem[]> = {
    mine: [
      caseworkListItem({
        id: 'm1',
        caseNo: '20261121-0001-0001',
        summary: '路灯坏了',
        unitName: '东街街道办事处',
      }),
      caseworkListItem({
        id: 'm2',
        summary: '噪音扰民',
        deadline: deadlineView({ status: 'overdue' }),
        supervised: true,
        unread: true,
      }),
    ],
    // Nothing overdue unless a test says so: the workbench then opens on 我的.
    overdue: [],
    review: [],
    supervised: [caseworkListItem({ id: 's1', summary: '违建', supervised: true })],
  };

  function serve(roles: Parameters<typeof meView>[0]) {
    return serveFunctions(wxMock, {
      resident: { me: () => ok(meView(roles)) },
      casework: { queue: ({ view }) => ok({ items: QUEUES[view ?? 'mine'], nextCursor: null }) },
    });
  }

  async function open(): Promise<Found> {
    const page = render('pages/casework/queue/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  const tabs = (page: Found) => page.querySelectorAll('.tab').map((node) => textOf(node));
  const cards = (page: Found) => page.querySelectorAll('.case');

  it('shows 我的 and 已逾期 to a handling unit, opening on 我的 when nothing is overdue', async () => {
    const calls = serve(['unit']);

    const page = await open();

    expect(tabs(page)).toEqual(['我的', '已逾期']);
    expect(calls).toEqual([
      { name: 'resident', action: 'me', data: {} },
      { name: 'casework', action: 'queue', data: { view: 'overdue', cursor: null, limit: 20 } },
      { name: 'casework', action: 'queue', data: { view: 'mine', cursor: null, limit: 20 } },
    ]);
    expect(textOf(page)).toContain('东街街道办事处');
    expect(cards(page)).toHaveLength(2);
  });

  it('opens on 已逾期 when cases are overdue: their queue, overdue first', async () => {
    const overdueCase = caseworkListItem({
      id: 'o1',
      summary: '井盖缺失',
      deadline: deadlineView({ status: 'overdue' }),
    });
    const calls = serveFunctions(wxMock, {
      resident: { me: () => ok(meView(['staff'])) },
      casework: {
        queue: ({ view }) =>
          ok({ items: view === 'overdue' ? [overdueCase] : QUEUES[view ?? 'mine'], nextCursor: null }),
      },
    });

    const page = await open();

    expect(page.data.tab).toBe('overdue');
    expect(textOf(page.querySelector('.list-overdue') as Found)).toContain('井盖缺失');
    expect(calls.map((call) => call.data.view ?? call.action)).toEqual(['me', 'overdue']);
    await tap(page.querySelector('.tab-mine'));
    expect(textOf(page.querySelector('.list-mine') as Found)).toContain('路灯坏了');
  });

  it('adds 待审核 and 督办 for the office, each tab loaded once, with its own empty state', async () => {
    const calls = serve(['office']);
    const page = await open();
    expect(tabs(page)).toEqual(['我的', '已逾期', '待审核', '督办']);

    await tap(page.querySelector('.tab-review'));
    expect(textOf(page.querySelector('.list-review') as Found)).toContain('没有待审核的转办');
    await tap(page.querySelector('.tab-supervised'));
    expect(textOf(page.querySelector('.list-supervised') as Found)).toContain('违建');
    await tap(page.querySelector('.tab-review'));

    expect(calls.map((call) => call.data.view ?? call.action)).toEqual([
      'me',
      'overdue',
      'mine',
      'review',
      'supervised',
    ]);
  });

  it('hides 待审核 and 督办 from deputies and staff', async () => {
    serve(['deputy', 'staff']);

    expect(tabs(await open())).toEqual(['我的', '已逾期']);
  });

  it('tells someone with no handler role that the workbench is not for them, without asking for a queue', async () => {
    const calls = serve([]);

    const page = await open();

    expect(textOf(page)).toContain('办理工作台仅供代表、联络站工作人员、承办单位和代表工委使用');
    expect(page.querySelector('.tabs')).toBeFalsy();
    expect(calls.map((call) => call.action)).toEqual(['me']);
  });

  it('shows each case with its number, status, deadline badge, unit and 督办', async () => {
    serve(['staff']);
    const page = await open();

    const [first, second] = cards(page);
    expect(textOf(first)).toContain('20261121-0001-0001');
    expect(textOf(first)).toContain('路灯坏了');
    expect(textOf(first)).toContain('办理中');
    expect(textOf(first)).toContain('承办单位：东街街道办事处');
    expect(first.querySelector('.casework-card__deadline >>> .deadline__tag--ok')).toBeTruthy();
    expect(first.querySelector('.casework-card__supervised')).toBeFalsy();

    expect(textOf(second)).toContain('已逾期');
    expect(second.querySelector('.casework-card__deadline >>> .deadline__tag--overdue')).toBeTruthy();
    expect(second.querySelector('.casework-card__supervised')).toBeTruthy();
    expect(second.querySelector('.casework-card__dot')).toBeTruthy();
  });

  it('shows no deadline on a case that is answered', async () => {
    serveFunctions(wxMock, {
      resident: { me: () => ok(meView(['unit'])) },
      casework: {
        queue: () =>
          ok({
            items: [
              caseworkListItem({
                status: 'answered',
                statusLabel: '已答复',
                deadline: deadlineView({ status: 'overdue' }),
              }),
            ],
            nextCursor: null,
          }),
      },
    });

    const page = await open();

    expect(textOf(cards(page)[0])).not.toContain('已逾期');
    expect(page.querySelector('.case >>> .casework-card__deadline')).toBeFalsy();
  });

  it('pages on at the bottom and refreshes on pull-down', async () => {
    const calls = serveFunctions(wxMock, {
      resident: { me: () => ok(meView(['unit'])) },
      casework: {
        queue: ({ cursor }) =>
          cursor === 'c2'
            ? ok({ items: [caseworkListItem({ id: 'x', summary: '第二页的' })], nextCursor: null })
            : ok({ items: [caseworkListItem({ id: 'y', summary: '第一页的' })], nextCursor: 'c2' }),
      },
    });
    const page = await open();
    expect(textOf(page)).toContain('上拉加载更多');

    page.instance.onReachBottom();
    await settle();
    expect(cards(page).map((card) => textOf(card))).toEqual([
      expect.stringContaining('第一页的'),
      expect.stringContaining('第二页的'),
    ]);
    expect(textOf(page)).toContain('没有更多了');
    page.instance.onReachBottom();
    await settle();

    await page.instance.onPullDownRefresh();
    expect(calls.map((call) => call.data.cursor ?? null)).toEqual([null, null, 'c2', null]);
    expect(cards(page)).toHaveLength(1);
    expect(wxMock.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('keeps the list and offers a retry when the next page fails', async () => {
    let attempts = 0;
    serveFunctions(wxMock, {
      resident: { me: () => ok(meView(['unit'])) },
      casework: {
        queue: ({ cursor }) => {
          if (!cursor) return ok({ items: [caseworkListItem({ id: 'y' })], nextCursor: 'c2' });
          return ++attempts === 1
            ? { networkError: 'timeout' }
            : ok({ items: [caseworkListItem({ id: 'x' })], nextCursor: null });
        },
      },
    });
    const page = await open();

    page.instance.onReachBottom();
    await settle();
    expect(textOf(page.querySelector('.more-error') as Found)).toBe('网络不太好，请稍后重试，点击重试');

    await tap(page.querySelector('.more-error'));

    expect(cards(page)).toHaveLength(2);
  });

  it('opens a case on the case page every handler shares', async () => {
    serve(['unit']);
    const page = await open();

    await tap(page.querySelector('.case >>> .casework-card'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/deputy/case/index?id=m1' });
  });

  it('reads the open tab again when shown again after a case', async () => {
    const calls = serve(['unit']);
    const page = await open();

    page.instance.onShow();
    await settle();

    expect(calls.map((call) => call.data.view ?? call.action)).toEqual(['me', 'overdue', 'mine', 'mine']);
  });

  it('retries when asking who the caller is fails', async () => {
    let attempts = 0;
    serveFunctions(wxMock, {
      resident: { me: () => (++attempts === 1 ? { networkError: 'timeout' } : ok(meView(['unit']))) },
      casework: { queue: () => ok({ items: [caseworkListItem()], nextCursor: null }) },
    });
    const page = await open();
    expect(textOf(page)).toContain('网络不太好，请稍后重试');

    await tapStateAction(page);

    expect(cards(page)).toHaveLength(1);
  });

  it("shows the function's refusal of a queue without 重试", async () => {
    serveFunctions(wxMock, {
      resident: { me: () => ok(meView(['unit'])) },
      casework: { queue: () => fail('AUTH.FORBIDDEN', '您的单位已停用') },
    });

    const page = await open();

    expect(textOf(page)).toContain('您的单位已停用');
    expect(textOf(page)).not.toContain('重试');
  });
});
