import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildFunctions } from '../../scripts/build-functions';
import { DEV_OFFICE_OPENID } from '../../stack/seed';
import { download, pdfFonts, pdfText } from '../helpers/documents';
import { cloudModules } from '../helpers/cloud-modules';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * Built functions run as CloudBase runs them, each in its own Node process, where only the SDKs can
 * be found (CloudBase installs them from the function's package.json); the font package cannot.
 * The office function prints Chinese with nothing but its own folder: its bundle and the font the
 * build put beside it. The resident function reaches WeChat by cloud call through wx-server-sdk.
 */

let outDir: string;
let modules: string;
let product: Awaited<ReturnType<typeof startProduct>>;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daibiao-print-build-'));
  await buildFunctions({ outDir, log: () => undefined });
  // Only what CloudBase installs from the function's package.json: the SDKs.
  modules = cloudModules();
  product = await startProduct();
}, 60_000);

afterAll(async () => {
  await product.close();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(modules, { recursive: true, force: true });
});

/** Runs a built function's main in its own process, as `openid`, against the product's stack. */
async function runBuilt(name: string, event: unknown, openid: string): Promise<unknown> {
  const bundle = path.join(outDir, name, 'index.js');
  const script = `require(${JSON.stringify(bundle)}).main(${JSON.stringify(event)}, {})
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
      WX_OPENID: openid,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

it("makes a station's posters from the built office folder, with the font it carries", async () => {
  const result = (await runBuilt(
    'office',
    { action: 'posters', data: { stationId: 'station-wenquan' } },
    DEV_OFFICE_OPENID,
  )) as { ok: boolean; data: { status: string; url: string; count: number } };
  expect(result).toMatchObject({ ok: true, data: { status: 'done', count: 2 } });
  const pdf = await download(result.data.url);
  expect(pdfText(pdf)[0]).toContain('温泉街道联络点');
  expect(pdfFonts(pdf)).toEqual([{ name: expect.stringMatching(/NotoSansHans-Regular$/), embedded: true }]);
}, 60_000);

it('checks text from the built resident folder by cloud call, through the installed wx-server-sdk', async () => {
  const before = (await product.wxCalls('security.msgSecCheck')).length;
  const refused = await runBuilt(
    'resident',
    { action: 'submit', data: submission({ contactName: '代开发票找我' }) },
    'o-built-resident',
  );
  expect(refused).toMatchObject({
    ok: false,
    code: 'CONTENT.RISKY',
    fields: { contactName: expect.any(String) },
  });
  const calls = (await product.wxCalls('security.msgSecCheck')).slice(before);
  expect(calls).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        request: expect.objectContaining({
          content: '代开发票找我',
          version: 2,
          scene: 1,
          openid: 'o-built-resident',
        }),
      }),
    ]),
  );
}, 60_000);
