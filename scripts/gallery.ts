/**
 * `npm run gallery`: every screen in tests/miniprogram/gallery/*.gallery.ts, in 标准版 and 长辈版,
 * rendered by miniprogram-simulate to HTML and photographed at 375 px (360 px for the screens named
 * `…@360`, a narrow Android phone) by headless Chromium
 * (Debian's `chromium` package, or CHROMIUM=/path) into .tmp/gallery/*.png. It needs Chromium,
 * so it stays out of `npm test`.
 *
 * It also writes .tmp/gallery/audit.md: per screen and look, the smallest text, tap targets under
 * 88rpx, texts under 4.5:1 contrast, and anything wider than the screen, as Chromium measures them
 * (tests/miniprogram/gallery/audit.js).
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

/** The screen's width in px: 360 for the narrow phone's screens, else 375. */
const widthOf = (file: string) => (file.includes('@360') ? 360 : 375);

const pages = fs.readdirSync(html).filter((name) => /(?<!\.shot)\.html$/.test(name));
for (const file of pages) {
  for (const shot of SHOTS) photograph(file, shot);
}
writeAudit(pages.map((file) => ({ file, found: audit(file) })));

interface Audit {
  smallestPx: number;
  smallestText: string;
  smallTaps: string[];
  lowContrast: string[];
  wide: string[];
}

/** The page measured by audit.js in Chromium, read back from the DOM Chromium dumps. */
function audit(file: string): Audit {
  const script = fs.readFileSync(path.join(root, 'tests', 'miniprogram', 'gallery', 'audit.js'), 'utf8');
  const source = path.join(html, file.replace(/\.html$/, '.audit.shot.html'));
  const page = fs.readFileSync(path.join(html, file), 'utf8');
  fs.writeFileSync(
    source,
    page.replace('</body>', () => `<script>${script}</script></body>`),
  );
  const dumped = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      `--window-size=${widthOf(file)},812`,
      '--dump-dom',
      `file://${source}`,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  // The element itself, with its style: the script's own text mentions the element too.
  const json = /<pre id="gallery-audit" style="[^"]*">([^<]*)<\/pre>/.exec(dumped.stdout)?.[1];
  if (!json?.startsWith('{')) throw new Error(`no audit for ${file}: ${dumped.stdout.slice(-400)}`);
  return JSON.parse(json.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Audit;
}

function writeAudit(rows: Array<{ file: string; found: Audit }>): void {
  const list = (items: string[]) => (items.length ? `${items.length}: ${items.join('; ')}` : '—');
  const lines = [
    '| screen | smallest text | tap targets under 88rpx | text under 4.5:1 | wider than the screen |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      ({ file, found }) =>
        `| ${file.replace(/\.html$/, '')} | ${found.smallestPx * 2}rpx (${found.smallestText}) | ${list(found.smallTaps)} | ${list(found.lowContrast)} | ${list(found.wide)} |`,
    ),
  ];
  const target = path.join(out, 'audit.md');
  fs.writeFileSync(target, `${lines.join('\n')}\n`);
  process.stdout.write(`${path.relative(root, target)}\n`);
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
      `--window-size=${widthOf(file)},${height}`,
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
