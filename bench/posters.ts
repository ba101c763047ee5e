import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { Target } from '../miniprogram/core/codes';
import { generatePrintableBatch, printableUrl } from '../cloudfunctions/_lib/codes';
import { decodeQr } from '../tests/helpers/zbar';

/**
 * `npx tsx bench/posters.ts`: printable QR posters for every deputy (the target: 11,000 in
 * under a minute on 2 cores). Prints figures, never passes or fails; POSTER_COUNT changes the count.
 * For comparison it also times the `qrcode` package's own PNG renderer on a sample, the obvious
 * implementation this one replaces.
 */

const COUNT = Number(process.env.POSTER_COUNT ?? 11_000);
const TARGET_SECONDS = 60;
const SAMPLE = 200;

const deputies: Target[] = Array.from({ length: COUNT }, (_, i) => ({
  type: 'deputy',
  code: `D${String(i + 1).padStart(5, '0')}`,
}));

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'posters-'));
  const rows: Array<[string, string]> = [];
  try {
    const result = await generatePrintableBatch(deputies, { outDir });
    const seconds = result.ms / 1000;
    const written = readdirSync(outDir).length;
    rows.push([
      `printable QR PNGs (1024 px, ECC M), ${COUNT.toLocaleString('en-US')} deputies`,
      `${fmt(seconds, 2)} s`,
    ]);
    rows.push(['  throughput', `${fmt(COUNT / seconds, 0)} PNGs/s`]);
    rows.push(['  files written / total bytes', `${written} / ${(result.bytes / 1e6).toFixed(1)} MB`]);
    rows.push(['  bytes per PNG (mean)', `${fmt(result.bytes / COUNT, 0)} B`]);
    rows.push([
      `  projection for 11,000 vs the ${TARGET_SECONDS} s target`,
      `${fmt((11_000 / COUNT) * seconds, 2)} s (${fmt(TARGET_SECONDS / ((11_000 / COUNT) * seconds))} × headroom)`,
    ]);

    // The output must be right as well as fast: an independent decoder reads a spread of files.
    const picks = [0, Math.floor(COUNT / 2), COUNT - 1].filter((i, k, a) => i >= 0 && a.indexOf(i) === k);
    const decoded = picks.filter(
      (i) => decodeQr(readFileSync(join(outDir, `${deputies[i].code}.png`))) === printableUrl(deputies[i]),
    ).length;
    rows.push([
      '  zbar check of first / middle / last file',
      `${decoded} of ${picks.length} decode to their URLs`,
    ]);

    const t0 = process.hrtime.bigint();
    for (const target of deputies.slice(0, SAMPLE)) {
      await QRCode.toBuffer(printableUrl(target), {
        type: 'png',
        width: 1024,
        margin: 4,
        errorCorrectionLevel: 'M',
      });
    }
    const packageMs = Number(process.hrtime.bigint() - t0) / 1e6 / Math.min(SAMPLE, COUNT);
    rows.push([
      `for comparison: qrcode's own PNG renderer, ${Math.min(SAMPLE, COUNT)} codes`,
      `${fmt(packageMs)} ms each, 11,000 ≈ ${fmt((packageMs * 11_000) / 1000, 0)} s on one core`,
    ]);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nposters (${new Date().toISOString()}, node ${process.version}, ${cpus().length} cores)`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
