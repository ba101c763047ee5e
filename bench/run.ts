import tcb from '@cloudbase/node-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../stack/server';

/**
 * `npm run bench`: figures measured in one run on this machine, printed with their ratios.
 * Benchmarks, not tests: these machines are shared and noisy, so nothing here passes or fails
 * on time; read the ratios, which compare two measurements taken side by side.
 */

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const DEPUTIES = 500;
const STATUSES = ['submitted', 'accepted', 'assigned', 'answered', 'closed', 'closed', 'closed'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  process.env.TENCENTCLOUD ||= 'true'; // see stack/project.ts: skips the SDK's cloud-metadata probe
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
  const stack = await startStack({ port: 0, dataDir, functionsDir: join(__dirname, '..', 'cloudfunctions') });
  const app = tcb.init({
    env: 'local',
    serviceUrl: `${stack.url}/admin`,
    secretId: 'id',
    secretKey: 'key',
    timeout: 120_000,
  });
  const db = app.database();
  const rows: Array<[string, string]> = [];
  try {
    // ---- deputy inbox: index vs full scan ------------------------------------------------
    for (const name of ['cases_indexed', 'cases_plain']) stack.store.createCollection(name);
    stack.store.ensureIndex('cases_indexed', {
      name: 'deputyId_status_createdAt',
      keys: [
        ['deputyId', 1],
        ['status', 1],
        ['createdAt', -1],
      ],
    });
    const t0 = Date.now();
    const base = Date.parse('2026-01-01T00:00:00+08:00');
    for (let start = 0; start < CASES; start += 5000) {
      const batch = Array.from({ length: Math.min(5000, CASES - start) }, (_, k) => {
        const i = start + k;
        return {
          caseNo: `GL-${i}`,
          deputyId: `deputy-${i % DEPUTIES}`,
          status: STATUSES[i % STATUSES.length],
          kind: ['help', 'complaint', 'suggestion', 'inquiry'][i % 4],
          category: `cat-${i % 13}`,
          title: `诉求 ${i}`,
          description: '小区门口路灯坏了，晚上出行不便，希望尽快修复。'.repeat(3),
          createdAt: new Date(base + i * 60_000),
        };
      });
      for (const name of ['cases_indexed', 'cases_plain']) stack.store.insert(name, batch);
    }
    rows.push([
      `loaded ${CASES.toLocaleString('en-US')} cases into each of two collections`,
      `${fmt((Date.now() - t0) / 1000)} s`,
    ]);

    const _ = db.command;
    const inbox = (coll: string) =>
      db
        .collection(coll)
        .where({ deputyId: 'deputy-42', status: _.in(['submitted', 'accepted', 'assigned']) })
        .orderBy('createdAt', 'desc')
        .limit(20)
        .get();
    const a = await inbox('cases_indexed');
    const b = await inbox('cases_plain');
    const withoutIds = (docs: Array<Record<string, unknown>>) =>
      JSON.stringify(docs.map(({ _id, ...rest }) => rest));
    if (withoutIds(a.data) !== withoutIds(b.data) || a.data.length !== 20) {
      throw new Error('indexed and full-scan inbox answers differ');
    }
    const plan = stack.store.explain('cases_indexed', {
      deputyId: 'deputy-42',
      status: { $in: ['submitted'] },
    });
    const indexedMs = await timeIt(30, () => inbox('cases_indexed'));
    const scanMs = await timeIt(5, () => inbox('cases_plain'));
    rows.push([
      `deputy inbox, 20 newest open cases, index (${plan.index}), via SDK`,
      `${fmt(indexedMs, 2)} ms`,
    ]);
    rows.push(['deputy inbox, same query, full scan, via SDK', `${fmt(scanMs, 2)} ms`]);
    rows.push(['  ratio full scan / index', `${fmt(scanMs / indexedMs)} ×`]);

    // ---- statistics by aggregation --------------------------------------------------------
    const $ = db.command.aggregate;
    const statsMs = await timeIt(3, () =>
      db
        .collection('cases_plain')
        .aggregate()
        .match({ createdAt: _.gte(new Date(base)) })
        .group({
          _id: '$category',
          total: $.sum(1),
          closed: $.sum($.cond([$.eq(['$status', 'closed']), 1, 0])),
        })
        .sort({ total: -1 })
        .end(),
    );
    rows.push([
      `statistics: group ${CASES.toLocaleString('en-US')} cases by category (aggregate)`,
      `${fmt(statsMs)} ms`,
    ]);

    // ---- small writes on loopback ---------------------------------------------------------
    await db.createCollection('writes');
    const concurrency = 16;
    const perWriter = 150;
    const acknowledged = new Set<string>();
    const w0 = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async (_x, w) => {
        for (let i = 0; i < perWriter; i++) {
          const { id } = await db.collection('writes').add({ w, i, at: new Date() });
          acknowledged.add(id as string);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - w0) / 1e9;
    const { total } = await db.collection('writes').count();
    const written = concurrency * perWriter;
    rows.push([
      `small writes: ${written} adds, ${concurrency} concurrent, via SDK`,
      `${fmt(written / seconds, 0)} writes/s`,
    ]);
    rows.push(['  acknowledged / stored / distinct ids', `${written} / ${total} / ${acknowledged.size}`]);
  } finally {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nbench (${new Date().toISOString()}, node ${process.version})`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
