import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, tapStateAction, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { directoryList, fileDone } from './office-mothers';

/** 海报: the office asks for the 亮码 posters of every station, or of one, and opens the PDF. */

describe('海报', () => {
  let wxMock: WxMock;
  let openDocument: jest.Mock;
  beforeEach(() => {
    wxMock = installWx();
    openDocument = jest.fn().mockResolvedValue({ errMsg: 'openDocument:ok' });
    Object.assign(wx, { openDocument });
    wxMock.downloadFile.mockImplementation((options) => {
      options.success?.({
        statusCode: 200,
        tempFilePath: 'wxfile://tmp/posters.pdf',
      } as WechatMiniprogram.DownloadFileSuccessCallbackResult);
      return {};
    });
  });

  async function open(): Promise<Found> {
    const page = render('pages/office/posters/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  const posters = fileDone({ name: '海报_S0002.pdf', count: 7, url: 'http://127.0.0.1:3000/storage/p.pdf' });

  it("makes one station's posters and opens the PDF", async () => {
    const calls = serveFunctions(wxMock, {
      office: { directory: ({ kind }) => ok(directoryList(kind)), posters: () => ok(posters) },
    });
    const page = await open();

    page.querySelector('.pick-station')?.dispatchEvent('change', { detail: { value: '2' } });
    await settle();
    await tap(page.querySelector('.make'));
    await settle();

    expect(calls.filter((call) => call.action === 'posters').map((call) => call.data)).toEqual([
      { stationId: 'station-2' },
    ]);
    expect(openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/posters.pdf',
      fileType: 'pdf',
      showMenu: true,
    });
    expect(textOf(page.querySelector('.file-name') as Found)).toBe('海报_S0002.pdf（7 页）');
  });

  it('asks for every station when none is chosen', async () => {
    const calls = serveFunctions(wxMock, {
      office: { directory: ({ kind }) => ok(directoryList(kind)), posters: () => ok(posters) },
    });
    const page = await open();

    await tap(page.querySelector('.make'));

    expect(calls.filter((call) => call.action === 'posters').map((call) => call.data)).toEqual([{}]);
  });

  it('shows why the stations could not be read, with 重试', async () => {
    let failing = true;
    serveFunctions(wxMock, {
      office: {
        directory: ({ kind }) => (failing ? { networkError: 'timeout' } : ok(directoryList(kind))),
      },
    });
    const page = await open();
    expect(textOf(page)).toContain('网络不太好，请稍后重试');

    failing = false;
    await tapStateAction(page);

    expect(textOf(page)).toContain('生成海报');
  });

  it('says when the posters could not be made', async () => {
    serveFunctions(wxMock, {
      office: {
        directory: ({ kind }) => ok(directoryList(kind)),
        posters: () => fail('EXPORT.FAILED', '海报没有生成，请重新生成'),
      },
    });
    const page = await open();

    await tap(page.querySelector('.make'));

    expect(textOf(page.querySelector('.file-error') as Found)).toBe('海报没有生成，请重新生成');
    expect(openDocument).not.toHaveBeenCalled();
  });
});
