import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { urlFor } from '../../miniprogram/core/codes';
import { printPosters } from '../../scripts/posters';
import { pdfPages, pdfText } from '../helpers/documents';
import { startProduct } from '../helpers/project-stack';
import { decodeQr } from '../helpers/zbar';

/** `npm run posters`: the operator prints the posters straight from the database, as the office action does. */

let product: Awaited<ReturnType<typeof startProduct>>;
let out: string;
beforeAll(async () => {
  product = await startProduct();
  out = mkdtempSync(join(tmpdir(), 'posters-script-'));
});
afterAll(async () => {
  await product.close();
  rmSync(out, { recursive: true, force: true });
});

it("writes one station's posters into the folder named, with the deployment's URL prefix in the codes", async () => {
  const env = {
    CLOUDBASE_SERVICE_URL: `${product.stack.url}/admin`,
    QR_URL_PREFIX: 'https://rd.example.gov.cn/daibiao',
  };
  const run = await printPosters(
    ['--out', out, '--station', 's0003'],
    env,
    Date.parse('2026-11-09T10:00:00+08:00'),
  );
  expect(run).toEqual({ file: join(out, 'posters-S0003-2026-11-09.pdf'), pages: 2 });
  const pdf = readFileSync(run.file);
  expect(pdfPages(pdf).map(decodeQr)).toEqual([
    urlFor(env.QR_URL_PREFIX, { type: 'station', code: 'S0003' }),
    urlFor(env.QR_URL_PREFIX, { type: 'deputy', code: 'D00005' }),
  ]);
  expect(pdfText(pdf)[1]).toContain('黄美玲');
});

it('says what is missing', async () => {
  await expect(printPosters([], {})).rejects.toThrow('--out');
  await expect(printPosters(['--out', out], {})).rejects.toThrow('Set ENV_ID');
  await expect(
    printPosters(['--out', out, '--station', 'S9999'], {
      CLOUDBASE_SERVICE_URL: `${product.stack.url}/admin`,
    }),
  ).rejects.toThrow('S9999');
});

it('refuses, before connecting, to print a deployment’s codes with a missing or example prefix', async () => {
  const cloud = { ENV_ID: 'prod-1', TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' };
  await expect(printPosters(['--out', out], cloud)).rejects.toThrow('QR_URL_PREFIX is not set');
  await expect(
    printPosters(['--out', out], { ...cloud, QR_URL_PREFIX: 'https://daibiao.example.cn/q' }),
  ).rejects.toThrow('is the example placeholder');
});
