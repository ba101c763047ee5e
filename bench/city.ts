import Database from 'better-sqlite3';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { InboxTab } from '../miniprogram/core/api';
import { TEMPLATES } from '../miniprogram/core/notifications';
import type { Doc } from '../stack/db/codec';
import { startProjectStack } from '../stack/project';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID } from '../stack/seed';
import type { Stack } from '../stack/server';
import { submission } from '../tests/helpers/project-stack';
import { peakMemory } from './memory';

/**
 * `npx tsx bench/city.ts`: the stack at city scale, on case documents the product itself made.
 *
 * A few cases are taken through the product's real actions (submitted, accepted, answered, rated,
 * their notices sent and settled); the city's cases are copies of those, each with its own ids,
 * case number, resident, deputy and dates, inserted directly. The database is kept under
 * `.tmp/bench-city/` between runs. Then, at each scale (CITY_SCALES, default 100000,300000), the
 * product's actions are timed through /wx/callFunction: every tab of the deputy's inbox with its
 * counts (against a full scan in the same run), the resident's list, the office's figures, submits
 * while an office aggregation over 150,000 cases runs, round trips per warm submit, submit
 * throughput at concurrency 8 against bare SQLite inserts of the same documents with the same
 * durability, and the process's peak memory (stack, readers and all). Figures, never pass or fail.
 */

const SCALES = (process.env.CITY_SCALES ?? '100000,300000').split(',').map(Number);
/**
 * Which figures to measure (CITY_ONLY, a comma list; default all): `inbox`, `mycases`, `figures`,
 * `load` (submits while the figures run), `trips`, `throughput`. `CITY_ONLY=throughput` measures only
 * the submit throughput against bare SQLite, in a minute or so.
 */
const MEASURES = ['inbox', 'mycases', 'figures', 'load', 'trips', 'throughput'] as const;
const ONLY = (process.env.CITY_ONLY ?? MEASURES.join(',')).split(',').map((m) => m.trim());
for (const m of ONLY)
  if (!(MEASURES as readonly string[]).includes(m))
    throw new Error(`CITY_ONLY: no figure ${m}; there are ${MEASURES.join(', ')}`);
const measured = (m: (typeof MEASURES)[number]) => ONLY.includes(m);
/** Threads the functions run on, apart from the request thread, as `npm start` runs them (CITY_FUNCTION_THREADS, default 1; 0: on it). */
const FUNCTION_THREADS = Number(process.env.CITY_FUNCTION_THREADS ?? 1);
/** Rounds of the throughput figure (CITY_ROUNDS, default 1), each against its own bare SQLite run. */
const ROUNDS = Math.max(1, Number(process.env.CITY_ROUNDS ?? 1));
/** 2: built afresh, since version 1's copies had taken in earlier runs' submits. */
const DATASET_VERSION = 2;
const DEPUTIES = 500;
const STATIONS = 50;
const RESIDENT_CASES = 20;
const DAY = 24 * 3600_000;
/**
 * One port for every stack this run starts: the functions run in this process, and their SDK handle
 * keeps the address it first found.
 */
const PORT = Number(process.env.CITY_PORT ?? 3917);
const TABS: InboxTab[] = ['new', 'in_progress', 'overdue', 'awaiting_rating', 'done', 'all'];

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function call(stack: Stack, openid: string, fn: string, action: string, data: object) {
  const res = await fetch(`${stack.url}/wx/callFunction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-WX-OPENID': openid },
    body: JSON.stringify({ name: fn, data: { action, data } }),
  });
  const { result } = (await res.json()) as { result: { ok: boolean; code?: string; data: unknown } };
  if (!result?.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(result)}`);
  return result.data as Record<string, unknown>;
}

/** A median in ms, or what failed: the bench prints a failure as a figure and goes on. */
async function timedOrFailed(runs: number, run: () => Promise<unknown>): Promise<string> {
  try {
    return `${fmt(await timed(runs, run))} ms`;
  } catch (error) {
    return `FAILED ${(error as Error).message.slice(0, 100)}`;
  }
}

async function timed(runs: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await run();
    times.push(ms(t));
  }
  return median(times);
}

