import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectId } from 'bson';
import type { Doc } from '../../stack/db/codec';
import { DocumentStore } from '../../stack/db/store';

/**
 * Indexes may only make queries faster, never change their answers. The same random documents go
 * into an indexed and an unindexed store, and every query must answer the same in both.
 */

let dir: string;
let indexed: DocumentStore;
let plain: DocumentStore;

// A small deterministic generator, so a failure can be replayed.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];

const VALUES: unknown[] = [
  'a',
  'b',
  'B',
  '',
  '10',
  1,
  2,
  10,
  -3,
  2.5,
  0,
  true,
  false,
  null,
  new Date('1969-07-20T20:17:00Z'),
  new Date('2026-02-17T00:00:00Z'),
  new Date('2026-10-10T08:00:00Z'),
  { nested: 'a' },
];
const ARRAYS: unknown[] = [['a', 'b'], [1, 10], [], 'a', 1];

function randomDoc(i: number): Doc {
  const doc: Doc = { _id: `d${i}`, n: i };
  for (const field of ['deputyId', 'status', 'createdAt']) if (rand() < 0.9) doc[field] = pick(VALUES);
  if (rand() < 0.5) doc.meta = { level: pick(VALUES) };
  if (rand() < 0.7) doc.tags = pick(ARRAYS);
  return doc;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-index-'));
  indexed = new DocumentStore(join(dir, 'indexed.sqlite'));
  plain = new DocumentStore(join(dir, 'plain.sqlite'));
  for (const store of [indexed, plain]) store.createCollection('cases');
  indexed.ensureIndex('cases', {
    name: 'inbox',
    keys: [
      ['deputyId', 1],
      ['status', 1],
      ['createdAt', -1],
    ],
  });
  indexed.ensureIndex('cases', { name: 'level', keys: [['meta.level', 1]] });
  indexed.ensureIndex('cases', { name: 'created', keys: [['createdAt', 1]] });
  indexed.ensureIndex('cases', { name: 'tags', keys: [['tags', 1]] });
  const docs = Array.from({ length: 600 }, (_, i) => randomDoc(i));
  for (const store of [indexed, plain])
    store.insert(
      'cases',
      docs.map((d) => structuredClone(d)),
    );
});

afterAll(() => {
  indexed.close();
  plain.close();
  rmSync(dir, { recursive: true, force: true });
});

const queries: Doc[] = [];
for (const v of VALUES) {
  queries.push({ deputyId: v });
  queries.push({ deputyId: v, status: pick(VALUES) });
  queries.push({ 'meta.level': v });
  if (v !== null && typeof v !== 'object') {
    queries.push(
      { createdAt: { $gt: v } },
      { createdAt: { $lte: v } },
      { deputyId: { $in: [v, pick(VALUES)] } },
    );
  }
  if (v instanceof Date) queries.push({ createdAt: { $gte: v, $lt: new Date('2026-12-31T00:00:00Z') } });
}
for (const v of ARRAYS) queries.push({ tags: v }, { tags: { $in: [v, 'b'] } });
queries.push(
  { $and: [{ deputyId: 'a' }, { status: { $ne: 'b' } }] },
  { deputyId: { $eq: 1 } },
  { _id: { $in: ['d1', 'd7', 'zz'] } },
);

describe('index-backed queries', () => {
  it.each(queries.map((q) => [JSON.stringify(q), q]))(
    'answers %s exactly as a full scan does',
    (_label, query) => {
      const options = { sort: { n: 1 as const }, limit: 1000 };
      expect(indexed.find('cases', query as Doc, options)).toEqual(
        plain.find('cases', query as Doc, options),
      );
      expect(indexed.count('cases', query as Doc)).toBe(plain.count('cases', query as Doc));
    },
  );

  it('uses the compound index for the deputy inbox query', () => {
    const fresh = new DocumentStore(join(dir, 'fresh.sqlite'));
    fresh.createCollection('cases');
    fresh.ensureIndex('cases', {
      name: 'inbox',
      keys: [
        ['deputyId', 1],
        ['status', 1],
        ['createdAt', -1],
      ],
    });
    fresh.insert('cases', [{ deputyId: 'd1', status: 'new', createdAt: new Date() }]);
    expect(fresh.explain('cases', { deputyId: 'd1', status: { $in: ['new', 'accepted'] } })).toEqual({
      index: 'inbox',
    });
    expect(fresh.explain('cases', { status: 'new' })).toEqual({ index: null });
    fresh.close();
  });

  it('used the scalar indexes for the queries above, so the comparison exercised them', () => {
    expect(indexed.explain('cases', { deputyId: 'a', status: 'b' })).toEqual({ index: 'inbox' });
    expect(indexed.explain('cases', { 'meta.level': 'a' })).toEqual({ index: 'level' });
    expect(indexed.explain('cases', { createdAt: { $gt: new Date(0) } })).toEqual({ index: 'created' });
  });

  it('keeps an index whose field holds arrays as multikey entries, and still reads through it', () => {
    expect(indexed.listIndexes('cases').find((i) => i.name === 'tags')?.multikey).toBe(true);
    expect(indexed.listIndexes('cases').find((i) => i.name === 'inbox')?.multikey).toBe(false);
    expect(indexed.explain('cases', { tags: 'a' })).toEqual({ index: 'tags' });
  });

  it('refuses a duplicate on a unique index, counting a missing field as null like MongoDB', () => {
    const store = new DocumentStore(join(dir, 'unique.sqlite'));
    store.createCollection('deputies');
    store.ensureIndex('deputies', { name: 'code_unique', keys: [['code', 1]], unique: true });
    store.insert('deputies', [{ code: 'D1' }, { name: 'no code' }]);
    expect(() => store.insert('deputies', [{ code: 'D1' }])).toThrow(
      expect.objectContaining({ code: 'DATABASE_DUPLICATE_WRITE' }),
    );
    expect(() => store.insert('deputies', [{ name: 'also no code' }])).toThrow(
      expect.objectContaining({ code: 'DATABASE_DUPLICATE_WRITE' }),
    );
    expect(() =>
      store.update(
        'deputies',
        { code: 'D1' },
        { $set: { code: 'D2' } },
        { multi: false, upsert: false, merge: true },
      ),
    ).not.toThrow();
    expect(store.count('deputies', {})).toBe(2);
    store.close();
  });
});

describe('an update by a document id', () => {
  it('reaches the document with that text as its _id, and not one whose _id is an ObjectId with that hex', () => {
    const store = new DocumentStore(join(dir, 'by-id.sqlite'));
    try {
      store.createCollection('things');
      const hex = new ObjectId().toHexString();
      store.insert('things', [
        { _id: 'plain-1', n: 1 },
        { _id: new ObjectId(hex), n: 1 },
      ]);
      const opts = { multi: false, upsert: false, merge: true };
      expect(store.update('things', { _id: 'plain-1' }, { $inc: { n: 1 } }, opts)).toEqual({
        matched: 1,
        updated: 1,
      });
      expect(store.update('things', { _id: hex }, { $inc: { n: 1 } }, opts)).toEqual({
        matched: 0,
        updated: 0,
      });
      expect(store.find('things', {}).map((d) => d.n)).toEqual([2, 1]);
    } finally {
      store.close();
    }
  });
});
