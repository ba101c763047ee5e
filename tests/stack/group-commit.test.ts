import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStore } from '../../stack/db/store';

/**
 * Group commit (stack/db/group-commit.ts): the writes answered in one turn of the event loop wait
 * for one fsync of the WAL together, and none is answered before it. (That an answered write
 * survives the process being killed is tests/stack/process.test.ts.)
 */

let dir: string;
let store: DocumentStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  store = new DocumentStore(join(dir, 'db.sqlite'), Date.now, { groupCommit: true });
  store.createCollection('notes');
});
afterEach(() => {
  jest.restoreAllMocks();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('answers the writes of one turn after one fsync of the WAL, shared', async () => {
  const fsync = jest.spyOn(fs, 'fsync');
  const synced: number[] = [];
  const waits = Array.from({ length: 20 }, (_, i) => {
    store.insert('notes', [{ _id: `n${i}`, text: 'x'.repeat(500) }]);
    return store.durable().then(() => synced.push(fsync.mock.calls.length));
  });
  expect(fsync).not.toHaveBeenCalled();
  await Promise.all(waits);
  expect(fsync).toHaveBeenCalledTimes(1);
  expect(synced).toEqual(Array(20).fill(1));
  expect(store.count('notes', {})).toBe(20);
});

it('syncs again for writes made after the last fsync', async () => {
  const fsync = jest.spyOn(fs, 'fsync');
  store.insert('notes', [{ _id: 'a' }]);
  await store.durable();
  store.insert('notes', [{ _id: 'b' }]);
  await store.durable();
  expect(fsync).toHaveBeenCalledTimes(2);
});

it('answers at once, with no fsync, when nothing was written since the last one', async () => {
  store.insert('notes', [{ _id: 'a' }]);
  await store.durable();
  const fsync = jest.spyOn(fs, 'fsync');
  store.find('notes', {});
  await Promise.all([store.durable(), store.durable()]);
  expect(fsync).not.toHaveBeenCalled();
  store.update(
    'notes',
    { _id: 'a' },
    { $set: { text: 'changed' } },
    { multi: false, upsert: false, merge: true },
  );
  await store.durable();
  expect(fsync).toHaveBeenCalledTimes(1);
});

it('lets a wait with nothing new go with the running fsync, and a write made meanwhile wait for the next', async () => {
  const fsync = jest.spyOn(fs, 'fsync');
  const order: string[] = [];
  store.insert('notes', [{ _id: 'a' }]);
  const first = store.durable().then(() => order.push(`a after ${fsync.mock.calls.length}`));
  await new Promise((resolve) => setImmediate(resolve)); // the fsync for a is running
  expect(fsync).toHaveBeenCalledTimes(1);
  const same = store.durable().then(() => order.push(`nothing new after ${fsync.mock.calls.length}`));
  store.insert('notes', [{ _id: 'b' }]);
  const next = store.durable().then(() => order.push(`b after ${fsync.mock.calls.length}`));
  await Promise.all([first, same, next]);
  expect(order).toEqual(['a after 1', 'nothing new after 1', 'b after 2']);
});

it("looks at the WAL's file once a second, not at every fsync", async () => {
  let now = 1_000_000;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  store.insert('notes', [{ _id: 'first' }]);
  await store.durable();
  const stat = jest.spyOn(fs, 'statSync');
  const fsync = jest.spyOn(fs, 'fsync');
  for (let i = 0; i < 10; i++) {
    store.insert('notes', [{ _id: `n${i}` }]);
    await store.durable();
  }
  expect(fsync).toHaveBeenCalledTimes(10);
  expect(stat).not.toHaveBeenCalled();
  now += 1000;
  store.insert('notes', [{ _id: 'later' }]);
  await store.durable();
  expect(stat).toHaveBeenCalledTimes(1);
});

it('keeps no read open once it is answered, even one that stopped early: the WAL can be copied whole', async () => {
  store.insert(
    'notes',
    Array.from({ length: 300 }, (_, i) => ({ _id: `r${i}`, kind: i % 3 })),
  );
  await store.durable();
  // A reader's connection, as the reader threads have: a read it left open would pin the WAL.
  const reader = new DocumentStore(join(dir, 'db.sqlite'), Date.now, { readOnly: true });
  try {
    // Reads stopped midway ($limit, a page), twice, so the second takes the first's statement.
    for (let i = 0; i < 2; i++) {
      expect(reader.aggregate('notes', [{ $limit: 2 }])).toHaveLength(2);
      expect(reader.find('notes', { kind: 1 }, { limit: 3 })).toHaveLength(3);
      expect(reader.count('notes', { kind: 2 })).toBe(100);
    }
    store.insert('notes', [{ _id: 'after' }]);
    const db = (store as unknown as { db: { pragma: (sql: string) => unknown } }).db;
    expect(db.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
  } finally {
    reader.close();
  }
});

it('copies the WAL into the database once it passes 16 MB, so the WAL stays bounded', async () => {
  let now = 0;
  // The checkpoint waits a second since the last one: let each turn be two seconds apart.
  jest.spyOn(Date, 'now').mockImplementation(() => (now += 2000));
  const text = 'x'.repeat(4000);
  let largest = 0;
  for (let turn = 0; turn < 40; turn++) {
    store.insert(
      'notes',
      Array.from({ length: 200 }, (_, i) => ({ _id: `t${turn}-${i}`, text })),
    );
    await store.durable();
    largest = Math.max(largest, fs.statSync(join(dir, 'db.sqlite-wal')).size);
  }
  expect(store.count('notes', {})).toBe(8000);
  // 8,000 notes of 4 KB wrote over 32 MB; checkpointed from 16 MB on, the WAL is reused from its start.
  expect(largest).toBeLessThan(20 * 1024 * 1024);
});
