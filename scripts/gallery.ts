/**
 * `npm run gallery`: every screen in tests/miniprogram/gallery/screens.gallery.ts, in 标准版 and 长辈版,
 * rendered by miniprogram-simulate to HTML and photographed at 375 px by headless Chromium
 * (Debian's `chromium` package, or CHROMIUM=/path) into .tmp/gallery/*.png. It needs Chromium,
 * so it stays out of `npm test`.
 *
 * Usage: tsx scripts/gallery.ts [name filter]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const out = path.join(root, '.tmp', 'gallery');
const html = path.join(out, 'html');
const chromium = process.env.CHROMIUM ?? 'chromium';
const filter = process.argv[2] ?? '';

fs.rmSync(html, { recursive: true, force: true });
const rendered = spawnSync(
  process.execPath,
  [
    require.resolve('jest/bin/jest'),
    '-c',
    'tests/miniprogram/gallery/jest.config.js',
    ...(filter ? ['-t', filter] : []),
  ],
  { cwd: root, stdio: 'inherit' },
);
if (rendered.status !== 0) process.exit(rendered.status ?? 1);

/** The first screen of a 375 × 812 phone, and the whole page (up to 2400 px). */
const SHOTS = [
  { suffix: '', height: 812 },
  { suffix: '.full', height: 2400 },
];

for (const file of fs.readdirSync(html).filter((name) => name.endsWith('.html'))) {
  for (const { suffix, height } of SHOTS) photograph(file, suffix, height);
}

function photograph(file: string, suffix: string, height: number): void {
  const png = path.join(out, file.replace(/\.html$/, `${suffix}.png`));
  const shot = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      `--window-size=375,${height}`,
      `--screenshot=${png}`,
      `file://${path.join(html, file)}`,
    ],
    { encoding: 'utf8' },
  );
  if (shot.status !== 0) {
    process.stderr.write(shot.stderr);
    process.exit(1);
  }
  process.stdout.write(`${path.relative(root, png)}\n`);
}
