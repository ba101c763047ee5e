import { fail, type Failure } from '../../../miniprogram/core/result';
import { chinaDate } from '../../../miniprogram/core/text';
import type { Db } from '../platform/app';
import { LIBRARY_YEARS, refreshCalendar, type YearNotice } from './official';
import { rolesOf } from '../directory/records';
import { requireCaller, type ActionContext } from '../platform/handler';

/**
 * `admin.setCalendarYear`: the office enters a year's official holiday notice (国务院办公厅关于
 * 某年部分节假日安排的通知) when `chinese-days` does not have that year yet. Holidays are the
 * weekdays off; workdays are the weekend days worked (调休). Office only; a year the package
 * covers is refused (the package is authoritative there).
 */

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const realDate = (date: string) =>
  ISO.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);

export async function setCalendarYear(
  db: Db,
  ctx: ActionContext,
  input: Record<string, unknown>,
): Promise<{ year: number; holidays: number; workdays: number } | Failure> {
  const unidentified = requireCaller(ctx);
  if (unidentified) return unidentified;
  const user = await rolesOf(db, ctx.caller.openid);
  if (!user?.roles.some((r) => r.role === 'office'))
    return fail('AUTH.FORBIDDEN', '只有代表工委可以录入节假日安排');

  const year = Number(input.year);
  const thisYear = Number(chinaDate(ctx.now).slice(0, 4));
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
  const holidays = list(input.holidays);
  const workdays = list(input.workdays);
  const fields: Record<string, string> = {};
  if (!holidays || holidays.length === 0 || holidays.length > 60) fields.holidays = '请填写放假的日期';
  else if (holidays.some((d) => !realDate(d) || !d.startsWith(`${year}-`)))
    fields.holidays = `放假日期须为${year}年的日期（YYYY-MM-DD）`;
  else if (holidays.some((d) => weekday(d) === 0 || weekday(d) === 6))
    fields.holidays = '周末本就休息，放假日期只需填写工作日';
  if (!workdays || workdays.length > 20) fields.workdays = '调休上班日期无效';
  else if (workdays.some((d) => !realDate(d) || !d.startsWith(`${year}-`)))
    fields.workdays = `调休上班日期须为${year}年的日期（YYYY-MM-DD）`;
  else if (workdays.some((d) => weekday(d) !== 0 && weekday(d) !== 6))
    fields.workdays = '调休上班日期应是周六或周日';
  if (Object.keys(fields).length) return fail('INPUT.INVALID', Object.values(fields)[0], fields);

  const notice: YearNotice & { _id: string; enteredBy: string; enteredAt: Date } = {
    _id: String(year),
    year,
    holidays: [...new Set(holidays!)].sort(),
    workdays: [...new Set(workdays!)].sort(),
    enteredBy: ctx.caller.openid,
    enteredAt: new Date(ctx.now),
  };
  const { _id, ...fieldsToStore } = notice;
  await db.collection('calendar_years').doc(_id).set(fieldsToStore);
  await refreshCalendar(db, ctx.now, true);
  return { year, holidays: notice.holidays.length, workdays: notice.workdays.length };
}
