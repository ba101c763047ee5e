import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {
  BuildError,
  REPO_ROOT,
  buildFunctions,
  discoverFunctions,
  openApisCalled,
  type BuiltFunction,
} from '../../scripts/build-functions';

const rootPackage = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** Every module a bundle loads at run time: the argument of each require("…") call. */
function requiredModules(source: string): { literal: string[]; dynamicCalls: number } {
  const literal = [...source.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((match) => match[2]);
  const allCalls = source.match(/\brequire\s*\(/g)?.length ?? 0;
  return { literal, dynamicCalls: allCalls - literal.length };
}

const isBuiltin = (id: string) => id.startsWith('node:') || builtinModules.includes(id.split('/')[0]);
/** The packages CloudBase installs for a function; everything else must be inside the bundle. */
const SDK = '@cloudbase/node-sdk';
const WX_SDK = 'wx-server-sdk';
const INSTALLED = [SDK, WX_SDK];

/** Calls a bundle's main in a plain Node process that can see the SDK but none of the TypeScript sources. */
function invokeBundle(bundlePath: string, event: unknown, env: Record<string, string> = {}): unknown {
  const script = `require(${JSON.stringify(bundlePath)}).main(${JSON.stringify(event)}, {})
    .then((result) => process.stdout.write(JSON.stringify(result)))`;
  const output = execFileSync(process.execPath, ['-e', script], {
    cwd: path.dirname(bundlePath),
    stdio: ['ignore', 'pipe', 'ignore'],
    // NODE_PATH stands in for the node_modules that CloudBase installs from the function's package.json.
    env: {
      PATH: process.env.PATH ?? '',
      NODE_PATH: path.join(REPO_ROOT, 'node_modules'),
      SILENCE: 'true',
      ...env,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return JSON.parse(output);
}

describe('npm run build: one deployable folder per cloud function', () => {
  const functionNames = discoverFunctions();
  let outDir: string;
  let built: BuiltFunction[];
  const logged: string[] = [];

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daibiao-build-'));
    built = await buildFunctions({ outDir, log: (line) => logged.push(line) });
  }, 60_000);

  afterAll(() => {
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('finds the function folders and skips shared code', () => {
    expect(functionNames).toContain('admin');
    expect(functionNames).not.toContain('_lib');
    expect(built.map((fn) => fn.name)).toEqual(functionNames);
  });

  it('prints one line per function with its bundle size', () => {
    expect(logged).toHaveLength(functionNames.length);
    functionNames.forEach((name, i) => {
      expect(logged[i]).toMatch(new RegExp(`^${name}\\s+\\d+\\.\\d KB\\s`));
    });
  });

  it.each(discoverFunctions())('%s gets index.js and a package.json that installs the SDKs', (name) => {
    const dir = path.join(outDir, name);
    expect(fs.statSync(path.join(dir, 'index.js')).size).toBeGreaterThan(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(manifest.main).toBe('index.js');
    expect(manifest.dependencies).toEqual({
      [SDK]: rootPackage.dependencies[SDK],
      [WX_SDK]: rootPackage.dependencies[WX_SDK],
    });
  });

  it.each(discoverFunctions())('%s bundle requires only the SDKs and Node built-ins', (name) => {
    const source = fs.readFileSync(path.join(outDir, name, 'index.js'), 'utf8');
    const { literal, dynamicCalls } = requiredModules(source);
    expect(literal.filter((id) => !isBuiltin(id) && !INSTALLED.includes(id))).toEqual([]);
    expect(literal).toContain(SDK);
    expect(dynamicCalls).toBe(0);
  });

  it.each(discoverFunctions())('%s bundle runs on plain Node and rejects an unknown action', (name) => {
    const result = invokeBundle(path.join(outDir, name, 'index.js'), { action: 'nope' });
    expect(result).toMatchObject({ ok: false, code: 'ACTION.UNKNOWN' });
  });

  it.each(discoverFunctions())(
    '%s bundle refuses to run in CloudBase without its settings, and runs with them',
    (name) => {
      const bundle = path.join(outDir, name, 'index.js');
      const cloud = { TENCENTCLOUD_RUNENV: 'SCF' };
      expect(invokeBundle(bundle, { action: 'nope' }, cloud)).toMatchObject({ ok: false, code: 'INTERNAL' });
      const settings = {
        BIND_CODE_PEPPER: 'k4Qm9vT2xWp7Lr3Zs8Yb1Nc6Hd0Fg5Je',
        QR_URL_PREFIX: 'https://rd.gulou.gov.cn/q',
      };
      expect(invokeBundle(bundle, { action: 'nope' }, { ...cloud, ...settings })).toMatchObject({
        ok: false,
        code: 'ACTION.UNKNOWN',
      });
    },
  );

  it.each(discoverFunctions())(
    '%s declares in config.json every WeChat open API its bundle calls (else -604101 in CloudBase)',
    (name) => {
      const called = openApisCalled(fs.readFileSync(path.join(outDir, name, 'index.js'), 'utf8'));
      const configPath = path.join(outDir, name, 'config.json');
      const declared: string[] = fs.existsSync(configPath)
        ? (JSON.parse(fs.readFileSync(configPath, 'utf8')).permissions?.openapi ?? [])
        : [];
      expect(called.filter((api) => !declared.includes(api))).toEqual([]);
    },
  );

  it('finds the cloud calls where they are made: a resident submission checks text and photos and notifies', () => {
    const resident = fs.readFileSync(path.join(outDir, 'resident', 'index.js'), 'utf8');
    expect(openApisCalled(resident)).toEqual(
      expect.arrayContaining(['security.mediaCheckAsync', 'security.msgSecCheck', 'subscribeMessage.send']),
    );
  });

  it('puts the Chinese font beside the bundles that print, and printing or spreadsheets in no others', () => {
    const printing = ['admin', 'office'];
    for (const fn of built) {
      const font = path.join(outDir, fn.name, 'fonts', 'NotoSansHans-Regular.otf');
      expect([fn.name, fs.existsSync(font)]).toEqual([fn.name, printing.includes(fn.name)]);
    }
    expect(
      fs.statSync(path.join(outDir, 'office', 'fonts', 'NotoSansHans-Regular.otf')).size,
    ).toBeGreaterThan(1_000_000);
    // The functions residents and deputies call stay small: no PDFKit, no exceljs.
    for (const name of ['resident', 'deputy', 'casework']) {
      const source = fs.readFileSync(path.join(outDir, name, 'index.js'), 'utf8');
      expect([name, /PDFDocument|exceljs|WorkbookWriter/.test(source)]).toEqual([name, false]);
    }
  });

  it('leaves nothing from a previous build behind', async () => {
    fs.mkdirSync(path.join(outDir, 'removed-function'));
    await buildFunctions({ outDir, log: () => undefined });
    expect(fs.readdirSync(outDir).sort()).toEqual(functionNames);
  }, 60_000);
});

describe('build failures are reported, not shipped', () => {
  let sourceDir: string;

  beforeEach(() => {
    sourceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daibiao-src-'));
  });

  afterEach(() => {
    fs.rmSync(sourceDir, { recursive: true, force: true });
  });

  const addFunction = (name: string, source: string | null) => {
    fs.mkdirSync(path.join(sourceDir, name), { recursive: true });
    if (source !== null) fs.writeFileSync(path.join(sourceDir, name, 'index.ts'), source);
  };

  it('names every function that does not compile, and leaves no half-built output to deploy', async () => {
    addFunction('good', 'export const main = async () => ({ ok: true });\n');
    addFunction('broken', "import { missing } from './nowhere';\nexport const main = missing;\n");
    addFunction('also-broken', 'export const main = async () => {;\n');
    const outDir = `${sourceDir}-out`;
    try {
      const failure = buildFunctions({ sourceDir, outDir, log: () => undefined });
      await expect(failure).rejects.toThrow(BuildError);
      await expect(failure).rejects.toThrow(/cloudfunctions\/also-broken: bundle failed/);
      await expect(failure).rejects.toThrow(/cloudfunctions\/broken: bundle failed[\s\S]*nowhere/);
      expect(fs.existsSync(outDir)).toBe(false);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it("carries a function's WeChat open-API permissions (config.json) into its folder", async () => {
    const permissions = '{ "permissions": { "openapi": ["subscribeMessage.send"] } }\n';
    addFunction('notify', 'export const main = async () => null;\n');
    fs.writeFileSync(path.join(sourceDir, 'notify', 'config.json'), permissions);
    addFunction('plain', 'export const main = async () => null;\n');
    const outDir = `${sourceDir}-out`;
    try {
      await buildFunctions({ sourceDir, outDir, log: () => undefined });
      expect(fs.readFileSync(path.join(outDir, 'notify', 'config.json'), 'utf8')).toBe(permissions);
      expect(fs.readdirSync(path.join(outDir, 'plain')).sort()).toEqual(['index.js', 'package.json']);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('refuses to build a function that calls a WeChat open API its config.json does not declare', async () => {
    const caller =
      'const openapi = () => ({ security: { msgSecCheck: async (x: unknown) => x } });\n' +
      'export const main = async () => openapi().security.msgSecCheck({});\n';
    addFunction('checker', caller);
    fs.writeFileSync(
      path.join(sourceDir, 'checker', 'config.json'),
      '{ "permissions": { "openapi": ["subscribeMessage.send"] } }\n',
    );
    const outDir = `${sourceDir}-out`;
    try {
      await expect(buildFunctions({ sourceDir, outDir, log: () => undefined })).rejects.toThrow(
        /cloudfunctions\/checker\/config\.json: permissions\.openapi must list security\.msgSecCheck/,
      );
      expect(fs.existsSync(outDir)).toBe(false);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('rejects a function folder without index.ts instead of skipping it', () => {
    addFunction('resident', 'export const main = async () => null;\n');
    addFunction('station', null);
    expect(() => discoverFunctions(sourceDir)).toThrow(BuildError);
    expect(() => discoverFunctions(sourceDir)).toThrow(/cloudfunctions\/station: no index\.ts/);
  });

  it('rejects a folder name CloudBase or the layout contract would not accept', () => {
    addFunction('Resident', 'export const main = async () => null;\n');
    expect(() => discoverFunctions(sourceDir)).toThrow(/cloudfunctions\/Resident/);
  });

  it('ignores shared folders that start with an underscore', () => {
    addFunction('_lib', 'export const shared = 1;\n');
    addFunction('deputy', 'export const main = async () => null;\n');
    expect(discoverFunctions(sourceDir)).toEqual(['deputy']);
  });

  it('refuses to empty a folder that holds the sources', async () => {
    await expect(buildFunctions({ outDir: REPO_ROOT, log: () => undefined })).rejects.toThrow(/refusing/);
    expect(fs.existsSync(path.join(REPO_ROOT, 'package.json'))).toBe(true);
  });
});
