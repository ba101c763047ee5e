/**
 * The whole appeal, end to end: a resident scans a deputy's printed QR code, files an appeal with a
 * photo, the deputy is notified, reads it in the inbox and replies on the case page (casework.act),
 * and the resident is notified, sees the reply and rates it 满意, which closes the case. The real pages and services run under miniprogram-simulate; `wx.cloud` is wired to
 * the real cloud functions on a real local stack, started as a child process (so this jsdom test never
 * loads the native database). Only what WeChat itself does is stood in for: the photo picker, the
 * subscribe dialog, and the identity that `wx.cloud` carries (here the X-WX-OPENID header).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printableUrl } from '../../cloudfunctions/_lib/codes';
import type * as Config from '../../miniprogram/config';
import type { AppConfig } from '../../miniprogram/config';
import { CASE_NO_PATTERN } from '../../miniprogram/core/case-number';
import { TEMPLATES } from '../../miniprogram/core/notifications';
import { DEV_DEPUTY_OPENID } from '../../stack/seed';
import { spawnStack, type SpawnedStack } from '../helpers/spawn-stack';
import { byText, installWx, isLargeText, render, settle, tap, textOf, type } from './helpers';
import type { Found, Rendered, WxMock } from './helpers';

/**
 * The app as built for release: whatever build WeChat reports, the transport is the one a release
 * build gets (`transport: 'cloud'`), in this test's environment. Pages load in jest.isolateModules
 * (helpers.ts `render`), so each gets its own copy of config.ts and mutating the test's copy would not
 * reach them; the module is therefore replaced for every load.
 */
jest.doMock('../../miniprogram/config', () => {
  const actual = jest.requireActual<typeof Config>('../../miniprogram/config');
  return {
    ...actual,
    configFor: (): AppConfig => ({ ...actual.configFor('release'), envId: 'e2e-local' }),
  };
});

const RESIDENT = 'e2e-resident';
const DEPUTY = DEV_DEPUTY_OPENID;
const DESCRIPTION = '小区门口的路灯坏了两个星期，晚上出行很不方便，希望尽快修复。';
const CONTACT_NAME = '张女士';
const PHONE = '13812345678';
const PHONE_MASKED = '138****5678';
const REPLY = '已联系路灯管理所，本周五前修复，请留意。';

/** An 8×8 red baseline JPEG (made with libjpeg's cjpeg), small enough to need no compressing. */
const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/' +
    '2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QA' +
    'FQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oA' +
    'DAMBAAIRAxEAPwCKAEqX/9k=',
  'base64',
);

interface HttpAnswer {
  status: number;
  body: Buffer;
}

