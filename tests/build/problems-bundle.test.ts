import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { JIEBA_WASM, buildFunctions } from '../../scripts/build-functions';
import { cloudModules } from '../helpers/cloud-modules';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * The deployed resident function reads Chinese with nothing but its own folder: the bundle and
 * jieba's .wasm the build put beside it. It runs as CloudBase runs it, in its own Node process where
 * only the SDKs can be found. And it reads the .wasm only when an appeal is first compared: a
 * function instance that only opens a landing page never loads it.
 */

let outDir: string;
let modules: string;
let product: Awaited<ReturnType<typeof startProduct>>;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daibiao-problems-build-'));
  const built = await buildFunctions({ outDir, log: () => undefined });
  expect(built.find((f) => f.name === 'resident')?.assets).toEqual([JIEBA_WASM]);
  expect(built.find((f) => f.name === 'deputy')?.assets).toEqual([]);
  // Only what CloudBase installs from the function's package.json: the SDKs.
  modules = cloudModules();
  product = await startProduct();
  await product.ok(
    'o-bundle-a',
    'resident',
    'submit',
    submission({
      description: '温泉支路的路灯坏了，晚上一片漆黑',
      location: { latitude: 26.0915, longitude: 119.3107, name: '温泉支路' },
    }),
  );
}, 120_000);

afterAll(async () => {
  await product.close();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(modules, { recursive: true, force: true });
});

async function callBundle(folder: string, action: string, data: object) {
  const bundle = path.join(folder, 'index.js');
  const script = `require(${JSON.stringify(bundle)}).main(${JSON.stringify({ action, data })}, {})
    .then((result) => process.stdout.write(JSON.stringify(result)))`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    cwd: folder,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_PATH: modules,
      CLOUDBASE_SERVICE_URL: `${product.stack.url}/admin`,
      CLOUDBASE_ENV_ID: 'local',
      TENCENTCLOUD: 'true',
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      WX_OPENID: 'o-bundle-b',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(stdout) as { ok: boolean; data: unknown };
}

it('finds an appeal like the draft from the built resident folder, with the .wasm it carries', async () => {
  const result = await callBundle(path.join(outDir, 'resident'), 'similarAppeals', {
    description: '温泉支路路等不亮了',
    location: { latitude: 26.0916, longitude: 119.3108 },
  });
  expect(result).toMatchObject({ ok: true, data: { items: [{ problem: '路灯损坏' }] } });
}, 60_000);

it('serves everything else without ever reading the .wasm', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'daibiao-no-wasm-'));
  fs.copyFileSync(path.join(outDir, 'resident', 'index.js'), path.join(folder, 'index.js'));
  try {
    expect(await callBundle(folder, 'me', {})).toMatchObject({ ok: true });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}, 60_000);
