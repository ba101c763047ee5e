import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collections } from '../../cloudfunctions/_lib/platform';
import type { Doc } from '../../stack/db/codec';
import { DocumentStore } from '../../stack/db/store';

/**
 * The figures (统计) are one aggregation whose leading `$match` is the period and scope. With the
 * product's own case indexes (platform/collections.ts), that `$match` reads one station's or one
 * deputy's period through an index, not every case; and the answer is the one an unindexed store
 * gives for the same documents.
 */

let dir: string;
let indexed: DocumentStore;
let plain: DocumentStore;

const DAY = 24 * 3600_000;
const START = Date.parse('2026-01-01T00:00:00+08:00');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aggregate-plan-'));
  indexed = new DocumentStore(join(dir, 'indexed.sqlite'));
  plain = new DocumentStore(join(dir, 'plain.sqlite'));
  for (const store of [indexed, plain]) store.createCollection('cases');
  for (const spec of collections.find((c) => c.name === 'cases')!.indexes)
    indexed.ensureIndex('cases', { name: spec.name, keys: spec.keys });
  const docs: Doc[] = Array.from({ length: 2000 }, (_, i) => ({
    _id: `c${i}`,
    caseNo: `N${i}`,
    openid: `o${i}`,
    clientRequestId: `r${i}`,
    stationId: i % 7 === 0 ? null : `s${i % 5}`,
    deputyId: `d${i % 11}`,
    status: ['submitted', 'answered', 'closed'][i % 3],
    rating: i % 3 === 2 ? 'satisfied' : null,
    createdAt: START + (i % 365) * DAY + i,
  }));
  for (const store of [indexed, plain]) store.insert('cases', docs);
});
afterAll(() => {
  indexed.close();
  plain.close();
  rmSync(dir, { recursive: true, force: true });
});

const quarter = { $gte: START + 90 * DAY, $lte: START + 181 * DAY - 1 };
const pipeline = (match: Doc): Doc[] => [
  { $match: match },
  {
    $group: {
      _id: '$status',
      n: { $sum: 1 },
      satisfied: { $sum: { $cond: [{ $eq: ['$rating', 'satisfied'] }, 1, 0] } },
    },
  },
  { $sort: { _id: 1 } },
];

describe("the figures' leading $match", () => {
  it.each([
    ['one station’s quarter', { stationId: 's2', createdAt: quarter }, 'stationId_createdAt'],
    ['one deputy’s quarter', { deputyId: 'd3', createdAt: quarter }, 'deputyId_createdAt'],
    ['every case of a quarter', { createdAt: quarter }, 'createdAt'],
  ])('reads %s through an index, answering what a full scan answers', (_name, match, index) => {
    expect(indexed.explainAggregate('cases', pipeline(match))).toEqual({ index });
    const answer = indexed.aggregate('cases', pipeline(match));
    expect(answer).toEqual(plain.aggregate('cases', pipeline(match)));
    expect(answer.reduce((n, row) => n + (row.n as number), 0)).toBeGreaterThan(0);
  });

  it('reads every row when the pipeline does not start with $match', () => {
    expect(indexed.explainAggregate('cases', [{ $group: { _id: null, n: { $sum: 1 } } }])).toEqual({
      index: null,
    });
  });
});