/** Node's http client: the jsdom environment has no fetch. */
function request(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: body ? { ...headers, 'content-length': String(body.length) } : headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const json = (answer: HttpAnswer): Record<string, unknown> =>
  JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;

/** What wx.cloud rejects with: an Error carrying WeChat's errCode and errMsg. */
function cloudError(api: string, answer: HttpAnswer): Error & IAPIError {
  let body: Record<string, unknown> = {};
  try {
    body = json(answer);
  } catch {
    // not JSON: the status says enough
  }
  const errMsg = `cloud.${api}:fail ${String(body.errMsg ?? `HTTP ${answer.status}`)}`;
  return Object.assign(new Error(errMsg), { errCode: body.errCode ?? -1, errMsg });
}

/** A multipart/form-data body of text fields and one file, as wx.cloud.uploadFile sends it. */
function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = `----e2e${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        'Content-Type: image/jpeg\r\n\r\n',
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Waits for something asynchronous (a page update, a recorded WeChat call) without fixed sleeps. */
async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await settle();
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const untilText = async (what: string, node: Found, text: string): Promise<void> => {
  try {
    await until(what, () => textOf(node).includes(text));
  } catch (error) {
    throw new Error(`${(error as Error).message}: "${text}" not in\n${textOf(node)}`, { cause: error });
  }
};

interface WxCall {
  api: string;
  request: { touser?: string; page?: string; data?: Record<string, { value: string }> };
  errcode: number;
}

describe('an appeal from scan to reply, through the pages and the real functions', () => {
  let dataDir: string;
  let stack: SpawnedStack;
  let wxMock: WxMock;
  let photoPath: string;
  /** Who is holding the phone: the identity wx.cloud carries on every call. */
  let currentUser = RESIDENT;
  /** Consent grants in flight, recorded as WeChat records them when the user taps 允许. */
  const grants: Array<Promise<void>> = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'e2e-appeal-'));
    photoPath = join(dataDir, 'picked.jpg');
    writeFileSync(photoPath, TINY_JPEG);
    stack = await spawnStack(join(dataDir, 'stack'));
  }, 60_000);

  afterAll(async () => {
    if (stack) {
      stack.kill('SIGTERM');
      await stack.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (path: string, openid: string, payload: object) =>
    request(
      'POST',
      `${stack.url}${path}`,
      { 'content-type': 'application/json', 'X-WX-OPENID': openid },
      Buffer.from(JSON.stringify(payload)),
    );

  async function grant(openid: string, templateId: string): Promise<void> {
    const answer = await post('/wx/requestSubscribeMessage', openid, { results: { [templateId]: 'accept' } });
    if (answer.status !== 200) throw new Error(`grant failed: HTTP ${answer.status}`);
  }

  async function subscribeSends(touser: string): Promise<WxCall[]> {
    const answer = await request(
      'GET',
      `${stack.url}/local/wx-calls?api=subscribeMessage.send&request.touser=${touser}&limit=1000`,
    );
    return (json(answer) as { calls: WxCall[] }).calls;
  }

  /** wx.cloud as the mini-program sees it, answered by the stack's /wx endpoints as `currentUser`. */
  function wireCloud(mock: WxMock): void {
    mock.cloud.callFunction.mockImplementation(async ({ name, data }) => {
      const answer = await post('/wx/callFunction', currentUser, { name, data });
      if (answer.status !== 200) throw cloudError('callFunction', answer);
      const body = json(answer);
      return { result: body.result as ICloud.CallFunctionResult['result'], errMsg: 'cloud.callFunction:ok' };
    });

    mock.cloud.uploadFile.mockImplementation(({ cloudPath, filePath, success, fail }) => {
      const openid = currentUser;
      let progress: (update: { progress: number }) => void = () => undefined;
      void (async () => {
        const form = multipart({ cloudPath }, { name: 'photo.jpg', bytes: readFileSync(filePath) });
        progress({ progress: 0 });
        const answer = await request(
          'POST',
          `${stack.url}/wx/uploadFile`,
          { 'content-type': form.contentType, 'X-WX-OPENID': openid },
          form.body,
        );
        progress({ progress: 100 });
        if (answer.status !== 200) {
          fail?.(cloudError('uploadFile', answer));
          return;
        }
        const fileID = String(json(answer).fileID);
        success?.({ fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' });
      })().catch((error: Error) => fail?.({ errMsg: `cloud.uploadFile:fail ${error.message}` }));
      return {
        onProgressUpdate: (listener: (update: { progress: number }) => void) => {
          progress = listener;
        },
      } as unknown as Partial<WechatMiniprogram.UploadTask>;
    });

    mock.cloud.getTempFileURL.mockImplementation(async ({ fileList }) => {
      const answer = await post('/wx/getTempFileURL', currentUser, { fileList });
      if (answer.status !== 200) throw cloudError('getTempFileURL', answer);
      return { ...(json(answer) as object), errMsg: 'cloud.getTempFileURL:ok' };
    });

    // The user taps 允许 for every template asked; WeChat records the credit, then answers the page.
    mock.requestSubscribeMessage.mockImplementation((options) => {
      const openid = currentUser;
      const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
      for (const id of options.tmplIds) answer[id] = 'accept';
      grants.push(
        Promise.all(options.tmplIds.map((id) => grant(openid, id))).then(() =>
          options.success?.(
            answer as unknown as WechatMiniprogram.RequestSubscribeMessageSuccessCallbackResult,
          ),
        ),
      );
    });

    // The photo picker hands back the JPEG written at the start; it is small, so nothing shrinks it.
    mock.chooseMedia.mockResolvedValue({
      type: 'image',
      tempFiles: [{ tempFilePath: photoPath, size: TINY_JPEG.length, fileType: 'image' }],
    } as Partial<WechatMiniprogram.ChooseMediaSuccessCallbackResult>);
    mock.getImageInfo.mockImplementation(async ({ src }) => ({
      width: 8,
      height: 8,
      orientation: 'up',
      type: 'jpeg',
      path: src,
    }));
    mock.compressImage.mockImplementation(async ({ src }) => ({ tempFilePath: src }));
  }

  /** Opens a page the way WeChat does for a URL a page navigated to: path, then onLoad(query). */
  function openUrl(url: string): Rendered {
    const [path, query = ''] = url.split('?');
    const page = render(`${path.replace(/^\//, '')}`);
    page.instance.onLoad(Object.fromEntries(new URLSearchParams(query)));
    return page;
  }

  const lastNavigation = (): string => {
    const calls = wxMock.navigateTo.mock.calls;
    return calls[calls.length - 1][0].url;
  };

  /** The image a photo grid shows, fetched as the phone would: the very bytes uploaded. */
  async function expectShownPhoto(page: Found): Promise<void> {
    const images = page.querySelectorAll('.photos >>> .photo-grid__image');
    expect(images).toHaveLength(1);
    const src = String(images[0].data.src);
    expect(src.startsWith(stack.url)).toBe(true);
    const shown = await request('GET', src);
    expect(shown.status).toBe(200);
    expect(shown.body.equals(TINY_JPEG)).toBe(true);
  }

  it('reaches the deputy, brings the reply back to the resident, and takes their rating', async () => {
    wxMock = installWx();
    wireCloud(wxMock);
    // The deputy allowed 新诉求提醒 earlier, on their own phone.
    await grant(DEPUTY, TEMPLATES.caseReceived.id);

    // a. The resident scans the deputy's printed QR code.
    currentUser = RESIDENT;
    const landing = render('pages/landing/index');
    landing.instance.onLoad({ q: encodeURIComponent(printableUrl({ type: 'deputy', code: 'D00001' })) });
    await untilText('the landing page', landing, '林晓红');
    expect(textOf(landing)).toContain('我要反映');
    expect(wxMock.cloud.init).toHaveBeenCalledWith(expect.objectContaining({ env: 'e2e-local' }));
    // The resident reads in 长辈版: switched on at the top of the page the scan opened, for every page after.
    expect(isLargeText(landing)).toBe(false);
    await tap(landing.querySelector('.size-bar >>> .size-switch'));
    expect(isLargeText(landing)).toBe(true);

    await tap(byText(landing, '.button-primary', '我要反映'));
    expect(lastNavigation()).toBe('/pages/submit/index?type=deputy&code=D00001');

    // b. The form: kind, category, description, a photo, contact, consent; then 提交.
    const submit = openUrl(lastNavigation());
    await untilText('the submit form', submit, '林晓红');
    expect(isLargeText(submit)).toBe(true);
    await tap(byText(submit, '.kind', '求助'));
    const categories = submit.data.categories as Array<{ name: string }>;
    const roadTraffic = categories.findIndex((category) => category.name === '道路交通');
    expect(roadTraffic).toBeGreaterThanOrEqual(0);
    submit.querySelector('.category-picker')?.dispatchEvent('change', { detail: { value: roadTraffic } });
    await untilText('the chosen category', submit, '道路交通');
    await type(submit.querySelector('.description'), DESCRIPTION);
    await type(submit.querySelector('.contact-name'), CONTACT_NAME);
    await type(submit.querySelector('.phone'), PHONE);

    await tap(submit.querySelector('.photo-picker >>> .photos__add'));
    await until('the photo to upload', () =>
      (submit.data.photos as Array<{ state: string }>).every((photo) => photo.state === 'done'),
    );
    expect(submit.querySelectorAll('.photo-picker >>> .photo')).toHaveLength(1);
    expect(textOf(submit)).toContain('1/9');
    expect(wxMock.cloud.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: photoPath,
        cloudPath: expect.stringMatching(new RegExp(`^appeals/${RESIDENT}/\\d{6}/[A-Za-z0-9]{20}\\.jpg$`)),
      }),
    );

    submit.querySelector('.consent')?.dispatchEvent('change', { detail: { value: ['agree'] } });
    await settle();
    await tap(submit.querySelector('.submit'));
    await untilText('the case number', submit, '受理编号');
    expect(textOf(submit)).toContain('已提交');
    const caseNo = submit.querySelector('.submit-done__case-no')?.dom?.textContent?.trim() ?? '';
    expect(caseNo).toMatch(/^\d{8}-\d{4}-\d{4}$/);
    expect(caseNo).toMatch(CASE_NO_PATTERN);
    expect(wxMock.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: [TEMPLATES.caseUpdated.id] }),
    );

    // c. WeChat told the deputy: 新诉求提醒 with the case number shown to the resident.
    const toDeputy = await until('the notice to the deputy', async () =>
      (await subscribeSends(DEPUTY)).find((call) => call.request.data?.character_string1?.value === caseNo),
    );
    expect(toDeputy.request.touser).toBe(DEPUTY);
    expect(toDeputy.errcode).toBe(0);

    // d. The deputy opens the inbox, then the case, and replies.
    currentUser = DEPUTY;
    const inbox = render('pages/deputy/inbox/index');
    inbox.instance.onLoad({});
    await untilText('the inbox', inbox, caseNo);
    const card = byText(inbox, '.case', caseNo);
    const cardText = textOf(card);
    expect(cardText).toContain(DESCRIPTION.slice(0, 10));
    expect(cardText).toContain(CONTACT_NAME);
    expect(cardText).toContain(PHONE_MASKED);
    expect(cardText).not.toContain(PHONE);
    expect(cardText).toContain('求助 · 道路交通');
    expect(card.querySelector('.case-card__dot')).toBeTruthy();

    await tap(card.querySelector('.case-card'));
    expect(lastNavigation()).toMatch(/^\/pages\/deputy\/case\/index\?id=.+/);
    const deputyCase = openUrl(lastNavigation());
    await untilText('the case for the deputy', deputyCase, DESCRIPTION);
    expect(textOf(deputyCase)).toContain(caseNo);
    expect(textOf(deputyCase)).toContain(CONTACT_NAME);
    expect(textOf(deputyCase)).toContain(PHONE);
    expect(textOf(deputyCase.querySelector('.timeline') as Found)).toContain('提交诉求');
    await expectShownPhoto(deputyCase);

    // The resident's consent from the submit tap is on record before anything is sent to them.
    await Promise.all(grants);
    await tap(byText(deputyCase, '.act', '答复'));
    await type(deputyCase.querySelector('.note-input'), REPLY);
    await tap(byText(deputyCase, '.outcome-choice', '已解决或采纳'));
    await tap(deputyCase.querySelector('.act-submit'));
    await untilText('the reply in the timeline', deputyCase.querySelector('.timeline') as Found, REPLY);
    expect(textOf(deputyCase)).toContain('已答复');
    expect(textOf(deputyCase.querySelector('.timeline') as Found)).toContain('代表答复');
    expect(deputyCase.querySelector('.act-form')).toBeFalsy();
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '答复已发送' }));

    // e. WeChat told the resident: 诉求进度通知, 已答复.
    const toResident = await until('the notice to the resident', async () =>
      (await subscribeSends(RESIDENT)).find((call) => call.request.data?.character_string1?.value === caseNo),
    );
    expect(toResident.errcode).toBe(0);
    expect(toResident.request.data?.phrase2?.value).toBe('已答复');

    // f. The resident, still in 长辈版, opens 我的反映, sees the news, and opens the case.
    currentUser = RESIDENT;
    const myCases = render('pages/my-cases/index');
    expect(isLargeText(myCases)).toBe(true);
    myCases.instance.onLoad({});
    await untilText('my cases', myCases, caseNo);
    const mine = byText(myCases, '.case', caseNo);
    expect(textOf(mine)).toContain('待您评价');
    expect(mine.querySelector('.case-card__dot')).toBeTruthy();

    await tap(mine.querySelector('.case-card'));
    expect(lastNavigation()).toMatch(/^\/pages\/case\/index\?id=.+/);
    const residentCase = openUrl(lastNavigation());
    expect(isLargeText(residentCase)).toBe(true);
    await untilText('the case for the resident', residentCase, '代表答复了您');
    const timeline = textOf(residentCase.querySelector('.timeline') as Found);
    expect(timeline).toContain('您提交了诉求');
    expect(timeline).toContain('代表答复了您');
    expect(timeline).toContain(REPLY);
    expect(textOf(residentCase.querySelector('.answer') as Found)).toContain(REPLY);
    expect(textOf(residentCase)).toContain(caseNo);
    expect(textOf(residentCase.querySelector('.case-status') as Found)).toContain('待您评价');
    expect(textOf(residentCase)).toContain('林晓红');
    expect(textOf(residentCase)).toContain('办理结果：已解决或采纳');
    await expectShownPhoto(residentCase);

    // g. The resident rates the answer 满意: the case is closed and archived.
    await tap(byText(residentCase, '.rating', '满意'));
    await tap(residentCase.querySelector('.submit-rating'));
    await untilText('the rating', residentCase, '已评价：满意');
    expect(textOf(residentCase)).toContain('已办结');
    expect(residentCase.querySelector('.rate')).toBeFalsy();
    expect(textOf(residentCase.querySelector('.timeline') as Found)).toContain('您作了评价');

    // Everything went through wx.cloud: nothing fell back to the local transport's wx.request.
    expect(wxMock.request).not.toHaveBeenCalled();
    expect(wxMock.uploadFile).not.toHaveBeenCalled();
  }, 60_000);
});
