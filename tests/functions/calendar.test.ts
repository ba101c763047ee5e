import { computeDeadline } from '../../miniprogram/core/deadlines';
import { officialCalendar } from '../../cloudfunctions/_lib/calendar';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID } from '../../stack/seed';
import { startProduct } from '../helpers/project-stack';

/**
 * A year the calendar package does not cover yet: until the office enters the State Council's
 * notice, deadlines there are flagged uncovered; after it, they skip the announced holidays.
 * (2027's holidays below are illustrative; the real notice is entered the same way.)
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

const notice2027 = {
  year: 2027,
  holidays: ['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
  workdays: ['2027-02-20'],
};
const friday = Date.parse('2027-02-05T10:00:00+08:00');

describe("the office's holiday notice", () => {
  it('turns an uncovered year into a covered one, and deadlines skip its holidays and count its make-up days', async () => {
    const before = computeDeadline({ startAt: friday, workingDays: 3, now: friday }, officialCalendar);
    expect(before).toMatchObject({ dueDate: '2027-02-10', uncovered: true });

    const result = await product.call(DEV_OFFICE_OPENID, 'office', 'setCalendarYear', notice2027);
    expect(result).toMatchObject({ ok: true, data: { year: 2027, holidays: 5, workdays: 1 } });

    // Fri 5 Feb: counting from Monday, the holiday week is skipped: 15, 16, 17 February.
    const after = computeDeadline({ startAt: friday, workingDays: 3, now: friday }, officialCalendar);
    expect(after).toMatchObject({ dueDate: '2027-02-17', uncovered: false });
    expect(officialCalendar.isWorkday('2027-02-20')).toBe(true); // a make-up Saturday
    expect(officialCalendar.isWorkday('2027-02-09')).toBe(false);
  });

  it('refuses anyone but the office, a year the package already covers, and dates that do not fit', async () => {
    expect(await product.call(DEV_DEPUTY_OPENID, 'office', 'setCalendarYear', notice2027)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'setCalendarYear', { ...notice2027, year: 2026 }),
    ).toMatchObject({
      ok: false,
      code: 'CALENDAR.PUBLISHED',
    });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'setCalendarYear', {
        ...notice2027,
        holidays: ['2027-02-13'],
      }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { holidays: expect.stringContaining('工作日') },
    });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'setCalendarYear', {
        ...notice2027,
        workdays: ['2027-02-17'],
      }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { workdays: expect.stringContaining('周六或周日') },
    });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'setCalendarYear', {
        ...notice2027,
        holidays: ['2028-02-09'],
      }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { holidays: expect.stringContaining('2027') },
    });
  });
});
