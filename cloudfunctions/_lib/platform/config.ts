/**
 * Deployment configuration the cloud functions read from environment variables. CloudBase sets
 * them per function (cloudbaserc.json `envVariables`), the local stack from the shell; the defaults
 * make a fresh checkout work with no configuration at all.
 *
 * | variable                   | default                        | meaning |
 * |----------------------------|--------------------------------|---------|
 * | `QR_URL_PREFIX`            | `https://daibiao.example.cn/q` | what printed ordinary QR codes hold before `?d=…`/`?s=…`. The mini-program admin must register exactly this prefix under 开发管理 → 开发设置 → 扫普通链接二维码打开小程序, or WeChat opens it as a web page. |
 * | `MINIPROGRAM_LANDING_PAGE` | `pages/landing/index`          | the page a scan opens (no leading slash, no query): WeChat's mini-program codes name it, and the 扫普通链接 rule must point at it too. |
 * | `WXACODE_ENV_VERSION`      | `release`                      | which version mini-program codes open: `release`, `trial` or `develop`. |
 *
 * Values are read on every call, not cached at load time, so a test can set `process.env` first.
 * A malformed value throws: a QR code printed 11,000 times with a wrong URL is worse than a function
 * that refuses to start.
 */

export type WxacodeEnvVersion = 'release' | 'trial' | 'develop';

export interface Config {
  qrUrlPrefix: string;
  landingPage: string;
  wxacodeEnvVersion: WxacodeEnvVersion;
}

export const DEFAULTS: Readonly<Config> = {
  qrUrlPrefix: 'https://daibiao.example.cn/q',
  landingPage: 'pages/landing/index',
  wxacodeEnvVersion: 'release',
};

const ENV_VERSIONS: readonly WxacodeEnvVersion[] = ['release', 'trial', 'develop'];

/** A mini-program page path as WeChat accepts it for `page`: segments, no leading slash, no query. */
const PAGE_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export class ConfigError extends Error {
  constructor(variable: string, value: string, expected: string) {
    super(`${variable}=${JSON.stringify(value)} is invalid: expected ${expected}`);
    this.name = 'ConfigError';
  }
}

/** An empty variable counts as unset: deployment tools often write `NAME=` for "not configured". */
function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function config(env: NodeJS.ProcessEnv = process.env): Config {
  const qrUrlPrefix = read(env, 'QR_URL_PREFIX') ?? DEFAULTS.qrUrlPrefix;
  let url: URL | undefined;
  try {
    url = new URL(qrUrlPrefix);
  } catch {
    url = undefined;
  }
  // WeChat's 扫普通链接 rule matches http(s) prefixes only; a fragment would swallow the `?d=` part.
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || qrUrlPrefix.includes('#')) {
    throw new ConfigError('QR_URL_PREFIX', qrUrlPrefix, 'an http(s) URL without a fragment');
  }

  const landingPage = read(env, 'MINIPROGRAM_LANDING_PAGE') ?? DEFAULTS.landingPage;
  if (!PAGE_PATH.test(landingPage)) {
    throw new ConfigError(
      'MINIPROGRAM_LANDING_PAGE',
      landingPage,
      'a page path such as pages/landing/index (no leading slash, no query)',
    );
  }

  const envVersion = read(env, 'WXACODE_ENV_VERSION') ?? DEFAULTS.wxacodeEnvVersion;
  if (!(ENV_VERSIONS as readonly string[]).includes(envVersion)) {
    throw new ConfigError('WXACODE_ENV_VERSION', envVersion, ENV_VERSIONS.join(' | '));
  }

  return { qrUrlPrefix, landingPage, wxacodeEnvVersion: envVersion as WxacodeEnvVersion };
}

export function qrUrlPrefix(): string {
  return config().qrUrlPrefix;
}
