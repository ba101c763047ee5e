import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The house's layout rules that no compiler checks: the functions' library is made of areas only,
 * each with a public face, every area is placed in the import layering, and no source file grows
 * past what a newcomer can read in one sitting.
 */

const ROOT = join(__dirname, '..', '..');
const LIB = join(ROOT, 'cloudfunctions', '_lib');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (['node_modules', 'miniprogram_npm'].includes(name)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|wxml|wxss)$/.test(name) ? [path] : [];
  });
}

describe('the functions library', () => {
  const entries = readdirSync(LIB);

  it('holds area folders only, each with an index that is its public face', () => {
    const loose = entries.filter((name) => !statSync(join(LIB, name)).isDirectory());
    expect(loose).toEqual([]);
    const faceless = entries.filter((area) => !readdirSync(join(LIB, area)).includes('index.ts'));
    expect(faceless).toEqual([]);
  });

  it('places every area in the import layering that lint enforces', () => {
    const config = readFileSync(join(ROOT, 'eslint.config.mjs'), 'utf8');
    const layering = /const AREAS = \{([\s\S]*?)\n\};/.exec(config)?.[1] ?? '';
    const declared = [...layering.matchAll(/^\s+([a-z]+):/gm)].map((m) => m[1]);
    expect([...declared].sort()).toEqual([...entries].sort());
  });
});

it('keeps every source file outside the tests under 500 lines', () => {
  const files = ['cloudfunctions', 'miniprogram', 'stack', 'scripts', 'bench'].flatMap((dir) =>
    sourceFiles(join(ROOT, dir)),
  );
  expect(files.length).toBeGreaterThan(100);
  const long = files
    .map((file) => ({ file: relative(ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length }))
    .filter((f) => f.lines > 500);
  expect(long).toEqual([]);
});
