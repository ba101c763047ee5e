import { officialCalendar } from '../../cloudfunctions/_lib/calendar';
import {
  addWorkingDays,
  computeDeadline,
  deadlineDays,
  deadlineStatus,
  DEFAULT_DEADLINES,
  lateness,
  pausedDates,
  workingDaysBetween,
  type PauseInterval,
} from '../../miniprogram/core/deadlines';
import type { CaseKind, RouteKind } from '../../miniprogram/core/model';
import { addDays, endOfChinaDay } from '../../miniprogram/core/china-time';

/**
 * Working-day deadlines on China's real 2026 calendar (the `chinese-days` package):
 * - Spring Festival: holidays 15–23 February (Sunday to Monday); make-up workdays Saturday 14 and
 *   Saturday 28 February.
 * - Mid-autumn: 25–27 September. National Day: 1–7 October; make-up workdays Sunday 20 September and
 *   Saturday 10 October.
 * - 2027 is not in the package yet: computations reaching into it are flagged `uncovered`.
 */

const cal = officialCalendar;

/** An instant at a China-local date and time (UTC+8). */
const china = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+08:00`);

describe('the calendar these tests rely on', () => {
  it.each([
    ['2026-02-13', true], // Friday before the Spring Festival
    ['2026-02-14', true], // Saturday, make-up workday
    ['2026-02-15', false],
    ['2026-02-23', false], // Monday, last day of the holiday
    ['2026-02-24', true],
    ['2026-02-28', true], // Saturday, make-up workday
    ['2026-09-20', true], // Sunday, make-up workday
    ['2026-09-25', false], // Mid-autumn
    ['2026-10-01', false],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday, make-up workday
    ['2026-10-11', false],
  ])('%s is a working day: %s', (date, workday) => {
    expect(cal.isWorkday(date)).toBe(workday);
  });

  it('covers 2026 but not 2027 yet', () => {
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
  });
});

describe('addWorkingDays: the day of receipt is not counted', () => {
  it.each([
    // start, n, due, why
    ['2026-02-12', 0, '2026-02-12', 'no days: the start itself'],
    ['2026-02-12', 1, '2026-02-13', 'Thursday → Friday'],
    ['2026-02-12', 2, '2026-02-14', 'the make-up Saturday counts'],
    ['2026-02-12', 3, '2026-02-24', 'then the whole Spring Festival is skipped'],
    ['2026-02-13', 2, '2026-02-24', 'an inquiry on the Friday before the festival'],
    ['2026-02-16', 1, '2026-02-24', 'received during the holiday: day 1 is the first working day after'],
    ['2026-02-14', 1, '2026-02-24', 'received on the make-up Saturday'],
    ['2026-02-24', 4, '2026-02-28', 'the second make-up Saturday counts'],
    ['2026-02-24', 5, '2026-03-02', 'and the Sunday after it does not'],
    ['2026-09-18', 1, '2026-09-20', 'Friday → the make-up Sunday before National Day'],
    ['2026-09-24', 1, '2026-09-28', 'over the Mid-autumn holiday and the weekend'],
    ['2026-09-30', 1, '2026-10-08', 'over National Day'],
    ['2026-09-30', 3, '2026-10-10', 'the make-up Saturday after National Day counts'],
    ['2026-09-30', 4, '2026-10-12', 'and the Sunday after it does not'],
    ['2026-12-24', 5, '2026-12-31', 'to the end of 2026'],
  ])('%s + %i → %s (%s)', (start, n, due) => {
    expect(addWorkingDays(start, n, cal)).toEqual({ date: due, uncovered: false });
  });

  it('is the inverse of workingDaysBetween on every day of 2026', () => {
    for (let start = '2026-01-01'; start <= '2026-11-30'; start = addDays(start, 1)) {
      for (const n of [1, 2, 5, 10, 15]) {
        const { date } = addWorkingDays(start, n, cal);
        expect(cal.isWorkday(date)).toBe(true);
        expect(workingDaysBetween(start, date, cal)).toBe(n);
      }
    }
  });

  it('refuses a negative or fractional count (a bug, not an input error)', () => {
    expect(() => addWorkingDays('2026-03-02', -1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', 1.5, cal)).toThrow(RangeError);
  });
});

describe('a year the calendar does not cover yet', () => {
  it.each([
    ['2026-12-24', 6, '2027-01-01'], // New Year's Day 2027, which the package does not know is a holiday
    ['2026-12-30', 2, '2027-01-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-03-01', 1, '2027-03-02'], // starts in the uncovered year
  ])('%s + %i reaches %s: flagged uncovered, the date a guess', (start, n, due) => {
    expect(addWorkingDays(start, n, cal)).toEqual({ date: due, uncovered: true });
  });

  it('flags the deadline too, with the due date and instant it would be', () => {
    const deadline = computeDeadline({ startAt: china('2026-12-21'), workingDays: 10, now: 0 }, cal);
    expect(deadline).toEqual({
      startDate: '2026-12-21',
      dueDate: '2027-01-04',
      dueAt: endOfChinaDay('2027-01-04'),
      pausedWorkingDays: 0,
      uncovered: true,
    });
  });
});

describe('deadline days by kind and route', () => {
  it.each<[CaseKind, RouteKind | null, number]>([
    ['inquiry', null, 2],
    ['help', null, 10],
    ['suggestion', null, 10],
    ['complaint', null, 15],
    ['inquiry', 'direct', 2],
    ['help', 'direct', 5],
    ['suggestion', 'direct', 5],
    ['complaint', 'direct', 5],
    ['complaint', 'assign', 15],
    ['complaint', 'transfer', 15],
    ['help', 'escalate', 10],
  ])('%s routed %s: %i working days', (kind, route, days) => {
    expect(deadlineDays(kind, route)).toBe(days);
    expect(deadlineDays(kind, route, DEFAULT_DEADLINES, 'redo')).toBe(days); // redo: the same rule by default
  });

  it('follows the deployment’s own configuration', () => {
    const config = { ...DEFAULT_DEADLINES, routeMax: { direct: 3, escalate: 20 }, redo: 7 };
    expect(deadlineDays('help', 'direct', config)).toBe(3);
    expect(deadlineDays('complaint', 'escalate', config)).toBe(15); // a cap, never a longer deadline
    expect(deadlineDays('inquiry', 'assign', config, 'redo')).toBe(7);
  });

  it.each<[CaseKind, RouteKind | null, string]>([
    ['inquiry', null, '2026-09-30'],
    ['help', null, '2026-10-16'],
    ['suggestion', null, '2026-10-16'],
    ['complaint', null, '2026-10-23'],
    ['help', 'direct', '2026-10-10'], // five working days, the fifth the make-up Saturday
    ['complaint', 'direct', '2026-10-10'],
  ])('a %s accepted on Monday 28 September 2026, routed %s, is due on %s', (kind, route, due) => {
    const startAt = china('2026-09-28');
    const deadline = computeDeadline({ startAt, workingDays: deadlineDays(kind, route), now: startAt }, cal);
    expect(deadline).toMatchObject({ startDate: '2026-09-28', dueDate: due, uncovered: false });
  });
});

describe('China-local dates and the end of the due date', () => {
  it('takes the start date in China time, whatever the machine’s zone', () => {
    // 01:30 on Friday 13 February in China is still Thursday the 12th in UTC.
    const startAt = Date.UTC(2026, 1, 12, 17, 30);
    expect(computeDeadline({ startAt, workingDays: 2, now: startAt }, cal)).toMatchObject({
      startDate: '2026-02-13',
      dueDate: '2026-02-24',
    });
  });

  it('is due at 23:59:59.999 China time on the due date', () => {
    expect(endOfChinaDay('2026-02-24')).toBe(Date.UTC(2026, 1, 24, 15, 59, 59, 999));
    expect(new Date(endOfChinaDay('2026-02-24') + 1).toISOString()).toBe('2026-02-24T16:00:00.000Z');
  });
});

describe('pauses extend the deadline by the working days paused', () => {
  // A request for help accepted on Monday 2 March 2026: due Monday 16 March without pauses.
  const startAt = china('2026-03-02', '09:00');
  const due = (pauses: PauseInterval[], now = china('2026-03-31')) =>
    computeDeadline({ startAt, workingDays: 10, pauses, now }, cal);

  it.each<[string, PauseInterval[], string, number]>([
    ['no pause', [], '2026-03-16', 0],
    [
      'Tuesday 10:00 to Thursday 15:00: Wednesday and Thursday given back',
      [{ from: china('2026-03-03'), to: china('2026-03-05', '15:00') }],
      '2026-03-18',
      2,
    ],
    [
      'paused and resumed the same day: nothing given back',
      [{ from: china('2026-03-03', '09:00'), to: china('2026-03-03', '17:00') }],
      '2026-03-16',
      0,
    ],
    [
      'Friday to Monday: only Monday is a working day',
      [{ from: china('2026-03-06'), to: china('2026-03-09') }],
      '2026-03-17',
      1,
    ],
    [
      'two pauses',
      [
        { from: china('2026-03-03'), to: china('2026-03-04') },
        { from: china('2026-03-10'), to: china('2026-03-12') },
      ],
      '2026-03-19',
      3,
    ],
    [
      'overlapping pauses count each day once',
      [
        { from: china('2026-03-03'), to: china('2026-03-05') },
        { from: china('2026-03-04'), to: china('2026-03-06') },
      ],
      '2026-03-19',
      3,
    ],
    [
      'a pause after the due date cannot rescue an overdue case',
      [{ from: china('2026-03-17'), to: china('2026-03-20') }],
      '2026-03-16',
      0,
    ],
    [
      'a pause from an earlier round (before this clock started) does not count',
      [{ from: china('2026-02-24'), to: china('2026-02-27') }],
      '2026-03-16',
      0,
    ],
    [
      'a pause that starts on the due date gives nothing back',
      [{ from: china('2026-03-16', '11:00'), to: china('2026-03-18') }],
      '2026-03-16',
      0,
    ],
  ])('%s', (_why, pauses, dueDate, paused) => {
    expect(due(pauses)).toMatchObject({ dueDate, pausedWorkingDays: paused, uncovered: false });
  });

  it('keeps extending while a pause is open, up to now', () => {
    const open = [{ from: china('2026-03-04'), to: null }];
    expect(due(open, china('2026-03-04', '18:00')).dueDate).toBe('2026-03-16');
    // By Tuesday the 10th, Thursday 5 to Tuesday 10 are four working days paused.
    expect(due(open, china('2026-03-10', '12:00'))).toMatchObject({
      dueDate: '2026-03-20',
      pausedWorkingDays: 4,
    });
  });

  it('skips holidays inside a pause, counting only the working days', () => {
    // Paused Thursday 2 April to Tuesday 7 April: Friday the 3rd and Tuesday the 7th are working
    // days, 4–6 April the Qingming holiday.
    const pauses = [{ from: china('2026-04-02'), to: china('2026-04-07') }];
    expect([...pausedDates(pauses, 0, cal)]).toEqual(['2026-04-03', '2026-04-07']);
  });

  it('across the Spring Festival: a pause spanning the holiday gives back only working days', () => {
    // Accepted Tuesday 10 February with 10 days: 11, 12, 13, 14 (Sat), 24, 25, 26, 27, 28 (Sat), 2 March.
    const feb = china('2026-02-10');
    expect(computeDeadline({ startAt: feb, workingDays: 10, now: feb }, cal).dueDate).toBe('2026-03-02');
    // Paused Friday the 13th to Tuesday the 24th: the 14th and the 24th given back.
    const pauses = [{ from: china('2026-02-13'), to: china('2026-02-24') }];
    expect(computeDeadline({ startAt: feb, workingDays: 10, pauses, now: feb }, cal)).toMatchObject({
      dueDate: '2026-03-04',
      pausedWorkingDays: 2,
    });
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-02-13', '2026-02-24', 2],
    ['2026-02-24', '2026-02-13', -2],
    ['2026-02-24', '2026-02-24', 0],
    ['2026-02-14', '2026-02-23', 0], // from the make-up Saturday through the holiday
    ['2026-09-30', '2026-10-10', 3],
    ['2026-09-19', '2026-09-20', 1], // the make-up Sunday
    ['2026-12-31', '2026-12-31', 0],
  ])('from %s to %s: %i', (a, b, days) => {
    expect(workingDaysBetween(a, b, cal)).toBe(days);
  });
});

describe('deadline status and lateness', () => {
  const dueAt = endOfChinaDay('2026-02-24');

  it.each([
    [china('2026-02-12'), 'ok'], // three working days left: 13, 14, 24
    [china('2026-02-13'), 'ok'], // two: the make-up Saturday and the 24th
    [china('2026-02-14'), 'due_soon'], // the next working day is the due date
    [china('2026-02-20'), 'due_soon'], // in the holiday: the next working day is the due date
    [china('2026-02-24', '08:00'), 'due_soon'],
    [dueAt, 'due_soon'], // the last millisecond still counts
    [dueAt + 1, 'overdue'],
    [china('2026-03-10'), 'overdue'],
  ])('at %s: %s', (now, status) => {
    expect(deadlineStatus(dueAt, now, cal)).toBe(status);
  });

  it('counts lateness in working days', () => {
    expect(lateness(dueAt, china('2026-02-24', '23:00'), cal)).toEqual({ onTime: true, workingDaysLate: 0 });
    expect(lateness(dueAt, china('2026-02-26'), cal)).toEqual({ onTime: false, workingDaysLate: 2 });
    // Due Friday 27 February, answered on Sunday 1 March: the 28th was a make-up Saturday.
    expect(lateness(endOfChinaDay('2026-02-27'), china('2026-03-01'), cal)).toEqual({
      onTime: false,
      workingDaysLate: 1,
    });
    // Due Friday 6 March, answered on Sunday the 8th: late, but no working day lost.
    expect(lateness(endOfChinaDay('2026-03-06'), china('2026-03-08'), cal)).toEqual({
      onTime: false,
      workingDaysLate: 0,
    });
  });
});
