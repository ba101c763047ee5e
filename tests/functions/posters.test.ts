import type { FileJobView } from '../../miniprogram/core/api';
import { targetFromOptions, urlFor, type Target } from '../../miniprogram/core/codes';
import type { Result } from '../../miniprogram/core/result';
import { qrUrlPrefix } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { download, pdfFonts, pdfImagePages, pdfPageCount, pdfPages, pdfText } from '../helpers/documents';
import { testPng } from '../helpers/png';
import { startProduct } from '../helpers/project-stack';
import { decodeQr } from '../helpers/zbar';

/**
 * 亮码 posters on the real stack, as the office prints them: the PDF downloaded, its pages rendered
 * by poppler and their codes read by zbar, as a phone would read the printed page; its text read
 * back, to show the Chinese is there and embedded, not left to the printer's fonts.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-11-09T10:00:00+08:00' } });
  // 林晓红 has a photo on file (stored by the back office, as no phone may write there); 黄美玲 has left office.
  const { fileID: photo } = await product.admin.uploadFile({
    cloudPath: 'deputies/lin.png',
    fileContent: testPng(120, 160),
  });
  product.stack.store.update(
    'deputies',
    { _id: 'deputy-lin' },
    { $set: { photoFileID: photo } },
    { multi: false, merge: true, upsert: false },
  );
  product.stack.store.update(
    'deputies',
    { _id: 'deputy-huang' },
    { $set: { active: false, retiredAt: product.now(), retiredReason: '任期届满' } },
    { multi: false, merge: true, upsert: false },
  );
});
afterAll(() => product.close());

async function postersAs(openid: string, input: Record<string, unknown>) {
  const result = (await product.call(openid, 'office', 'posters', input)) as Result<FileJobView>;
  if (!result.ok) throw new Error(`office.posters: ${result.code} ${result.message}`);
  if (result.data.status !== 'done') throw new Error('office.posters is still running');
  return { view: result.data, pdf: await download(result.data.url) };
}

const station = (code: string): Target => ({ type: 'station', code });
const deputy = (code: string): Target => ({ type: 'deputy', code });

describe('the office prints every poster in one batch', () => {
  let pdf: Buffer;
  let view: FileJobView;
  beforeAll(async () => {
    ({ pdf, view } = await postersAs(DEV_OFFICE_OPENID, {}));
  });

  it('makes one page per active station and deputy, each station followed by its deputies', async () => {
    // Three stations, five deputies in office (黄美玲 retired): eight pages.
    expect(view).toMatchObject({ status: 'done', count: 8, name: '海报_全部代表和联络站.pdf' });
    expect(view.status === 'done' && view.fileID).toMatch(
      /\/exports\/posters\/posters-[0-9a-f]{24}-[0-9a-f]{16}\.pdf$/,
    );
    expect(pdfPageCount(pdf)).toBe(8);
    const prefix = qrUrlPrefix();
    const decoded = pdfPages(pdf).map(decodeQr);
    expect(decoded).toEqual(
      [
        station('S0001'),
        deputy('D00001'),
        deputy('D00002'),
        deputy('D00006'),
        station('S0002'),
        deputy('D00003'),
        deputy('D00004'),
        station('S0003'),
      ].map((target) => urlFor(prefix, target)),
    );
    // What the phone makes of the printed code: the deputy's own landing page.
    expect(targetFromOptions({ q: encodeURIComponent(decoded[1]) })).toEqual(deputy('D00001'));
  });

  it('says who, what to do, and when the station receives people, in Chinese', () => {
    const pages = pdfText(pdf);
    const lin = pages[1];
    for (const text of [
      '扫码找代表',
      '林晓红',
      '市人大代表',
      '社区党委书记',
      '鼓楼区人大代表之家',
      '代表码 D00001',
    ]) {
      expect(lin).toContain(text);
    }
    expect(lin).toContain('扫一扫');
    expect(lin).toContain('每月10日（节假日顺延）');
    expect(pages[0]).toContain('驻站代表：林晓红、陈建国、刘海波');
    expect(pages[4]).toContain('每月第一、三个星期二（节假日顺延）');
    expect(pages.join('\n')).not.toContain('黄美玲');
  });

  it('embeds its Chinese font, and the photo where there is one', () => {
    expect(pdfFonts(pdf)).toEqual([
      { name: expect.stringMatching(/\+NotoSansHans-Regular$/), embedded: true },
    ]);
    expect(pdfImagePages(pdf)).toEqual([2]);
  });
});

it("prints one station's posters, and refuses a station it does not know", async () => {
  const { view, pdf } = await postersAs(DEV_OFFICE_OPENID, { stationId: 'station-dongjie' });
  expect(view).toMatchObject({ count: 3, name: '海报_东街街道三坊七巷社区人大代表联络站.pdf' });
  expect(pdfPages(pdf).map(decodeQr)).toEqual(
    [station('S0002'), deputy('D00003'), deputy('D00004')].map((t) => urlFor(qrUrlPrefix(), t)),
  );
  expect(
    await product.call(DEV_OFFICE_OPENID, 'office', 'posters', { stationId: 'station-nowhere' }),
  ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect(await product.call(DEV_OFFICE_OPENID, 'office', 'posters', { stationId: '../x' })).toMatchObject({
    ok: false,
    code: 'INPUT.INVALID',
  });
});

it('is the office only', async () => {
  for (const openid of [DEV_STAFF_OPENID, DEV_DEPUTY_OPENID, DEV_UNIT_OPENID, 'o-resident']) {
    expect(await product.call(openid, 'office', 'posters', {})).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  }
});
