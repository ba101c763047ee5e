/**
 * Makes a one-time bind code for the congress office (代表工委) in a CloudBase environment: the first
 * office account of a new environment cannot ask the app for one, because only the office may.
 *
 *   ENV_ID=… TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… BIND_CODE_PEPPER=… npm run office-code
 *
 * BIND_CODE_PEPPER must be the value the deployed `office` and `resident` functions have, or the code
 * will not be recognised. The person types the code into 绑定身份 in the mini-program; from then on
 * the office creates every other code (and further office codes) on its own screens.
 * CLOUDBASE_SERVICE_URL points the script at the local stack instead (`npm start` prints it).
 */
import tcb from '@cloudbase/node-sdk';
import { issueBindCode, OFFICE_NAME } from '../cloudfunctions/_lib/directory';
import { deploymentProblems } from '../cloudfunctions/_lib/platform';
import { isFailure } from '../miniprogram/core/result';
import { chinaDateTime } from '../miniprogram/core/china-time';

export async function officeCode(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const serviceUrl = env.CLOUDBASE_SERVICE_URL;
  const envId = env.ENV_ID || (serviceUrl ? 'local' : '');
  if (!envId)
    throw new Error(
      'Set ENV_ID (and TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY), or CLOUDBASE_SERVICE_URL.',
    );
  // In the cloud, a code hashed with a missing or public pepper would never match the functions'.
  const pepperProblems = serviceUrl
    ? []
    : deploymentProblems(env).filter((problem) => problem.startsWith('BIND_CODE_PEPPER'));
  if (pepperProblems.length > 0)
    throw new Error(`${pepperProblems.join('; ')}: give the value the deployed functions have (.env.cloud).`);
  const app = tcb.init({
    env: envId,
    secretId: env.TENCENTCLOUD_SECRETID || (serviceUrl ? 'local' : undefined),
    secretKey: env.TENCENTCLOUD_SECRETKEY || (serviceUrl ? 'local' : undefined),
    ...(serviceUrl ? { serviceUrl } : {}),
  });
  const view = await issueBindCode(app.database(), {
    role: 'office',
    targetId: null,
    targetName: OFFICE_NAME,
    createdBy: 'scripts/office-code',
    now: Date.now(),
  });
  if (isFailure(view)) throw new Error(view.message);
  return `${view.code}  (代表工委 · 有效期至 ${chinaDateTime(view.expiresAt)}，只能使用一次)`;
}

if (require.main === module) {
  officeCode().then(
    (line) => console.log(line),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
