import { chinaYear, isIsoDate, isWeekend } from '../../../miniprogram/core/china-time';
import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { collection, requireOffice, type ActionContext, type CalendarYearDoc } from '../platform';
import { LIBRARY_YEARS, refreshCalendar } from './official';

/**
 * `office.setCalendarYear`: the office enters a year's official holiday notice (国务院办公厅关于
 * 某年部分节假日安排的通知) when `chinese-days` does not have that year yet. Holidays are the
 * weekdays off; workdays are the weekend days worked (调休). Office only; a year the package
 * covers is refused (the package is authoritative there).
 */
export async function setCalendarYear(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<{ year: number; holidays: number; workdays: number } | Failure> {
  const office = await requireOffice(ctx, '录入节假日安排');
  if (isFailure(office)) return office;

  const year = Number(input.year);
  const thisYear = chinaYear(ctx.now);
  // Past years too: a deadline may span a year the package never covered.
  if (!Number.isInteger(year) || year < 2000 || year > thisYear + 2) {
    return fail('INPUT.INVALID', `请填写2000至${thisYear + 2}年之间的年份`, { year: '年份无效' });
  }
  if (LIBRARY_YEARS.has(year)) {
    return fail('CALENDAR.PUBLISHED', `${year}年的节假日安排已由官方日历提供，无需录入`, {
      year: '已有官方安排',
    });
  }
  const list = (value: unknown) =>
    Array.isArray(value) ? value.filter((d): d is string => typeof d === 'string') : null;
  const inYear = (d: string) => isIsoDate(d) && d.startsWith(`${year}-`);
  const holidays = list(input.holidays);
  const workdays = list(input.workdays);
  const fields: Record<string, string> = {};
  if (!holidays || holidays.length === 0 || holidays.length > 60) fields.holidays = '请填写放假的日期';
  else if (!holidays.every(inYear)) fields.holidays = `放假日期须为${year}年的日期（YYYY-MM-DD）`;
  else if (holidays.some(isWeekend)) fields.holidays = '周末本就休息，放假日期只需填写工作日';
  if (!workdays || workdays.length > 20) fields.workdays = '调休上班日期无效';
  else if (!workdays.every(inYear)) fields.workdays = `调休上班日期须为${year}年的日期（YYYY-MM-DD）`;
  else if (!workdays.every(isWeekend)) fields.workdays = '调休上班日期应是周六或周日';
  if (!holidays || !workdays || Object.keys(fields).length) return invalid(fields);

  const notice: Omit<CalendarYearDoc, '_id'> = {
    year,
    holidays: [...new Set(holidays)].sort(),
    workdays: [...new Set(workdays)].sort(),
    enteredBy: ctx.caller.openid,
    enteredAt: ctx.now,
  };
  await collection(ctx.db, 'calendar_years').doc(String(year)).set(notice);
  await refreshCalendar(ctx, true);
  return { year, holidays: notice.holidays.length, workdays: notice.workdays.length };
}
