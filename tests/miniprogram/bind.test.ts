import type { MeView } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { byText, deferred, installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Answer, Found, WxMock } from './helpers';
import { meView } from './mothers';

const INVALID = '绑定码无效或已过期，请向代表工委重新获取';

describe('bind page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  const field = (page: Found) => page.querySelector('.bind-code');
  const submit = (page: Found) => tap(byText(page, '.bind-submit', '绑定'));
  const errorText = (page: Found) => {
    const node = page.querySelector('.bind-error');
    return node ? textOf(node) : '';
  };

  it('asks for the code in Chinese and calls nothing before the tap', () => {
    const calls = serveFunctions(wxMock, {});
    const page = render('pages/bind/index');

    expect(textOf(page)).toContain('绑定代表/工作人员身份');
    expect(textOf(page)).toContain('代表工委提供的绑定码');
    expect(calls).toEqual([]);
  });

  it('shows what is typed in upper case, grouped four and four', async () => {
    const page = render('pages/bind/index');

    await type(field(page), 'k7mx3');
    expect(field(page)?.data.value).toBe('K7MX-3');

    await type(field(page), 'ｋ７ｍｘ 3qpa-zz');
    expect(field(page)?.data.value).toBe('K7MX-3QPA');
    expect(errorText(page)).toBe('');
  });

  it('binds with the code and shows the roles, leading to 办理工作台', async () => {
    const calls = serveFunctions(wxMock, { resident: { bind: () => ok(meView(['staff', 'unit'])) } });
    const page = render('pages/bind/index');

    await type(field(page), 'k7mx-3qpa');
    await submit(page);

    expect(calls).toEqual([{ name: 'resident', action: 'bind', data: { code: 'K7MX3QPA' } }]);
    const text = textOf(page);
    expect(text).toContain('绑定成功');
    expect(text).toContain('联络站工作人员');
    expect(text).toContain('东街街道代表之家');
    expect(text).toContain('承办单位联络人');
    expect(text).toContain('东街街道办事处');
    expect(text).not.toContain('我的代表码');
    expect(page.querySelector('.bind-code')).toBeUndefined();
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '绑定成功' }));

    await tap(byText(page, '.bind-casework', '办理工作台'));
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/casework/queue/index' });
  });

  it('leads a deputy to their own code too', async () => {
    serveFunctions(wxMock, { resident: { bind: () => ok(meView(['deputy'])) } });
    const page = render('pages/bind/index');

    await type(field(page), 'K7MX3QPA');
    await submit(page);

    expect(textOf(page)).toContain('人大代表');
    expect(textOf(page)).toContain('王建国');
    await tap(byText(page, '.bind-my-code', '我的代表码'));
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/deputy/my-code/index' });
  });

  it('sends one call however often 绑定 is tapped while it is on its way', async () => {
    const answer = deferred<Answer<MeView>>();
    const calls = serveFunctions(wxMock, { resident: { bind: () => answer.promise } });
    const page = render('pages/bind/index');
    await type(field(page), 'K7MX3QPA');

    // A double tap: both taps arrive before anything has been answered.
    const button = byText(page, '.bind-submit', '绑定');
    button.dispatchEvent('tap');
    button.dispatchEvent('tap');
    await settle();
    expect(page.querySelector('.bind-submit')?.data).toMatchObject({ disabled: true, loading: true });
    await submit(page);

    answer.resolve(ok(meView(['office'])));
    await settle();
    expect(calls).toHaveLength(1);
    expect(textOf(page)).toContain('代表工委工作人员');
  });

  it("shows the function's message for an invalid code and lets the person try again", async () => {
    let attempts = 0;
    const calls = serveFunctions(wxMock, {
      resident: {
        bind: () =>
          ++attempts === 1 ? fail('BIND.INVALID', INVALID, { code: INVALID }) : ok(meView(['unit'])),
      },
    });
    const page = render('pages/bind/index');
    await type(field(page), 'K7MX3QPA');

    await submit(page);

    expect(errorText(page)).toBe(INVALID);
    expect(field(page)?.data.value).toBe('K7MX-3QPA');
    expect(page.querySelector('.bind-submit')?.data.disabled).toBe(false);

    await type(field(page), 'K7MX3QPB');
    expect(errorText(page)).toBe('');
    await submit(page);
    expect(calls).toHaveLength(2);
    expect(textOf(page)).toContain('绑定成功');
  });

  it('says when to try again after too many attempts', async () => {
    const message = '尝试次数过多，请于 15:42（约 37 分钟后）再试';
    serveFunctions(wxMock, {
      resident: { bind: () => fail('BIND.RATE_LIMITED', message, { code: message }) },
    });
    const page = render('pages/bind/index');
    await type(field(page), 'K7MX3QPA');

    await submit(page);

    expect(errorText(page)).toBe(message);
  });

  it('says so when the network fails', async () => {
    serveFunctions(wxMock, { resident: { bind: () => ({ networkError: 'timeout' }) } });
    const page = render('pages/bind/index');
    await type(field(page), 'K7MX3QPA');

    await submit(page);

    expect(errorText(page)).toBe('网络不太好，请稍后重试');
    expect(textOf(page)).not.toContain('绑定成功');
  });

  it('points out characters no code has and a code too short, without calling', async () => {
    const calls = serveFunctions(wxMock, {});
    const page = render('pages/bind/index');

    await submit(page);
    expect(errorText(page)).toBe('请输入绑定码');

    await type(field(page), 'K7MX-3QP');
    await submit(page);
    expect(errorText(page)).toBe('绑定码是 8 位，还差 1 位');

    await type(field(page), 'K7MX-0QPI');
    expect(errorText(page)).toBe('绑定码中没有「0」「I」，请核对后重新输入');
    await submit(page);
    expect(calls).toEqual([]);
  });
});

describe('home page link', () => {
  it('leads to the bind page, asks who the user is again on return, and is gone once bound', async () => {
    const wxMock = installWx();
    let roles: Parameters<typeof meView>[0] = [];
    const calls = serveFunctions(wxMock, { resident: { me: () => ok(meView(roles)) } });
    const page = render('pages/home/index');
    page.instance.onShow();
    await settle();
    expect(textOf(page)).not.toContain('办理工作台');

    await tap(byText(page, '.home__bind', '绑定代表/工作人员身份'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });

    roles = ['deputy'];
    page.instance.onShow();
    await settle();
    expect(calls.filter((c) => c.action === 'me')).toHaveLength(2);
    expect(textOf(page)).toContain('收到的诉求');
    expect(page.querySelector('.home__bind')).toBeUndefined();
  });
});
