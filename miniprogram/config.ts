/**
 * Where the mini-program sends its cloud calls.
 *
 * - `local` (the default while developing): the local stack started by `npm start`. Calls go over
 *   plain HTTP to `localBaseUrl`, acting as the WeChat user `devOpenid`. The devtools must not
 *   check request domains (project.config.json sets `urlCheck: false`). On a phone, 127.0.0.1 is
 *   the phone itself: use the development machine's LAN address instead.
 * - `cloud`: CloudBase through `wx.cloud`. Set `envId` to the environment ID shown in the
 *   CloudBase console; the caller's identity then comes from WeChat itself.
 *
 * To switch, change `transport` below; nothing else in the app needs to know.
 */
export interface AppConfig {
  transport: 'cloud' | 'local';
  envId: string;
  localBaseUrl: string;
  devOpenid: string;
}

export const config: AppConfig = {
  transport: 'local',
  envId: 'replace-with-cloudbase-env-id',
  localBaseUrl: 'http://127.0.0.1:3000',
  devOpenid: 'dev-resident-openid',
};
