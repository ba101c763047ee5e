import { fail, ok } from '../../miniprogram/core/result';
import type { CaseListItem, Page } from '../../miniprogram/core/api';
import { installWx, render, serveFunctions, settle, tap, tapStateAction, textOf } from './helpers';
import type { Answer, Found, WxMock } from './helpers';
import { caseListItem } from './mothers';

describe('my cases page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  function serve(...pages: Array<Answer<Page<CaseListItem>>>) {
    let next = 0;
    return serveFunctions(wxMock, { resident: { myCases: () => pages[Math.min(next++, pages.length - 1)] } });
  }

  async function open(): Promise<Found> {
    const page = render('pages/my-cases/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  it('lists the appeals with summary, kind, category, case number, status and date', async () => {
    serve(ok({ items: [caseListItem({ status: 'in_progress', statusLabel: '办理中' })], nextCursor: null }));

    const page = await open();

    const card = page.querySelector('.case') as Found;
    const text = textOf(card);
    expect(text).toContain('小区门口垃圾三天没人清运');
    expect(text).toContain('投诉 · 环境卫生');
    expect(text).toContain('20261121-4821-3095');
    expect(text).toContain('正在办理');
    expect(text).toContain('2026-11-21');
    expect(card.querySelector('.case-card__status >>> .status-tag--info')).toBeTruthy();
  });

  it('says an answered appeal waits for the resident, in plain words', async () => {
    serve(ok({ items: [caseListItem({ status: 'answered', statusLabel: '已答复' })], nextCursor: null }));

    const text = textOf((await open()).querySelector('.case') as Found);

    expect(text).toContain('待您评价');
    expect(text).not.toContain('已答复');
  });

  it('marks the appeals with news the resident has not read', async () => {
    serve(
      ok({
        items: [caseListItem({ id: 'a', unread: true }), caseListItem({ id: 'b', unread: false })],
        nextCursor: null,
      }),
    );

    const page = await open();

    const [unread, read] = page.querySelectorAll('.case');
    expect(unread.querySelector('.case-card__dot')).toBeTruthy();
    expect(read.querySelector('.case-card__dot')).toBeFalsy();
  });

  it('opens a case, and its dot goes', async () => {
    serve(ok({ items: [caseListItem({ id: 'case-7', unread: true })], nextCursor: null }));
    const page = await open();

    await tap(page.querySelector('.case >>> .case-card'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/case/index?id=case-7' });
    expect(page.querySelector('.case >>> .case-card__dot')).toBeFalsy();
  });

  it('leads to 我的信息, also when there is no appeal yet', async () => {
    serve(ok({ items: [], nextCursor: null }));
    const page = await open();

    await tap(page.querySelector('.my-cases__my-data'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/my-data/index' });
  });

  it('says there is nothing yet, and how to start', async () => {
    serve(ok({ items: [], nextCursor: null }));

    const page = await open();

    expect(textOf(page)).toContain('还没有反映过诉求');
    expect(textOf(page)).toContain('扫描代表或联络站的二维码');
    await tapStateAction(page);
    expect(wxMock.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('loads the next page at the bottom of the list', async () => {
    const calls = serve(
      ok({ items: [caseListItem({ id: 'a', summary: '第一条' })], nextCursor: 'cursor-2' }),
      ok({ items: [caseListItem({ id: 'b', summary: '第二条' })], nextCursor: null }),
    );
    const page = await open();
    expect(textOf(page)).toContain('上拉加载更多');

    page.instance.onReachBottom();
    await settle();

    expect(calls[1].data).toMatchObject({ cursor: 'cursor-2' });
    expect(page.querySelectorAll('.case')).toHaveLength(2);
    expect(textOf(page)).toContain('第二条');
    expect(textOf(page)).toContain('没有更多了');
    page.instance.onReachBottom();
    await settle();
    expect(calls).toHaveLength(2);
  });

  it('starts again from the newest on pull-down refresh', async () => {
    const calls = serve(
      ok({ items: [caseListItem({ id: 'a', summary: '旧的' })], nextCursor: null }),
      ok({
        items: [caseListItem({ id: 'n', summary: '新的' }), caseListItem({ id: 'a' })],
        nextCursor: null,
      }),
    );
    const page = await open();

    await page.instance.onPullDownRefresh();

    expect(calls[1].data).toMatchObject({ cursor: null });
    expect(textOf(page)).toContain('新的');
    expect(wxMock.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('shows the error with 重试, and the list once it works', async () => {
    serve({ networkError: 'timeout' }, ok({ items: [caseListItem()], nextCursor: null }));
    const page = await open();
    expect(textOf(page)).toContain('网络不太好，请稍后重试');

    await tapStateAction(page);

    expect(textOf(page)).toContain('小区门口垃圾三天没人清运');
  });

  it("shows the function's own message", async () => {
    serve(fail('AUTH.UNIDENTIFIED', '请在微信中打开'));

    const page = await open();

    expect(textOf(page)).toContain('请在微信中打开');
  });
});
