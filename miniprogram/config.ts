import { DEPLOYMENT } from './core/deployment';

/**
 * Where the mini-program sends its cloud calls, chosen by the build WeChat runs
 * (`wx.getAccountInfoSync().miniProgram.envVersion`):
 *
 * - `develop` (开发版: the devtools, preview, real-device debugging) uses `DEVELOP` below. By default
 *   that is the local stack started by `npm start`: plain HTTP to `localBaseUrl`, acting as the
 *   WeChat user `devOpenid`. The devtools must not check request domains (project.config.json sets
 *   `urlCheck: false`). On a phone, 127.0.0.1 is the phone itself. Set `transport: 'cloud'` here to
 *   develop against the CloudBase environment instead.
 * - `trial` (体验版) and `release` (正式版) always use CloudBase through `wx.cloud`, in the
 *   environment `DEPLOYMENT.envId` (core/deployment.ts); the caller's identity then comes from
 *   WeChat itself. The local transport is never used outside develop, whatever `DEVELOP` says: it
 *   would send every call to 127.0.0.1 and let the phone name its own OpenID.
 */
export interface AppConfig {
  transport: 'cloud' | 'local';
  envId: string;
  localBaseUrl: string;
  devOpenid: string;
}

export type EnvVersion = 'develop' | 'trial' | 'release';

export const DEVELOP: AppConfig = {
  transport: 'local',
  envId: DEPLOYMENT.envId,
  localBaseUrl: 'http://127.0.0.1:3000',
  devOpenid: 'dev-resident-openid',
};

/** The transport settings of a build; anything but `develop` (even an unknown value) gets the cloud. */
export function configFor(envVersion: string | undefined, develop: AppConfig = DEVELOP): AppConfig {
  if (envVersion === 'develop') return develop;
  return { transport: 'cloud', envId: DEPLOYMENT.envId, localBaseUrl: '', devOpenid: '' };
}
