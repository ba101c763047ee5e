import { installWx, render, settle } from './helpers';
import type { WxMock } from './helpers';

describe('home page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  function scanButton(page: ReturnType<typeof render>) {
    const button = page.querySelectorAll('.home__scan').find((node) => node.dom?.textContent === '扫一扫');
    if (!button) throw new Error('no 扫一扫 button on the page');
    return button;
  }

  it('tells a resident how to start an appeal', () => {
    const text = render('pages/home/index').dom?.textContent;

    expect(text).toContain('民意直通车');
    expect(text).toContain('扫描代表或联络站的二维码即可反映诉求');
  });

  it('scans a code and shows what it read', async () => {
    wxMock.scanCode.mockResolvedValue({ result: 'https://example.org/d/abc123', path: '' });
    const page = render('pages/home/index');

    scanButton(page).dispatchEvent('tap');
    await settle();

    expect(wxMock.scanCode).toHaveBeenCalledTimes(1);
    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: 'https://example.org/d/abc123' }),
    );
  });

  it('prefers the page path of a code of this mini-program', async () => {
    wxMock.scanCode.mockResolvedValue({ result: '', path: 'pages/home/index?scene=d%3Dabc123' });
    const page = render('pages/home/index');

    scanButton(page).dispatchEvent('tap');
    await settle();

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: 'pages/home/index?scene=d%3Dabc123' }),
    );
  });

  it('stays quiet when the resident closes the scanner', async () => {
    wxMock.scanCode.mockRejectedValue({ errMsg: 'scanCode:fail cancel' });
    const page = render('pages/home/index');

    scanButton(page).dispatchEvent('tap');
    await settle();

    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(wxMock.showToast).not.toHaveBeenCalled();
  });

  it('says so when the scan fails', async () => {
    wxMock.scanCode.mockRejectedValue({ errMsg: 'scanCode:fail' });
    const page = render('pages/home/index');

    scanButton(page).dispatchEvent('tap');
    await settle();

    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '没有识别出二维码，请重试' }),
    );
  });
});
