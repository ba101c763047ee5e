/**
 * `npm run gallery`: every screen in tests/miniprogram/gallery/*.gallery.ts, in 标准版 and 长辈版,
 * rendered by miniprogram-simulate to HTML and photographed at 375 px (360 px for the screens named
 * `…@360`, a narrow Android phone) by headless Chromium
 * (Debian's `chromium` package, or CHROMIUM=/path) into .tmp/gallery/*.png. It needs Chromium,
 * so it stays out of `npm test`.
 *
 * It also writes .tmp/gallery/audit.md: a summary (screens, looks, flags per column), then per look
 * (标准版, 长辈版) and screen what tests/miniprogram/gallery/audit.js measures in Chromium, in rpx
 * of that screen's width: the smallest text, text under the look's floor, tap targets under 88rpx,
 * in 长辈版 main actions under 120rpx and line height under 1.3, text under 4.5:1, and anything
 * wider than the screen. It is a check: it exits 1 when anything is flagged, unless run with
 * `--report-only` (or GALLERY_REPORT_ONLY=1), which writes the same audit and exits 0.
 *
 * Usage: tsx scripts/gallery.ts [--report-only] [name filter]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const out = path.join(root, '.tmp', 'gallery');
const html = path.join(out, 'html');
const args = process.argv.slice(2);
const reportOnly = args.includes('--report-only') || process.env.GALLERY_REPORT_ONLY === '1';
const filter = args.find((arg) => !arg.startsWith('--')) ?? '';

/**
 * Chromium itself, not Debian's /usr/bin/chromium: that is a shell script which sources
 * /etc/chromium.d/*, and its dev-shm file runs `[ $shm_avail -lt 4080218931 ]` on the output of
 * `findmnt -T /dev/shm`, which is one line per mount. Where /dev/shm is mounted twice (containers
 * do that) the test reads `[ 25275269120 25275269120 -lt … ]` and the shell prints
 * `[: 25275269120: unexpected operator`. The binary is called directly and given that file's one
 * flag that matters here, `--disable-dev-shm-usage`, on the same rule: less than 3.8 GB free there.
 */
const chromium =
  process.env.CHROMIUM ??
  (fs.existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : 'chromium');
const SHM_ENOUGH = 4_080_218_931;
const shmFree = (() => {
  try {
    const shm = fs.statfsSync('/dev/shm');
    return shm.bavail * shm.bsize;
  } catch {
    return 0;
  }
})();
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  ...(shmFree < SHM_ENOUGH ? ['--disable-dev-shm-usage'] : []),
];

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

type Mode = 'standard' | 'large';

/** What audit.js answers for one look of one screen; lengths in rpx. */
interface Audit {
  mode: Mode;
  width: number;
  smallestRpx: number;
  smallestText: string;
  smallText: string[];
  smallTaps: string[];
  smallMain: string[];
  tightLines: string[];
  lowContrast: string[];
  wide: string[];
}

/** The look a file shows, when its name says it (`…--standard`, `…--large`). */
const modeOf = (file: string): Mode | undefined =>
  /--(standard|large)\.html$/.exec(file)?.[1] as Mode | undefined;

