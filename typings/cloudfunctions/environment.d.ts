/**
 * The environment the cloud functions run with: set per function by CloudBase (`cloudbaserc.json`
 * `envVariables`, the runtime), by the local stack (stack/project.ts), or by the shell.
 */
declare namespace NodeJS {
  interface ProcessEnv {
    /** China Standard Time for anything that reads the local zone (logs, libraries). */
    TZ?: string;
    /** What printed QR codes hold before `?d=`/`?s=` (platform/config.ts). */
    QR_URL_PREFIX?: string;
    /** The page a scan opens (platform/config.ts). */
    MINIPROGRAM_LANDING_PAGE?: string;
    /** Which version mini-program codes open: release, trial or develop (platform/config.ts). */
    WXACODE_ENV_VERSION?: string;
    /**
     * The HMAC key stored bind codes are hashed with (directory/binding.ts). Required in the cloud:
     * at least 32 characters, from .env.cloud (platform/deployment.ts).
     */
    BIND_CODE_PEPPER?: string;
    /** How long a bind code stays usable, in hours (directory/binding.ts). */
    BIND_CODE_TTL_HOURS?: string;
    /**
     * Rows (a ledger) or pages (posters) a call makes on the spot; a bigger file becomes a job for
     * the office function's timer (files/). Defaults: 5000 rows, 300 pages.
     */
    EXPORT_SYNC_LIMIT?: string;
    /** Set by the local stack: where @cloudbase/node-sdk sends requests (platform/app.ts). */
    CLOUDBASE_SERVICE_URL?: string;
    /** Set by the local stack: the environment id; in CloudBase the runtime's own is used. */
    CLOUDBASE_ENV_ID?: string;
    /** `SCF` in CloudBase's function runtime: a function there refuses to run unconfigured (platform/deployment.ts). */
    TENCENTCLOUD_RUNENV?: string;
    /** `true` tells node-sdk it runs inside Tencent Cloud (no metadata probe before each request). */
    TENCENTCLOUD?: string;
    TENCENTCLOUD_SECRETID?: string;
    TENCENTCLOUD_SECRETKEY?: string;
    /** The caller's WeChat identity, when a runtime passes it in the environment rather than the context. */
    WX_OPENID?: string;
    WX_APPID?: string;
  }
}
