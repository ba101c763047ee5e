import type { ActInput, StationFiguresView } from '../../miniprogram/core/api';
import { DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * Jixian's published station figures — 共接待群众68人次，收到建议56条，已办理55件，剩余1件 — reproduced
 * through the product's own actions and read from `station.figures`, which counts them with the
 * office's figures aggregation: staff log 68 visitors on the station's reception days of 2026 (the
 * 10th, 节假日顺延), 20 only asking and answered at the desk; the items become 50 cases, and 6
 * residents scan the station's code. Staff answer or explain all but one, "as of" 3 August.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `jixian-${Date.now().toString(36)}-${++seq}`;
const STATION = 'station-gulou-home';
const DAYS = [
  '2026-01-12',
  '2026-02-10',
  '2026-03-10',
  '2026-04-10',
  '2026-05-11',
  '2026-06-10',
  '2026-07-10',
];
const period = { from: '2026-01-01', to: '2026-08-03' };

const act = async (input: Omit<ActInput, 'clientRequestId'>) => {
  const result = await product.call(DEV_STAFF_OPENID, 'casework', 'act', {
    clientRequestId: rid(),
    ...input,
  });
  if (!result.ok) throw new Error(`${input.action}: ${result.code} ${result.message}`);
};

const item = (i: number) => ({
  kind: (['help', 'complaint', 'suggestion', 'inquiry'] as const)[i % 4],
  category: 'road_traffic',
  description: `村道第${i + 1}段路面破损，雨天积水，群众出行不便，希望修补。`,
});

async function visit(date: string, items: number, answeredOnSpot: boolean): Promise<string[]> {
  const view = await product.ok(DEV_STAFF_OPENID, 'station', 'registerVisitor', {
    date,
    receivedBy: 'deputy-lin',
    anonymous: true,
    items: Array.from({ length: items }, (_, i) => item(seq + i)),
    answeredOnSpot,
    ...(answeredOnSpot ? { answer: '已当场解释办理流程。' } : {}),
    clientRequestId: rid(),
  });
  return view.cases.map((c) => c.caseId);
}

let figures: StationFiguresView;

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-08-03T10:00:00+08:00' } });
  const day = (i: number) => DAYS[i % DAYS.length];
  const cases: string[] = [];
  // 68 visits: 20 asked and were answered at the desk; 2 were answered and left an item too;
  // 44 left one item, 2 left two: 50 items.
  for (let i = 0; i < 20; i++) await visit(day(i), 0, true);
  for (let i = 0; i < 2; i++) cases.push(...(await visit(day(i), 1, true)));
  for (let i = 0; i < 44; i++) cases.push(...(await visit(day(i), 1, false)));
  for (let i = 0; i < 2; i++) cases.push(...(await visit(day(i), 2, false)));
  // 6 residents scanned the station's code.
  for (let i = 0; i < 6; i++) {
    const { caseId } = await product.ok(
      `o-jixian-${i}`,
      'resident',
      'submit',
      submission({ target: { type: 'station', code: 'S0001' }, kind: 'suggestion' }),
    );
    cases.push(caseId);
  }
  expect(cases).toHaveLength(56);
  // All answered but the last: 4 explained (解释说明), the rest answered; one still being handled.
  for (const [i, caseId] of cases.slice(0, 55).entries()) {
    if (i < 4) await act({ caseId, action: 'decline', note: '该路段属于省道，已向群众解释由公路部门负责。' });
    else await act({ caseId, action: 'reply', note: '已协调乡政府修补路面。', outcome: 'solved' });
  }
  await act({ caseId: cases[55], action: 'accept' });
  figures = await product.ok(DEV_STAFF_OPENID, 'station', 'figures', period);
}, 120_000);
afterAll(() => product.close());

it('reproduces 68 visits, 56 suggestions, 55 handled, 1 remaining', () => {
  expect(figures).toMatchObject({
    ...period,
    visits: 68,
    answeredOnSpot: 22,
    visitsWithCases: 48,
    suggestions: 56,
    fromVisits: 50,
    fromScans: 6,
    handled: 55,
    explained: 4,
    answered: 51,
    remaining: 1,
    merged: 0,
  });
  expect(figures.byKind.suggestion).toBeGreaterThanOrEqual(6);
});

it('agrees with the office reading the same station', async () => {
  expect(
    await product.ok(DEV_OFFICE_OPENID, 'station', 'figures', { ...period, stationId: STATION }),
  ).toEqual(figures);
});
