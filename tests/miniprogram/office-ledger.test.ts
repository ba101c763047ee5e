import type { FileJobView, LedgerInput } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { POLL_MS } from '../../miniprogram/utils/file-job';
import { installWx, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { directoryList, fileDone, fileRunning } from './office-mothers';

/** 台账导出: ask for the ledger of a period and scope, see it being made, open it in the document viewer. */

describe('台账导出', () => {
  let wxMock: WxMock;
  let openDocument: jest.Mock;
  beforeEach(() => {
    wxMock = installWx();
    openDocument = jest.fn().mockResolvedValue({ errMsg: 'openDocument:ok' });
    Object.assign(wx, { openDocument, setNavigationBarTitle: jest.fn() });
    wxMock.downloadFile.mockImplementation((options) => {
      options.success?.({
        statusCode: 200,
        tempFilePath: 'wxfile://tmp/ledger.xlsx',
      } as WechatMiniprogram.DownloadFileSuccessCallbackResult);
      return {};
    });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  async function open(query: Record<string, string> = {}): Promise<Found> {
    const page = render('pages/office/ledger/index');
    page.instance.onLoad(query);
    await settle();
    return page;
  }

  const pick = async (page: Found, selector: string, index: number) => {
    page.querySelector(selector)?.dispatchEvent('change', { detail: { value: String(index) } });
    await settle();
  };

  it('makes the ledger of the chosen dates and scope, and opens it with the menu to forward it', async () => {
    const asked: LedgerInput[] = [];
    serveFunctions(wxMock, {
      office: {
        directory: ({ kind }) => ok(directoryList(kind)),
        ledger: (input) => {
          asked.push(input);
          return ok(fileDone());
        },
      },
    });
    const page = await open();

    await tap(page.querySelector('.period-custom'));
    page.querySelector('.from')?.dispatchEvent('change', { detail: { value: '2026-10-01' } });
    await settle();
    page.querySelector('.to')?.dispatchEvent('change', { detail: { value: '2026-10-31' } });
    await settle();
    await pick(page, '.pick-station', 2);
    await pick(page, '.pick-kind', 3);
    await tap(page.querySelector('.make'));
    await settle();

    expect(asked).toEqual([
      { from: '2026-10-01', to: '2026-10-31', stationId: 'station-2', kind: 'suggestion' },
    ]);
    expect(wxMock.downloadFile.mock.calls[0][0].url).toBe(
      'http://127.0.0.1:3000/storage/exports/ledger/ledger-1.xlsx?sign=1',
    );
    expect(openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/ledger.xlsx',
      fileType: 'xlsx',
      showMenu: true,
    });
    expect(textOf(page.querySelector('.file-name') as Found)).toBe(
      '台账_2026-10-01_2026-10-31.xlsx（793 行）',
    );
  });

  it('offers only active stations and units', async () => {
    serveFunctions(wxMock, { office: { directory: ({ kind }) => ok(directoryList(kind)) } });

    const page = await open();

    expect(page.data.stations.map((station: { name: string }) => station.name)).toEqual([
      '全部联络站',
      '东街街道代表之家',
      '西湖社区代表联络站',
    ]);
    expect(page.data.units.map((unit: { name: string }) => unit.name)).toEqual([
      '全部承办单位',
      '东街街道办事处',
    ]);
  });

  it('says 正在生成 with the rows while the timer makes a big one, asking again with the same input', async () => {
    const answers: FileJobView[] = [fileRunning(12000, null), fileRunning(12000), fileDone({ count: 12000 })];
    const asked: LedgerInput[] = [];
    serveFunctions(wxMock, {
      office: {
        directory: ({ kind }) => ok(directoryList(kind)),
        ledger: (input) => {
          asked.push(input);
          return ok(answers[asked.length - 1]);
        },
      },
    });
    const page = await open();
    jest.useFakeTimers();

    page.querySelector('.make')?.dispatchEvent('tap');
    await jest.advanceTimersByTimeAsync(10);
    expect(textOf(page.querySelector('.file-progress') as Found)).toBe('正在排队生成，共 12000 行…');
    expect(page.querySelector('.make')?.data.disabled).toBe(true);
    expect(textOf(page.querySelector('.make') as Found)).toBe('正在生成…');

    await jest.advanceTimersByTimeAsync(POLL_MS);
    expect(textOf(page.querySelector('.file-progress') as Found)).toBe('正在生成，共 12000 行…');
    expect(openDocument).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(POLL_MS);
    expect(asked).toHaveLength(3);
    expect(new Set(asked.map((input) => JSON.stringify(input))).size).toBe(1);
    expect(openDocument).toHaveBeenCalledTimes(1);
    expect(page.querySelector('.file-progress')).toBeUndefined();
    expect(textOf(page.querySelector('.make') as Found)).toBe('生成台账');
  });

  it("shows the function's error, and a file that would not open can be opened again", async () => {
    let failing = true;
    serveFunctions(wxMock, {
      office: {
        directory: ({ kind }) => ok(directoryList(kind)),
        ledger: () => (failing ? fail('EXPORT.FAILED', '台账没有生成，请重新导出') : ok(fileDone())),
      },
    });
    const page = await open();

    await tap(page.querySelector('.make'));
    expect(textOf(page.querySelector('.file-error') as Found)).toBe('台账没有生成，请重新导出');

    failing = false;
    openDocument.mockRejectedValueOnce({ errMsg: 'openDocument:fail filetype not supported' });
    await tap(page.querySelector('.make'));
    await settle();
    expect(textOf(page.querySelector('.file-error') as Found)).toBe('文件已生成，但没能打开，请点“再次打开”');

    await tap(page.querySelector('.reopen'));
    await settle();
    expect(openDocument).toHaveBeenCalledTimes(2);
    expect(page.querySelector('.file-error')).toBeUndefined();
  });

  it("gives station staff their stations' ledger, with no station or unit to choose", async () => {
    const calls = serveFunctions(wxMock, { station: { ledger: () => ok(fileDone()) } });
    const page = await open({ audience: 'station', stationId: 'station-1' });
    expect(page.querySelector('.pick-station')).toBeUndefined();

    await tap(page.querySelector('.make'));

    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ name: 'station', action: 'ledger', data: { stationId: 'station-1' } });
  });
});
