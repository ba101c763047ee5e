import tcb from '@cloudbase/node-sdk';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnStack } from '../helpers/spawn-stack';

jest.setTimeout(90_000);
// The SDK arms a 3 s "slow request" timer per database call and never clears it when the
// connection dies; the requests cut off by SIGKILL would otherwise keep jest waiting.
process.env.SILENCE = 'true';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stack-process-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function sdk(url: string) {
  return tcb.init({
    env: 'local',
    serviceUrl: `${url}/admin`,
    secretId: 'id',
    secretKey: 'key',
    timeout: 20_000,
  });
}

const digest = (payload: string) => createHash('sha256').update(payload).digest('hex');

describe('npm start', () => {
  it('prints ready with the base URL, serves the seed data, and exits cleanly on SIGINT and SIGTERM', async () => {
    const dir = freshDir();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const stack = await spawnStack(dir);
      expect(stack.output()).toMatch(/ready at http:\/\/127\.0\.0\.1:\d+/);
      const { total } = await sdk(stack.url).database().collection('stations').count();
      expect(total).toBeGreaterThan(0);
      stack.kill(signal);
      expect(await stack.exited).toBe(0);
      expect(stack.output()).toContain(`${signal}: shutting down`);
    }
  });
});

describe('durability', () => {
  it('keeps every acknowledged write, whole, when the process is killed with SIGKILL mid-stream', async () => {
    const dir = freshDir();
    const first = await spawnStack(dir);
    const db = sdk(first.url).database();
    await db.createCollection('durability');

    const acknowledged: Array<{ id: string; payload: string }> = [];
    let killed = false;
    // Four writers in parallel, each writing until the process dies under them.
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const payload = `${w}-${i}-${'x'.repeat(200 + ((i * 37) % 500))}`;
        try {
          const { id } = await db.collection('durability').add({ payload, sum: digest(payload), n: i });
          if (id) acknowledged.push({ id: id as string, payload });
        } catch {
          return; // the connection died with the process: this write was never acknowledged
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5));
    first.kill('SIGKILL');
    killed = true;
    expect(await first.exited).toBe('SIGKILL');
    await Promise.all(writers);

    const second = await spawnStack(dir);
    try {
      const col = sdk(second.url).database().collection('durability');
      const { total } = await col.count();
      expect(total).toBeGreaterThanOrEqual(acknowledged.length);
      const stored = new Map<string, { payload: string; sum: string }>();
      for (let skip = 0; skip < total; skip += 1000) {
        const { data } = await col.skip(skip).limit(1000).get();
        for (const doc of data) stored.set(doc._id, doc);
      }
      for (const { id, payload } of acknowledged) expect(stored.get(id)?.payload).toBe(payload);
      // No torn documents: every stored payload still matches the checksum written with it.
      for (const doc of stored.values()) expect(digest(doc.payload)).toBe(doc.sum);
    } finally {
      second.kill('SIGTERM');
      await second.exited;
    }
  });
});
