/**
 * The check before a version is uploaded for review or the functions are deployed:
 *
 *   npm run check:deploy
 *
 * It reads what a deployment fills in — `miniprogram/core/deployment.ts` (the release environment,
 * the subscribe templates' IDs and keyword keys), `project.config.json` (the AppID) and the
 * uncommitted `.env.cloud` (the functions' secret and settings, carried by cloudbaserc.json) — and
 * fails, naming each, on a placeholder left anywhere, a keyword key a field cannot go into, or
 * settings the functions would refuse to run with. The committed repository holds placeholders by
 * design, so `npm test` runs the shape checks on it (tests/build/check-deploy.test.ts) and this
 * script, not `npm test`, is the gate before an upload.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploymentProblems } from '../cloudfunctions/_lib/platform';
import {
  DEPLOYMENT,
  PLACEHOLDER_PREFIX,
  type Deployment,
  type KeywordType,
} from '../miniprogram/core/deployment';

export const ROOT = join(__dirname, '..');
export const ENV_FILE = '.env.cloud';

export interface DeployInputs {
  deployment: Deployment;
  /** project.config.json's `appid`. */
  appid: string;
  /** The pages app.json declares (main package and subpackages), as `pages/…/index`. */
  pages: readonly string[];
  /** `.env.cloud`, parsed; null when there is none. */
  envFile: Record<string, string> | null;
}

/** Which keyword types each field of a message fits (WeChat's limits: thing 20, phrase 5, …). */
const FIELD_TYPES: Record<string, readonly KeywordType[]> = {
  caseNo: ['character_string', 'thing'],
  kind: ['thing'],
  summary: ['thing'],
  status: ['phrase', 'thing'],
  note: ['thing'],
  time: ['time', 'date'],
};

const KEY_PATTERN = /^(thing|phrase|character_string|time|date)([1-9]\d*)$/;

const isPlaceholder = (value: string | undefined): boolean =>
  !value || value.trim() === '' || value.includes(PLACEHOLDER_PREFIX) || value.includes('{{');

/** Mistakes in the templates that would make every message of one kind fail, placeholders or not. */
export function shapeProblems(inputs: Pick<DeployInputs, 'deployment' | 'pages'>): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const [name, template] of Object.entries(inputs.deployment.templates)) {
    const where = `core/deployment.ts templates.${name}`;
    const seen = new Set<string>();
    for (const [field, key] of Object.entries(template.keys) as Array<[string, string]>) {
      const match = KEY_PATTERN.exec(key);
      const allowed = FIELD_TYPES[field] ?? [];
      if (!match) problems.push(`${where}.keys.${field}: "${key}" is not a keyword key such as thing3`);
      else if (!allowed.includes(match[1] as KeywordType))
        problems.push(
          `${where}.keys.${field}: a ${match[1]} key cannot hold it; use ${allowed.join(' or ')}`,
        );
      if (seen.has(key)) problems.push(`${where}.keys: ${key} is given to two fields`);
      seen.add(key);
    }
    if (!inputs.pages.includes(template.page))
      problems.push(`${where}.page: ${template.page} is not a page in app.json`);
    const other = ids.get(template.id);
    if (other && !isPlaceholder(template.id))
      problems.push(`${where}.id: the same template ID as templates.${other}`);
    ids.set(template.id, name);
  }
  return problems;
}

/** What still holds a placeholder or a value the deployment cannot run with. */
export function placeholderProblems(inputs: DeployInputs): string[] {
  const problems: string[] = [];
  const { deployment, envFile } = inputs;
  if (inputs.appid === 'touristappid' || !/^wx[0-9a-f]{16}$/.test(inputs.appid))
    problems.push(`project.config.json appid: "${inputs.appid}" is not the mini-program's AppID (wx…)`);
  if (isPlaceholder(deployment.envId))
    problems.push(`core/deployment.ts envId: "${deployment.envId}" is a placeholder`);
  for (const [name, template] of Object.entries(deployment.templates)) {
    if (isPlaceholder(template.id))
      problems.push(`core/deployment.ts templates.${name}.id: "${template.id}" is a placeholder`);
  }
  if (!envFile) {
    problems.push(`${ENV_FILE} is missing: copy ${ENV_FILE}.example and fill it in`);
    return problems;
  }
  if (isPlaceholder(envFile.ENV_ID)) problems.push(`${ENV_FILE} ENV_ID is a placeholder`);
  else if (!isPlaceholder(deployment.envId) && envFile.ENV_ID !== deployment.envId)
    problems.push(
      `${ENV_FILE} ENV_ID=${envFile.ENV_ID} but core/deployment.ts envId=${deployment.envId}: the app would call another environment than the functions are deployed to`,
    );
  const settings = { ...envFile };
  for (const name of ['BIND_CODE_PEPPER', 'QR_URL_PREFIX'])
    if (isPlaceholder(settings[name])) delete settings[name];
  problems.push(...deploymentProblems(settings).map((problem) => `${ENV_FILE} ${problem}`));
  return problems;
}

/** `NAME=value` lines; `#` comments and blank lines skipped, surrounding quotes removed. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    values[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

/** The committed files and the local .env.cloud, as the check reads them. */
export function readInputs(root: string = ROOT): DeployInputs {
  const project = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')) as { appid?: string };
  const app = JSON.parse(readFileSync(join(root, 'miniprogram', 'app.json'), 'utf8')) as {
    pages?: string[];
    subPackages?: Array<{ root: string; pages: string[] }>;
  };
  const envPath = join(root, ENV_FILE);
  return {
    deployment: DEPLOYMENT,
    appid: project.appid ?? '',
    pages: [
      ...(app.pages ?? []),
      ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
    ],
    envFile: existsSync(envPath) ? parseEnvFile(readFileSync(envPath, 'utf8')) : null,
  };
}

export function checkDeploy(inputs: DeployInputs): string[] {
  return [...shapeProblems(inputs), ...placeholderProblems(inputs)];
}

if (require.main === module) {
  const problems = checkDeploy(readInputs());
  if (problems.length > 0) {
    console.error(
      `check:deploy: not ready to upload or deploy (${problems.length}):\n- ${problems.join('\n- ')}\n\n` +
        'Fill them in as the README 部署清单 and docs/deploy.md say, then run npm run check:deploy again.',
    );
    process.exitCode = 1;
  } else {
    console.log('check:deploy: the AppID, environment, templates and .env.cloud are filled in.');
  }
}
