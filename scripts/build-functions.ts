/**
 * Turns each cloud function folder into a deployable CloudBase function:
 * `cloudfunctions/<name>/index.ts` → `dist/cloudfunctions/<name>/index.js` + `package.json`.
 *
 * CloudBase uploads each function folder on its own, so anything a function imports from
 * `cloudfunctions/_lib` or `miniprogram/core` must be inside its bundle. The SDK stays outside the
 * bundle and is installed by CloudBase from the generated package.json (`installDependency`).
 *
 * Before building, the folders are checked against `cloudbaserc.json`, the file the CloudBase CLI
 * deploys from: a function missing there would silently never be deployed.
 *
 * Run with `npm run build`; tests call `buildFunctions({ outDir })`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, formatMessages, type Message } from 'esbuild';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_SOURCE_DIR = path.join(REPO_ROOT, 'cloudfunctions');
export const DEPLOY_CONFIG_PATH = path.join(REPO_ROOT, 'cloudbaserc.json');

/** Where the CLI finds the built functions (`functionRoot` in cloudbaserc.json), relative to the repo. */
export const FUNCTION_ROOT = 'dist/cloudfunctions';

/**
 * The CloudBase Node.js runtime of every function. Node 20 is also the project's own Node version
 * (package.json `engines`), so the tests run the bundles on the same major version as production.
 * CloudBase lists its runtimes at https://docs.cloudbase.net/cloud-function/runtime-support.
 */
export const RUNTIME = 'Nodejs20.19';

/** esbuild target matching RUNTIME, so the bundle never uses syntax the runtime lacks. */
export const BUNDLE_TARGET = 'node20';

/** Seconds; the CLI accepts 1–60 (https://docs.cloudbase.net/cli-v1/functions/configs). */
export const TIMEOUT_RANGE = { min: 1, max: 60 } as const;

/**
 * Environment every function runs with. Dates shown to people (deadlines, ledgers) are China
 * local; the domain core computes them explicitly, and TZ keeps anything else (logs, libraries
 * that read the local zone) consistent with that instead of the runtime's UTC. The deployment's
 * secret and settings come from the uncommitted `.env.cloud` through the CLI's `{{env.*}}`
 * variables, so that `tcb fn deploy --force` (which replaces a function's variables) carries them
 * every time; a function in the cloud without them refuses to run (platform/deployment.ts).
 */
export const FUNCTION_ENV: Readonly<Record<string, string>> = {
  TZ: 'Asia/Shanghai',
  BIND_CODE_PEPPER: '{{env.BIND_CODE_PEPPER}}',
  QR_URL_PREFIX: '{{env.QR_URL_PREFIX}}',
};

/**
 * Packages left out of the bundles and installed by CloudBase instead: the SDKs, large, and
 * CloudBase's own copies the supported ones. `wx-server-sdk` makes WeChat's cloud calls (云调用) and
 * pins its own node-sdk; bundled, esbuild would hand it ours instead (node-sdk is external).
 */
export const EXTERNAL_PACKAGES: readonly string[] = ['@cloudbase/node-sdk', 'wx-server-sdk'];

/**
 * Packages bundled from their CommonJS build: PDFKit's ES-module build finds its data files through
 * `import.meta.url`, which a CommonJS bundle does not have, so it would fail as soon as it loads.
 */
const COMMONJS_BUILDS: readonly string[] = ['pdfkit'];

/** The WebAssembly file jieba-wasm's Node build loads from beside its own code. */
export const JIEBA_WASM = 'jieba_rs_wasm_bg.wasm';

/**
 * Files a function needs beside its bundle, when its bundle includes the area that reads them: the
 * printing area embeds the Chinese font in PDFs, and a deployed function has no node_modules to
 * find it in (print/font.ts looks in `fonts/` beside the bundle first); the problems area's word
 * segmenter needs its .wasm file.
 */
const BUNDLE_ASSETS: ReadonlyArray<{ area: string; files: () => Array<{ from: string; to: string }> }> = [
  {
    area: 'cloudfunctions/_lib/print/',
    files: () => [
      {
        from: path.join(
          path.dirname(require.resolve('@embedpdf/fonts-sc')),
          '..',
          'fonts',
          'NotoSansHans-Regular.otf',
        ),
        to: path.join('fonts', 'NotoSansHans-Regular.otf'),
      },
    ],
  },
  {
    // jieba's dictionary and code, compiled to WebAssembly; jieba-wasm reads it from its own
    // `__dirname`, which in a bundle is the bundle's folder. Read on the first appeal compared.
    area: 'cloudfunctions/_lib/problems/',
    files: () => [
      {
        from: path.join(path.dirname(require.resolve('jieba-wasm')), JIEBA_WASM),
        to: JIEBA_WASM,
      },
    ],
  },
];