/** Cases the product made: through submit, accept, reply and rate, their notices sent and settled. */
async function productCases(stack: Stack): Promise<Doc[]> {
  for (let i = 0; i < 200; i++)
    stack.wx.grantCredits(DEV_DEPUTY_OPENID, { [TEMPLATES.caseReceived.id]: 'accept' });
  let n = 0;
  const act = (caseId: string, action: string, extra: object = {}) =>
    call(stack, DEV_DEPUTY_OPENID, 'casework', 'act', {
      caseId,
      action,
      clientRequestId: `city-act-${++n}-abcdef`,
      ...extra,
    });
  const ids: string[] = [];
  const stages = ['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'answered', 'accepted', 'new'];
  for (const [i, stage] of stages.entries()) {
    const resident = `o-city-template-${i}`;
    const { caseId } = (await call(
      stack,
      resident,
      'resident',
      'submit',
      submission({
        description: `小区${i + 1}号楼门口的路灯坏了一个多月，晚上老人出门看不见路，希望尽快修好。`,
      }),
    )) as { caseId: string };
    if (stage !== 'new') await act(caseId, 'accept');
    if (stage === 'answered' || stage === 'closed')
      await act(caseId, 'reply', { note: '已联系街道和物业，路灯本周内更换，感谢您的反映。' });
    if (stage === 'closed')
      await call(stack, resident, 'resident', 'rate', {
        caseId,
        rating: i % 3 === 2 ? 'basically_satisfied' : 'satisfied',
        clientRequestId: `city-rate-${i}-abcdef`,
      });
    ids.push(caseId);
  }
  // The outbox settles every notice, as the minute timer would once their claims expire.
  await fetch(`${stack.url}/local/timers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ function: 'timers', trigger: 'outbox' }),
  });
  stack.clock.advance(10 * 60_000);
  await fetch(`${stack.url}/local/timers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ function: 'timers', trigger: 'outbox' }),
  });
  return ids.map((id) => stack.store.getById('cases', id) as Doc);
}

/** Copy `i` of a product case: its own ids, case number, resident, deputy and dates. */
function copyOf(template: Doc, i: number, scale: number, now: number): Doc {
  const deputy = i % DEPUTIES === 0 ? 'deputy-lin' : `deputy-city-${i % DEPUTIES}`;
  const station = deputy === 'deputy-lin' ? String(template.stationId) : `station-city-${i % STATIONS}`;
  let text = JSON.stringify(template)
    .split(String(template._id))
    .join(`cc${i}`)
    .split(String(template.caseNo))
    .join(`${String(template.caseNo).slice(0, 8)}${String(i).padStart(8, '0')}`)
    .split(String(template.clientRequestId))
    .join(`city-request-${i}-abcdef`)
    .split(String(template.openid))
    .join(`o-city-${Math.floor(i / RESIDENT_CASES)}`);
  text = text.split('"deputy-lin"').join(JSON.stringify(deputy));
  text = text.split(JSON.stringify(template.stationId)).join(JSON.stringify(station));
  // Spread over the year before now; every instant (epoch milliseconds, decision 0009) moves alike.
  const shift = now - Math.floor(((scale - i) * 365 * DAY) / scale) - Number(template.createdAt);
  return JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'number' && value > 1e12 ? value + shift : value,
  ) as Doc;
}

