import { officialCalendar } from '../../cloudfunctions/_lib/calendar';
import type { CaseChannel, CaseKind, CaseStatus } from '../../miniprogram/core/model';
import { planReceptionDays } from '../../miniprogram/core/reception-plan';
import {
  deputyAttendance,
  stationFigures,
  type LedgerCase,
  type LedgerVisit,
} from '../../miniprogram/core/station-figures';
import { validatePeriod } from '../../miniprogram/core/china-time';

/** Station figures from a ledger: Jixian's published 68 visits, 56 suggestions, 55 handled, 1 remaining. */

/** An instant from a China-local date and time. */
const china = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+08:00`);

let seq = 0;
const aCase = (patch: Partial<LedgerCase> & { date: string; time?: string }): LedgerCase => {
  const { date, time, ...rest } = patch;
  seq += 1;
  return {
    id: `case-${seq}`,
    channel: 'reception_day',
    kind: (['suggestion', 'help', 'complaint', 'inquiry'] as CaseKind[])[seq % 4],
    status: 'closed',
    createdAt: china(date, time),
    ...rest,
  };
};
const aVisit = (date: string, cases: LedgerCase[], answeredOnSpot = false): LedgerVisit => ({
  id: `visit-${(seq += 1)}`,
  date,
  answeredOnSpot,
  caseIds: cases.map((c) => c.id),
});

/**
 * A year of Jixian's station, 中垛乡人大代表联络站: reception on the 10th of each month (节假日顺延),
 * counted "今年以来" on 3 August, plus what a real ledger also holds and the figures must leave out.
 */
function jixianLedger() {
  const receptionDays = planReceptionDays(
    { kind: 'day_of_month', day: 10, holidayPolicy: 'postpone' },
    [],
    '2025-12-01',
    '2026-08-31',
    officialCalendar,
  ).days.map((d) => d.date);
  const thisYear = receptionDays.filter((d) => d >= '2026-01-01' && d <= '2026-08-03');
  expect(thisYear).toEqual([
    '2026-01-12',
    '2026-02-10',
    '2026-03-10',
    '2026-04-10',
    '2026-05-11',
    '2026-06-10',
    '2026-07-10',
  ]);
  const day = (i: number) => thisYear[i % thisYear.length];

  const visits: LedgerVisit[] = [];
  const cases: LedgerCase[] = [];
  const visitWith = (date: string, n: number, answeredOnSpot: boolean, statuses: CaseStatus[] = []) => {
    const raised = Array.from({ length: n }, (_, i) => aCase({ date, status: statuses[i] ?? 'closed' }));
    cases.push(...raised);
    visits.push(aVisit(date, raised, answeredOnSpot));
  };

  // 68 visits: 20 only asked and were answered at the desk; 2 were answered and also left an item;
  // 44 raised one item, 2 raised two. Items: 2 + 44 + 4 = 50 cases.
  for (let i = 0; i < 20; i++) visitWith(day(i), 0, true);
  for (let i = 0; i < 2; i++) visitWith(day(i), 1, true);
  const outcomes: CaseStatus[] = [
    ...Array<CaseStatus>(8).fill('answered'), // answered, waiting for the resident's rating
    ...Array<CaseStatus>(4).fill('declined'), // 解释说明
  ];
  for (let i = 0; i < 44; i++) visitWith(day(i), 1, false, [outcomes[i] ?? 'closed']);
  visitWith('2026-03-10', 2, false);
  // 白额村田间路冲毁: reported to the county departments, still being handled.
  visitWith('2026-07-10', 2, false, ['closed', 'in_progress']);
  cases[cases.length - 1].dueAt = china('2026-07-24', '17:00');

  // 6 residents scanned the station's code; the first at half past midnight on New Year's Day.
  const scans = ['2026-01-01', '2026-02-15', '2026-04-02', '2026-05-20', '2026-06-30', '2026-08-03'];
  scans.forEach((date, i) =>
    cases.push(aCase({ date, time: i === 0 ? '00:30' : '21:00', channel: 'station_code' })),
  );

  // Not this year's station figures:
  visitWith('2025-12-10', 3, false); // last year's reception day
  visitWith('2026-08-10', 1, true); // after the report date
  cases.push(aCase({ date: '2025-12-31', time: '23:50', channel: 'station_code' })); // last year, China time
  cases.push(aCase({ date: '2026-08-04', time: '00:10', channel: 'station_code', status: 'submitted' }));
  const elsewhere: CaseChannel[] = ['deputy_code', 'deputy_code', 'deputy_entry', 'deputy_entry'];
  elsewhere.forEach((channel) => cases.push(aCase({ date: '2026-05-12', channel, status: 'in_progress' })));
  // A duplicate of an item already raised, merged into it.
  cases.push(aCase({ date: '2026-06-11', channel: 'station_code', status: 'merged' }));
  // One its resident withdrew (撤回) before anyone accepted it: neither handled nor remaining.
  cases.push(aCase({ date: '2026-06-12', channel: 'station_code', status: 'withdrawn' }));

  return { visits, cases };
}

describe('stationFigures', () => {
  const { visits, cases } = jixianLedger();
  const period = { from: '2026-01-01', to: '2026-08-03' };

  it('reproduces Jixian’s published figures: 68 visits, 56 suggestions, 55 handled, 1 remaining', () => {
    const figures = stationFigures(visits, cases, period);
    expect(figures).toMatchObject({ visits: 68, suggestions: 56, handled: 55, remaining: 1 });
  });

  it('breaks them down: answered on the spot, where suggestions came from, how they were handled', () => {
    const figures = stationFigures(visits, cases, period, china('2026-08-03', '18:00'));
    expect(figures).toEqual({
      from: '2026-01-01',
      to: '2026-08-03',
      visits: 68,
      answeredOnSpot: 22,
      visitsWithCases: 48,
      suggestions: 56,
      fromVisits: 50,
      fromScans: 6,
      byKind: expect.any(Object),
      handled: 55,
      closed: 43,
      answered: 8,
      explained: 4,
      remaining: 1,
      overdue: 1,
      merged: 1,
      withdrawn: 1,
    });
    const byKind = Object.values(figures.byKind);
    expect(byKind.reduce((a, b) => a + b, 0)).toBe(56);
    expect(byKind.every((n) => n > 0)).toBe(true);
  });

  it('counts overdue cases only when told the time', () => {
    expect(stationFigures(visits, cases, period).overdue).toBeNull();
    expect(stationFigures(visits, cases, period, china('2026-07-20')).overdue).toBe(0);
  });

  it('dates a visitor’s item by the visit, even when it was typed in after midnight', () => {
    const late = aCase({ date: '2026-07-11', time: '00:20' });
    const scan = aCase({ date: '2026-07-11', time: '00:20', channel: 'station_code' });
    const figures = stationFigures([aVisit('2026-07-10', [late])], [late, scan], {
      from: '2026-07-01',
      to: '2026-07-10',
    });
    expect(figures).toMatchObject({ visits: 1, suggestions: 1, fromVisits: 1, fromScans: 0, remaining: 0 });
  });

  it('counts each case once, and one sent back to be redone (in progress again) as remaining', () => {
    const redone = aCase({ date: '2026-07-10', status: 'in_progress' });
    const figures = stationFigures([aVisit('2026-07-10', [redone])], [redone, redone], {
      from: '2026-07-01',
      to: '2026-07-31',
    });
    expect(figures).toMatchObject({ suggestions: 1, handled: 0, remaining: 1 });
  });
});

describe('validatePeriod', () => {
  it('accepts two dates in order, and refuses anything else with the field', () => {
    expect(validatePeriod({ from: '2026-01-01', to: '2026-08-03' })).toEqual({
      ok: true,
      data: { from: '2026-01-01', to: '2026-08-03' },
    });
    expect(validatePeriod({ from: '2026-08-03', to: '2026-01-01' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { to: '结束日期不能早于开始日期' },
    });
    expect(validatePeriod({ from: '2026-02-30' })).toMatchObject({
      fields: { from: '请选择开始日期', to: '请选择结束日期' },
    });
  });
});

describe('deputyAttendance', () => {
  const rosters = [
    { date: '2026-01-12', deputies: ['deputy-lin', 'deputy-chen'], leader: 'leader-chen' },
    { date: '2026-02-10', deputies: ['deputy-liu', 'deputy-lin'], leader: null },
    { date: '2026-03-10', deputies: ['deputy-chen', 'deputy-liu'], leader: null },
  ];
  const records = [
    { date: '2026-01-12', present: ['deputy-lin', 'deputy-chen', 'leader-chen'] },
    { date: '2026-02-10', present: ['deputy-lin', 'deputy-chen'] },
  ];

  it('counts per deputy the duties they came to, missed, and those not yet recorded', () => {
    expect(deputyAttendance(rosters, records)).toEqual([
      { deputyId: 'deputy-chen', rostered: 2, attended: 1, absent: 0, unrecorded: 1, unrostered: 1 },
      { deputyId: 'deputy-lin', rostered: 2, attended: 2, absent: 0, unrecorded: 0, unrostered: 0 },
      { deputyId: 'deputy-liu', rostered: 2, attended: 0, absent: 1, unrecorded: 1, unrostered: 0 },
    ]);
  });

  it('limits the count to a period', () => {
    expect(deputyAttendance(rosters, records, { from: '2026-02-01', to: '2026-02-28' })).toEqual([
      { deputyId: 'deputy-chen', rostered: 0, attended: 0, absent: 0, unrecorded: 0, unrostered: 1 },
      { deputyId: 'deputy-lin', rostered: 1, attended: 1, absent: 0, unrecorded: 0, unrostered: 0 },
      { deputyId: 'deputy-liu', rostered: 1, attended: 0, absent: 1, unrecorded: 0, unrostered: 0 },
    ]);
  });
});
