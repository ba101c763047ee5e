import { networkInterfaces } from 'node:os';
import { isLoopback, isMachineOnly } from '../../stack/loopback';
import { startBareStack } from '../helpers/local-stack';

/**
 * The status page, /local/* and the admin API list cases, names and OpenIDs and accept any
 * credentials. Bound to a LAN address so a phone can reach /wx/*, the stack must still answer them
 * to this machine only.
 */

/** This machine's address on its network (not loopback): a request to it comes from it. */
function lanAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((info) => info && info.family === 'IPv4' && !info.internal);
  if (!found) throw new Error('this machine has no non-loopback IPv4 address to test from');
  return found.address;
}

describe('which clients count as this machine', () => {
  it.each(['127.0.0.1', '127.5.6.7', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1'])('%s is', (address) => {
    expect(isLoopback(address)).toBe(true);
  });

  it.each(['192.168.1.20', '10.0.0.1', '::ffff:192.168.1.20', 'fd00::2', '128.0.0.1', '', undefined])(
    '%s is not',
    (address) => {
      expect(isLoopback(address)).toBe(false);
    },
  );

  it('keeps the status page, /local/* and /admin to this machine, and leaves /wx/* and /storage/* to the phone', () => {
    expect(['/', '/local/status', '/local/wx-calls', '/local/clock', '/admin'].map(isMachineOnly)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['/wx/callFunction', '/storage/download/x', '/localx', '/administer'].map(isMachineOnly)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('a stack bound to every interface', () => {
  let ctx: Awaited<ReturnType<typeof startBareStack>>;
  let fromLan: string;

  beforeAll(async () => {
    ctx = await startBareStack({ host: '0.0.0.0', scheduleTimers: false });
    fromLan = `http://${lanAddress()}:${ctx.stack.port}`;
  });
  afterAll(() => ctx.close());

  it.each(['/', '/local/status', '/local/wx-calls', '/local/clock', '/local/timers'])(
    'refuses GET %s from the network, naming why',
    async (path) => {
      const res = await fetch(`${fromLan}${path}`);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: expect.stringContaining('127.0.0.1'),
      });
    },
  );

  it('refuses to move the clock or use the admin API from the network', async () => {
    const clock = await fetch(`${fromLan}/local/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2030-01-01T00:00:00+08:00' }),
    });
    expect(clock.status).toBe(403);
    const admin = await fetch(`${fromLan}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'TC3-HMAC-SHA256 any' },
      body: JSON.stringify({ action: 'database.listCollections' }),
    });
    expect(admin.status).toBe(403);
    const local = await (await fetch(`http://127.0.0.1:${ctx.stack.port}/local/clock`)).json();
    expect(local).toMatchObject({ mode: 'real' });
  });

  it('answers the same pages on this machine', async () => {
    const res = await fetch(`http://127.0.0.1:${ctx.stack.port}/`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'local CloudBase stack' });
  });

  it('still serves the mini-program endpoints to a phone on the network', async () => {
    const res = await fetch(`${fromLan}/wx/callFunction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'echo', data: {} }),
    });
    // Without X-WX-OPENID the endpoint itself answers 401: the request got past the guard.
    expect(res.status).toBe(401);
  });
});
