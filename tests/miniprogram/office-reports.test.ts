import type { BimonthlyReportInput, BimonthlyReportItem } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { bimonthChoices } from '../../miniprogram/utils/period';
import { byText, installWx, render, serveFunctions, settle, tap, tapStateAction, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { AT } from './mothers';
import { fileDone } from './office-mothers';

/** 双月反馈: the reports made so far, and 生成 for a two-month period as a PDF or a workbook. */

describe('双月反馈', () => {
  let wxMock: WxMock;
  let openDocument: jest.Mock;
  beforeEach(() => {
    wxMock = installWx();
    openDocument = jest.fn().mockResolvedValue({ errMsg: 'openDocument:ok' });
    Object.assign(wx, { openDocument });
    wxMock.downloadFile.mockImplementation((options) => {
      options.success?.({
        statusCode: 200,
        tempFilePath: 'wxfile://tmp/report',
      } as WechatMiniprogram.DownloadFileSuccessCallbackResult);
      return {};
    });
  });

  async function open(): Promise<Found> {
    const page = render('pages/office/reports/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  const report = (overrides: Partial<BimonthlyReportItem> = {}): BimonthlyReportItem => ({
    from: '2026-09-01',
    to: '2026-10-31',
    format: 'pdf',
    name: '双月反馈_2026-09-01_2026-10-31.pdf',
    fileID: 'cloud://local.bucket/exports/bimonthly/b.pdf',
    madeAt: AT,
    scheduled: true,
    ...overrides,
  });

  it('offers the current two months so far and the three before, the last full ones first', () => {
    expect(bimonthChoices('2026-12-05').map((choice) => [choice.label, choice.from, choice.to])).toEqual([
      ['2026年11–12月（至今）', '2026-11-01', '2026-12-05'],
      ['2026年9–10月', '2026-09-01', '2026-10-31'],
      ['2026年7–8月', '2026-07-01', '2026-08-31'],
      ['2026年5–6月', '2026-05-01', '2026-06-30'],
    ]);
    expect(bimonthChoices('2027-01-10')[1]).toMatchObject({ from: '2026-11-01', to: '2026-12-31' });
  });

  it('lists the reports made, by the timer or on request, and opens one by asking for it again', async () => {
    const asked: BimonthlyReportInput[] = [];
    serveFunctions(wxMock, {
      office: {
        bimonthlyReports: () =>
          ok({ reports: [report(), report({ format: 'xlsx', name: 'b.xlsx', scheduled: false })] }),
        bimonthlyReport: (input) => {
          asked.push(input);
          return ok(fileDone({ name: '双月反馈_2026-09-01_2026-10-31.xlsx', count: 5 }));
        },
      },
    });
    const page = await open();
    expect(textOf(page.querySelector('.report-0') as Found)).toContain(
      '2026-09-01 至 2026-10-31PDF（打印） · 定时生成',
    );
    expect(textOf(page.querySelector('.report-1') as Found)).toContain('Excel 表格 · 手动生成');

    await tap(page.querySelector('.report-1'));
    await settle();

    expect(asked).toEqual([{ from: '2026-09-01', to: '2026-10-31', format: 'xlsx' }]);
    expect(openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'xlsx', showMenu: true }));
  });

  it('makes the report of a chosen period and format, then shows it in the list', async () => {
    const asked: BimonthlyReportInput[] = [];
    let made = false;
    serveFunctions(wxMock, {
      office: {
        bimonthlyReports: () => ok({ reports: made ? [report({ scheduled: false })] : [] }),
        bimonthlyReport: (input) => {
          asked.push(input);
          made = true;
          return ok(fileDone({ name: '双月反馈.pdf', count: 6 }));
        },
      },
    });
    const page = await open();
    expect(textOf(page)).toContain('还没有双月反馈报告');

    await tap(byText(page, '.chip', '自定义'));
    page.querySelector('.from')?.dispatchEvent('change', { detail: { value: '2026-07-01' } });
    await settle();
    page.querySelector('.to')?.dispatchEvent('change', { detail: { value: '2026-10-31' } });
    await settle();
    await tap(page.querySelector('.make'));
    await settle();

    expect(asked).toEqual([{ from: '2026-07-01', to: '2026-10-31', format: 'pdf' }]);
    expect(openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'pdf' }));
    expect(textOf(page.querySelector('.report-0') as Found)).toContain('手动生成');
  });

  it("shows the function's refusal of a period, and a list that failed with 重试", async () => {
    let failing = true;
    serveFunctions(wxMock, {
      office: {
        bimonthlyReports: () => (failing ? { networkError: 'timeout' } : ok({ reports: [report()] })),
        bimonthlyReport: () =>
          fail('INPUT.INVALID', '一份报告最长一年，请缩短时段', { to: '一份报告最长一年，请缩短时段' }),
      },
    });
    const page = await open();
    expect(textOf(page)).toContain('网络不太好');

    await tap(page.querySelector('.format-xlsx'));
    await tap(page.querySelector('.make'));
    expect(textOf(page.querySelector('.file-error') as Found)).toBe('一份报告最长一年，请缩短时段');

    failing = false;
    await tapStateAction(page);
    expect(textOf(page.querySelector('.report-0') as Found)).toContain('2026-09-01');
  });
});
