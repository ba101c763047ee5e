import tcb from '@cloudbase/node-sdk';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionContext } from '../cloudfunctions/_lib/platform';
import { ledgerFile, type LedgerParams } from '../cloudfunctions/_lib/sheets';
import { startProjectStack } from '../stack/project';
import { peakMemory } from './memory';

/**
 * `npx tsx bench/ledger.ts`: a year's 台账 of 150,000 cases written to .xlsx as `office.ledger` writes
 * it (read window by window from the database, streamed to the file), with the peak memory of the
 * process while it ran — which also holds the local stack and its database. Prints figures, never
 * passes or fails; LEDGER_CASES changes the count.
 */

const CASES = Number(process.env.LEDGER_CASES ?? 150_000);
const YEAR_START = Date.parse('2026-01-01T00:00:00+08:00');
const DEPUTIES = ['deputy-lin', 'deputy-chen', 'deputy-wang', 'deputy-zheng', 'deputy-huang', 'deputy-liu'];
const STATIONS = [
  'station-gulou-home',
  'station-gulou-home',
  'station-dongjie',
  'station-dongjie',
  'station-wenquan',
  'station-gulou-home',
];
const STATUSES = [
  'submitted',
  'accepted',
  'in_progress',
  'answered',
  'closed',
  'closed',
  'closed',
  'closed',
] as const;
const RATINGS = ['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied', null] as const;

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function fakeCase(i: number) {
  const createdAt = YEAR_START + Math.floor((i * 365 * 24 * 3600_000) / CASES);
  const status = STATUSES[i % STATUSES.length];
  const answered = status === 'answered' || status === 'closed';
  const rating = status === 'closed' ? RATINGS[i % RATINGS.length] : null;
  return {
    _id: `bench-${i}`,
    caseNo: `GL2026${String(i).padStart(7, '0')}`,
    openid: `o-bench-${i % 5000}`,
    clientRequestId: `bench-request-${i}`,
    channel: i % 3 === 0 ? 'station_code' : 'deputy_code',
    deputyId: DEPUTIES[i % DEPUTIES.length],
    stationId: STATIONS[i % STATIONS.length],
    kind: ['help', 'complaint', 'suggestion', 'inquiry'][i % 4],
    category: 'road_traffic',
    categoryName: '道路交通',
    description: `小区门口路灯坏了，晚上出行不便，希望尽快修复。联系电话 1381234${String(i % 10000).padStart(4, '0')}。`,
    photos: [],
    location: null,
    phone: i % 7 === 0 ? null : '13812345678',
    contactName: '张先生',
    anonymous: i % 7 === 0,
    status,
    version: 3,
    createdAt,
    updatedAt: createdAt,
    events: [],
    outbox: [],
    outboxDueAt: null,
    outboxRev: 0,
    unreadByResident: false,
    unreadByDeputy: false,
    textCheck: 'pass',
    acceptedAt: status === 'submitted' ? null : createdAt + 3600_000,
    route: status === 'submitted' ? null : i % 2 === 0 ? 'direct' : 'assign',
    unitId: i % 2 === 0 ? null : 'dept-dongjie-street',
    supervised: false,
    clockPaused: false,
    pauses: [],
    clock:
      status === 'submitted'
        ? null
        : {
            startAt: createdAt + 3600_000,
            workingDays: 10,
            round: 'first',
            stoppedAt: answered ? createdAt + 5 * 86_400_000 : null,
          },
    rating,
    answeredAt: answered ? createdAt + 5 * 86_400_000 : null,
    closedBy: status === 'closed' ? (rating ? 'rating' : 'time') : null,
    mergedInto: null,
    dueAt: null,
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ledger-'));
  const stack = await startProjectStack({ port: 0, dataDir });
  const app = tcb.init({
    env: 'local',
    serviceUrl: `${stack.url}/admin`,
    secretId: 'id',
    secretKey: 'key',
    timeout: 120_000,
  });
  const rows: Array<[string, string]> = [];
  try {
    const t0 = Date.now();
    for (let start = 0; start < CASES; start += 5000) {
      stack.store.insert(
        'cases',
        Array.from({ length: Math.min(5000, CASES - start) }, (_, k) => fakeCase(start + k)),
      );
    }
    rows.push([`loaded ${CASES.toLocaleString('en-US')} cases`, `${fmt((Date.now() - t0) / 1000)} s`]);

    const ctx: ActionContext = {
      caller: { openid: '', appid: '' },
      requestId: 'bench',
      now: Date.parse('2027-01-05T10:00:00+08:00'),
      app,
      db: app.database(),
    };
    const params = (from: string, to: string): LedgerParams => ({
      from,
      to,
      stationIds: null,
      deputyId: null,
      unitId: null,
      category: null,
      channel: null,
      kind: null,
    });
    // A month first, then the year: if memory grew with the rows, the year's peak would be twelve
    // times the month's.
    const out = join(dataDir, 'ledger.xlsx');
    for (const [label, period] of [
      ['a month', params('2026-03-01', '2026-03-31')],
      ['a year', params('2026-01-01', '2026-12-31')],
    ] as const) {
      const before = process.memoryUsage();
      const memory = peakMemory();
      const t1 = process.hrtime.bigint();
      const { count } = await ledgerFile({ ...period }, ctx, out);
      const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
      const peak = memory.stop();
      rows.push([
        `ledger: ${label}, ${count.toLocaleString('en-US')} cases to .xlsx (streamed)`,
        `${fmt(seconds, 2)} s`,
      ]);
      rows.push([
        '  throughput / file size',
        `${fmt(count / seconds, 0)} rows/s / ${fmt(statSync(out).size / 1e6)} MB`,
      ]);
      rows.push([
        '  peak memory while writing (RSS / heap), stack included',
        `${fmt(peak.rss / 1e6, 0)} MB / ${fmt(peak.heap / 1e6, 0)} MB (before: ${fmt(before.rss / 1e6, 0)} MB / ${fmt(before.heapUsed / 1e6, 0)} MB)`,
      ]);
    }
    rows.push([
      'max RSS of the process (resourceUsage)',
      `${fmt(process.resourceUsage().maxRSS / 1e3, 0)} MB`,
    ]);

    // Read back with exceljs's streaming reader: every case is a row, under one header.
    let read = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(out, {});
    for await (const sheet of reader) {
      let n = 0;
      for await (const _row of sheet) n += 1;
      if (n > read) read = n - 1;
    }
    rows.push([
      '  rows read back (streaming reader)',
      `${read.toLocaleString('en-US')} of ${CASES.toLocaleString('en-US')}`,
    ]);
  } finally {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nledger (${new Date().toISOString()}, node ${process.version}, ${cpus().length} cores)`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
