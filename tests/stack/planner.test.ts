import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Doc } from '../../stack/db/codec';
import type { FindOptions } from '../../stack/db/store';
import { DocumentStore } from '../../stack/db/store';
import { Aggregator as MingoAggregator } from 'mingo';

/**
 * The planner may only make reads cheaper, never change their answers. The same generated documents
 * go into a store with indexes and one without; for many generated filters (equalities, `$in`,
 * ranges, `$or` of indexed and unindexed branches, arrays, missing fields, nulls, mixed types), sorts,
 * skips and limits, both answer the same. Two collections: `mixed`, whose indexed fields hold every
 * kind of value (SQL cannot order them, so sorts happen in memory), and `typed`, whose indexed
 * fields hold strings, numbers, null or nothing (SQL orders and pages them).
 */

let dir: string;
let indexed: DocumentStore;
let plain: DocumentStore;

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const MIXED: unknown[] = [
  'a',
  'b',
  '',
  '10',
  1,
  2,
  10,
  -3,
  2.5,
  true,
  false,
  null,
  new Date('1969-07-20T20:17:00Z'),
  new Date('2026-02-17T00:00:00Z'),
  { nested: 'a' },
  ['a', 'b'],
];
const DEPUTIES = ['d1', 'd2', 'd3', 'd4'];
const STATUSES = ['submitted', 'accepted', 'answered', 'closed'];
const RATINGS = ['satisfied', 'unsatisfied', null];

function typedDoc(i: number): Doc {
  const doc: Doc = { _id: `t${String(i).padStart(4, '0')}`, n: i };
  if (rand() < 0.95) doc.deputyId = pick(DEPUTIES);
  if (rand() < 0.95) doc.status = pick(STATUSES);
  // Ties on createdAt, so that the order among equal keys (natural order) is compared too.
  const r = rand();
  doc.createdAt = r < 0.05 ? null : r < 0.1 ? undefined : 1000 + Math.floor(rand() * 300);
  if (doc.createdAt === undefined) delete doc.createdAt;
  if (rand() < 0.8) doc.rating = pick(RATINGS);
  if (rand() < 0.6) doc.dueAt = 1000 + Math.floor(rand() * 300);
  doc.photos = Array.from({ length: Math.floor(rand() * 3) }, () => ({
    traceId: `tr${Math.floor(rand() * 40)}`,
  }));
  return doc;
}

function mixedDoc(i: number): Doc {
  const doc: Doc = { _id: `m${i}`, n: i };
  for (const field of ['deputyId', 'status', 'createdAt']) if (rand() < 0.9) doc[field] = pick(MIXED);
  if (rand() < 0.6) doc.tags = pick([['a', 'b'], [1, 10], [], 'a', 1, [['a']], [{ x: 1 }]]);
  return doc;
}

const INDEXES = [
  {
    name: 'inbox',
    keys: [
      ['deputyId', 1],
      ['status', 1],
      ['createdAt', -1],
    ] as Array<[string, 1 | -1]>,
  },
  { name: 'createdAt', keys: [['createdAt', 1]] as Array<[string, 1 | -1]> },
  { name: 'photos_traceId', keys: [['photos.traceId', 1]] as Array<[string, 1 | -1]> },
  { name: 'tags', keys: [['tags', 1]] as Array<[string, 1 | -1]> },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'planner-'));
  indexed = new DocumentStore(join(dir, 'indexed.sqlite'));
  plain = new DocumentStore(join(dir, 'plain.sqlite'));
  for (const store of [indexed, plain]) for (const c of ['typed', 'mixed']) store.createCollection(c);
  for (const c of ['typed', 'mixed']) for (const spec of INDEXES) indexed.ensureIndex(c, spec);
  const typed = Array.from({ length: 800 }, (_, i) => typedDoc(i));
  const mixed = Array.from({ length: 500 }, (_, i) => mixedDoc(i));
  for (const store of [indexed, plain]) {
    store.insert('typed', structuredClone(typed));
    store.insert('mixed', structuredClone(mixed));
  }
});

