import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPrefix } from '../../miniprogram/core/directory';
import { photoCloudPath } from '../../miniprogram/core/photos';
import { codeImagePaths } from '../../cloudfunctions/_lib/codes';
import { TEMPLATE_PATH } from '../../cloudfunctions/_lib/sheets';
import { userMayWrite } from '../../stack/storage';

/**
 * The storage security rule an IT person pastes from docs/deploy.md, held to the paths the app
 * uploads to and the paths the functions write, and to the stack's own rule: a rule that let a phone
 * write a printed code, or refused a resident's photo, would be found here rather than after launch.
 */

const deployDoc = readFileSync(join(__dirname, '..', '..', 'docs', 'deploy.md'), 'utf8');

function pastedRule(): { read: string; write: string } {
  const section = deployDoc.slice(deployDoc.indexOf('**Storage permission.**'));
  const block = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (!block) throw new Error('docs/deploy.md has no JSON rule under "Storage permission"');
  return JSON.parse(block) as { read: string; write: string };
}

const rule = pastedRule();
const OWNER_CLAUSE = 'resource.openid == auth.openid';

/** The write expression, evaluated as CloudBase documents it: `owner && /re/.test(path) == true`. */
function ruleLetsWrite(path: string, caller: string, owner: string | null | undefined): boolean {
  const match = /^resource\.openid == auth\.openid && \/(.+)\/\.test\(resource\.path\) == true$/.exec(
    rule.write,
  );
  if (!match) throw new Error(`unexpected shape of the write rule: ${rule.write}`);
  // A file that does not exist yet is its creator's, so the owner clause holds for anyone; a file the
  // admin SDK made has no user as its owner (null).
  return (owner === undefined || owner === caller) && new RegExp(match[1]).test(path);
}

const ME = 'oMe00000000000000000000000Ab';
const SOMEONE = 'oSomeone0000000000000000000X';
const uploads = [photoCloudPath(ME, Date.UTC(2026, 10, 21), Math.random), `${importPrefix(ME)}名册.xlsx`];
const deputyCodes = codeImagePaths({ type: 'deputy', code: 'D00001' });
const functionsOwn = [
  deputyCodes.qr,
  ...Object.values(deputyCodes.wxacode),
  codeImagePaths({ type: 'station', code: 'S0001' }).qr,
  TEMPLATE_PATH,
  'cases/c0123456789abcdef01234567/k3J9aB.jpg',
];

describe('the storage rule in docs/deploy.md', () => {
  it('reads and writes only a user’s own files', () => {
    expect(rule.read).toBe(OWNER_CLAUSE);
    expect(rule.write.startsWith(`${OWNER_CLAUSE} && `)).toBe(true);
  });

  it.each(uploads)('lets the app upload %s, and the stack agrees', (path) => {
    expect(ruleLetsWrite(path, ME, undefined)).toBe(true);
    expect(ruleLetsWrite(path, ME, ME)).toBe(true);
    expect(userMayWrite(path, ME, undefined)).toBe(true);
    // Nobody replaces it once it is there.
    expect(ruleLetsWrite(path, SOMEONE, ME)).toBe(false);
    expect(userMayWrite(path, SOMEONE, ME)).toBe(false);
  });

  it.each(functionsOwn)('leaves %s to the functions alone, as the stack does', (path) => {
    for (const owner of [undefined, null, ME]) {
      expect(ruleLetsWrite(path, ME, owner)).toBe(false);
      expect(userMayWrite(path, ME, owner)).toBe(false);
    }
  });
});
