import { latestMatch, matches, parseSchedule } from '../../stack/cron';

/** CloudBase timer schedules (7 fields, China time), as the stack fires them. */
const at = (chinaTime: string) => Date.parse(`${chinaTime}+08:00`);

describe('timer schedules', () => {
  it.each([
    ['0 * * * * * *', '2026-11-21T16:45:00', true],
    ['0 * * * * * *', '2026-11-21T16:45:01', false],
    ['*/10 * * * * * *', '2026-11-21T16:45:30', true],
    ['*/10 * * * * * *', '2026-11-21T16:45:35', false],
    // 09:00 China time every working weekday (Monday–Friday).
    ['0 0 9 * * MON-FRI *', '2026-11-23T09:00:00', true],
    ['0 0 9 * * MON-FRI *', '2026-11-22T09:00:00', false],
    ['0 0 9 * * 1-5 *', '2026-11-23T01:00:00', false],
    // The 10th of each month at 08:30, in 2026 only.
    ['0 30 8 10 * * 2026', '2026-12-10T08:30:00', true],
    ['0 30 8 10 * * 2026', '2027-01-10T08:30:00', false],
    ['0 0 0 1 JAN,JUL * *', '2026-07-01T00:00:00', true],
  ])('%s at %s (China time): %s', (cron, time, expected) => {
    expect(matches(parseSchedule(cron), at(time))).toBe(expected);
  });

  it('refuses a schedule that is not CloudBase’s seven fields, or out of range', () => {
    expect(() => parseSchedule('0 * * * *')).toThrow('7 fields');
    expect(() => parseSchedule('61 * * * * * *')).toThrow('out of range');
    expect(() => parseSchedule('0 0 25 * * * *')).toThrow('out of range');
  });
});

describe('the latest scheduled time in a stretch of time', () => {
  // What a tick fires: the latest time in (after, upTo], or nothing.
  it.each([
    ['0 * * * * * *', '2026-11-21T16:45:00', '2026-11-21T16:45:01', null],
    ['0 * * * * * *', '2026-11-21T16:44:59', '2026-11-21T16:45:00', '2026-11-21T16:45:00'],
    ['0 * * * * * *', '2026-11-21T16:44:30', '2026-11-21T16:45:30.999', '2026-11-21T16:45:00'],
    // A jump of days: the last of many times.
    ['0 * * * * * *', '2026-11-21T16:44:30', '2026-11-24T09:00:30', '2026-11-24T09:00:00'],
    ['0 0 18 * * * *', '2026-11-21T19:00:00', '2026-11-24T09:00:00', '2026-11-23T18:00:00'],
    ['0 0 18 * * * *', '2026-11-21T19:00:00', '2026-11-22T17:59:59', null],
    // Working weekdays only, across a weekend; China time, not UTC.
    ['0 0 9 * * MON-FRI *', '2026-11-20T10:00:00', '2026-11-23T08:59:59', null],
    ['0 0 9 * * MON-FRI *', '2026-11-20T10:00:00', '2026-11-23T09:00:00', '2026-11-23T09:00:00'],
    ['0 0 0 1 JAN,JUL * *', '2026-01-02T00:00:00', '2027-06-30T00:00:00', '2027-01-01T00:00:00'],
    ['0 30 8 10 * * 2026', '2026-12-10T08:30:00', '2030-01-01T00:00:00', null],
  ])('%s in (%s, %s] (China time): %s', (cron, after, upTo, expected) => {
    expect(latestMatch(parseSchedule(cron), at(after), at(upTo))).toBe(
      expected === null ? null : at(expected),
    );
  });
});
