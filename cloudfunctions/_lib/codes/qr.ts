import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { isValidCode, sceneFor, urlFor, type Target } from '../../../miniprogram/core/codes';
import { config, unlimitedCode, type App, type UnlimitedCodeRequest } from '../platform';

/**
 * The two images that reach a deputy or a station from a phone:
 * - the printable ordinary QR code, holding `urlFor(QR_URL_PREFIX, target)`; WeChat opens the
 *   mini-program with it (扫普通链接二维码打开小程序) and the landing page reads the URL from `q`;
 * - WeChat's mini-program code (wxacode.getUnlimited), carrying `sceneFor(target)`.
 * Both decode to the same target (miniprogram/core/codes.ts `targetFromOptions`).
 *
 * Storage is reached through the @cloudbase/node-sdk app passed in, WeChat through the platform's
 * cloud call (`unlimitedCode`), so the same code runs in CloudBase and against the local stack.
 */

/** What this module needs from the SDK app; a narrower type also lets tests pass a spy. */
export type QrApp = Pick<App, 'uploadFile' | 'getTempFileURL' | 'getUploadMetadata'>;

export type ErrorCorrection = 'M' | 'Q' | 'H';

export interface PrintableOptions {
  /** Side of the square image in pixels. 1024 px printed at 300 dpi is 8.7 cm, right for an A5 poster. */
  width?: number;
  /** Quiet zone in modules; the QR standard asks for at least 4. */
  margin?: number;
  /** M survives the smudges and folds of a wall poster; Q or H if a logo will be printed over it. */
  errorCorrectionLevel?: ErrorCorrection;
  /** Resolution recorded in the PNG, so layout and print tools place it at a known physical size. */
  dpi?: number;
  /** Defaults to QR_URL_PREFIX (config.ts). */
  prefix?: string;
}

const PRINTABLE_DEFAULTS = { width: 1024, margin: 4, errorCorrectionLevel: 'M', dpi: 300 } as const;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

function assertTarget(target: Target): void {
  if (!isValidCode(target.type, target.code)) {
    throw new TypeError(`not a valid ${target.type} code: ${JSON.stringify(target.code)}`);
  }
}

/** The URL a target's printable QR code holds. */
export function printableUrl(target: Target, prefix: string = config().qrUrlPrefix): string {
  assertTarget(target);
  return urlFor(prefix, target);
}

/**
 * A PNG of an ordinary QR code holding `urlFor(prefix, target)`.
 *
 * The `qrcode` package computes the symbol (version, mask, error correction); the PNG is written
 * here, as 1-bit greyscale with whole-pixel modules. The package's own PNG renderer writes 32-bit
 * RGBA through pngjs and takes about 70 ms for 1024 px, which would make 11,000 posters take
 * minutes; this writer takes about a millisecond and the files are a fraction of the size.
 * Whole-pixel modules also print crisply: the package scales modules fractionally to hit `width`.
 * The symbol is centred and any pixels left over widen the quiet zone.
 */
export function printableQrPng(target: Target, opts: PrintableOptions = {}): Buffer {
  const width = opts.width ?? PRINTABLE_DEFAULTS.width;
  const margin = opts.margin ?? PRINTABLE_DEFAULTS.margin;
  const dpi = opts.dpi ?? PRINTABLE_DEFAULTS.dpi;
  return modulesToPng(printableQrModules(target, opts), width, margin, dpi);
}

/** A QR symbol: `size` × `size` modules, row by row, 1 for dark. */
export interface Modules {
  size: number;
  data: Uint8Array;
}

/**
 * The symbol of a target's printable QR code, for drawing at any size: posters draw it as vector
 * squares (print/), so it stays sharp at any print size and costs a few kilobytes a page.
 */
export function printableQrModules(
  target: Target,
  opts: Pick<PrintableOptions, 'errorCorrectionLevel' | 'prefix'> = {},
): Modules {
  return QRCode.create(printableUrl(target, opts.prefix), {
    errorCorrectionLevel: opts.errorCorrectionLevel ?? PRINTABLE_DEFAULTS.errorCorrectionLevel,
  }).modules;
}

