import tcb from '@cloudbase/node-sdk';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { urlFor } from '../miniprogram/core/codes';
import { posterSubjects, writePosters } from '../cloudfunctions/_lib/print';
import { qrUrlPrefix } from '../cloudfunctions/_lib/platform';
import { startStack } from '../stack/server';
import { decodeQr } from '../tests/helpers/zbar';
import { peakMemory } from './memory';
import { testPng } from '../tests/helpers/png';

/**
 * `npx tsx bench/posters.ts`: the 亮码 posters for a whole province's worth of deputies (the target:
 * 11,000 in under a minute on 2 cores), read from the database as `office.posters` reads them, one
 * PDF page each, with photos for some. Prints figures, never passes or fails; POSTER_DEPUTIES
 * changes the count.
 */

const DEPUTIES = Number(process.env.POSTER_DEPUTIES ?? 10_500);
const STATIONS = Math.max(1, Math.round(DEPUTIES / 21));
const WITH_PHOTO_EVERY = 20;
const TARGET_SECONDS = 60;

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  process.env.TENCENTCLOUD ||= 'true'; // see stack/project.ts: skips the SDK's cloud-metadata probe
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-posters-'));
  const stack = await startStack({ port: 0, dataDir, functionsDir: join(__dirname, '..', 'cloudfunctions') });
  const app = tcb.init({
    env: 'local',
    serviceUrl: `${stack.url}/admin`,
    secretId: 'id',
    secretKey: 'key',
    timeout: 120_000,
  });
  const rows: Array<[string, string]> = [];
  try {
    for (const name of ['stations', 'deputies']) stack.store.createCollection(name);
    const rule = { kind: 'day_of_month', day: 10, holidayPolicy: 'postpone' };
    stack.store.insert(
      'stations',
      Array.from({ length: STATIONS }, (_, i) => ({
        _id: `station-${i}`,
        code: `S${String(i + 1).padStart(4, '0')}`,
        name: `第${i + 1}社区人大代表联络站`,
        level: 'community_station',
        address: `某市某区某街道 ${i + 1} 号`,
        openingHours: '工作日 9:00–17:00',
        receptionRule: rule,
        active: true,
      })),
    );
    const { fileID: photoId } = await app.uploadFile({
      cloudPath: 'deputies/photo.png',
      fileContent: testPng(240, 320),
    });
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
    const given = '建国丽萍志强美玲海波晓红文华秀英国庆玉兰德明桂芳永刚春梅';
    for (let start = 0; start < DEPUTIES; start += 2000) {
      stack.store.insert(
        'deputies',
        Array.from({ length: Math.min(2000, DEPUTIES - start) }, (_, k) => {
          const i = start + k;
          return {
            _id: `deputy-${i}`,
            code: `D${String(i + 1).padStart(5, '0')}`,
            name: `${surnames[i % surnames.length]}${given.slice((i * 2) % given.length, ((i * 2) % given.length) + 2)}`,
            level: 'county',
            stationId: `station-${i % STATIONS}`,
            title: '区人大代表',
            photoFileID: i % WITH_PHOTO_EVERY === 0 ? photoId : null,
            active: true,
            openid: null,
          };
        }),
      );
    }

    const out = join(dataDir, 'posters.pdf');
    const memory = peakMemory();
    const t0 = process.hrtime.bigint();
    const pages = await writePosters(posterSubjects({ db: app.database(), app }, null), out);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const peak = memory.stop();
    const bytes = statSync(out).size;
    rows.push([
      `posters: ${DEPUTIES.toLocaleString('en-US')} deputies + ${STATIONS} stations, 1 photo in ${WITH_PHOTO_EVERY}, from the database`,
      `${fmt(seconds, 2)} s`,
    ]);
    rows.push([
      '  pages / throughput',
      `${pages.toLocaleString('en-US')} / ${fmt(pages / seconds, 0)} pages/s`,
    ]);
    rows.push([
      `  projection for 11,000 vs the ${TARGET_SECONDS} s target`,
      `${fmt((11_000 / pages) * seconds, 2)} s (${fmt(TARGET_SECONDS / ((11_000 / pages) * seconds))} × headroom)`,
    ]);
    rows.push(['  PDF size / per page', `${fmt(bytes / 1e6)} MB / ${fmt(bytes / pages / 1024)} KB`]);
    rows.push([
      '  peak memory (RSS) while printing',
      `${fmt(peak.rss / 1e6, 0)} MB (heap ${fmt(peak.heap / 1e6, 0)} MB)`,
    ]);

    // The output must be right as well as fast: an independent decoder reads a spread of pages.
    const picks = [1, Math.ceil(pages / 2), pages];
    const prefix = qrUrlPrefix();
    const decoded = picks.map((page) => {
      const base = join(dataDir, `page-${page}`);
      execFileSync('pdftoppm', [
        '-r',
        '100',
        '-png',
        '-singlefile',
        '-f',
        String(page),
        '-l',
        String(page),
        out,
        base,
      ]);
      return decodeQr(readFileSync(`${base}.png`));
    });
    const expected = [urlFor(prefix, { type: 'station', code: 'S0001' })];
    rows.push([
      '  zbar check of first / middle / last page',
      `${decoded.filter((text) => text.startsWith(prefix)).length} of ${picks.length} decode to our URLs (first: ${decoded[0] === expected[0] ? 'S0001, as it should' : decoded[0]})`,
    ]);
  } finally {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nposters (${new Date().toISOString()}, node ${process.version}, ${cpus().length} cores)`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
