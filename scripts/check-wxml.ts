/**
 * Compiles every .wxml, .wxs and .wxss file of the mini-program with WeChat's own compilers (wcc and
 * wcsc from the miniprogram-compiler package), so that a markup or style error fails `npm test`
 * instead of surfacing only in the devtools, which type-check nothing and compile lazily.
 *
 * Each file is compiled on its own, together with just the files it references (the .wxs modules
 * it loads, the .wxss files it imports), so that every error is reported against the file that has it.
 *
 * Usage: tsx scripts/check-wxml.ts [mini-program folder, default miniprogram/]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface CompileFailure {
  /** Path relative to the checked folder, with forward slashes. */
  file: string;
  /** What the compiler said, as it said it. */
  message: string;
}

export interface CheckReport {
  wxml: number;
  wxs: number;
  wxss: number;
  failures: CompileFailure[];
}

type Compiler = 'wcc' | 'wcsc';

const compilerPaths = new Map<Compiler, string>();

/** The binary for this platform; npm unpacks it without the execute bit, so set it as the package does. */
function compilerPath(name: Compiler): string {
  const known = compilerPaths.get(name);
  if (known) return known;
  const packageDir = path.dirname(require.resolve('miniprogram-compiler/package.json'));
  const platform = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux';
  const binary = path.join(packageDir, 'bin', platform, platform === 'windows' ? `${name}.exe` : name);
  if (platform !== 'windows') {
    try {
      fs.accessSync(binary, fs.constants.X_OK);
    } catch {
      fs.chmodSync(binary, 0o755);
    }
  }
  compilerPaths.set(name, binary);
  return binary;
}

/** Runs a compiler in `root`; answers its complaint, or undefined when it compiled. */
function compile(name: Compiler, args: string[], root: string): string | undefined {
  const run = spawnSync(compilerPath(name), args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`cannot run ${name}: ${run.error.message}`);
  if (run.status === 0) return undefined;
  const said = `${run.stderr.toString()}\n${run.stdout.toString()}`
    .split('\n')
    .map((line) => line.trim())
    // wcsc ends every failure with this line, whatever the count; it carries no information.
    .filter((line) => line !== '' && !/^error file count:/.test(line))
    .join('\n');
  return said || `${name} exited with status ${String(run.status ?? run.signal)}`;
}

function listFiles(root: string, dir = ''): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') found.push(...listFiles(root, relative));
    } else if (entry.isFile()) {
      found.push(relative);
    }
  }
  return found.sort();
}

/** Resolves a reference as the mini-program does: `/x` from the root, anything else from the file's folder. */
function resolveReference(
  root: string,
  from: string,
  reference: string,
  extension: string,
): string | undefined {
  const withExtension = reference.endsWith(extension) ? reference : `${reference}${extension}`;
  const target = withExtension.startsWith('/')
    ? path.posix.normalize(withExtension.slice(1))
    : path.posix.join(path.posix.dirname(from), withExtension);
  return fs.existsSync(path.join(root, target)) ? target : undefined;
}

const referencePatterns: Record<string, { pattern: RegExp; extension: string }> = {
  '.wxml': { pattern: /<wxs\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/g, extension: '.wxs' },
  '.wxs': { pattern: /\brequire\(\s*["']([^"']+)["']\s*\)/g, extension: '.wxs' },
  '.wxss': { pattern: /@import\s+["']([^"']+)["']/g, extension: '.wxss' },
};

/**
 * The file and everything it references, transitively. A reference that points nowhere is left out
 * so that the compiler itself reports it as missing.
 */
function withReferences(root: string, file: string): string[] {
  const seen = new Set<string>();
  const visit = (current: string): void => {
    if (seen.has(current)) return;
    seen.add(current);
    const kind = referencePatterns[path.posix.extname(current)];
    if (!kind) return;
    const source = fs.readFileSync(path.join(root, current), 'utf8');
    for (const match of source.matchAll(kind.pattern)) {
      const target = resolveReference(root, current, match[1], kind.extension);
      if (target) visit(target);
    }
  };
  visit(file);
  return [...seen];
}

