import tcb from '@cloudbase/node-sdk';

/**
 * One SDK instance per function instance. The same code runs in CloudBase and on the local stack;
 * only the environment differs: locally the stack sets CLOUDBASE_SERVICE_URL and credentials,
 * in CloudBase the runtime provides the current environment and temporary credentials.
 */
let app: ReturnType<typeof tcb.init> | undefined;

export function getApp(): ReturnType<typeof tcb.init> {
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

export function getDb(): ReturnType<ReturnType<typeof tcb.init>['database']> {
  return getApp().database();
}
