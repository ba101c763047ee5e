import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The lint rules that keep the domain core free of hidden clocks and chance, as a file there would meet them. */

const ROOT = join(__dirname, '..', '..');

function lint(filePath: string, code: string): string[] {
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--format',
      'json',
      // A probe file is in no tsconfig: lint it without type information, and without the rules
      // that need it (they are not what this test is about).
      '--parser-options',
      'projectService:false',
      '--rule',
      '@typescript-eslint/no-floating-promises: off',
      '--rule',
      '@typescript-eslint/switch-exhaustiveness-check: off',
      '--stdin',
      '--stdin-filename',
      filePath,
    ],
    { cwd: ROOT, input: code, encoding: 'utf8' },
  );
  const [report] = JSON.parse(run.stdout) as Array<{ messages: Array<{ message: string }> }>;
  return report.messages.map((m) => m.message);
}

const hidden = [
  'export const a = Date.now();',
  'export const b = new Date();',
  'export const c = Date();',
  'export const d = Math.random();',
  'export const e = [0].map(Math.random);',
].join('\n');

it('refuses the real clock and Math.random in the core, saying to inject them', () => {
  const messages = lint('miniprogram/core/probe.ts', hidden);
  expect(messages).toHaveLength(5);
  expect(messages.filter((m) => m.includes('take `now`'))).toHaveLength(3);
  expect(messages.filter((m) => m.includes('take `random: () => number`'))).toHaveLength(2);
  // The core keeps the mini-program's rule that only services reach the network.
  expect(
    lint('miniprogram/core/probe.ts', 'declare const wx: { cloud: unknown };\nexport const w = wx.cloud;\n'),
  ).toEqual([expect.stringContaining('Only miniprogram/services/')]);
});

it('lets the core use dates it is given, and leaves code outside the core alone', () => {
  expect(
    lint('miniprogram/core/probe.ts', 'export const at = (now: number) => new Date(now).toISOString();\n'),
  ).toEqual([]);
  expect(lint('miniprogram/pages/probe.ts', hidden)).toEqual([]);
});

describe("the functions library's layering", () => {
  it('refuses an area importing one above it, or another area by its files', () => {
    const up = lint(
      'cloudfunctions/_lib/directory/probe.ts',
      "import { submit } from '../cases';\nexport const x = submit;\n",
    );
    expect(up).toEqual([expect.stringContaining('directory may not import cases')]);
    const deep = lint(
      'cloudfunctions/_lib/cases/probe.ts',
      "import { getById } from '../platform/db';\nexport const x = getById;\n",
    );
    expect(deep).toEqual([expect.stringContaining('through its index')]);
    expect(
      lint(
        'cloudfunctions/_lib/cases/probe.ts',
        "import { getById } from '../platform';\nexport const x = getById;\n",
      ),
    ).toEqual([]);
  });

  it('refuses a function file reaching into an area, and the core reaching outside itself', () => {
    expect(
      lint(
        'cloudfunctions/resident/index.ts',
        "import { submit } from '../_lib/cases/resident';\nexport const x = submit;\n",
      ),
    ).toEqual([expect.stringContaining('../_lib/<area>')]);
    expect(
      lint('miniprogram/core/probe.ts', "import { call } from '../services/api';\nexport const x = call;\n"),
    ).toEqual([expect.stringContaining('nothing outside miniprogram/core/')]);
  });
});
