import { main as resident } from '../../cloudfunctions/resident';
import { main as timers } from '../../cloudfunctions/timers';
import { main as wxevents } from '../../cloudfunctions/wxevents';
import { deploymentProblems, runsInCloud } from '../../cloudfunctions/_lib/platform';

/**
 * A `tcb fn deploy --force` replaces a function's variables with what cloudbaserc.json carries from
 * .env.cloud. Had the secret or the QR prefix gone missing, bind codes would be hashed with a value
 * printed in this repository and posters would point at example.cn: in the cloud every function
 * refuses to run until they are set, and its log says which and how to fix it. Locally, nothing
 * needs setting.
 */

const GOOD = {
  BIND_CODE_PEPPER: 'k4Qm9vT2xWp7Lr3Zs8Yb1Nc6Hd0Fg5Je',
  QR_URL_PREFIX: 'https://rd.gulou.gov.cn/q',
};
const CLOUD = { TENCENTCLOUD_RUNENV: 'SCF' };

describe('what a deployment must set', () => {
  it('accepts a long random pepper and the congress’s own https prefix', () => {
    expect(deploymentProblems({ ...CLOUD, ...GOOD })).toEqual([]);
  });

  it.each<[string, Record<string, string>, string]>([
    ['no pepper', { QR_URL_PREFIX: GOOD.QR_URL_PREFIX }, 'BIND_CODE_PEPPER is not set'],
    [
      'the local pepper',
      { ...GOOD, BIND_CODE_PEPPER: 'daibiao-local-bind-code-pepper' },
      'BIND_CODE_PEPPER is the public local default',
    ],
    [
      'a short pepper',
      { ...GOOD, BIND_CODE_PEPPER: 'secret' },
      'BIND_CODE_PEPPER is shorter than 32 characters',
    ],
    [
      'a pepper the CLI left unfilled',
      { ...GOOD, BIND_CODE_PEPPER: '{{env.BIND_CODE_PEPPER}}' },
      'BIND_CODE_PEPPER is not set',
    ],
    ['no prefix', { BIND_CODE_PEPPER: GOOD.BIND_CODE_PEPPER }, 'QR_URL_PREFIX is not set'],
    [
      'the example prefix',
      { ...GOOD, QR_URL_PREFIX: 'https://daibiao.example.cn/q' },
      'QR_URL_PREFIX=https://daibiao.example.cn/q is the example placeholder',
    ],
    [
      'a plain-http prefix',
      { ...GOOD, QR_URL_PREFIX: 'http://rd.gulou.gov.cn/q' },
      'QR_URL_PREFIX=http://rd.gulou.gov.cn/q is not an https URL',
    ],
  ])('names %s', (_label, env, problem) => {
    expect(deploymentProblems(env)).toEqual([problem]);
  });

  it('counts a function as in the cloud only in CloudBase’s runtime, not on the local stack', () => {
    expect(runsInCloud({ TENCENTCLOUD_RUNENV: 'SCF' })).toBe(true);
    expect(
      runsInCloud({ TENCENTCLOUD_RUNENV: 'SCF', CLOUDBASE_SERVICE_URL: 'http://127.0.0.1:3000/admin' }),
    ).toBe(false);
    expect(runsInCloud({})).toBe(false);
  });
});

describe('a function in the cloud without its settings', () => {
  const saved = { ...process.env };
  let logged: string[];

  beforeEach(() => {
    logged = [];
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
    delete process.env.CLOUDBASE_SERVICE_URL;
    delete process.env.BIND_CODE_PEPPER;
    delete process.env.QR_URL_PREFIX;
    process.env.TENCENTCLOUD_RUNENV = 'SCF';
  });

  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  const refusal = {
    ok: false,
    code: 'INTERNAL',
    message: '服务尚未配置完成，暂时无法使用，请联系代表工委',
  };

  it('answers no action, and logs what is missing and how to fix it', async () => {
    await expect(
      resident({ action: 'landing', data: { type: 'deputy', code: 'D00001' } }, {}),
    ).resolves.toEqual(refusal);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('[resident] refuses to run');
    expect(logged[0]).toContain('BIND_CODE_PEPPER is not set; QR_URL_PREFIX is not set');
    expect(logged[0]).toContain('.env.cloud');
    expect(logged[0]).toContain('--mode cloud');
  });

  it('refuses with the public local pepper, in the timers and the message-push receiver too', async () => {
    process.env.BIND_CODE_PEPPER = 'daibiao-local-bind-code-pepper';
    process.env.QR_URL_PREFIX = GOOD.QR_URL_PREFIX;
    await expect(timers({ Type: 'Timer', TriggerName: 'outbox' }, {})).resolves.toEqual(refusal);
    await expect(wxevents({ Event: 'wxa_media_check', trace_id: 't' }, {})).resolves.toEqual(refusal);
    expect(logged.map((line) => line.slice(0, line.indexOf(']') + 1))).toEqual(['[timers]', '[wxevents]']);
  });

  it('runs once they are set', async () => {
    Object.assign(process.env, GOOD);
    await expect(resident({ action: 'nope' }, {})).resolves.toMatchObject({
      ok: false,
      code: 'ACTION.UNKNOWN',
    });
    expect(logged).toEqual([]);
  });
});
