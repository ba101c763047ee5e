import { writeFile } from 'node:fs/promises';
import { requestFile, runFileJobs, type FileMaker } from '../../cloudfunctions/_lib/files';
import type { ActionContext } from '../../cloudfunctions/_lib/platform';
import { startBareStack } from '../helpers/local-stack';

/**
 * File jobs (files/): what a phone that retries, a colleague asking for the same file and a maker
 * that fails each get, on a bare stack with a maker that writes a few bytes.
 */

let stack: Awaited<ReturnType<typeof startBareStack>>;
let now = Date.parse('2026-11-09T10:00:00+08:00');
beforeAll(async () => {
  stack = await startBareStack();
  stack.stack.store.createCollection('exports');
});
afterAll(() => stack.close());

const ctx = (): ActionContext => ({
  caller: { openid: 'o-office', appid: '' },
  requestId: 'test',
  now,
  app: stack.app,
  db: stack.app.database(),
});

let made = 0;
const maker: FileMaker = async (params, _ctx, outPath) => {
  made += 1;
  if (params.fail) throw new Error('the database went away');
  await writeFile(outPath, `file ${made}`);
  return { count: 1 };
};
const ask = (params: Record<string, unknown>, total = 1, syncLimit = 10) =>
  requestFile(ctx(), { kind: 'ledger', params, name: 'x.xlsx', ext: 'xlsx', total, syncLimit, make: maker });

it('answers a retry the same file, and makes it anew once it is five minutes old', async () => {
  made = 0;
  const first = await ask({ n: 1 });
  const retry = await ask({ n: 1 });
  expect(first).toMatchObject({ status: 'done', count: 1 });
  expect(retry).toEqual(first);
  expect(made).toBe(1);
  now += 6 * 60_000;
  const later = await ask({ n: 1 });
  expect(made).toBe(2);
  expect(later).toMatchObject({ status: 'done', fileID: (first as { fileID: string }).fileID });
});

it('makes a file again when the stored one has gone', async () => {
  made = 0;
  const first = (await ask({ n: 2 })) as { fileID: string };
  await stack.app.deleteFile({ fileList: [first.fileID] });
  expect(await ask({ n: 2 })).toMatchObject({ status: 'done' });
  expect(made).toBe(2);
});

it('answers EXPORT.FAILED when the maker fails, and starts over when asked again', async () => {
  made = 0;
  expect(await ask({ fail: true })).toMatchObject({ ok: false, code: 'EXPORT.FAILED' });
  expect(stack.stack.store.count('exports', { status: 'failed' })).toBe(1);
  expect(await ask({ fail: true })).toMatchObject({ ok: false, code: 'EXPORT.FAILED' });
  expect(made).toBe(2);
});

it('queues one job for a big file however many ask at once, and the timer makes it once', async () => {
  made = 0;
  const answers = await Promise.all(Array.from({ length: 5 }, () => ask({ n: 3 }, 100, 10)));
  for (const answer of answers) expect(answer).toEqual({ status: 'running', total: 100, startedAt: null });
  expect(stack.stack.store.count('exports', { status: 'queued' })).toBe(1);
  const runs = await Promise.all([1, 2].map(() => runFileJobs(ctx(), { ledger: maker }, 10_000)));
  expect(runs.reduce((sum, r) => sum + r.ran, 0)).toBe(1);
  expect(made).toBe(1);
  expect(await ask({ n: 3 }, 100, 10)).toMatchObject({ status: 'done', count: 1 });
});
