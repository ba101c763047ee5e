import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collections } from '../cloudfunctions/_lib/platform';
import { OPEN_STATUSES } from '../miniprogram/core/model';
import type { Doc } from '../stack/db/codec';
import { DocumentStore, type FindOptions } from '../stack/db/store';

/**
 * `npx tsx bench/planner.ts`: the query planner at city scale. The same cases go into a store with
 * the product's case indexes (platform/collections.ts) and one without; the deputy inbox's reads
 * (each tab's first page, then its count, in the shapes `deputy.inbox` sends), the resident's list,
 * a deep page, the trace-id lookup and an office-wide `$group` run on both, and the ratio of scan to
 * index is printed. Prints figures, never passes or fails; PLANNER_CASES changes the count.
 */

const CASES = Number(process.env.PLANNER_CASES ?? 100_000);
const DEPUTIES = 240;
const STATUSES = ['submitted', 'accepted', 'in_progress', 'answered', 'closed', 'closed', 'declined'];
const NOW = Date.parse('2026-12-01T00:00:00+08:00');
const START = Date.parse('2026-01-01T00:00:00+08:00');

function benchCase(i: number): Doc {
  const status = STATUSES[i % STATUSES.length];
  const createdAt = START + Math.floor((i * 330 * 24 * 3600_000) / CASES);
  return {
    _id: `c${i}`,
    caseNo: `GL2026${String(i).padStart(7, '0')}`,
    openid: `o-${i % 20_000}`,
    clientRequestId: `r${i}`,
    deputyId: `deputy-${i % DEPUTIES}`,
    stationId: `station-${i % 24}`,
    unitId: i % 2 ? `unit-${i % 30}` : null,
    status,
    rating: status === 'answered' && i % 5 === 0 ? 'unsatisfied' : status === 'closed' ? 'satisfied' : null,
    dueAt: OPEN_STATUSES.includes(status as never) ? createdAt + 15 * 24 * 3600_000 : null,
    createdAt,
    updatedAt: createdAt,
    description: '小区门口路灯坏了，晚上出行不便，希望尽快修复。',
    photos: i % 4 === 0 ? [{ fileID: `cloud://p/${i}.jpg`, traceId: `trace-${i}` }] : [],
    events: [{ seq: 1, type: 'submitted', at: createdAt }],
  };
}

const deputy = 'deputy-17';
const TABS: Record<string, Doc[]> = {
  new: [{ deputyId: deputy, status: 'submitted' }],
  in_progress: [
    { deputyId: deputy, status: { $in: ['accepted', 'pending_review', 'in_progress'] } },
    { deputyId: deputy, status: 'answered', rating: 'unsatisfied' },
  ],
  overdue: [{ deputyId: deputy, status: { $in: OPEN_STATUSES }, dueAt: { $lt: NOW } }],
  awaiting_rating: [{ deputyId: deputy, status: 'answered', rating: null }],
  done: [{ deputyId: deputy, status: { $in: ['closed', 'declined', 'merged'] } }],
  all: [{ deputyId: deputy }],
};
const whereOf = (clauses: Doc[]): Doc => (clauses.length === 1 ? clauses[0] : { $or: clauses });

function time(run: () => unknown, repeat: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < repeat; i++) run();
  return Number(process.hrtime.bigint() - start) / 1e6 / repeat;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-planner-'));
const indexed = new DocumentStore(join(dir, 'indexed.sqlite'));
const plain = new DocumentStore(join(dir, 'plain.sqlite'));
try {
  for (const store of [indexed, plain]) store.createCollection('cases');
  for (const spec of collections.find((c) => c.name === 'cases')?.indexes ?? [])
    indexed.ensureIndex('cases', { name: spec.name, keys: spec.keys });
  for (let from = 0; from < CASES; from += 2000) {
    const docs = Array.from({ length: Math.min(2000, CASES - from) }, (_, k) => benchCase(from + k));
    indexed.insert('cases', docs);
    plain.insert('cases', docs);
  }
  console.log(`planner: ${CASES.toLocaleString('en-US')} cases, ${DEPUTIES} deputies`);
  const rows: Array<[string, () => (s: DocumentStore) => unknown]> = [];
  const page: FindOptions = { sort: { createdAt: -1 }, limit: 20 };
  for (const [tab, clauses] of Object.entries(TABS)) {
    rows.push([`inbox ${tab}: page`, () => (s) => s.find('cases', whereOf(clauses), page)]);
    rows.push([`inbox ${tab}: count`, () => (s) => s.count('cases', whereOf(clauses))]);
  }
  rows.push(['resident list', () => (s) => s.find('cases', { openid: 'o-77' }, page)]);
  rows.push(['office queue, page 50', () => (s) => s.find('cases', {}, { ...page, skip: 1000 })]);
  rows.push(['trace-id lookup', () => (s) => s.find('cases', { 'photos.traceId': `trace-${CASES - 4}` })]);
  for (const [name, make] of rows) {
    const run = make();
    const fast = time(() => run(indexed), 20);
    const slow = time(() => run(plain), 2);
    const how = name.startsWith('inbox')
      ? indexed.explain('cases', whereOf(TABS[name.split(/[ :]/)[1]])).index
      : '';
    console.log(
      `  ${name.padEnd(28)} index ${fast.toFixed(2).padStart(8)} ms   scan ${slow.toFixed(1).padStart(8)} ms   ${(slow / fast).toFixed(0).padStart(6)}×  ${how ?? 'SCAN'}`,
    );
  }
  const before = process.memoryUsage().rss;
  const groupMs = time(
    () =>
      indexed.aggregate('cases', [
        { $group: { _id: '$stationId', n: { $sum: 1 }, due: { $max: '$dueAt' } } },
      ]),
    1,
  );
  console.log(
    `  office-wide $group: ${groupMs.toFixed(0)} ms, rss +${((process.memoryUsage().rss - before) / 2 ** 20).toFixed(0)} MB (streamed: memory follows the 24 groups)`,
  );
} finally {
  indexed.close();
  plain.close();
  rmSync(dir, { recursive: true, force: true });
}
