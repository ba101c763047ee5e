import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { myCodeView } from './mothers';

describe('deputy code page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
    wxMock.downloadFile.mockImplementation((options) => {
      options.success?.({
        statusCode: 200,
        tempFilePath: 'wxfile://tmp/code.png',
        errMsg: 'downloadFile:ok',
      } as WechatMiniprogram.DownloadFileSuccessCallbackResult);
      return {};
    });
  });

  async function open(): Promise<Found> {
    const page = render('pages/deputy/my-code/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  const imageSrc = (page: Found, selector: string) => page.querySelector(selector)?.data.src;

  it('shows the mini-program code, the printable QR code on its tab, the code and the name', async () => {
    const calls = serveFunctions(wxMock, { deputy: { myCode: () => ok(myCodeView()) } });

    const page = await open();

    expect(calls).toEqual([{ name: 'deputy', action: 'myCode', data: {} }]);
    expect(textOf(page)).toContain('王建国');
    expect(textOf(page)).toContain('代表码 D00001');
    expect(imageSrc(page, '.wxacode')).toBe(myCodeView().wxacodeImageUrl);
    expect(page.querySelector('.qr')).toBeFalsy();

    await tap(page.querySelector('.tab-qr'));

    expect(imageSrc(page, '.qr')).toBe(myCodeView().qrImageUrl);
    expect(page.querySelector('.wxacode')).toBeFalsy();
  });

  it('falls back to the QR code when WeChat made no mini-program code', async () => {
    serveFunctions(wxMock, { deputy: { myCode: () => ok(myCodeView({ wxacodeImageUrl: null })) } });

    const page = await open();

    expect(page.querySelector('.qr')).toBeTruthy();
    await tap(page.querySelector('.tab-wxacode'));
    expect(textOf(page)).toContain('小程序码暂时无法生成');
  });

  it('saves the code shown to the album', async () => {
    serveFunctions(wxMock, { deputy: { myCode: () => ok(myCodeView()) } });
    const page = await open();

    await tap(page.querySelector('.save'));

    expect(wxMock.downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: myCodeView().wxacodeImageUrl }),
    );
    expect(wxMock.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/code.png' });
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存到相册' }));
  });

  it('explains a refused album permission and offers the settings', async () => {
    serveFunctions(wxMock, { deputy: { myCode: () => ok(myCodeView()) } });
    wxMock.saveImageToPhotosAlbum.mockRejectedValue({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    const page = await open();

    await tap(page.querySelector('.save'));

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '需要相册权限', confirmText: '去设置' }),
    );
    expect(wxMock.openSetting).toHaveBeenCalled();
    expect(wxMock.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '已保存到相册' }));
  });

  it('leaves the settings alone when the deputy declines', async () => {
    serveFunctions(wxMock, { deputy: { myCode: () => ok(myCodeView()) } });
    wxMock.saveImageToPhotosAlbum.mockRejectedValue({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    wxMock.showModal.mockResolvedValue({ confirm: false, cancel: true });
    const page = await open();

    await tap(page.querySelector('.save'));

    expect(wxMock.openSetting).not.toHaveBeenCalled();
  });

  it('shares the landing page of this deputy', async () => {
    serveFunctions(wxMock, { deputy: { myCode: () => ok(myCodeView()) } });
    const page = await open();

    expect(page.instance.onShareAppMessage()).toEqual(
      expect.objectContaining({ path: '/pages/landing/index?type=deputy&code=D00001' }),
    );
  });

  it("shows the function's message for a caller who is not a deputy", async () => {
    serveFunctions(wxMock, { deputy: { myCode: () => fail('AUTH.FORBIDDEN', '您还不是登记的人大代表') } });

    const page = await open();

    expect(textOf(page)).toContain('您还不是登记的人大代表');
  });
});