/** The env ID is filled in by the CLI from `ENV_ID` (shell or `.env`), never committed. */
export const ENV_ID_PLACEHOLDER = '{{env.ENV_ID}}';

/** A function folder name as CloudBase accepts it, lowercase as the layout contract asks. */
const FUNCTION_NAME = /^[a-z][a-z0-9-]{0,59}$/;

/** An expected failure: bad layout, bundle errors, config drift. Printed without a stack trace. */
export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildError';
  }
}

export interface BuiltFunction {
  name: string;
  /** Absolute path of the bundle. */
  bundlePath: string;
  bytes: number;
  /** Files copied beside the bundle (BUNDLE_ASSETS), relative to its folder. */
  assets: string[];
}

export interface BuildOptions {
  /** Folder that receives one sub-folder per function; emptied first. Defaults to dist/cloudfunctions. */
  outDir?: string;
  /** Defaults to `cloudfunctions/` of this repository. */
  sourceDir?: string;
  /** One line per function; defaults to console.log. */
  log?: (line: string) => void;
}

/**
 * The function folders under `sourceDir`, sorted. Folders starting with `_` or `.` are shared code
 * or tooling, not functions. Anything else must be a valid function: a silently skipped folder
 * would be a function that never deploys.
 */
export function discoverFunctions(sourceDir: string = FUNCTIONS_SOURCE_DIR): string[] {
  const names: string[] = [];
  const problems: string[] = [];
  for (const entry of fs.readdirSync(sourceDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    if (!FUNCTION_NAME.test(entry.name)) {
      problems.push(`cloudfunctions/${entry.name}: a function name is lowercase letters, digits and "-"`);
    } else if (!fs.existsSync(path.join(sourceDir, entry.name, 'index.ts'))) {
      problems.push(`cloudfunctions/${entry.name}: no index.ts (a function exports main from index.ts)`);
    } else {
      names.push(entry.name);
    }
  }
  if (problems.length > 0) throw new BuildError(problems.join('\n'));
  if (names.length === 0) throw new BuildError(`no function folders in ${sourceDir}`);
  return names.sort();
}

/** The external packages at the version ranges the root package.json pins, for the functions' package.json. */
export function runtimeDependencies(rootPackageJson: {
  dependencies?: Record<string, string>;
}): Record<string, string> {
  const dependencies: Record<string, string> = {};
  for (const name of EXTERNAL_PACKAGES) {
    const range = rootPackageJson.dependencies?.[name];
    if (!range) {
      throw new BuildError(`${name} is left out of the bundles but is not in package.json dependencies`);
    }
    dependencies[name] = range;
  }
  return dependencies;
}

/**
 * The cloudbaserc.json entry a new function should get; printed when one is missing. 20 seconds is
 * above the SDK's 10-second request timeout (`_lib/app.ts`), so a slow database call ends as an
 * error the function answers with, not as a function killed mid-write.
 */
export function defaultFunctionEntry(name: string) {
  return {
    name,
    handler: 'index.main',
    runtime: RUNTIME,
    timeout: 20,
    installDependency: true,
    envVariables: { ...FUNCTION_ENV },
  };
}

const normalizeRoot = (value: string) => value.replace(/^\.\//, '').replace(/\/+$/, '');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What is wrong with a parsed cloudbaserc.json for these function folders; empty when it is right.
 * It must list exactly the folders, each with the settings every function needs, so that
 * `tcb fn deploy --all` deploys all of them and only them.
 */
export function checkDeployConfig(config: unknown, functionNames: readonly string[]): string[] {
  if (!isRecord(config)) return ['cloudbaserc.json is not a JSON object'];
  const problems: string[] = [];
  if (config.version !== '2.0') {
    problems.push('version must be "2.0": the CLI documents {{env.*}} variables for version 2.0 files');
  }
  if (config.envId !== ENV_ID_PLACEHOLDER) {
    problems.push(`envId must be "${ENV_ID_PLACEHOLDER}" so that no environment ID is committed`);
  }
  if (typeof config.functionRoot !== 'string' || normalizeRoot(config.functionRoot) !== FUNCTION_ROOT) {
    problems.push(`functionRoot must be "${FUNCTION_ROOT}", where npm run build writes the functions`);
  }
  if (!Array.isArray(config.functions)) return [...problems, 'functions must be an array'];

  const listed = new Map<string, Record<string, unknown>>();
  for (const entry of config.functions) {
    if (!isRecord(entry) || typeof entry.name !== 'string') {
      problems.push('every functions[] entry needs a name');
      continue;
    }
    if (listed.has(entry.name)) problems.push(`${entry.name}: listed twice`);
    listed.set(entry.name, entry);
  }

  for (const name of functionNames) {
    const entry = listed.get(name);
    if (!entry) {
      problems.push(
        `${name}: cloudfunctions/${name} has no entry in functions[]; add\n` +
          JSON.stringify(defaultFunctionEntry(name), null, 2),
      );
      continue;
    }
    if (entry.runtime !== RUNTIME) problems.push(`${name}: runtime must be "${RUNTIME}"`);
    if (entry.handler !== 'index.main') problems.push(`${name}: handler must be "index.main"`);
    if (entry.installDependency !== true) {
      problems.push(`${name}: installDependency must be true (CloudBase installs the SDK)`);
    }
    const { timeout } = entry;
    if (
      typeof timeout !== 'number' ||
      !Number.isInteger(timeout) ||
      timeout < TIMEOUT_RANGE.min ||
      timeout > TIMEOUT_RANGE.max
    ) {
      problems.push(
        `${name}: timeout must be whole seconds from ${TIMEOUT_RANGE.min} to ${TIMEOUT_RANGE.max}`,
      );
    }
    const env = isRecord(entry.envVariables) ? entry.envVariables : {};
    for (const [key, value] of Object.entries(FUNCTION_ENV)) {
      if (env[key] !== value) problems.push(`${name}: envVariables.${key} must be "${value}"`);
    }
  }
  for (const name of listed.keys()) {
    if (!functionNames.includes(name))
      problems.push(`${name}: listed in functions[] but cloudfunctions/${name} does not exist`);
  }
  return problems;
}

/** Reads cloudbaserc.json and fails with every problem at once. */
export function verifyDeployConfig(
  functionNames: readonly string[],
  configPath: string = DEPLOY_CONFIG_PATH,
): void {
  let config: unknown;
  try {
    config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
  } catch (error) {
    throw new BuildError(`cannot read ${configPath}: ${(error as Error).message}`);
  }
  const problems = checkDeployConfig(config, functionNames);
  if (problems.length > 0) {
    throw new BuildError(
      `${path.basename(configPath)} is out of step with cloudfunctions/:\n- ${problems.join('\n- ')}`,
    );
  }
}

/** Empties the output folder, refusing folders whose removal would take the sources with it. */
function prepareOutDir(outDir: string, sourceDir: string): void {
  const resolved = path.resolve(outDir);
  const contains = (parent: string, child: string) =>
    child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
  if (
    resolved === path.parse(resolved).root ||
    contains(resolved, REPO_ROOT) ||
    contains(resolved, path.resolve(sourceDir))
  ) {
    throw new BuildError(`refusing to empty ${resolved}: it contains the sources`);
  }
  fs.rmSync(resolved, { recursive: true, force: true });
  fs.mkdirSync(resolved, { recursive: true });
}

async function describeFailure(error: unknown): Promise<string> {
  const messages = (error as { errors?: Message[] }).errors;
  if (!Array.isArray(messages) || messages.length === 0) return String(error);
  const formatted = await formatMessages(messages, { kind: 'error', color: false });
  return formatted.join('\n').trimEnd();
}

async function bundleOne(name: string, sourceDir: string, outDir: string): Promise<BuiltFunction> {
  const bundlePath = path.join(outDir, name, 'index.js');
  let inputs: string[];
  try {
    const result = await build({
      entryPoints: [path.join(sourceDir, name, 'index.ts')],
      outfile: bundlePath,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: BUNDLE_TARGET,
      external: [...EXTERNAL_PACKAGES],
      plugins: [
        {
          name: 'commonjs-builds',
          setup(builder) {
            const filter = new RegExp(`^(${COMMONJS_BUILDS.join('|')})$`);
            builder.onResolve({ filter }, (args) => ({ path: require.resolve(args.path) }));
          },
        },
      ],
      metafile: true,
      // Chinese messages stay readable in the console's code view instead of \u escapes.
      charset: 'utf8',
      // Unminified, so stack traces in the CloudBase logs point at recognisable code.
      minify: false,
      banner: {
        js: `// Built from cloudfunctions/${name}/index.ts by npm run build. Edit the source, not this file.`,
      },
      logLevel: 'silent',
    });
    inputs = Object.keys(result.metafile.inputs).map((input) => input.split(path.sep).join('/'));
  } catch (error) {
    throw new BuildError(`cloudfunctions/${name}: bundle failed\n${await describeFailure(error)}`);
  }
  const assets: string[] = [];
  for (const asset of BUNDLE_ASSETS) {
    if (!inputs.some((input) => input.includes(asset.area))) continue;
    for (const file of asset.files()) {
      fs.mkdirSync(path.dirname(path.join(outDir, name, file.to)), { recursive: true });
      fs.copyFileSync(file.from, path.join(outDir, name, file.to));
      assets.push(file.to);
    }
  }
  return { name, bundlePath, bytes: fs.statSync(bundlePath).size, assets };
}

function writeFunctionPackage(
  name: string,
  outDir: string,
  version: string,
  dependencies: Record<string, string>,
) {
  const manifest = {
    name,
    version,
    private: true,
    description: `CloudBase function ${name}, built from cloudfunctions/${name}/index.ts`,
    main: 'index.js',
    dependencies,
  };
  fs.writeFileSync(path.join(outDir, name, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * The WeChat open APIs a bundle calls: the platform reaches them only as
 * `openapi().<category>.<method>(` (cloudfunctions/_lib/platform/wechat.ts), and esbuild leaves out
 * the calls a function cannot reach.
 */
export function openApisCalled(bundleSource: string): string[] {
  const names = [...bundleSource.matchAll(/\bopenapi\(\)\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`);
  return [...new Set(names)].sort();
}

/**
 * A function's `config.json` declares the WeChat open APIs it calls (云调用, e.g.
 * `{ "permissions": { "openapi": ["subscribeMessage.send"] } }`); WeChat applies it when the
 * function folder is uploaded, so it travels with the bundle. An API the bundle calls and the file
 * does not declare would fail in CloudBase only (-604101), so it fails the build here.
 */
function copyFunctionConfig(name: string, sourceDir: string, outDir: string, bundlePath: string): void {
  const source = path.join(sourceDir, name, 'config.json');
  const called = openApisCalled(fs.readFileSync(bundlePath, 'utf8'));
  let declared: unknown = [];
  if (fs.existsSync(source)) {
    const text = fs.readFileSync(source, 'utf8');
    try {
      declared = (JSON.parse(text) as { permissions?: { openapi?: unknown } }).permissions?.openapi ?? [];
    } catch (error) {
      throw new BuildError(
        `cloudfunctions/${name}/config.json is not valid JSON: ${(error as Error).message}`,
      );
    }
    fs.writeFileSync(path.join(outDir, name, 'config.json'), text);
  }
  const missing = called.filter((api) => !(Array.isArray(declared) && declared.includes(api)));
  if (missing.length > 0) {
    throw new BuildError(
      `cloudfunctions/${name}/config.json: permissions.openapi must list ${missing.join(', ')} (the function calls ${missing.length > 1 ? 'them' : 'it'})`,
    );
  }
}

const formatSize = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Repository-relative when inside the repository, as people type it; absolute otherwise. */
const displayPath = (file: string) => {
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
};

/** Bundles every function folder into `outDir/<name>/` and returns what was built. */
export async function buildFunctions(options: BuildOptions = {}): Promise<BuiltFunction[]> {
  const sourceDir = options.sourceDir ?? FUNCTIONS_SOURCE_DIR;
  const outDir = path.resolve(options.outDir ?? path.join(REPO_ROOT, FUNCTION_ROOT));
  const log = options.log ?? ((line: string) => console.log(line));

  const names = discoverFunctions(sourceDir);
  const rootPackage = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
    dependencies?: Record<string, string>;
  };
  const dependencies = runtimeDependencies(rootPackage);

  prepareOutDir(outDir, sourceDir);
  const outcomes = await Promise.allSettled(
    names.map(async (name) => {
      const fn = await bundleOne(name, sourceDir, outDir);
      writeFunctionPackage(name, outDir, rootPackage.version, dependencies);
      copyFunctionConfig(name, sourceDir, outDir, fn.bundlePath);
      return fn;
    }),
  );
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
  if (failures.length > 0) {
    // A half-built output folder must not be deployable: remove it, then report every failure.
    fs.rmSync(outDir, { recursive: true, force: true });
    if (!failures.every((reason) => reason instanceof BuildError)) throw failures[0];
    throw new BuildError(failures.map((reason: BuildError) => reason.message).join('\n\n'));
  }
  const built = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const width = Math.max(...names.map((name) => name.length));
  for (const fn of built) {
    const assets = fn.assets.length > 0 ? `  + ${fn.assets.join(', ')}` : '';
    log(
      `${fn.name.padEnd(width)}  ${formatSize(fn.bytes).padStart(9)}  ${displayPath(fn.bundlePath)}${assets}`,
    );
  }
  return built;
}

async function main(): Promise<void> {
  const names = discoverFunctions();
  verifyDeployConfig(names);
  const built = await buildFunctions();
  console.log(`built ${built.length} function(s) into ${FUNCTION_ROOT}/`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof BuildError ? `build failed: ${error.message}` : error);
    process.exitCode = 1;
  });
}