function modulesToPng(modules: Modules, width: number, margin: number, dpi: number): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(margin) || margin < 0 || !(dpi > 0)) {
    throw new RangeError(
      `width and margin must be whole numbers, dpi positive (got ${width}, ${margin}, ${dpi})`,
    );
  }
  const { size, data } = modules;
  const scale = Math.floor(width / (size + 2 * margin));
  if (scale < 1) {
    throw new RangeError(
      `${width} px cannot hold a ${size}-module QR code with a ${margin}-module quiet zone`,
    );
  }
  const offset = Math.floor((width - size * scale) / 2);

  // Scanlines of 1-bit greyscale (1 = white), each led by its filter byte (0, none). Rows within a
  // module row are identical, so each is built once and copied.
  const stride = 1 + Math.ceil(width / 8);
  const raw = Buffer.alloc(stride * width, 0xff);
  for (let y = 0; y < width; y++) raw[y * stride] = 0;
  const row = Buffer.alloc(stride);
  for (let r = 0; r < size; r++) {
    row.fill(0xff);
    row[0] = 0;
    for (let c = 0; c < size; c++) {
      if (!data[r * size + c]) continue;
      for (let x = offset + c * scale, end = x + scale; x < end; x++) {
        row[1 + (x >> 3)] &= ~(0x80 >> (x & 7));
      }
    }
    for (let y = offset + r * scale, end = y + scale; y < end; y++) row.copy(raw, y * stride);
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // colour type: greyscale
  // compression, filter method and interlace stay 0
  const pixelsPerMetre = Math.round(dpi / 0.0254);
  const physical = Buffer.alloc(9);
  physical.writeUInt32BE(pixelsPerMetre, 0);
  physical.writeUInt32BE(pixelsPerMetre, 4);
  physical[8] = 1; // unit: metre

  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('pHYs', physical),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  body.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

// ---- WeChat's mini-program code ------------------------------------------------------------------

export type WxacodeResult =
  | {
      ok: true;
      /**
       * The image bytes. The local stand-in always answers PNG; WeChat may answer JPEG for an opaque
       * code, so `contentType` says which, read from the bytes rather than trusted from a header.
       */
      png: Buffer;
      contentType: 'image/png' | 'image/jpeg';
    }
  | { ok: false; errcode: number; errmsg: string };

export interface WxacodeOptions {
  /** Defaults to MINIPROGRAM_LANDING_PAGE. */
  page?: string;
  /**
   * Off by default so codes can be made before the landing page is published (posters are printed
   * ahead of launch, and trial/develop versions have no published pages). On, WeChat refuses a page
   * the published app lacks with 41030.
   */
  checkPath?: boolean;
}

/** WeChat's default size; mini-program codes are shown on screens, posters use the printable QR. */
const WXACODE_WIDTH = 430;

function wxacodeRequest(target: Target, opts: WxacodeOptions = {}): UnlimitedCodeRequest {
  assertTarget(target);
  const cfg = config();
  return {
    scene: sceneFor(target),
    page: opts.page ?? cfg.landingPage,
    checkPath: opts.checkPath ?? false,
    envVersion: cfg.wxacodeEnvVersion,
    width: WXACODE_WIDTH,
  };
}

/** The request as WeChat receives it, which the stored image's name is a hash of. */
function wireForm(request: UnlimitedCodeRequest) {
  return {
    scene: request.scene,
    page: request.page,
    check_path: request.checkPath,
    env_version: request.envVersion,
    width: request.width,
  };
}

/**
 * Asks WeChat (wxacode.getUnlimited, by cloud call) for the target's mini-program code. WeChat's
 * refusals (41030 page not found, 45009 rate limit, 40097 bad scene, …) and outages come back as
 * `{ ok: false }`, never thrown.
 */
export async function wxacodePng(target: Target, opts: WxacodeOptions = {}): Promise<WxacodeResult> {
  const answer = await unlimitedCode(wxacodeRequest(target, opts));
  return answer.ok ? imageOf(answer.image) : answer;
}

/** The image, its format read from its bytes rather than trusted from a header. */
export function imageOf(bytes: Buffer): WxacodeResult {
  if (startsWith(bytes, PNG_SIGNATURE)) return { ok: true, png: bytes, contentType: 'image/png' };
  if (startsWith(bytes, JPEG_SIGNATURE)) return { ok: true, png: bytes, contentType: 'image/jpeg' };
  return {
    ok: false,
    errcode: -1,
    errmsg: `unexpected answer from wxacode.getUnlimited: ${bytes.length} bytes, neither PNG nor JPEG`,
  };
}

function startsWith(bytes: Buffer, signature: Buffer): boolean {
  return bytes.length >= signature.length && bytes.subarray(0, signature.length).equals(signature);
}

// ---- Stored images ------------------------------------------------------------------------------

export interface CodeImages {
  /** File ID of the printable QR code. */
  qr: string;
  /** File ID of the mini-program code; null when WeChat refused it this time (tried again next call). */
  wxacode: string | null;
  wxacodeError?: { errcode: number; errmsg: string };
}

export interface CodeImagePaths {
  qr: string;
  /** Where the mini-program code is kept, by the format WeChat answered in. */
  wxacode: { 'image/png': string; 'image/jpeg': string };
}

function shortHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 8);
}

