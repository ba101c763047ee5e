import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Doc } from '../../stack/db/codec';
import { Aggregator } from '../../stack/db/mingo';
import { DocumentStore } from '../../stack/db/store';

/**
 * A `$group` done by SQLite (stack/db/grouped.ts) answers exactly what mingo answers over every
 * document: the same groups, counts, firsts, minima and maxima, in the same order, whatever the
 * values hold — missing or null, numbers on either side of a constant, numbers too large for
 * JavaScript, strings, booleans, dates, arrays, documents. What SQLite cannot group is left to mingo.
 */

let dir: string;
let store: DocumentStore;
let docs: Doc[];

const NOW = 1_800_000_000_000;
const VALUES: unknown[] = [
  undefined,
  null,
  0,
  1,
  -1,
  2.5,
  NOW,
  NOW - 1,
  NOW + 1,
  2 ** 60,
  'x',
  '',
  true,
  false,
  [1, 2],
  { a: 1 },
  new Date(NOW),
];

/** A value from VALUES, spread unevenly over the documents. */
const pick = (i: number, salt: number) => VALUES[(i * salt + (i >> 3)) % VALUES.length];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'grouped-'));
  store = new DocumentStore(join(dir, 'db.sqlite'));
  store.createCollection('cases');
  store.ensureIndex('cases', { name: 'createdAt', keys: [['createdAt', 1]] });
  docs = Array.from({ length: 600 }, (_, i) => {
    const doc: Doc = {
      _id: `c${i}`,
      createdAt: NOW - i * 1000,
      status: ['submitted', 'answered', 'closed'][i % 3],
      body: 'x'.repeat(i % 50),
    };
    const fields: Record<string, unknown> = {
      rating: pick(i, 3),
      answeredAt: pick(i, 5),
      dueAt: pick(i, 7),
      label: pick(i, 11),
    };
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) doc[name] = value;
    return doc;
  });
  store.insert('cases', docs);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** mingo over every document, in natural order: the answer the store must give. */
const expected = (pipeline: Doc[]) =>
  new Aggregator(pipeline).run(store.find('cases', {}, { limit: 1000 })) as Doc[];

const period = { $match: { createdAt: { $gte: NOW - 400_000, $lte: NOW - 10_000 } } };

const grouped: Array<[string, Doc[]]> = [
  [
    'the figures’ shape: raw fields, $ifNull, comparisons with constants, counts',
    [
      period,
      {
        $group: {
          _id: {
            status: '$status',
            rating: { $ifNull: ['$rating', null] },
            replied: { $gt: [{ $ifNull: ['$answeredAt', 0] }, 0] },
            late: { $lt: [{ $ifNull: ['$dueAt', NOW] }, NOW] },
          },
          n: { $sum: 1 },
          twice: { $sum: 2 },
          c: { $count: {} },
        },
      },
      { $sort: { n: -1 } },
    ],
  ],
  [
    'a bare field in a document key, and a first',
    [{ $group: { _id: { r: '$rating' }, n: { $sum: 1 }, first: { $first: '$label' } } }],
  ],
  [
    'comparisons both ways round, with $eq, $ne, $cmp, $gte, $lte',
    [
      {
        $group: {
          _id: {
            a: { $gte: [NOW, '$dueAt'] },
            b: { $eq: ['$answeredAt', 1] },
            c: { $ne: [0, '$answeredAt'] },
            d: { $cmp: ['$dueAt', NOW + 1] },
            e: { $lte: ['$label', 2.5] },
          },
          n: { $sum: 1 },
          lowest: { $min: '$status' },
          highest: { $max: '$label' },
        },
      },
    ],
  ],
  ['one group for everything', [period, { $group: { _id: null, n: { $sum: 1 } } }]],
  [
    'a period with no case in it',
    [{ $match: { createdAt: { $gt: NOW } } }, { $group: { _id: '$status', n: { $sum: 1 } } }],
  ],
  [
    'a nested path and a first by natural order',
    [{ $group: { _id: '$label.a', n: { $sum: 1 }, first: { $first: '$_id' } } }, { $limit: 5 }],
  ],
];

describe('a $group done by SQLite', () => {
  it.each(grouped)('answers as mingo does over every document: %s', (_name, pipeline) => {
    expect(store.groupsInSql('cases', pipeline)).toBe(true);
    const answer = store.aggregate('cases', pipeline);
    expect(answer).toEqual(expected(pipeline));
  });

  it('holds real groups: the figures’ shape counts every case of the period once', () => {
    const [, pipeline] = grouped[0];
    const answer = store.aggregate('cases', pipeline);
    const inPeriod = docs.filter(
      (d) => (d.createdAt as number) >= NOW - 400_000 && (d.createdAt as number) <= NOW - 10_000,
    );
    expect(answer.reduce((n, row) => n + (row.n as number), 0)).toBe(inPeriod.length);
    expect(answer.length).toBeGreaterThan(1);
  });

  it.each<[string, Doc[]]>([
    ['$$ROOT', [{ $group: { _id: '$status', all: { $push: '$$ROOT' } } }]],
    ['$avg, which a count cannot weigh', [{ $group: { _id: '$status', a: { $avg: '$answeredAt' } } }]],
    ['$sum of a fraction', [{ $group: { _id: '$status', s: { $sum: 0.1 } } }]],
    ['$sum of a field', [{ $group: { _id: '$status', s: { $sum: '$answeredAt' } } }]],
    [
      'a $match the index does not answer exactly',
      [{ $match: { rating: { $exists: true } } }, { $group: { _id: '$status', n: { $sum: 1 } } }],
    ],
    ['$$NOW', [{ $group: { _id: { $lt: ['$dueAt', '$$NOW'] }, n: { $sum: 1 } } }]],
  ])('leaves %s to mingo, with the same answer', (_name, pipeline) => {
    expect(store.groupsInSql('cases', pipeline)).toBe(false);
    expect(store.aggregate('cases', pipeline)).toEqual(expected(pipeline));
  });
});