/**
 * The compilers resolve root-relative references (`/styles/x.wxss`) only against list entries that
 * start with `./`, so every path is handed over in that form.
 */
const asArgument = (file: string): string => `./${file}`;

/** The `usingComponents` of a page or component, which wcc needs to tell custom tags from built-in ones. */
function usingComponents(root: string, markup: string): string[] {
  const json = path.join(root, markup.replace(/\.wxml$/, '.json'));
  if (!fs.existsSync(json)) return [];
  const parsed: unknown = JSON.parse(fs.readFileSync(json, 'utf8'));
  const using =
    typeof parsed === 'object' && parsed !== null
      ? (parsed as { usingComponents?: unknown }).usingComponents
      : {};
  return typeof using === 'object' && using !== null ? Object.keys(using) : [];
}

function compileWxml(root: string, file: string): string | undefined {
  const components = usingComponents(root, file);
  // Same argument shape as miniprogram-compiler's own wrapper: -cc "<pages with components> <page> <n> <tags…>".
  const componentArgs = components.length ? [1, asArgument(file), components.length, ...components] : [0];
  const modules = withReferences(root, file).filter((reference) => reference !== file);
  return compile(
    'wcc',
    ['-d', '-cc', componentArgs.join(' '), asArgument(file), ...modules.map(asArgument), '-gn', '$gwx'],
    root,
  );
}

function compileWxs(root: string, file: string): string | undefined {
  return compile(
    'wcc',
    ['-d', '-cc', '0', ...withReferences(root, file).map(asArgument), '-gn', '$gwx'],
    root,
  );
}

function compileWxss(root: string, file: string): string | undefined {
  // A style sheet beside a .json belongs to a page or component; wcsc takes those as roots (-pc count).
  const isComponent = fs.existsSync(path.join(root, file.replace(/\.wxss$/, '.json')));
  const files = withReferences(root, file).map(asArgument);
  return compile('wcsc', ['-db', '-pc', isComponent ? '1' : '0', ...files], root);
}

const compilers = { wxml: compileWxml, wxs: compileWxs, wxss: compileWxss };

export function checkMiniprogram(root: string): CheckReport {
  const files = listFiles(root);
  const report: CheckReport = { wxml: 0, wxs: 0, wxss: 0, failures: [] };
  for (const kind of ['wxml', 'wxs', 'wxss'] as const) {
    for (const file of files.filter((name) => name.endsWith(`.${kind}`))) {
      report[kind] += 1;
      let message: string | undefined;
      try {
        message = compilers[kind](root, file);
      } catch (error) {
        // A page's unreadable .json breaks that page just as a compile error would.
        if (!(error instanceof SyntaxError)) throw error;
        message = `${file.replace(/\.wxml$/, '.json')}: ${error.message}`;
      }
      if (message !== undefined) report.failures.push({ file, message });
    }
  }
  return report;
}

export function formatReport(report: CheckReport): string {
  const total = report.wxml + report.wxs + report.wxss;
  const counts = `${report.wxml} wxml, ${report.wxss} wxss${report.wxs ? `, ${report.wxs} wxs` : ''}`;
  if (report.failures.length === 0) return `wcc/wcsc: ${counts} compiled`;
  const details = report.failures.map(({ file, message }) => `✗ ${file}\n${message.replace(/^/gm, '    ')}`);
  return [
    ...details,
    `wcc/wcsc: ${report.failures.length} of ${total} files failed to compile (${counts})`,
  ].join('\n');
}

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'miniprogram'));
  const report = checkMiniprogram(root);
  const output = formatReport(report);
  if (report.failures.length) {
    console.error(output);
    process.exitCode = 1;
  } else {
    console.log(output);
  }
}