/**
 * Cloud paths of a target's images. Each name carries a hash of what the image encodes (URL prefix,
 * landing page, env version, size), so the paths stay the same while the configuration does, and a
 * changed configuration — a develop-version code, a new URL prefix — is never served from storage.
 */
export function codeImagePaths(target: Target): CodeImagePaths {
  assertTarget(target);
  const base = `codes/${target.type}/${target.code}`;
  const qr = `${base}-qr-${shortHash({ url: printableUrl(target), ...PRINTABLE_DEFAULTS })}.png`;
  const wx = `${base}-wxacode-${shortHash(wireForm(wxacodeRequest(target)))}`;
  return { qr, wxacode: { 'image/png': `${wx}.png`, 'image/jpeg': `${wx}.jpg` } };
}

/**
 * File IDs are `cloud://<env>.<bucket>/<path>`, and getTempFileURL needs file IDs, not paths. The
 * prefix is learnt once per app from the upload metadata of one path (which creates nothing), so
 * after the first call an existence check is a single getTempFileURL.
 */
const fileIdPrefixes = new WeakMap<object, string>();

async function fileIdsFor(app: QrApp, paths: string[]): Promise<string[]> {
  let prefix = fileIdPrefixes.get(app);
  if (prefix === undefined) {
    const { data } = await app.getUploadMetadata({ cloudPath: paths[0] });
    if (!data.fileId.endsWith(`/${paths[0]}`)) {
      // An unfamiliar file ID format: ask for each path rather than guess.
      return Promise.all(
        paths.map(async (cloudPath) => (await app.getUploadMetadata({ cloudPath })).data.fileId),
      );
    }
    prefix = data.fileId.slice(0, data.fileId.length - paths[0].length);
    fileIdPrefixes.set(app, prefix);
  }
  return paths.map((path) => prefix + path);
}

/**
 * Makes the target's printable QR code and mini-program code once and keeps them in storage.
 * Images already stored (getTempFileURL answers SUCCESS) are reused, not regenerated; a refused
 * mini-program code is reported and tried again on the next call. Two concurrent first calls may
 * both upload; the images are the same, so the second write is harmless.
 */
export async function ensureCodeImages(app: QrApp, target: Target): Promise<CodeImages> {
  const paths = codeImagePaths(target);
  const [qrId, wxPngId, wxJpegId] = await fileIdsFor(app, [
    paths.qr,
    paths.wxacode['image/png'],
    paths.wxacode['image/jpeg'],
  ]);
  const { fileList } = await app.getTempFileURL({ fileList: [qrId, wxPngId, wxJpegId] });
  const stored = new Set(fileList.filter((f) => f.code === 'SUCCESS').map((f) => f.fileID));

  const qr = stored.has(qrId) ? Promise.resolve(qrId) : upload(app, paths.qr, printableQrPng(target));
  const storedWxacode = [wxPngId, wxJpegId].find((id) => stored.has(id));
  const wxacode: Promise<Omit<CodeImages, 'qr'>> = storedWxacode
    ? Promise.resolve({ wxacode: storedWxacode })
    : wxacodePng(target).then(async (result) =>
        result.ok
          ? { wxacode: await upload(app, paths.wxacode[result.contentType], result.png) }
          : { wxacode: null, wxacodeError: { errcode: result.errcode, errmsg: result.errmsg } },
      );
  const [qrFileId, wx] = await Promise.all([qr, wxacode]);
  return { qr: qrFileId, ...wx };
}

async function upload(app: QrApp, cloudPath: string, content: Buffer): Promise<string> {
  const { fileID } = await app.uploadFile({ cloudPath, fileContent: content });
  return fileID;
}

export interface CodeImageUrls {
  qr: string | null;
  wxacode: string | null;
}

/** Temporary download URLs for stored images (null for one that is missing or was refused). */
export async function codeImageUrls(
  app: QrApp,
  images: Pick<CodeImages, 'qr' | 'wxacode'>,
  maxAgeSeconds = 3600,
): Promise<CodeImageUrls> {
  const ids = [images.qr, images.wxacode].filter((id): id is string => Boolean(id));
  const { fileList } = await app.getTempFileURL({
    fileList: ids.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })),
  });
  const url = (id: string | null) =>
    (id && fileList.find((f) => f.fileID === id && f.code === 'SUCCESS')?.tempFileURL) || null;
  return { qr: url(images.qr), wxacode: url(images.wxacode) };
}
