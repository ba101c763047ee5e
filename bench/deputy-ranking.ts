import tcb from '@cloudbase/node-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_CASES, rankings } from '../cloudfunctions/_lib/figures';
import { startProjectStack } from '../stack/project';

/**
 * `npx tsx bench/deputy-ranking.ts`: the deputy ranking (排行, 履职考核: `rankings` with `of:
 * 'deputy'`, as `office.rankings` calls it) of a quarter against the one before, over 20,000 and
 * 100,000 cases of those two quarters (DEPUTY_RANKING_SCALES changes them), 240 deputies, each case
 * accepted with a 10-working-day clock and mostly answered and rated. Prints figures, never passes
 * or fails. Before decision 0031 the 20,000 took about 17 s and 100,000 were refused.
 */

const SCALES = (process.env.DEPUTY_RANKING_SCALES ?? '20000,100000').split(',').map(Number);
const DEPUTIES = 240;
const Q3 = Date.parse('2026-07-01T08:00:00+08:00');
const SPAN = 184 * 86_400_000;
const DAY = 86_400_000;
const RATINGS = ['satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied', null] as const;

function fakeCase(i: number, total: number) {
  const createdAt = Q3 + Math.floor((i * (SPAN - 25 * DAY)) / total);
  const deputyId = `deputy-${i % DEPUTIES}`;
  const resident = { role: 'resident', id: `o-bench-${i % 5000}` };
  const deputy = { role: 'deputy', id: deputyId, name: '代表' };
  const answered = i % 4 !== 0;
  const answeredAt = createdAt + (i % 9 === 0 ? 20 : 2) * DAY;
  const rating = answered ? RATINGS[i % RATINGS.length] : null;
  const events: Array<Record<string, unknown>> = [
    { type: 'submitted', at: createdAt, actor: resident, from: null, to: 'submitted', note: '' },
    {
      type: 'accepted',
      at: createdAt + 3600_000,
      actor: deputy,
      from: 'submitted',
      detail: { workingDays: 10 },
    },
  ];
  if (answered)
    events.push({
      type: 'replied',
      at: answeredAt,
      actor: deputy,
      from: 'accepted',
      note: '已联系街道处理。',
    });
  if (rating) events.push({ type: 'rated', at: answeredAt + DAY, actor: resident, detail: { rating } });
  return {
    _id: `bench-${i}`,
    caseNo: `GL2026${String(i).padStart(7, '0')}`,
    openid: resident.id,
    clientRequestId: `bench-request-${i}`,
    channel: 'deputy_code',
    deputyId,
    stationId: `station-${i % 24}`,
    kind: 'help',
    category: 'road_traffic',
    categoryName: '道路交通',
    description: '小区门口路灯坏了，晚上出行不便，希望尽快修复。',
    status: rating ? 'closed' : answered ? 'answered' : 'accepted',
    version: events.length,
    createdAt,
    updatedAt: Number(events[events.length - 1].at),
    events: events.map((e, k) => ({ seq: k + 1, ...e })),
    outbox: [],
    clock: { startAt: createdAt + 3600_000, workingDays: 10, round: 'first' },
    pauses: [],
    rating,
    answeredAt: answered ? answeredAt : null,
  };
}

async function main(): Promise<void> {
  process.env.TENCENTCLOUD ||= 'true'; // see stack/project.ts: skips the SDK's cloud-metadata probe
  const rows: Array<[string, string]> = [];
  for (const total of SCALES) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-deputy-ranking-'));
    const stack = await startProjectStack({ port: 0, dataDir });
    try {
      const db = tcb
        .init({
          env: 'local',
          serviceUrl: `${stack.url}/admin`,
          secretId: 'id',
          secretKey: 'key',
          timeout: 300_000,
        })
        .database();
      stack.store.insert(
        'deputies',
        Array.from({ length: DEPUTIES }, (_, d) => ({
          _id: `deputy-${d}`,
          code: `B${String(d + 1).padStart(5, '0')}`,
          name: `代表${d + 1}`,
          level: 'county',
          stationId: `station-${d % 24}`,
          title: '',
          photoFileID: null,
          active: true,
          openid: null,
        })),
      );
      for (let start = 0; start < total; start += 5000)
        stack.store.insert(
          'cases',
          Array.from({ length: Math.min(5000, total - start) }, (_, k) => fakeCase(start + k, total)),
        );
      const t = process.hrtime.bigint();
      const answer = await rankings(db, {
        of: 'deputy',
        period: { from: '2026-10-01', to: '2026-12-31' },
        scope: ALL_CASES,
        sortBy: 'received',
        order: 'desc',
        now: Date.parse('2027-01-05T10:00:00+08:00'),
      });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if ('ok' in answer) throw new Error(`rankings: ${answer.code} ${answer.message}`);
      rows.push([
        `deputy ranking, a quarter against the one before, ${total.toLocaleString('en-US')} cases (${answer.rows.length} rows)`,
        `${(ms / 1000).toFixed(2)} s`,
      ]);
    } finally {
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(
    `\ndeputy ranking (${new Date().toISOString()}, node ${process.version}, ${cpus().length} cores)`,
  );
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
