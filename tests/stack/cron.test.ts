import { matches, parseSchedule } from '../../stack/cron';

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
