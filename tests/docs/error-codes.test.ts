import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ERROR_CODES, fail, type ErrorCode, type Failure } from '../../miniprogram/core/result';

/**
 * The codes a failure can carry are listed three times: ERROR_CODES (what the types allow),
 * docs/api.md (what client authors read) and the code that produces them. The type checker holds
 * the first and the last together for TypeScript that uses literals; this holds the rest: the
 * documentation, and codes the checker cannot see (plain JS, template strings, untyped helpers).
 */

const ROOT = join(__dirname, '..', '..');
const KNOWN = Object.keys(ERROR_CODES);
const missingFrom = (list: readonly string[], codes: Iterable<string>) =>
  [...new Set(codes)].filter((c) => !list.includes(c)).sort();

// ---- docs/api.md -------------------------------------------------------------------------------

const apiDoc = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');

/** The first column of the table under "## Error codes", up to the next section. */
function documentedCodes(): string[] {
  const start = apiDoc.indexOf('\n## Error codes\n');
  if (start < 0) throw new Error('docs/api.md has no "## Error codes" section');
  const end = apiDoc.indexOf('\n## ', start + 1);
  const section = apiDoc.slice(start, end < 0 ? undefined : end);
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => /^\|\s*`([^`]+)`\s*\|/.exec(line)?.[1])
    .filter((code): code is string => code !== undefined);
}

describe('docs/api.md lists the error codes', () => {
  const documented = documentedCodes();

  it('has a row for every code in ERROR_CODES', () => {
    expect(missingFrom(documented, KNOWN)).toEqual([]);
  });

  it('has no row for a code that ERROR_CODES does not have, and none twice', () => {
    expect(missingFrom(KNOWN, documented)).toEqual([]);
    expect(documented.length).toBe(new Set(documented).size);
  });

  // Dotted names only: bare ones (`NOT_FOUND`) cannot be told from settings (`BIND_CODE_PEPPER`).
  it('names only known codes in the per-action error lists', () => {
    const dotted = [...apiDoc.matchAll(/`([A-Z][A-Z_]*\.[A-Z][A-Z_]*)`/g)].map((m) => m[1]);
    expect(missingFrom(KNOWN, dotted)).toEqual([]);
  });
});

// ---- the source --------------------------------------------------------------------------------

/** Every .ts and .js file under the folder, wherever it has moved to. */
function sourceFiles(folder: string): string[] {
  const entries = readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' });
  return entries
    .filter((p) => /\.(ts|js)$/.test(p) && !/(^|[\\/])(node_modules|miniprogram_npm)[\\/]/.test(p))
    .map((p) => join(ROOT, folder, p));
}

const SOURCES = ['cloudfunctions', 'miniprogram'].flatMap(sourceFiles).map((file) => ({
  file: relative(ROOT, file).split(sep).join('/'),
  text: readFileSync(file, 'utf8'),
}));

const LITERAL = String.raw`(['"\x60])((?:\\.|(?!\1)[^\\])*)\1`;
/** The first argument of the helpers that make a failure, or the value of a `code:` property. */
const AS_ARGUMENT = new RegExp(String.raw`\b(?:fail|fieldFail|apiError)\(\s*` + LITERAL, 'g');
const AS_PROPERTY = new RegExp(String.raw`\bcode:\s*` + LITERAL, 'g');
/** `code:` also names bind codes and deputies' codes (`D00001`): only code-shaped values count. */
const CODE_SHAPED = /^[A-Z][A-Z_]*(\.[A-Z][A-Z_]*)?$|\$\{/;

interface Use {
  where: string;
  code: string;
}

function usesIn(text: string, file: string): Use[] {
  const found = (pattern: RegExp, keep: (code: string) => boolean) =>
    [...text.matchAll(pattern)]
      .filter((m) => keep(m[2]))
      .map((m) => ({ where: `${file}:${text.slice(0, m.index).split('\n').length}`, code: m[2] }));
  return [...found(AS_ARGUMENT, () => true), ...found(AS_PROPERTY, (c) => CODE_SHAPED.test(c))];
}

/** A template like `RECEPTION.${why}` is known when some code fits it, taking the gap for a name. */
function isKnown(code: string): boolean {
  if (!code.includes('${')) return KNOWN.includes(code);
  const escape = (part: string) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const shape = new RegExp(
    `^${code
      .split(/\$\{[^}]*\}/)
      .map(escape)
      .join('[A-Z_]+')}$`,
  );
  return KNOWN.some((c) => shape.test(c));
}

describe('the source produces only known codes', () => {
  const uses = SOURCES.flatMap(({ file, text }) => usesIn(text, file));

  it('makes failures only with codes in ERROR_CODES', () => {
    expect(uses.filter((u) => !isKnown(u.code))).toEqual([]);
  });

  // Also what keeps the scan honest: if the folders moved away from under it, nothing would be found.
  it('uses every code in ERROR_CODES somewhere', () => {
    const elsewhere = SOURCES.filter((s) => s.file !== 'miniprogram/core/result.ts');
    const quoted = (code: string) => [`'${code}'`, `"${code}"`, `\`${code}\``];
    const unused = KNOWN.filter(
      (c) => !elsewhere.some(({ text }) => quoted(c).some((q) => text.includes(q))),
    );
    expect(unused).toEqual([]);
  });

  it('finds the codes made by helpers, by template strings and by object literals', () => {
    const scanned = usesIn(
      [
        "fail('NO.SUCH', 'x');",
        'fieldFail(\n  "ALSO.MISSING", field, m);',
        'fail(`ROSTER.${why}`, m);',
        'fail(`BOGUS.${why}`, m);',
        "return { ok: false, code: 'GONE', message };",
        "const deputy = { code: 'D00001' };",
      ].join('\n'),
      'sample.js',
    );
    expect(scanned.filter((u) => !isKnown(u.code))).toEqual([
      { where: 'sample.js:1', code: 'NO.SUCH' },
      { where: 'sample.js:2', code: 'ALSO.MISSING' },
      { where: 'sample.js:5', code: 'BOGUS.${why}' },
      { where: 'sample.js:6', code: 'GONE' },
    ]);
  });
});

// ---- the types ---------------------------------------------------------------------------------

// Checked by `tsc` (npm run typecheck), never called: an unused @ts-expect-error is itself an error.
export function closedUnion(): Failure[] {
  const known: ErrorCode = 'RECEPTION.NO_SUCH_DAY';
  return [
    fail(known, ''),
    // @ts-expect-error -- a code that is not in ERROR_CODES does not compile
    fail('NO.SUCH', ''),
    // @ts-expect-error -- nor does one built by hand as a Failure
    { ok: false, code: 'NOT.LISTED', message: '' },
    // @ts-expect-error -- nor a plain string, which could hold anything
    fail(String(known), ''),
  ];
}
