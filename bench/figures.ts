import tcb from '@cloudbase/node-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOfChinaDay, endOfChinaDay } from '../miniprogram/core/china-time';
import { ALL_CASES, caseFigures, rankings, type FiguresQuery } from '../cloudfunctions/_lib/figures';
import { startProjectStack } from '../stack/project';

/**
 * `npx tsx bench/figures.ts`: the office's figures (统计, `caseFigures` as `office.figures` calls it)
 * over 150,000 cases, summed by the database in one aggregation: one station's quarter, then the
 * same figures over every case, measured side by side in this run; the ratio is what counts (the
 * target is at least 20×). Then the rankings (排行) of a quarter: units (two aggregations: the
 * quarter and the one before) and deputies (their records, from the cases of both quarters). Prints
 * figures, never passes or fails; FIGURES_CASES changes the count.
 */

const CASES = Number(process.env.FIGURES_CASES ?? 150_000);
const YEAR_START = Date.parse('2026-01-01T00:00:00+08:00');
/** A district's stations and deputies. */
const STATIONS = 24;
const DEPUTIES = 240;
const STATUSES = [
  'submitted',
  'accepted',
  'in_progress',
  'answered',
  'closed',
  'closed',
  'closed',
  'closed',
  'declined',
] as const;
const RATINGS = ['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied', null] as const;
const OUTCOMES = ['solved', 'solved', 'planned', 'explained', null] as const;

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A case as the product stores one, at some point of its handling. */
function fakeCase(i: number) {
  const createdAt = YEAR_START + Math.floor((i * 365 * 24 * 3600_000) / CASES);
  const status = STATUSES[i % STATUSES.length];
  const answered = status === 'answered' || status === 'closed';
  const rating = status === 'closed' ? RATINGS[i % RATINGS.length] : null;
  const deputy = i % DEPUTIES;
  const resident = { role: 'resident', id: `o-bench-${i % 5000}`, name: '群众' };
  const byDeputy = { role: 'deputy', id: `deputy-${deputy}`, name: `代表${deputy + 1}` };
  const events: Array<{ type: string; actor: typeof resident }> = [
    { type: 'submitted', actor: resident },
    { type: 'accepted', actor: byDeputy },
  ];
  if (answered) events.push({ type: 'replied', actor: byDeputy });
  if (i % 50 === 0) events.push({ type: 'redone', actor: byDeputy });
  return {
    _id: `bench-${i}`,
    caseNo: `GL2026${String(i).padStart(7, '0')}`,
    openid: `o-bench-${i % 5000}`,
    clientRequestId: `bench-request-${i}`,
    channel: i % 3 === 0 ? 'station_code' : 'deputy_code',
    deputyId: `deputy-${deputy}`,
    stationId: `station-${deputy % STATIONS}`,
    kind: ['help', 'complaint', 'suggestion', 'inquiry'][i % 4],
    category: ['road_traffic', 'environment', 'property', 'parking', 'noise'][i % 5],
    categoryName: ['道路交通', '环境卫生', '物业', '停车', '噪音'][i % 5],
    description: '小区门口路灯坏了，晚上出行不便，希望尽快修复。',
    photos: [],
    location: null,
    phone: '13812345678',
    contactName: null,
    anonymous: false,
    status,
    version: events.length,
    createdAt,
    updatedAt: createdAt,
    events: events.map((e, k) => ({ seq: k + 1, at: createdAt + k * 3600_000, ...e })),
    outbox: [],
    outboxDueAt: null,
    outboxRev: 0,
    unreadByResident: false,
    unreadByDeputy: false,
    textCheck: 'pass',
    acceptedAt: status === 'submitted' ? null : createdAt + 3600_000,
    route: i % 2 === 0 ? 'direct' : 'assign',
    unitId: i % 2 === 0 ? null : `unit-${i % 30}`,
    supervised: i % 40 === 0,
    sentBack: i % 50 === 0,
    clockPaused: false,
    pauses: [],
    clock: null,
    rating,
    answeredAt: answered ? createdAt + 5 * 86_400_000 : null,
    answeredOnTime: answered ? i % 17 !== 0 : null,
    answerWorkingDays: answered ? 1 + (i % 9) : null,
    outcome: answered ? OUTCOMES[i % OUTCOMES.length] : null,
    closedBy: status === 'closed' ? (rating ? 'rating' : 'time') : null,
    mergedInto: null,
    dueAt: answered || status === 'declined' ? null : createdAt + 14 * 86_400_000,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  process.env.TENCENTCLOUD ||= 'true'; // see stack/project.ts: skips the SDK's cloud-metadata probe
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-figures-'));
  const stack = await startProjectStack({ port: 0, dataDir });
  const app = tcb.init({
    env: 'local',
    serviceUrl: `${stack.url}/admin`,
    secretId: 'id',
    secretKey: 'key',
    timeout: 300_000,
  });
  const db = app.database();
  const rows: Array<[string, string]> = [];
  try {
    const t0 = Date.now();
    for (let start = 0; start < CASES; start += 5000) {
      stack.store.insert(
        'cases',
        Array.from({ length: Math.min(5000, CASES - start) }, (_, k) => fakeCase(start + k)),
      );
    }
    stack.store.insert(
      'deputies',
      Array.from({ length: DEPUTIES }, (_, d) => ({
        _id: `deputy-${d}`,
        code: `B${String(d + 1).padStart(5, '0')}`,
        name: `代表${d + 1}`,
        level: 'county',
        stationId: `station-${d % STATIONS}`,
        title: '',
        photoFileID: null,
        active: true,
        openid: null,
      })),
    );
    rows.push([`loaded ${CASES.toLocaleString('en-US')} cases`, `${fmt((Date.now() - t0) / 1000)} s`]);

    const now = Date.parse('2027-01-05T10:00:00+08:00');
    const quarter: FiguresQuery = {
      period: { from: '2026-04-01', to: '2026-06-30' },
      scope: { ...ALL_CASES, stationIds: ['station-7'] },
      groupBy: null,
      now,
    };
    const everything: FiguresQuery = {
      period: { from: '2026-01-01', to: '2026-12-31' },
      scope: ALL_CASES,
      groupBy: null,
      now,
    };
    const planOf = (query: FiguresQuery) =>
      stack.store.explain('cases', {
        ...(query.scope.stationIds ? { stationId: query.scope.stationIds[0] } : {}),
        createdAt: {
          $gte: startOfChinaDay(query.period.from),
          $lte: endOfChinaDay(query.period.to),
        },
      }).index;

    const time = async (query: FiguresQuery, runs: number) => {
      const times: number[] = [];
      let answer = await caseFigures(db, query);
      for (let i = 0; i < runs; i++) {
        const t = process.hrtime.bigint();
        answer = await caseFigures(db, query);
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      return { ms: median(times), answer };
    };
    const station = await time(quarter, 9);
    const all = await time(everything, 3);
    rows.push([
      `figures: one station's quarter, ${station.answer.total.accepted.toLocaleString('en-US')} cases (index ${planOf(quarter)})`,
      `${fmt(station.ms, 1)} ms`,
    ]);
    rows.push([
      `figures: every case, ${all.answer.total.accepted.toLocaleString('en-US')} cases (index ${planOf(everything)})`,
      `${fmt(all.ms, 1)} ms`,
    ]);
    rows.push(['  ratio every case / one station’s quarter (target ≥ 20×)', `${fmt(all.ms / station.ms)} ×`]);
    const grouped = await time({ ...everything, groupBy: 'deputy' }, 3);
    rows.push([
      `figures: every case, broken down by deputy (${grouped.answer.groups.length} rows)`,
      `${fmt(grouped.ms, 1)} ms`,
    ]);
    rows.push([
      '  satisfaction / on time / 办成率 over every case',
      `${all.answer.total.satisfactionRate}% / ${all.answer.total.onTimeRate}% / ${all.answer.total.resolvedRate}%`,
    ]);
    const ranking = async (of: 'unit' | 'deputy') => {
      const t = process.hrtime.bigint();
      const answer = await rankings(db, {
        of,
        period: { from: '2026-10-01', to: '2026-12-31' },
        scope: ALL_CASES,
        sortBy: 'satisfactionRate',
        order: 'desc',
        now,
      });
      if ('ok' in answer) throw new Error(`rankings: ${answer.code} ${answer.message}`);
      return { ms: Number(process.hrtime.bigint() - t) / 1e6, rows: answer.rows.length };
    };
    const units = await ranking('unit');
    rows.push([
      `rankings: units, a quarter against the one before (${units.rows} rows)`,
      `${fmt(units.ms, 1)} ms`,
    ]);
    const deputies = await ranking('deputy');
    rows.push([
      `rankings: deputies' records, a quarter against the one before (${deputies.rows} rows)`,
      `${fmt(deputies.ms, 1)} ms`,
    ]);
    rows.push([
      'max RSS of the process (resourceUsage)',
      `${fmt(process.resourceUsage().maxRSS / 1e3, 0)} MB`,
    ]);
  } finally {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nfigures (${new Date().toISOString()}, node ${process.version}, ${cpus().length} cores)`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
