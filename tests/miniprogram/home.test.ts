import { ok } from '../../miniprogram/core/result';
import { byText, installWx, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { meView } from './mothers';

describe('home page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  const scan = (page: Found) => tap(byText(page, '.home__scan', '提诉求'));

  it('tells a resident how to start an appeal', () => {
    const text = textOf(render('pages/home/index'));

    expect(text).toContain('民意直通车');
    expect(text).toContain('扫描代表或联络站的二维码即可反映诉求');
  });

  it("opens the landing page for a printed QR code's URL", async () => {
    wxMock.scanCode.mockResolvedValue({ result: 'https://example.org/daibiao?d=D00001', path: '' });
    const page = render('pages/home/index');

    await scan(page);

    expect(wxMock.scanCode).toHaveBeenCalledTimes(1);
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/landing/index?type=deputy&code=D00001' });
  });

  it('follows the page path of a code of this mini-program', async () => {
    wxMock.scanCode.mockResolvedValue({ result: '', path: 'pages/landing/index?scene=d%3DD00001' });
    const page = render('pages/home/index');

    await scan(page);

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/landing/index?scene=d%3DD00001' });
  });

  it('explains when the code is not a deputy or station code', async () => {
    wxMock.scanCode.mockResolvedValue({ result: 'https://example.org/menu', path: '' });
    const page = render('pages/home/index');

    await scan(page);

    expect(wxMock.navigateTo).not.toHaveBeenCalled();
    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '不是代表码' }));
  });

  it('stays quiet when the resident closes the scanner', async () => {
    wxMock.scanCode.mockRejectedValue({ errMsg: 'scanCode:fail cancel' });
    const page = render('pages/home/index');

    await scan(page);

    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(wxMock.showToast).not.toHaveBeenCalled();
  });

  it('says so when the scan fails', async () => {
    wxMock.scanCode.mockRejectedValue({ errMsg: 'scanCode:fail' });
    const page = render('pages/home/index');

    await scan(page);

    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '没有识别出二维码，请重试' }),
    );
  });

  it("leads to the resident's own appeals", async () => {
    const page = render('pages/home/index');

    await tap(byText(page, '.home__mine', '我的诉求'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/my-cases/index' });
  });

  it('leads to 找代表, to find a deputy or station without a code', async () => {
    const page = render('pages/home/index');

    await tap(byText(page, '.home__find', '找代表'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/find/index' });
  });

  /** Renders the page and shows it, as WeChat does after loading it. */
  async function shown(roles: Parameters<typeof meView>[0]) {
    const calls = serveFunctions(wxMock, { resident: { me: () => ok(meView(roles)) } });
    const page = render('pages/home/index');
    page.instance.onShow();
    await settle();
    return { page, calls };
  }

  it('offers a resident the three entries everyone has, no role entry, and binding only at the foot', async () => {
    const { page, calls } = await shown([]);

    expect(calls).toEqual([{ name: 'resident', action: 'me', data: {} }]);
    const buttons = page.querySelectorAll('.home__entry').map((b) => textOf(b).trim());
    expect(buttons).toEqual(['提诉求（扫一扫）', '我的诉求', '找代表']);
    expect(page.querySelectorAll('.home__work')).toHaveLength(0);
    await tap(byText(page, '.home__bind', '绑定代表/工作人员身份'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });

  it.each([
    ['deputy', '.home__deputy', '收到的诉求', '/pages/deputy/inbox/index'],
    ['staff', '.home__station', '联络站', '/pages/station/overview/index'],
    ['office', '.home__office', '代表工委', '/pages/office/home/index'],
    ['unit', '.home__casework', '办理工作台', '/pages/casework/queue/index'],
  ] as const)('shows %s its own entry first, and no other role’s', async (role, selector, label, url) => {
    const { page } = await shown([role]);

    const buttons = page.querySelectorAll('.home__entry').map((b) => textOf(b).trim());
    expect(buttons).toEqual([label, '提诉求（扫一扫）', '我的诉求', '找代表']);
    expect(textOf(page)).not.toContain('绑定代表/工作人员身份');
    await tap(byText(page, selector, label));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url });
  });

  it('shows each entry of someone with two roles', async () => {
    const { page } = await shown(['deputy', 'staff']);

    const buttons = page.querySelectorAll('.home__work .home__entry').map((b) => textOf(b).trim());
    expect(buttons).toEqual(['收到的诉求', '联络站']);
  });

  it('leads the congress office to its own entry point, 代表工委, and no one else', async () => {
    const { page } = await shown(['office']);

    await tap(byText(page, '.home__office', '代表工委'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/office/home/index' });

    const { page: deputy } = await shown(['deputy', 'staff', 'unit']);
    expect(textOf(deputy)).not.toContain('代表工委');
  });

  it('leads a station’s 分管领导 to 我的值班 only: they handle no cases', async () => {
    const { page } = await shown(['leader']);

    expect(textOf(page)).not.toContain('办理工作台');
    expect(textOf(page)).not.toContain('绑定身份');
    await tap(byText(page, '.home__duties', '我的值班'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/deputy/duties/index' });
  });

  it('asks who the user is once, when first shown, and again after a failure', async () => {
    let attempts = 0;
    const calls = serveFunctions(wxMock, {
      resident: { me: () => (++attempts === 1 ? { networkError: 'timeout' } : ok(meView(['unit']))) },
    });
    const page = render('pages/home/index');
    expect(calls).toEqual([]);

    page.instance.onShow();
    await settle();
    expect(textOf(page)).not.toContain('办理工作台');
    expect(textOf(page)).toContain('绑定代表/工作人员身份');
    expect(wxMock.showToast).not.toHaveBeenCalled();

    page.instance.onShow();
    await settle();
    page.instance.onShow();
    await settle();

    expect(calls).toHaveLength(2);
    expect(textOf(page)).toContain('办理工作台');
  });
});
