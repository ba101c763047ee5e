import { fail, type Failure } from '../../../miniprogram/core/result';
import { DEFAULTS } from './config';

/**
 * The settings a deployment must give its functions, and the refusal to run in the cloud without
 * them. CloudBase replaces a function's variables with cloudbaserc.json's `envVariables` on every
 * `tcb fn deploy --force`; those come from the uncommitted `.env.cloud` (`{{env.NAME}}`, loaded by
 * `--mode cloud`). Had one gone missing, bind codes would be hashed with a value anyone can read in
 * this repository and printed codes would point at example.cn: so a function in the cloud answers
 * nothing until they are set, and says why in its log. The local stack needs none of them.
 *
 * | variable           | required in the cloud                                                   |
 * |--------------------|-------------------------------------------------------------------------|
 * | `BIND_CODE_PEPPER` | at least 32 characters, not the local default                           |
 * | `QR_URL_PREFIX`    | an https URL, not on example.cn (platform/config.ts says what it is)     |
 */

/** The pepper the local stack hashes bind codes with: public, so never good enough in the cloud. */
export const LOCAL_BIND_CODE_PEPPER = 'daibiao-local-bind-code-pepper';
export const MIN_PEPPER_LENGTH = 32;

/**
 * Whether this process is a function in CloudBase: the runtime marks it as node-sdk checks it
 * (`TENCENTCLOUD_RUNENV=SCF`), and the SDK is not pointed at the local stack.
 */
export function runsInCloud(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TENCENTCLOUD_RUNENV === 'SCF' && !env.CLOUDBASE_SERVICE_URL;
}

/** A value the CLI left unfilled (`{{env.X}}` with no X) or empty counts as unset. */
function value(env: NodeJS.ProcessEnv, name: string): string {
  const text = env[name]?.trim() ?? '';
  return text.includes('{{') ? '' : text;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** What is wrong with the settings for running in the cloud; empty when nothing is. */
export function deploymentProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  const pepper = value(env, 'BIND_CODE_PEPPER');
  if (!pepper) problems.push('BIND_CODE_PEPPER is not set');
  else if (pepper === LOCAL_BIND_CODE_PEPPER) problems.push('BIND_CODE_PEPPER is the public local default');
  else if (pepper.length < MIN_PEPPER_LENGTH)
    problems.push(`BIND_CODE_PEPPER is shorter than ${MIN_PEPPER_LENGTH} characters`);
  const prefix = value(env, 'QR_URL_PREFIX');
  const host = hostOf(prefix);
  if (!prefix) problems.push('QR_URL_PREFIX is not set');
  else if (!prefix.startsWith('https://') || !host)
    problems.push(`QR_URL_PREFIX=${prefix} is not an https URL`);
  else if (prefix === DEFAULTS.qrUrlPrefix || /(^|\.)example\.(cn|com|org)$/.test(host))
    problems.push(`QR_URL_PREFIX=${prefix} is the example placeholder`);
  return problems;
}

/** What the log says when a function refuses to run, naming each problem and the way to fix it. */
export function refusalMessage(functionName: string, problems: readonly string[]): string {
  return (
    `[${functionName}] refuses to run: this deployment is not configured. ${problems.join('; ')}. ` +
    'Set them in .env.cloud and deploy again with `tcb fn deploy --all --force --mode cloud` (docs/deploy.md).'
  );
}

/**
 * The check every function makes before anything else: in the cloud with a missing or default
 * setting, it logs why and answers INTERNAL; elsewhere (the local stack, tests) it lets the call run.
 */
export function refuseUnconfigured(
  functionName: string,
  env: NodeJS.ProcessEnv = process.env,
): Failure | null {
  if (!runsInCloud(env)) return null;
  const problems = deploymentProblems(env);
  if (problems.length === 0) return null;
  console.error(refusalMessage(functionName, problems));
  return fail('INTERNAL', '服务尚未配置完成，暂时无法使用，请联系代表工委');
}
