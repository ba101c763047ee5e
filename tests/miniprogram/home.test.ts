import { byText, installWx, render, tap, textOf } from './helpers';
import type { Found, WxMock } from './helpers';

describe('home page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  const scan = (page: Found) => tap(byText(page, '.home__scan', '扫一扫'));

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

  it("leads to the resident's own appeals and to the deputies' inbox", async () => {
    const page = render('pages/home/index');

    await tap(byText(page, '.home__mine', '我的反映'));
    await tap(byText(page, '.home__deputy', '我是代表'));

    expect(wxMock.navigateTo).toHaveBeenNthCalledWith(1, { url: '/pages/my-cases/index' });
    expect(wxMock.navigateTo).toHaveBeenNthCalledWith(2, { url: '/pages/deputy/inbox/index' });
  });
});
