import { spawnSync } from 'node:child_process';
import {
  checkDeploy,
  parseEnvFile,
  readInputs,
  ROOT,
  shapeProblems,
  type DeployInputs,
} from '../../scripts/check-deploy';
import { DEPLOYMENT, type Deployment } from '../../miniprogram/core/deployment';

/**
 * `npm run check:deploy` is the gate before an upload: a placeholder AppID, environment or template
 * ID, or a missing secret, must stop it; a deployment with everything filled in must pass.
 */

const committed = readInputs();

/** A deployment as a congress fills it in (a copy: a test may spoil it). */
function filled(): DeployInputs {
  const templates = structuredClone(DEPLOYMENT.templates);
  const deployment: Deployment = {
    envId: 'gulou-prod-7g2k',
    templates: {
      caseReceived: { ...templates.caseReceived, id: 'Xq3rT0b8m1W-caseReceived-01' },
      caseUpdated: { ...templates.caseUpdated, id: 'Xq3rT0b8m1W-caseUpdated-002' },
      caseProgress: {
        ...templates.caseProgress,
        id: 'Xq3rT0b8m1W-caseProgress-3',
        keys: { caseNo: 'thing1', status: 'thing2', note: 'thing3', time: 'date4' },
      },
    },
  };
  return {
    deployment,
    appid: 'wx0123456789abcdef',
    pages: committed.pages,
    envFile: {
      ENV_ID: 'gulou-prod-7g2k',
      BIND_CODE_PEPPER: 'k4Qm9vT2xWp7Lr3Zs8Yb1Nc6Hd0Fg5Je',
      QR_URL_PREFIX: 'https://rd.gulou.gov.cn/q',
    },
  };
}

describe('the committed deploy config', () => {
  it('is well formed: every key fits its field and every page exists', () => {
    expect(shapeProblems(committed)).toEqual([]);
  });

  it('is a template: the check names every placeholder in it', () => {
    const problems = checkDeploy({ ...committed, envFile: null });
    expect(problems).toEqual([
      'project.config.json appid: "touristappid" is not the mini-program\'s AppID (wx…)',
      'core/deployment.ts envId: "replace-with-cloudbase-env-id" is a placeholder',
      'core/deployment.ts templates.caseReceived.id: "replace-with-template-id-case-received" is a placeholder',
      'core/deployment.ts templates.caseUpdated.id: "replace-with-template-id-case-updated" is a placeholder',
      'core/deployment.ts templates.caseProgress.id: "replace-with-template-id-case-progress" is a placeholder',
      '.env.cloud is missing: copy .env.cloud.example and fill it in',
    ]);
  });

  it('makes npm run check:deploy exit 1 with the list', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-deploy.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'core/deployment.ts envId: "replace-with-cloudbase-env-id" is a placeholder',
    );
  });
});

describe('a filled-in deployment', () => {
  it('passes', () => {
    expect(checkDeploy(filled())).toEqual([]);
  });

  it.each<[string, (inputs: DeployInputs) => void, string]>([
    [
      'a template ID left as it was',
      (i) => {
        i.deployment.templates.caseUpdated.id = DEPLOYMENT.templates.caseUpdated.id;
      },
      'core/deployment.ts templates.caseUpdated.id: "replace-with-template-id-case-updated" is a placeholder',
    ],
    [
      'the environment left as it was',
      (i) => {
        i.deployment.envId = DEPLOYMENT.envId;
      },
      'core/deployment.ts envId: "replace-with-cloudbase-env-id" is a placeholder',
    ],
    [
      'the tourist AppID',
      (i) => {
        i.appid = 'touristappid';
      },
      'project.config.json appid: "touristappid" is not the mini-program\'s AppID (wx…)',
    ],
    [
      'the example QR prefix from .env.cloud.example',
      (i) => {
        if (i.envFile) i.envFile.QR_URL_PREFIX = 'https://daibiao.example.cn/q';
      },
      '.env.cloud QR_URL_PREFIX=https://daibiao.example.cn/q is the example placeholder',
    ],
    [
      'the example pepper',
      (i) => {
        if (i.envFile) i.envFile.BIND_CODE_PEPPER = 'replace-with-a-long-random-secret';
      },
      '.env.cloud BIND_CODE_PEPPER is not set',
    ],
    [
      'the functions deployed to another environment than the app calls',
      (i) => {
        if (i.envFile) i.envFile.ENV_ID = 'gulou-test-1a2b';
      },
      '.env.cloud ENV_ID=gulou-test-1a2b but core/deployment.ts envId=gulou-prod-7g2k: the app would call another environment than the functions are deployed to',
    ],
    [
      'a status put into a time key',
      (i) => {
        i.deployment.templates.caseUpdated.keys.status = 'time2';
      },
      'core/deployment.ts templates.caseUpdated.keys.status: a time key cannot hold it; use phrase or thing',
    ],
    [
      'one key for two fields',
      (i) => {
        i.deployment.templates.caseReceived.keys.summary = 'thing2';
      },
      'core/deployment.ts templates.caseReceived.keys: thing2 is given to two fields',
    ],
  ])('fails on %s', (_label, spoil, problem) => {
    const inputs = filled();
    spoil(inputs);
    expect(checkDeploy(inputs)).toEqual([problem]);
  });
});

describe('.env.cloud', () => {
  it('is read as the CLI reads a .env file', () => {
    expect(
      parseEnvFile(
        '# comment\nENV_ID=gulou-prod-7g2k\n\nBIND_CODE_PEPPER="k4Qm 9vT2"\nexport QR_URL_PREFIX=https://rd.gulou.gov.cn/q\n',
      ),
    ).toEqual({
      ENV_ID: 'gulou-prod-7g2k',
      BIND_CODE_PEPPER: 'k4Qm 9vT2',
      QR_URL_PREFIX: 'https://rd.gulou.gov.cn/q',
    });
  });
});