/** The city's database, built once per scale and kept under .tmp/bench-city/. */
async function dataset(scale: number): Promise<{ dir: string; built: string }> {
  const dir = join(__dirname, '..', '.tmp', 'bench-city', `cases-${scale}`);
  const marker = join(dir, 'dataset.json');
  if (existsSync(marker)) {
    const kept = JSON.parse(readFileSync(marker, 'utf8')) as { version: number; bytes: number };
    if (kept.version === DATASET_VERSION) return { dir, built: `kept from an earlier run` };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t = process.hrtime.bigint();
  const stack = await startProjectStack({ port: PORT, dataDir: dir });
  try {
    const templates = await productCases(stack);
    const closed = templates.filter((d) => d.status === 'closed');
    const open = templates.filter((d) => d.status !== 'closed');
    const now = stack.clock.now();
    let bytes = 0;
    const chunk = 5000;
    for (let start = 0; start < scale; start += chunk) {
      const docs: Doc[] = [];
      for (let i = start; i < Math.min(scale, start + chunk); i++) {
        // Most of a year's cases are closed; the newest are still being handled.
        const pool = i > scale * 0.97 ? open : closed;
        const doc = copyOf(pool[i % pool.length], i, scale, now);
        if (i % 1000 === 0) bytes += JSON.stringify(doc).length;
        docs.push(doc);
      }
      stack.store.insert('cases', docs);
    }
    const average = bytes / Math.ceil(scale / 1000);
    writeFileSync(marker, JSON.stringify({ version: DATASET_VERSION, scale, bytes: average }));
    return {
      dir,
      built: `built in ${fmt(ms(t) / 1000)} s, ${fmt(average / 1024, 2)} KB per case as stored (JSON)`,
    };
  } finally {
    await stack.close();
  }
}

async function atScale(scale: number): Promise<Array<[string, string]>> {
  const rows: Array<[string, string]> = [];
  const { dir: kept, built } = await dataset(scale);
  rows.push([`${fmt(scale, 0)} cases`, built]);
  // Each run works on a copy, so the kept cases stay as built: the submits a run makes (all to one
  // deputy) would otherwise pile up in that deputy's inbox from run to run.
  const dir = join(kept, '..', `run-${scale}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(kept, 'db.sqlite'), join(dir, 'db.sqlite'));
  const memory = peakMemory();
  const stack = await startProjectStack({ port: PORT, dataDir: dir, functionThreads: FUNCTION_THREADS });
  try {
    for (let i = 0; i < 1000; i++)
      stack.wx.grantCredits(DEV_DEPUTY_OPENID, { [TEMPLATES.caseReceived.id]: 'accept' });
    const submit = (openid: string) => call(stack, openid, 'resident', 'submit', submission());
    await submit('o-city-warm'); // a warm instance: the categories are cached

    if (measured('inbox')) {
      // The deputy's inbox, every tab with its counts, against one full scan of the same cases.
      const inbox = (tab: InboxTab) => call(stack, DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab });
      await inbox('all').catch(() => undefined); // warms the readers; a failure shows below
      // The baseline is one honest full pass: every case read, parsed and tested against the inbox's
      // own filter, as an $expr no index can serve (explainFind must say so). The inbox makes eight
      // reads; one pass for all of them favours the scan.
      const scanFilter = { $expr: { $eq: ['$deputyId', 'deputy-lin'] } };
      const scanPlan = stack.store.explainFind('cases', scanFilter);
      if (scanPlan.index !== null) throw new Error(`the scan would read through ${scanPlan.index}`);
      const total = stack.store.count('cases', {});
      const t = process.hrtime.bigint();
      const scanned = stack.store.count('cases', scanFilter);
      const scan = ms(t);
      rows.push([
        `  full scan: every case read and tested (the inbox's filter, no index)`,
        `${fmt(scan)} ms over ${fmt(total, 0)} cases, ${fmt(scanned, 0)} of them the deputy's`,
      ]);
      for (const tab of TABS) {
        let failed = '';
        const took = await timed(3, () => inbox(tab)).catch((error: Error) => {
          failed = error.message.slice(0, 80);
          return NaN;
        });
        rows.push([
          `  deputy.inbox ${tab} (page + unread + 6 counts)`,
          failed ? `FAILED ${failed}` : `${fmt(took)} ms, ${fmt(scan / took)}× faster than the scan`,
        ]);
      }
      if (scanned === 0) rows.push(['  (the scan found none of the deputy’s cases)', '']);
    }
    if (measured('mycases')) {
      const resident = `o-city-${Math.floor(scale / 2 / RESIDENT_CASES)}`;
      rows.push([
        `  resident.myCases (${RESIDENT_CASES} cases of their own)`,
        await timedOrFailed(5, () => call(stack, resident, 'resident', 'myCases', {})),
      ]);
    }
    const year = { from: chinaDate(stack.clock.now() - 364 * DAY), to: chinaDate(stack.clock.now()) };
    if (measured('figures')) {
      rows.push([
        `  office.figures over the year (${fmt(scale, 0)} cases)`,
        await timedOrFailed(3, () => call(stack, DEV_OFFICE_OPENID, 'office', 'figures', year)),
      ]);
    }
    if (measured('load')) {
      // Submits while the office's figures run over the newest 150,000 cases.
      const half = Math.min(150_000, scale);
      const since = chinaDate(stack.clock.now() - Math.floor((half * 365 * DAY) / scale));
      const range = { from: since, to: year.to };
      let aggregating = true;
      const ta = process.hrtime.bigint();
      const figures = call(stack, DEV_OFFICE_OPENID, 'office', 'figures', range)
        .then(() => 'answered')
        .catch((error: Error) => `FAILED ${error.message.slice(0, 60)}`)
        .finally(() => {
          aggregating = false;
        });
      const latencies: number[] = [];
      let failures = 0;
      await Promise.all(
        Array.from({ length: 8 }, async (_x, w) => {
          while (aggregating) {
            const ts = process.hrtime.bigint();
            await submit(`o-city-load-${w}`).catch(() => failures++);
            latencies.push(ms(ts));
          }
        }),
      );
      const outcome = await figures;
      rows.push([
        `  office.figures over ${fmt(half, 0)} cases, with 8 submitters`,
        `${outcome} in ${fmt(ms(ta))} ms; ${latencies.length} submits, max ${fmt(Math.max(...latencies))} ms, median ${fmt(median(latencies))} ms, ${failures} failed`,
      ]);
    }
    if (measured('trips')) {
      // Round trips of one warm submit.
      await stack.settled();
      const before = stack.requestCounts();
      await submit('o-city-count');
      const after = stack.requestCounts();
      const trips = Object.entries(after)
        .filter(([a]) => a.startsWith('database.'))
        .map(([a, n]) => [a.slice('database.'.length), n - (before[a] ?? 0)] as const)
        .filter(([, n]) => n > 0);
      rows.push([
        '  database round trips per warm submit (budget 2)',
        `${trips.reduce((s, [, n]) => s + n, 0)} = ${trips.map(([a, n]) => `${a}×${n}`).join(' + ')}`,
      ]);
    }
    if (measured('throughput')) rows.push(...(await throughput(stack)));
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
    const peak = memory.stop();
    rows.push([
      '  peak memory of the process (stack, readers, bench)',
      `${fmt(peak.rss / 1024 / 1024, 0)} MB RSS (target < 1,024), heap ${fmt(peak.heap / 1024 / 1024, 0)} MB`,
    ]);
  }
  return rows;
}

