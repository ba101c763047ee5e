import { targetFromOptions, type Target } from '../../miniprogram/core/codes';
import {
  codeImagePaths,
  codeImageUrls,
  ensureCodeImages,
  printableUrl,
  imageOf,
  wxacodePng,
} from '../../cloudfunctions/_lib/codes';
import { FILES_COLLECTION } from '../../stack/storage';
import { startBareStack } from '../helpers/local-stack';
import { decodeQr } from '../helpers/zbar';

/** Mini-program codes from WeChat (the stack's stand-in) and the images kept in storage. */

let ctx: Awaited<ReturnType<typeof startBareStack>>;
beforeAll(async () => {
  ctx = await startBareStack({ pages: ['pages/landing/index'] });
});
afterAll(() => ctx.close());

const ENV_NAMES = ['QR_URL_PREFIX', 'MINIPROGRAM_LANDING_PAGE', 'WXACODE_ENV_VERSION'];
const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
beforeEach(() => ENV_NAMES.forEach((name) => delete process.env[name]));
afterEach(() => {
  jest.restoreAllMocks();
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const deputy: Target = { type: 'deputy', code: 'D00001' };
const station: Target = { type: 'station', code: 'S0001' };

async function wxCalls(): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${ctx.stack.url}/local/wx-calls?api=wxacode.getUnlimited`);
  return ((await res.json()) as { calls: Array<Record<string, unknown>> }).calls;
}

const storedFiles = () => ctx.stack.store.count(FILES_COLLECTION, {});

describe('wxacodePng', () => {
  it('answers a PNG that carries the landing page and the scene, which the app reads back', async () => {
    const result = await wxacodePng(deputy);
    if (!result.ok) throw new Error(`refused: ${result.errcode} ${result.errmsg}`);
    expect(result.contentType).toBe('image/png');
    const text = decodeQr(result.png);
    expect(text).toBe('wxacode:pages/landing/index?scene=d%3DD00001');

    // WeChat passes `scene` to the page still URL-encoded.
    const scene = text.slice(text.indexOf('?scene=') + '?scene='.length);
    expect(scene).toBe('d%3DD00001');
    expect(targetFromOptions({ scene })).toEqual(deputy);

    const calls = await wxCalls();
    expect(calls[calls.length - 1].request).toEqual({
      scene: 'd=D00001',
      page: 'pages/landing/index',
      check_path: false,
      env_version: 'release',
      width: 430,
    });
  });

  it('does the same for a station, with the configured env version', async () => {
    process.env.WXACODE_ENV_VERSION = 'trial';
    const result = await wxacodePng(station);
    expect(result.ok && decodeQr(result.png)).toBe('wxacode:pages/landing/index?scene=s%3DS0001');
    const calls = await wxCalls();
    expect(calls[calls.length - 1].request).toMatchObject({ scene: 's=S0001', env_version: 'trial' });
  });

  it("reports WeChat's refusal of a page the app does not have, without throwing", async () => {
    const result = await wxacodePng(deputy, { page: 'pages/nowhere/index', checkPath: true });
    expect(result).toEqual({ ok: false, errcode: 41030, errmsg: expect.stringContaining('invalid page') });
  });
});

describe('imageOf', () => {
  it('takes an image whatever its format, by its bytes, and anything else as a failure', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(imageOf(png)).toEqual({ ok: true, png, contentType: 'image/png' });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    expect(imageOf(jpeg)).toEqual({ ok: true, png: jpeg, contentType: 'image/jpeg' });
    expect(imageOf(Buffer.from('<html>'))).toMatchObject({ ok: false, errcode: -1 });
  });
});

describe('ensureCodeImages', () => {
  it('stores both images once, reuses them afterwards, and serves them by temporary URL', async () => {
    const before = storedFiles();
    const upload = jest.spyOn(ctx.app, 'uploadFile');

    const first = await ensureCodeImages(ctx.app, deputy);
    const paths = codeImagePaths(deputy);
    expect(first.qr.endsWith(`/${paths.qr}`)).toBe(true);
    expect(first.wxacode?.endsWith(`/${paths.wxacode['image/png']}`)).toBe(true);
    expect(paths.qr).toMatch(/^codes\/deputy\/D00001-qr-[0-9a-f]{8}\.png$/);
    expect(first.wxacodeError).toBeUndefined();
    expect(upload).toHaveBeenCalledTimes(2);
    expect(storedFiles()).toBe(before + 2);
    const wechatCalls = (await wxCalls()).length;

    const second = await ensureCodeImages(ctx.app, deputy);
    expect(second).toEqual(first);
    expect(upload).toHaveBeenCalledTimes(2);
    expect(storedFiles()).toBe(before + 2);
    expect(await wxCalls()).toHaveLength(wechatCalls);

    const urls = await codeImageUrls(ctx.app, second);
    const download = async (url: string | null) => Buffer.from(await (await fetch(url!)).arrayBuffer());
    expect(decodeQr(await download(urls.qr))).toBe(printableUrl(deputy));
    expect(decodeQr(await download(urls.wxacode))).toBe('wxacode:pages/landing/index?scene=d%3DD00001');
  });

  it('makes new images when the configuration they encode changes, and only those', async () => {
    const release = await ensureCodeImages(ctx.app, station);
    process.env.WXACODE_ENV_VERSION = 'develop';
    const upload = jest.spyOn(ctx.app, 'uploadFile');
    const develop = await ensureCodeImages(ctx.app, station);
    expect(develop.qr).toBe(release.qr);
    expect(develop.wxacode).not.toBe(release.wxacode);
    expect(upload).toHaveBeenCalledTimes(1);

    process.env.QR_URL_PREFIX = 'https://other.example.cn/q';
    const moved = await ensureCodeImages(ctx.app, station);
    expect(moved.qr).not.toBe(release.qr);
    expect(moved.wxacode).toBe(develop.wxacode);
    const urls = await codeImageUrls(ctx.app, moved);
    const png = Buffer.from(await (await fetch(urls.qr!)).arrayBuffer());
    expect(decodeQr(png)).toBe('https://other.example.cn/q?s=S0001');
  });

  it('keeps the printable code when WeChat refuses the mini-program code, and tries again next time', async () => {
    const target: Target = { type: 'deputy', code: 'D00002' };
    ctx.stack.wx.injectFault('wxacode.getUnlimited', 45009, 1);

    const refused = await ensureCodeImages(ctx.app, target);
    expect(refused).toEqual({
      qr: expect.stringContaining('codes/deputy/D00002-qr-'),
      wxacode: null,
      wxacodeError: { errcode: 45009, errmsg: expect.stringContaining('injected fault') },
    });
    expect(await codeImageUrls(ctx.app, refused)).toEqual({ qr: expect.any(String), wxacode: null });

    const retried = await ensureCodeImages(ctx.app, target);
    expect(retried.qr).toBe(refused.qr);
    expect(retried.wxacode).toEqual(expect.stringContaining('codes/deputy/D00002-wxacode-'));
  });
});
