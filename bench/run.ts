import tcb from '@cloudbase/node-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { startProjectStack } from '../stack/project';
import { startStack } from '../stack/server';
import { submission } from '../tests/helpers/project-stack';
import { TEMPLATES } from '../miniprogram/core/notifications';
import { DEV_DEPUTY_OPENID } from '../stack/seed';

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
    if (withoutIds(a.data) !== withoutIds(b.data) || a.data.length === 0) {
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
  rows.push(...(await submitFigures()));
  rows.push(...mainPackageFigures());
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nbench (${new Date().toISOString()}, node ${process.version})`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/** The resident's submit on the seeded product stack, as the mini-program calls it. */
async function submitFigures(): Promise<Array<[string, string]>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-submit-'));
  const stack = await startProjectStack({ port: 0, dataDir });
  const rows: Array<[string, string]> = [];
  const submit = async (openid: string) => {
    const res = await fetch(`${stack.url}/wx/callFunction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-WX-OPENID': openid },
      body: JSON.stringify({ name: 'resident', data: { action: 'submit', data: submission() } }),
    });
    const { result } = (await res.json()) as { result: { ok: boolean; data: { caseId: string } } };
    if (!result.ok) throw new Error(`submit failed: ${JSON.stringify(result)}`);
    return result.data.caseId;
  };
  try {
    // The deputy has allowed the messages (a delivered notice costs no write), as one who uses it has.
    for (let i = 0; i < 500; i++)
      stack.wx.grantCredits(DEV_DEPUTY_OPENID, { [TEMPLATES.caseReceived.id]: 'accept' });
    await submit('bench-warm-up'); // fills the instance's category cache, as a warm function has
    const before = stack.requestCounts();
    await submit('bench-one');
    const after = stack.requestCounts();
    const delta = Object.entries(after)
      .filter(([action]) => action.startsWith('database.'))
      .map(([action, n]) => [action.replace('database.', ''), n - (before[action] ?? 0)] as const)
      .filter(([, n]) => n > 0);
    const total = delta.reduce((sum, [, n]) => sum + n, 0);
    rows.push([
      'submit: database round trips (warm)',
      `${total} = ${delta.map(([a, n]) => `${a}×${n}`).join(' + ')}`,
    ]);
    rows.push([
      '  the deputy read, then the case with its event and its notice (delivered, not written back)',
      'getDocument + insertDocument (budget 2)',
    ]);

    const concurrency = 8;
    const perWorker = 50;
    const ids = new Set<string>();
    const t = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async (_x, w) => {
        for (let i = 0; i < perWorker; i++) ids.add(await submit(`bench-${w}`));
      }),
    );
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const stored = stack.store.count('cases', { openid: { $regex: '^bench-\\d' } });
    rows.push([
      `submit throughput: ${concurrency * perWorker} submits, ${concurrency} concurrent, /wx/callFunction`,
      `${fmt((concurrency * perWorker) / seconds, 0)} submits/s`,
    ]);
    rows.push([
      '  acknowledged / stored / distinct case ids',
      `${concurrency * perWorker} / ${stored} / ${ids.size}`,
    ]);
  } finally {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/** The main package as WeChat would ship it: everything under miniprogram/ but the subpackages, TypeScript compiled. */
function mainPackageFigures(): Array<[string, string]> {
  const root = join(__dirname, '..', 'miniprogram');
  const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>;
  };
  const subRoots = (app.subPackages ?? []).map((p) => join(root, p.root));
  let main = 0;
  const sub = new Map<string, number>(subRoots.map((r) => [r, 0]));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) {
        if (name !== 'node_modules') walk(file);
        continue;
      }
      if (name === 'tsconfig.json' || name.endsWith('.d.ts')) continue;
      const size = name.endsWith('.ts')
        ? Buffer.byteLength(
            transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs', minify: true }).code,
          )
        : statSync(file).size;
      const owner = subRoots.find((r) => file.startsWith(`${r}/`));
      if (owner) sub.set(owner, (sub.get(owner) ?? 0) + size);
      else main += size;
    }
  };
  walk(root);
  const limit = 1.5 * 1024 * 1024;
  return [
    [
      'main package (TypeScript compiled and minified)',
      `${fmt(main / 1024)} KB of 1,536 KB (${fmt((100 * main) / limit)} %)`,
    ],
    // Each subpackage apart: WeChat limits each (2 MB), and the whole (20 MB), not their sum alone.
    ...[...sub].map(([dir, size]): [string, string] => [
      `subpackage ${dir.slice(root.length + 1)}`,
      `${fmt(size / 1024)} KB of 2,048 KB`,
    ]),
    ['all subpackages', `${fmt([...sub.values()].reduce((a, b) => a + b, 0) / 1024)} KB`],
  ];
}