/** The page measured by audit.js in Chromium, read back from the DOM Chromium dumps. */
function audit(file: string): Audit {
  const script = fs.readFileSync(path.join(root, 'tests', 'miniprogram', 'gallery', 'audit.js'), 'utf8');
  const source = path.join(html, file.replace(/\.html$/, '.audit.shot.html'));
  const page = fs.readFileSync(path.join(html, file), 'utf8');
  const mode = modeOf(file);
  const setMode = `window.GALLERY_WIDTH = ${widthOf(file)};${mode ? `window.GALLERY_MODE = ${JSON.stringify(mode)};` : ''}`;
  fs.writeFileSync(
    source,
    // The window of --dump-dom is at least 500 px wide: a transform makes the body (the screen's
    // width) what fixed bars are placed in, so a bar at left: 0; right: 0 is as wide as the screen.
    page
      .replace('</head>', '<style>body { transform: translateZ(0); }</style></head>')
      .replace('</body>', () => `<script>${setMode}${script}</script></body>`),
  );
  const dumped = spawnSync(
    chromium,
    [...CHROMIUM_FLAGS, `--window-size=${widthOf(file)},812`, '--dump-dom', `file://${source}`],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  // The element itself, with its style: the script's own text mentions the element too.
  const json = /<pre id="gallery-audit" style="[^"]*">([^<]*)<\/pre>/.exec(dumped.stdout)?.[1];
  if (!json?.startsWith('{')) throw new Error(`no audit for ${file}: ${dumped.stdout.slice(-400)}`);
  return JSON.parse(json.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Audit;
}

/** The audit's columns per look: what each counts, and where audit.js puts it. */
const COLUMNS: Array<{ title: string; key: keyof Audit; modes: Mode[] }> = [
  { title: 'text under 24rpx', key: 'smallText', modes: ['standard'] },
  { title: 'text under 36rpx', key: 'smallText', modes: ['large'] },
  { title: 'tap targets under 88rpx', key: 'smallTaps', modes: ['standard', 'large'] },
  { title: 'main actions under 120rpx', key: 'smallMain', modes: ['large'] },
  { title: 'line height under 1.3', key: 'tightLines', modes: ['large'] },
  { title: 'text under 4.5:1', key: 'lowContrast', modes: ['standard', 'large'] },
  { title: 'wider than the screen', key: 'wide', modes: ['standard', 'large'] },
];

const LOOKS: Array<{ mode: Mode; title: string }> = [
  { mode: 'standard', title: '标准版' },
  { mode: 'large', title: '长辈版' },
];

/** Writes audit.md and answers how many flags it holds. */
function writeAudit(rows: Array<{ file: string; found: Audit }>): number {
  const list = (items: string[]) => (items.length ? `${items.length}: ${items.join('; ')}` : '—');
  const screenOf = (file: string) => file.replace(/\.html$/, '').replace(/--(standard|large)$/, '');
  const summary = [
    `${new Set(rows.map(({ file }) => screenOf(file))).size} screens, ${rows.length} looks.`,
    '',
    '| look | looks | ' + COLUMNS.map(({ title }) => title).join(' | ') + ' |',
    '| --- | --- | ' + COLUMNS.map(() => '---').join(' | ') + ' |',
  ];
  const tables: string[] = [];
  let flags = 0;
  for (const { mode, title } of LOOKS) {
    const ofLook = rows.filter(({ found }) => found.mode === mode);
    const columns = COLUMNS.filter(({ modes }) => modes.includes(mode));
    const counts = COLUMNS.map((column) =>
      column.modes.includes(mode)
        ? ofLook.reduce((sum, { found }) => sum + (found[column.key] as string[]).length, 0)
        : undefined,
    );
    flags += counts.reduce<number>((sum, count) => sum + (count ?? 0), 0);
    summary.push(
      `| ${title} | ${ofLook.length} | ${counts.map((count) => (count === undefined ? '·' : count)).join(' | ')} |`,
    );
    tables.push(
      '',
      `## ${title}`,
      '',
      `| screen | width | smallest text | ${columns.map((column) => column.title).join(' | ')} |`,
      `| --- | --- | --- | ${columns.map(() => '---').join(' | ')} |`,
      ...ofLook.map(
        ({ file, found }) =>
          `| ${screenOf(file)} | ${found.width}px | ${found.smallestRpx}rpx (${found.smallestText}) | ${columns
            .map((column) => list(found[column.key] as string[]))
            .join(' | ')} |`,
      ),
    );
  }
  const target = path.join(out, 'audit.md');
  const text = [
    '# Gallery audit',
    '',
    `${flags} flags. Lengths in rpx of each screen's width (750rpx); how each figure is measured: tests/miniprogram/gallery/audit.js.`,
    '',
    ...summary,
    ...tables,
  ];
  fs.writeFileSync(target, `${text.join('\n')}\n`);
  process.stdout.write(`${path.relative(root, target)}: ${flags} flags\n`);
  return flags;
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
      ...CHROMIUM_FLAGS,
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

const pages = fs.readdirSync(html).filter((name) => /(?<!\.shot)\.html$/.test(name));
for (const file of pages) {
  for (const shot of SHOTS) photograph(file, shot);
}
const flags = writeAudit(pages.map((file) => ({ file, found: audit(file) })));
if (flags > 0 && !reportOnly) {
  process.stderr.write(`gallery: ${flags} flags in audit.md (--report-only to only report)\n`);
  process.exit(1);
}