afterAll(() => {
  indexed.close();
  plain.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One generated condition on one field, from values that field may hold. */
function condition(values: readonly unknown[]): unknown {
  const v = pick(values);
  const w = pick(values);
  switch (Math.floor(rand() * 7)) {
    case 0:
      return v;
    case 1:
      return { $in: [v, w] };
    case 2:
      return { $gt: v };
    case 3:
      return { $lte: v };
    case 4:
      return { $gte: v, $lt: w };
    case 5:
      return { $ne: v };
    default:
      return { $eq: v };
  }
}

const NUMBERS = [1000, 1100, 1150, 1200, 1299, 1300, null, 'x'];

function typedFilter(): Doc {
  const parts: Doc[] = [];
  if (rand() < 0.7) parts.push({ deputyId: condition([...DEPUTIES, null, 1]) });
  if (rand() < 0.6) parts.push({ status: condition([...STATUSES, null]) });
  if (rand() < 0.4) parts.push({ createdAt: condition(NUMBERS) });
  if (rand() < 0.2) parts.push({ rating: condition(RATINGS) });
  if (rand() < 0.15) parts.push({ 'photos.traceId': condition(['tr1', 'tr2', 'tr30', 'none']) });
  if (rand() < 0.3) {
    // An $or whose branches are indexed, or one of them not (then the whole is a scan).
    const branch = (): Doc =>
      rand() < 0.8
        ? { deputyId: pick(DEPUTIES), status: condition(STATUSES) }
        : { dueAt: condition(NUMBERS) };
    parts.push({ $or: [branch(), branch()] });
  }
  if (parts.length === 0) return {};
  return rand() < 0.5 ? Object.assign({}, ...parts) : { $and: parts };
}

function mixedFilter(): Doc {
  const parts: Doc[] = [];
  if (rand() < 0.6) parts.push({ deputyId: condition(MIXED) });
  if (rand() < 0.4) parts.push({ status: condition(MIXED) });
  if (rand() < 0.4) parts.push({ createdAt: condition(MIXED) });
  if (rand() < 0.4) parts.push({ tags: condition(['a', 'b', 1, 10, 5, ['a', 'b'], null]) });
  if (rand() < 0.2) parts.push({ $or: [{ deputyId: pick(MIXED) }, { tags: pick(['a', 1]) }] });
  if (rand() < 0.1) parts.push({ createdAt: { $exists: rand() < 0.5 } });
  return Object.assign({}, ...parts);
}

const SORTS: Array<FindOptions['sort']> = [
  undefined,
  { createdAt: -1 },
  { createdAt: 1 },
  { status: 1, createdAt: -1 },
  { n: -1 },
];

function options(): FindOptions {
  return {
    sort: pick(SORTS),
    skip: pick([0, 0, 3, 20]),
    limit: pick([1, 5, 20, 1000]),
  };
}

const cases: Array<[string, string, Doc, FindOptions]> = [];
for (let i = 0; i < 250; i++) {
  const filter = typedFilter();
  const opts = options();
  cases.push([`typed ${JSON.stringify(filter)} ${JSON.stringify(opts)}`, 'typed', filter, opts]);
}
for (let i = 0; i < 150; i++) {
  const filter = mixedFilter();
  const opts = options();
  cases.push([`mixed ${JSON.stringify(filter)} ${JSON.stringify(opts)}`, 'mixed', filter, opts]);
}

describe('reads through the planner', () => {
  it.each(cases)('%s answers as a full scan does', (_label, coll, filter, opts) => {
    expect(indexed.find(coll, filter, opts)).toEqual(plain.find(coll, filter, opts));
    expect(indexed.count(coll, filter)).toBe(plain.count(coll, filter));
  });

  it('exercised indexes, exact counts, SQL order and SQL paging in the cases above', () => {
    const explained = cases.map(([, coll, filter, opts]) => indexed.explainFind(coll, filter, opts));
    expect(explained.filter((e) => e.index !== null).length).toBeGreaterThan(100);
    expect(explained.filter((e) => e.index?.includes(' | ') || e.index === 'inbox').length).toBeGreaterThan(
      10,
    );
    expect(explained.filter((e) => e.exact && e.index !== null).length).toBeGreaterThan(10);
    expect(explained.filter((e) => e.sort === 'index').length).toBeGreaterThan(10);
    expect(explained.filter((e) => e.sort === 'memory').length).toBeGreaterThan(10);
    expect(explained.filter((e) => e.paged && e.index !== null).length).toBeGreaterThan(10);
  });
});

describe('explain', () => {
  it('reads an inbox tab through the compound index, in index order, paged in SQL', () => {
    const e = indexed.explainFind(
      'typed',
      { deputyId: 'd1', status: 'submitted' },
      {
        sort: { createdAt: -1 },
        skip: 20,
        limit: 20,
      },
    );
    expect(e).toMatchObject({ index: 'inbox', exact: true, sort: 'index', paged: true });
    expect(e.sqlite.join('\n')).toMatch(/USING INDEX .*__inbox/);
    expect(e.sqlite.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('reads an $or branch by branch, each through its index, and counts it from the index', () => {
    const filter = {
      $or: [
        { deputyId: 'd1', status: { $in: ['accepted', 'answered'] } },
        { deputyId: 'd1', status: 'closed', createdAt: { $lt: 1200 } },
      ],
    };
    const e = indexed.explainFind('typed', filter, { sort: { createdAt: -1 }, limit: 20 });
    expect(e).toMatchObject({ index: 'inbox', exact: true, sort: 'sql' });
    expect(e.sqlite.join('\n')).not.toMatch(/SCAN c_\d+\b(?! USING)/);
  });

  it('falls back to a scan when one branch of an $or has no index', () => {
    const e = indexed.explainFind('typed', { $or: [{ deputyId: 'd1' }, { dueAt: 1100 }] });
    expect(e.index).toBeNull();
  });

  it('reads a range on the second key of a compound index after an equality', () => {
    const e = indexed.explainFind('typed', {
      deputyId: 'd2',
      status: 'closed',
      createdAt: { $gte: 1100, $lt: 1200 },
    });
    expect(e).toMatchObject({ index: 'inbox', exact: true });
  });

  it('finds a photo by trace id through the multikey index', () => {
    const e = indexed.explainFind('typed', { 'photos.traceId': 'tr3' });
    expect(e.index).toBe('photos_traceId');
    expect(e.sqlite.join('\n')).toMatch(/__mk_photos_traceId__keys/);
    expect(indexed.find('typed', { 'photos.traceId': 'tr3' }, { limit: 1000 })).toEqual(
      plain.find('typed', { 'photos.traceId': 'tr3' }, { limit: 1000 }),
    );
  });

  it('sorts in memory when the sorted field holds values SQL orders differently', () => {
    expect(indexed.explainFind('mixed', { deputyId: 'a' }, { sort: { createdAt: 1 } }).sort).toBe('memory');
  });
});

describe('multikey entries follow writes', () => {
  it('finds a document by its new trace id after an update, and not by the old one, nor once removed', () => {
    const store = new DocumentStore(join(dir, 'writes.sqlite'));
    store.createCollection('cases');
    store.ensureIndex('cases', { name: 'photos_traceId', keys: [['photos.traceId', 1]] });
    store.insert('cases', [
      { _id: 'c1', photos: [{ traceId: 'old' }, { traceId: 'other' }] },
      { _id: 'c2', photos: [] },
    ]);
    store.update(
      'cases',
      { _id: 'c1' },
      { $set: { 'photos.0.traceId': 'new' } },
      { multi: false, upsert: false, merge: true },
    );
    store.update(
      'cases',
      { _id: 'c2' },
      { $push: { photos: { traceId: 'old' } } },
      { multi: false, upsert: false, merge: true },
    );
    expect(store.find('cases', { 'photos.traceId': 'new' }).map((d) => d._id)).toEqual(['c1']);
    expect(store.find('cases', { 'photos.traceId': 'old' }).map((d) => d._id)).toEqual(['c2']);
    store.remove('cases', { _id: 'c2' }, { multi: false });
    expect(store.find('cases', { 'photos.traceId': 'old' })).toEqual([]);
    expect(store.count('cases', { 'photos.traceId': 'other' })).toBe(1);
    store.close();
    // The entries are stored: a reopened store reads through them too.
    const reopened = new DocumentStore(join(dir, 'writes.sqlite'));
    expect(reopened.explain('cases', { 'photos.traceId': 'new' })).toEqual({ index: 'photos_traceId' });
    expect(reopened.find('cases', { 'photos.traceId': 'new' }).map((d) => d._id)).toEqual(['c1']);
    reopened.close();
  });

  it('keeps a multikey index right when the write that made it multikey is rolled back', () => {
    const store = new DocumentStore(join(dir, 'rollback.sqlite'));
    store.createCollection('cases');
    store.ensureIndex('cases', { name: 'tags', keys: [['tags', 1]] });
    store.insert('cases', [{ _id: 'a', tags: 'x' }]);
    // The second document repeats an _id: the batch, and the side table it created, roll back.
    expect(() => store.insert('cases', [{ _id: 'b', tags: ['x', 'y'] }, { _id: 'a' }])).toThrow();
    expect(store.find('cases', { tags: 'x' }).map((d) => d._id)).toEqual(['a']);
    store.insert('cases', [{ _id: 'c', tags: ['y'] }]);
    expect(store.find('cases', { tags: 'y' }).map((d) => d._id)).toEqual(['c']);
    store.close();
  });
});

describe('aggregations through the planner', () => {
  // mingo's own $group (which collects every document first) is the reference for the stack's
  // streamed one.
  const reference = (coll: string, pipeline: Doc[]): Doc[] =>
    new MingoAggregator(pipeline).run(plain.find(coll, {}, { limit: 1000 })) as Doc[];

  const GROUPS: Doc[] = [
    { $group: { _id: '$status', n: { $sum: 1 }, due: { $sum: '$dueAt' }, avg: { $avg: '$createdAt' } } },
    {
      $group: {
        _id: { d: '$deputyId', r: '$rating' },
        lo: { $min: '$createdAt' },
        hi: { $max: '$createdAt' },
        first: { $first: '$n' },
        last: { $last: '$rating' },
        count: { $count: {} },
      },
    },
    {
      $group: {
        _id: null,
        ids: { $push: '$n' },
        ratings: { $addToSet: '$rating' },
        none: { $avg: '$nothing' },
      },
    },
    { $group: { _id: '$deputyId', docs: { $sum: { $cond: [{ $eq: ['$rating', 'satisfied'] }, 1, 0] } } } },
  ];

  const pipelines: Doc[][] = [];
  for (let i = 0; i < 40; i++) {
    const stages: Doc[] = [];
    if (rand() < 0.8) stages.push({ $match: typedFilter() });
    const sort = pick(SORTS);
    if (sort && rand() < 0.6) stages.push({ $sort: sort }, { $limit: pick([1, 7, 50]) });
    else stages.push(pick(GROUPS), { $sort: { _id: 1 } });
    pipelines.push(stages);
  }

  it.each(pipelines.map((p) => [JSON.stringify(p), p]))(
    '%s answers as mingo does over every document',
    (_l, p) => {
      const pipeline = p as Doc[];
      expect(indexed.aggregate('typed', pipeline)).toEqual(reference('typed', pipeline));
      expect(plain.aggregate('typed', pipeline)).toEqual(reference('typed', pipeline));
    },
  );

  it('reads a $match and its $sort in index order, and stops at the $limit', () => {
    const pipeline = [
      { $match: { deputyId: 'd1', status: 'closed' } },
      { $sort: { createdAt: -1 } },
      { $limit: 3 },
    ];
    expect(indexed.explainAggregate('typed', pipeline)).toEqual({ index: 'inbox', sort: 'index' });
    expect(indexed.aggregate('typed', pipeline)).toEqual(reference('typed', pipeline));
    // The statement behind the stopped read is closed: the store can write at once.
    expect(indexed.insert('typed', [{ _id: 'after-limit', n: -1 }])).toEqual(['after-limit']);
    indexed.remove('typed', { _id: 'after-limit' }, { multi: false });
  });

  it('leaves a $group with an accumulator it cannot fold to mingo, answering the same', () => {
    const fallback = [
      { $group: { _id: '$status', top: { $top: { sortBy: { n: -1 }, output: '$n' } } } },
      { $sort: { _id: 1 } },
    ];
    expect(indexed.aggregate('typed', fallback)).toEqual(reference('typed', fallback));
  });
});
