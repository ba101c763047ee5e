import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, buildFunctions } from '../../scripts/build-functions';
import { DEV_OFFICE_OPENID } from '../../stack/seed';
import { download, pdfFonts, pdfText } from '../helpers/documents';
import { startProduct } from '../helpers/project-stack';

/**
 * The deployed office function prints Chinese with nothing but its own folder: its bundle and the
 * font the build put beside it. It runs here as CloudBase runs it, in its own Node process, where
 * only the SDK can be found (CloudBase installs it); the font package cannot.
 */

let outDir: string;
let modules: string;
let product: Awaited<ReturnType<typeof startProduct>>;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daibiao-print-build-'));
  await buildFunctions({ outDir, log: () => undefined });
  // Only what CloudBase installs from the function's package.json: the SDK.
  modules = fs.mkdtempSync(path.join(os.tmpdir(), 'daibiao-sdk-only-'));
  fs.mkdirSync(path.join(modules, '@cloudbase'));
  fs.symlinkSync(
    path.join(REPO_ROOT, 'node_modules', '@cloudbase', 'node-sdk'),
    path.join(modules, '@cloudbase', 'node-sdk'),
  );
  product = await startProduct();
}, 60_000);

afterAll(async () => {
  await product.close();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(modules, { recursive: true, force: true });
});

it("makes a station's posters from the built office folder, with the font it carries", async () => {
  const bundle = path.join(outDir, 'office', 'index.js');
  const script = `require(${JSON.stringify(bundle)}).main({ action: 'posters', data: { stationId: 'station-wenquan' } }, {})
    .then((result) => process.stdout.write(JSON.stringify(result)))`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    cwd: path.dirname(bundle),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_PATH: modules,
      CLOUDBASE_SERVICE_URL: `${product.stack.url}/admin`,
      CLOUDBASE_ENV_ID: 'local',
      TENCENTCLOUD: 'true',
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      WX_OPENID: DEV_OFFICE_OPENID,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const result = JSON.parse(stdout) as { ok: boolean; data: { status: string; url: string; count: number } };
  expect(result).toMatchObject({ ok: true, data: { status: 'done', count: 2 } });
  const pdf = await download(result.data.url);
  expect(pdfText(pdf)[0]).toContain('温泉街道联络点');
  expect(pdfFonts(pdf)).toEqual([{ name: expect.stringMatching(/NotoSansHans-Regular$/), embedded: true }]);
}, 60_000);
