import { inflateSync } from 'node:zlib';
import { targetFromOptions, urlFor, type Target } from '../../miniprogram/core/codes';
import {
  config,
  CONFIG_DEFAULTS as DEFAULTS,
  ConfigError,
  qrUrlPrefix,
} from '../../cloudfunctions/_lib/platform';
import { printableQrPng, printableUrl } from '../../cloudfunctions/_lib/codes';
import { decodeQr } from '../helpers/zbar';

/** Printable QR codes: what an independent decoder reads off them, and what the app makes of it. */

const ENV_NAMES = ['QR_URL_PREFIX', 'MINIPROGRAM_LANDING_PAGE', 'WXACODE_ENV_VERSION'];
const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
beforeEach(() => ENV_NAMES.forEach((name) => delete process.env[name]));

const deputy: Target = { type: 'deputy', code: 'D00001' };
const station: Target = { type: 'station', code: 'S0001' };

/** What a phone does: WeChat hands the scanned URL to the landing page URL-encoded, as `q`. */
const scanned = (url: string) => targetFromOptions({ q: encodeURIComponent(url) });

describe('printable QR codes', () => {
  it.each([
    ['deputy', deputy],
    ['station', station],
  ])('a %s code decodes to its URL, and the URL opens the app on the same target', (_name, target) => {
    const url = urlFor(qrUrlPrefix(), target);
    expect(url).toBe(`https://daibiao.example.cn/q?${target.type === 'deputy' ? 'd' : 's'}=${target.code}`);
    const text = decodeQr(printableQrPng(target));
    expect(text).toBe(url);
    expect(scanned(text)).toEqual(target);
  });

  it('uses the configured prefix, including one that already has a query', () => {
    process.env.QR_URL_PREFIX = 'https://rd.example.gov.cn/daibiao?from=poster';
    const text = decodeQr(printableQrPng(deputy, { errorCorrectionLevel: 'Q' }));
    expect(text).toBe('https://rd.example.gov.cn/daibiao?from=poster&d=D00001');
    expect(scanned(text)).toEqual(deputy);
  });

  it('is an exact-size 1-bit PNG with whole-pixel modules, a quiet zone and a print resolution', () => {
    const png = printableQrPng(deputy);
    expect(png.readUInt32BE(16)).toBe(1024); // IHDR width
    expect(png.readUInt32BE(20)).toBe(1024); // IHDR height
    expect([png[24], png[25]]).toEqual([1, 0]); // bit depth 1, greyscale
    const phys = png.indexOf('pHYs');
    expect(png.readUInt32BE(phys + 4)).toBe(Math.round(300 / 0.0254));

    // The first and last 4 modules' worth of rows are blank (bit 1 = white).
    const idat = png.indexOf('IDAT');
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    const stride = 1 + 1024 / 8;
    const moduleCount = 29; // version 3 holds this URL at level M
    const scale = Math.floor(1024 / (moduleCount + 8));
    const rowIsWhite = (y: number) => raw.subarray(y * stride + 1, (y + 1) * stride).every((b) => b === 0xff);
    for (const y of [0, 4 * scale - 1, 1023, 1023 - 4 * scale + 1]) expect(rowIsWhite(y)).toBe(true);
    expect(rowIsWhite(Math.floor((1024 - moduleCount * scale) / 2))).toBe(false);
  });

  it('honours a smaller size and still decodes', () => {
    const png = printableQrPng(station, { width: 290, margin: 4 });
    expect(png.readUInt32BE(16)).toBe(290);
    expect(decodeQr(png)).toBe(printableUrl(station));
  });

  it('refuses an invalid code and a size too small to hold the symbol', () => {
    expect(() => printableQrPng({ type: 'deputy', code: 'd1' })).toThrow(TypeError);
    expect(() => printableQrPng(deputy, { width: 20 })).toThrow(RangeError);
  });
});

describe('configuration', () => {
  it('has documented defaults, and an empty variable counts as unset', () => {
    process.env.WXACODE_ENV_VERSION = '';
    expect(config()).toEqual(DEFAULTS);
    expect(config()).toEqual({
      qrUrlPrefix: 'https://daibiao.example.cn/q',
      landingPage: 'pages/landing/index',
      wxacodeEnvVersion: 'release',
    });
  });

  it('reads the environment on every call', () => {
    process.env.QR_URL_PREFIX = 'https://a.example.cn/x';
    process.env.MINIPROGRAM_LANDING_PAGE = 'pages/scan/index';
    process.env.WXACODE_ENV_VERSION = 'trial';
    expect(config()).toEqual({
      qrUrlPrefix: 'https://a.example.cn/x',
      landingPage: 'pages/scan/index',
      wxacodeEnvVersion: 'trial',
    });
  });

  it.each([
    ['QR_URL_PREFIX', 'daibiao.example.cn/q'],
    ['QR_URL_PREFIX', 'ftp://daibiao.example.cn/q'],
    ['QR_URL_PREFIX', 'https://daibiao.example.cn/q#top'],
    ['MINIPROGRAM_LANDING_PAGE', '/pages/landing/index'],
    ['MINIPROGRAM_LANDING_PAGE', 'pages/landing/index?x=1'],
    ['WXACODE_ENV_VERSION', 'production'],
  ])('refuses %s=%s', (name, value) => {
    process.env[name] = value;
    expect(() => config()).toThrow(ConfigError);
    expect(() => config()).toThrow(name);
  });
});
