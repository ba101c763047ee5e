import { nextReceptionDates, receptionDates, type ReceptionRule } from '../../miniprogram/core/reception';
import { officialCalendar } from '../../cloudfunctions/_lib/calendar';

/** Reception days over 2026 with China's official calendar (holidays and make-up workdays). */

const in2026 = (rule: ReceptionRule) =>
  receptionDates(rule, '2026-01-01', '2026-12-31', officialCalendar).map((d) =>
    d.movedFrom ? `${d.date}<${d.movedFrom}` : d.date,
  );

describe('reception days in 2026', () => {
  it('the 10th of each month, postponed past holidays (Jixian, Karamay)', () => {
    expect(in2026({ kind: 'day_of_month', day: 10, holidayPolicy: 'postpone' })).toEqual([
      '2026-01-12<2026-01-10', // a Saturday: to Monday the 12th
      '2026-02-10',
      '2026-03-10',
      '2026-04-10',
      '2026-05-11<2026-05-10', // a Sunday
      '2026-06-10',
      '2026-07-10',
      '2026-08-10',
      '2026-09-10',
      '2026-10-10', // a make-up Saturday (调休): a working day, kept
      '2026-11-10',
      '2026-12-10',
    ]);
  });

  it('the 1st of the month, postponed through the National Day holiday', () => {
    const days = in2026({ kind: 'day_of_month', day: 1, months: [10], holidayPolicy: 'postpone' });
    expect(days).toEqual(['2026-10-08<2026-10-01']); // the holiday is 1–7 October
  });

  it('brought forward instead, when the station prefers', () => {
    expect(in2026({ kind: 'day_of_month', day: 1, months: [10], holidayPolicy: 'advance' })).toEqual([
      '2026-09-30<2026-10-01',
    ]);
  });

  it('held anyway, when the station receives on holidays', () => {
    expect(in2026({ kind: 'day_of_month', day: 1, months: [10], holidayPolicy: 'keep' })).toEqual([
      '2026-10-01',
    ]);
  });

  it('the third Tuesday (Wuxi), past the Spring Festival', () => {
    const days = in2026({ kind: 'nth_weekday', weekday: 2, nth: [3], holidayPolicy: 'postpone' });
    expect(days).toHaveLength(12);
    expect(days[1]).toBe('2026-02-24<2026-02-17'); // the third Tuesday is the first day of the Spring Festival
    expect(days[0]).toBe('2026-01-20');
  });

  it('the 1st and 3rd Tuesday, 24 dates a year in order', () => {
    const days = in2026({ kind: 'nth_weekday', weekday: 2, nth: [1, 3], holidayPolicy: 'postpone' });
    expect(days).toHaveLength(24);
    expect([...days].sort()).toEqual(days);
  });

  it('the 15th of odd months only', () => {
    expect(
      in2026({ kind: 'day_of_month', day: 15, months: [1, 3, 5, 7, 9, 11], holidayPolicy: 'postpone' }),
    ).toEqual([
      '2026-01-15',
      '2026-03-16<2026-03-15',
      '2026-05-15',
      '2026-07-15',
      '2026-09-15',
      '2026-11-16<2026-11-15',
    ]);
  });

  it('the next dates from a given day, across the year boundary', () => {
    const next = nextReceptionDates(
      { kind: 'day_of_month', day: 10, holidayPolicy: 'postpone' },
      '2026-12-11',
      1,
      officialCalendar,
    );
    expect(next[0].date).toBe('2027-01-11'); // 2027-01-10 is a Sunday
  });

  it('knows which years the official calendar covers', () => {
    expect(officialCalendar.covers(2026)).toBe(true);
    expect(officialCalendar.covers(2031)).toBe(false);
  });
});

describe('dates moved across the edge of the range', () => {
  it('finds a date brought forward into the range from the following month', () => {
    const rule: ReceptionRule = { kind: 'day_of_month', day: 1, months: [10], holidayPolicy: 'advance' };
    expect(receptionDates(rule, '2026-09-01', '2026-09-30', officialCalendar)).toEqual([
      { date: '2026-09-30', movedFrom: '2026-10-01' },
    ]);
  });
});
