import tcb from '@cloudbase/node-sdk';

/**
 * One SDK instance per function instance. The same code runs in CloudBase and on the local stack;
 * only the environment differs: locally the stack sets CLOUDBASE_SERVICE_URL and credentials,
 * in CloudBase the runtime provides the current environment and temporary credentials.
 */
export type App = ReturnType<typeof tcb.init>;
export type Db = ReturnType<App['database']>;

let app: App | undefined;

export function getApp(): App {
  if (!app) {
    const serviceUrl = process.env.CLOUDBASE_SERVICE_URL;
    app = tcb.init({
      env: process.env.CLOUDBASE_ENV_ID || tcb.SYMBOL_CURRENT_ENV,
      ...(serviceUrl ? { serviceUrl } : {}),
      timeout: 10000,
    });
  }
  return app;
}

export function getDb(): Db {
  return getApp().database();
}
