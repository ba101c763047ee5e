import fs from 'node:fs';
import path from 'node:path';
import {
  DEPLOY_CONFIG_PATH,
  FUNCTION_ROOT,
  RUNTIME,
  checkDeployConfig,
  defaultFunctionEntry,
  discoverFunctions,
  verifyDeployConfig,
} from '../../scripts/build-functions';

interface FunctionEntry {
  name: string;
  runtime?: string;
  handler?: string;
  timeout?: number;
  installDependency?: boolean;
  envVariables?: Record<string, string>;
}

interface DeployConfig {
  version: string;
  envId: string;
  functionRoot: string;
  functions: FunctionEntry[];
}

const readConfig = () => JSON.parse(fs.readFileSync(DEPLOY_CONFIG_PATH, 'utf8')) as DeployConfig;

describe('cloudbaserc.json, what `tcb fn deploy --all` deploys', () => {
  const functionNames = discoverFunctions();
  const config = readConfig();

  it('lists exactly the function folders', () => {
    expect(config.functions.map((entry) => entry.name).sort()).toEqual(functionNames);
    expect(checkDeployConfig(config, functionNames)).toEqual([]);
    expect(() => verifyDeployConfig(functionNames)).not.toThrow();
  });

  it('takes the environment from ENV_ID and the code from the build output', () => {
    expect(config.version).toBe('2.0');
    expect(config.envId).toBe('{{env.ENV_ID}}');
    expect(config.functionRoot).toBe(FUNCTION_ROOT);
    expect(path.join(path.dirname(DEPLOY_CONFIG_PATH), config.functionRoot)).toBe(
      path.join(path.dirname(DEPLOY_CONFIG_PATH), 'dist', 'cloudfunctions'),
    );
  });

  it.each(readConfig().functions.map((entry) => [entry.name, entry] as const))(
    '%s runs on the pinned runtime in China time, with the SDK installed by CloudBase and the settings from .env.cloud',
    (_name, entry) => {
      expect(entry.runtime).toBe(RUNTIME);
      expect(entry.handler).toBe('index.main');
      expect(entry.installDependency).toBe(true);
      expect(entry.envVariables).toMatchObject({ TZ: 'Asia/Shanghai' });
      // Carried from .env.cloud on every deploy: --force replaces a function's variables.
      expect(entry.envVariables).toMatchObject({
        BIND_CODE_PEPPER: '{{env.BIND_CODE_PEPPER}}',
        QR_URL_PREFIX: '{{env.QR_URL_PREFIX}}',
      });
      expect(Number.isInteger(entry.timeout)).toBe(true);
      expect(entry.timeout).toBeGreaterThanOrEqual(1);
      expect(entry.timeout).toBeLessThanOrEqual(60);
    },
  );
});

describe('drift between cloudfunctions/ and cloudbaserc.json fails the build', () => {
  const base = {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: 'dist/cloudfunctions',
    functions: [defaultFunctionEntry('admin'), defaultFunctionEntry('resident')],
  };

  it('accepts a config that matches the folders', () => {
    expect(checkDeployConfig(base, ['admin', 'resident'])).toEqual([]);
  });

  it('reports a new function folder with no entry, with the entry to add', () => {
    const problems = checkDeployConfig(base, ['admin', 'resident', 'station']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^station: cloudfunctions\/station has no entry/);
    expect(problems[0]).toContain('"runtime": "Nodejs20.19"');
  });

  it('reports an entry whose folder was removed', () => {
    expect(checkDeployConfig(base, ['admin'])).toEqual([
      'resident: listed in functions[] but cloudfunctions/resident does not exist',
    ]);
  });

  it('reports a function deployed without TZ, on another runtime or without installing the SDK', () => {
    const drifted = {
      ...base,
      functions: [
        { ...defaultFunctionEntry('admin'), envVariables: {} },
        {
          ...defaultFunctionEntry('resident'),
          runtime: 'Nodejs16.13',
          installDependency: false,
          timeout: 900,
        },
      ],
    };
    expect(checkDeployConfig(drifted, ['admin', 'resident'])).toEqual([
      'admin: envVariables.TZ must be "Asia/Shanghai"',
      'admin: envVariables.BIND_CODE_PEPPER must be "{{env.BIND_CODE_PEPPER}}"',
      'admin: envVariables.QR_URL_PREFIX must be "{{env.QR_URL_PREFIX}}"',
      `resident: runtime must be "${RUNTIME}"`,
      'resident: installDependency must be true (CloudBase installs the SDK)',
      'resident: timeout must be whole seconds from 1 to 60',
    ]);
  });

  it('reports a committed environment ID and a wrong function root', () => {
    const problems = checkDeployConfig({ ...base, envId: 'prod-1a2b3c', functionRoot: './cloudfunctions' }, [
      'admin',
      'resident',
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^envId must be/);
    expect(problems[1]).toMatch(/^functionRoot must be "dist\/cloudfunctions"/);
  });

  it('reports a function listed twice', () => {
    const doubled = { ...base, functions: [...base.functions, defaultFunctionEntry('admin')] };
    expect(checkDeployConfig(doubled, ['admin', 'resident'])).toEqual(['admin: listed twice']);
  });
});
