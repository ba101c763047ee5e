import type { MeView } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import {
  deferred,
  installWx,
  renderFixture,
  serveFunctions,
  settle,
  tapStateAction,
  textOf,
} from './helpers';
import type { Answer, Found, WxMock } from './helpers';
import { meView } from './mothers';

/** The loadable behavior, through a page that has it and nothing else (fixtures/loadable-host). */
describe('a page that loads', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  /** Serves `resident.me` with the answers given, one a call, the last one again after that. */
  function serve(...answers: Array<Answer<MeView> | Promise<Answer<MeView>>>) {
    let next = 0;
    return serveFunctions(wxMock, { resident: { me: () => answers[Math.min(next++, answers.length - 1)] } });
  }

  async function open(): Promise<Found> {
    const page = renderFixture('loadable-host');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  const spinner = (page: Found) => page.querySelector('.state >>> .state-view__spinner');
  const retry = (page: Found) => page.querySelector('.state >>> .state-view__action');

  it('shows the loading state until the answer comes, then the content', async () => {
    const answer = deferred<Answer<MeView>>();
    serve(answer.promise);

    const page = await open();
    expect(spinner(page)).toBeTruthy();
    expect(textOf(page)).toContain('加载中…');

    answer.resolve(ok(meView(['deputy', 'staff'])));
    await settle();

    expect(spinner(page)).toBeFalsy();
    expect(textOf(page.querySelector('.names') as Found)).toBe('王建国、东街街道代表之家');
  });

  it('shows the empty state when there is nothing to show', async () => {
    serve(ok(meView([])));

    const page = await open();

    expect(textOf(page)).toContain('还没有绑定身份');
    expect(page.querySelector('.names')).toBeFalsy();
    expect(retry(page)).toBeFalsy();
  });

  it('shows the error with its message and 重试, which loads again', async () => {
    const second = deferred<Answer<MeView>>();
    serve({ networkError: 'timeout' }, second.promise);
    const page = await open();
    expect(textOf(page)).toContain('网络不太好，请稍后重试');
    expect(textOf(retry(page) as Found)).toBe('重试');

    await tapStateAction(page);
    expect(spinner(page)).toBeTruthy();
    expect(textOf(page)).not.toContain('网络不太好');

    second.resolve(ok(meView(['unit'])));
    await settle();
    expect(textOf(page.querySelector('.names') as Found)).toBe('东街街道办事处');
  });

  it('offers no 重试 when trying again cannot help', async () => {
    serve(fail('AUTH.FORBIDDEN', '您的账号已停用'));

    const page = await open();

    expect(textOf(page)).toContain('您的账号已停用');
    expect(retry(page)).toBeFalsy();
  });

  it('keeps what is shown while a pull-down refresh reads again, and shows what it read', async () => {
    const second = deferred<Answer<MeView>>();
    serve(ok(meView(['deputy'])), second.promise);
    const page = await open();

    const refreshing = page.instance.onPullDownRefresh();
    await settle();
    expect(spinner(page)).toBeFalsy();
    expect(textOf(page.querySelector('.names') as Found)).toBe('王建国');

    second.resolve(ok(meView(['deputy', 'office'])));
    await refreshing;
    expect(textOf(page.querySelector('.names') as Found)).toBe('王建国、人大常委会代表工委');
    expect(wxMock.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('keeps what is shown when a pull-down refresh fails, and says why in a toast', async () => {
    serve(ok(meView(['deputy'])), { networkError: 'timeout' });
    const page = await open();

    await page.instance.onPullDownRefresh();

    expect(textOf(page.querySelector('.names') as Found)).toBe('王建国');
    expect(textOf(page)).not.toContain('重试');
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '网络不太好，请稍后重试', icon: 'none' });
    expect(wxMock.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('shows the error when a pull-down refresh fails with nothing shown yet', async () => {
    serve({ networkError: 'timeout' }, fail('INTERNAL', '服务暂时不可用，请稍后再试'));
    const page = await open();

    await page.instance.onPullDownRefresh();

    expect(textOf(page)).toContain('服务暂时不可用，请稍后再试');
    expect(wxMock.showToast).not.toHaveBeenCalled();
  });
});
