import { officeCode } from '../../scripts/office-code';
import { startProduct } from '../helpers/project-stack';

/** The first office code of a new environment, made by the operator's script, works in the app. */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

it('prints a code that binds the account to the office once', async () => {
  const line = await officeCode({ CLOUDBASE_SERVICE_URL: `${product.stack.url}/admin` });
  const code = line.slice(0, 9);
  expect(line).toMatch(
    /^[A-Z0-9]{4}-[A-Z0-9]{4} {2}\(代表工委 · 有效期至 \d{4}-\d\d-\d\d \d\d:\d\d，只能使用一次\)$/,
  );

  const me = await product.ok('o-first-office', 'resident', 'bind', { code });
  expect(me.roles).toEqual([{ role: 'office', name: '人大常委会代表工委' }]);
  expect(await product.call('o-first-office', 'office', 'directory', { kind: 'deputy' })).toMatchObject({
    ok: true,
  });
  expect(await product.call('o-someone-else', 'resident', 'bind', { code })).toMatchObject({
    ok: false,
    code: 'BIND.INVALID',
  });
});

it('says what to set when no environment is named', async () => {
  await expect(officeCode({})).rejects.toThrow('Set ENV_ID');
});

it('refuses, before connecting, to make a cloud code with a missing or public pepper', async () => {
  const cloud = { ENV_ID: 'prod-1', TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' };
  await expect(officeCode(cloud)).rejects.toThrow('BIND_CODE_PEPPER is not set');
  await expect(officeCode({ ...cloud, BIND_CODE_PEPPER: 'daibiao-local-bind-code-pepper' })).rejects.toThrow(
    'BIND_CODE_PEPPER is the public local default',
  );
});
