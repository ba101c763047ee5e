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

/** The first screen of a 375 × 812 phone, then the rest of the page in slices of 1400 px. */
const SHOTS = [
  { suffix: '', height: 812, offset: 0 },
  { suffix: '.1', height: 1400, offset: 0 },
  { suffix: '.2', height: 1400, offset: 1400 },
];

for (const file of fs.readdirSync(html).filter((name) => /(?<!\.shot)\.html$/.test(name))) {
  for (const shot of SHOTS) photograph(file, shot);
}

function photograph(file: string, { suffix, height, offset }: (typeof SHOTS)[number]): void {
  const png = path.join(out, file.replace(/\.html$/, `${suffix}.png`));
  // A slice further down: the page moved up (a fixed bar stays where it is, as when scrolling).
  const source = path.join(html, file.replace(/\.html$/, `${suffix}.shot.html`));
  const page = fs.readFileSync(path.join(html, file), 'utf8');
  fs.writeFileSync(
    source,
    page.replace('</head>', `<style>html { margin-top: -${offset}px; }</style></head>`),
  );
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
      `file://${source}`,
    ],
    { encoding: 'utf8' },
  );
  if (shot.status !== 0) {
    process.stderr.write(shot.stderr);
    process.exit(1);
  }
  process.stdout.write(`${path.relative(root, png)}\n`);
}