/**
 * Submits per second at concurrency 8 against bare SQLite inserts of the same documents, ROUNDS
 * times (each round against its own bare run, so a ratio compares the disk of one moment), with the
 * request thread's busy time and the process's CPU per submit.
 */
async function throughput(stack: Stack): Promise<Array<[string, string]>> {
  const rows: Array<[string, string]> = [];
  const ratios: number[] = [];
  // The residents submit from a thread of their own (load-worker.ts), as phones would from elsewhere.
  const residents = new Worker(
    `require('tsx/cjs/api').register(); require(require('node:worker_threads').workerData.entry);`,
    { eval: true, workerData: { entry: join(__dirname, 'load-worker.ts'), url: stack.url, concurrency: 8 } },
  );
  const load = (submits: number) =>
    new Promise<string[]>((resolve, reject) => {
      residents.once('message', (answer: { caseIds?: string[]; error?: string }) =>
        answer.caseIds ? resolve(answer.caseIds) : reject(new Error(answer.error)),
      );
      residents.postMessage({ submits });
    });
  // Warm: the functions' code compiled where it runs (on a function thread, the thread is new).
  await load(80);
  for (let round = 1; round <= ROUNDS; round++) {
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const tt = process.hrtime.bigint();
    const ids = await load(320);
    const wall = ms(tt);
    const busy = performance.eventLoopUtilization(elu).active;
    const used = process.cpuUsage(cpu);
    const perSecond = ids.length / (wall / 1000);
    const bare = bareInserts(ids.map((id) => stack.store.getById('cases', id) as Doc));
    ratios.push(bare / perSecond);
    rows.push([
      `  submits/s at concurrency 8 (/wx/callFunction)${ROUNDS > 1 ? `, round ${round}` : ''}`,
      `${fmt(perSecond, 0)}/s, each answered once on the disk; bare SQLite ${fmt(bare, 0)}/s (WAL, synchronous=FULL, a commit each): ${fmt(bare / perSecond)}× (target within 20×)`,
    ]);
    rows.push([
      `    CPU per submit`,
      `${fmt(busy / ids.length, 2)} ms on the request thread, ${fmt((used.user + used.system) / 1000 / ids.length, 2)} ms in the process (the residents' thread too)`,
    ]);
  }
  await residents.terminate();
  if (ROUNDS > 1) rows.push(['  median of the rounds', `${fmt(median(ratios))}× bare SQLite`]);
  return rows;
}

/** Inserts per second into a bare table, one commit each, with the stack's durability settings. */
function bareInserts(docs: Doc[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bare-'));
  const db = new Database(join(dir, 'bare.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE docs (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, body TEXT)');
    const insert = db.prepare('INSERT INTO docs (id, body) VALUES (?, ?)');
    const t = process.hrtime.bigint();
    for (const [i, doc] of docs.entries()) insert.run(`bare-${i}`, JSON.stringify(doc));
    return docs.length / (ms(t) / 1000);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** YYYY-MM-DD in China time. */
function chinaDate(instant: number): string {
  return new Date(instant + 8 * 3600_000).toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  process.env.TENCENTCLOUD ||= 'true';
  const rows: Array<[string, string]> = [];
  for (const scale of SCALES) rows.push(...(await atScale(scale)));
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\ncity bench (${new Date().toISOString()}, node ${process.version})`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
