import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { targetFromOptions, urlFor, type Target } from '../../miniprogram/core/codes';
import { generatePrintableBatch } from '../../cloudfunctions/_lib/codes';
import { decodeQr } from '../helpers/zbar';

/** Printing in bulk: one PNG per target, each holding its own URL. Speed is bench/posters.ts's job. */

let outDir: string;
beforeEach(() => {
  outDir = join(mkdtempSync(join(tmpdir(), 'qr-batch-')), 'posters');
});
afterEach(() => rmSync(join(outDir, '..'), { recursive: true, force: true }));

const prefix = 'https://daibiao.example.cn/q';
const targets: Target[] = [
  ...Array.from({ length: 24 }, (_, i) => ({
    type: 'deputy' as const,
    code: `D${String(i + 1).padStart(5, '0')}`,
  })),
  ...Array.from({ length: 6 }, (_, i) => ({
    type: 'station' as const,
    code: `S${String(i + 1).padStart(4, '0')}`,
  })),
];

it('writes one file per target, and a spread of them decode to their URLs', async () => {
  const result = await generatePrintableBatch(targets, { outDir, prefix, concurrency: 4 });

  expect(readdirSync(outDir).sort()).toEqual(targets.map((t) => `${t.code}.png`).sort());
  expect(result.files.map((f) => f.url)).toEqual(targets.map((t) => urlFor(prefix, t)));
  expect(result.bytes).toBe(result.files.reduce((sum, f) => sum + f.bytes, 0));

  for (const i of [0, 11, 23, 24, 29]) {
    const file = result.files[i];
    const text = decodeQr(readFileSync(file.path));
    expect(text).toBe(urlFor(prefix, targets[i]));
    expect(targetFromOptions({ q: encodeURIComponent(text) })).toEqual(targets[i]);
  }
});

it('passes the printing options on', async () => {
  const result = await generatePrintableBatch(targets.slice(0, 2), { outDir, prefix, width: 512 });
  expect(readFileSync(result.files[0].path).readUInt32BE(16)).toBe(512);
});

it('refuses an invalid code before writing anything', async () => {
  await expect(
    generatePrintableBatch([...targets.slice(0, 3), { type: 'station', code: 'X1' }], { outDir, prefix }),
  ).rejects.toThrow(TypeError);
  expect(() => readdirSync(outDir)).toThrow();
});

it('reports a write that fails, after the other writes have settled', async () => {
  // A directory where one PNG should go: that write fails, the others do not.
  mkdirSync(join(outDir, 'D00005.png'), { recursive: true });
  await expect(generatePrintableBatch(targets, { outDir, prefix, concurrency: 3 })).rejects.toThrow(/EISDIR/);
});
