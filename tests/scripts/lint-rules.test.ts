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
