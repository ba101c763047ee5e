import { isWorkday } from 'chinese-days';
import calendarData from 'chinese-days/dist/chinese-days.json';
import type { WorkCalendar } from '../../../miniprogram/core/reception';
import { isWeekend } from '../../../miniprogram/core/china-time';
import { collection, type ActionContext } from '../platform';

/**
 * China's official working-day calendar (holidays and 调休 make-up workdays) from the maintained
 * `chinese-days` package. The State Council announces a year's holidays in November or December;
 * until the package has them, the congress office can enter the notice itself (`calendar_years`,
 * through admin.setCalendarYear). A year neither covers is reported through `covers`, so callers
 * warn instead of silently treating holidays as workdays.
 *
 * The package is authoritative for the years it covers; an office notice only fills a year it
 * lacks. Notices are loaded per function instance and refreshed every few minutes.
 */

export const LIBRARY_YEARS = new Set(Object.keys(calendarData.holidays).map((d) => Number(d.slice(0, 4))));

const REFRESH_MS = 5 * 60_000;
let notices = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
let loadedAt = -Infinity;

/**
 * Loads the office's notices if the cached ones are older than a few minutes (or `force`). Functions
 * whose actions count working days run it before every action (`defineFunction`'s `prepare`).
 */
export async function refreshCalendar(ctx: Pick<ActionContext, 'db' | 'now'>, force = false): Promise<void> {
  // A clock set back (the local stack's) reads again rather than trusting a load from its future.
  if (!force && ctx.now >= loadedAt && ctx.now - loadedAt < REFRESH_MS) return;
  const { data } = await collection(ctx.db, 'calendar_years').limit(100).get();
  notices = new Map(
    data
      .filter((n) => !LIBRARY_YEARS.has(n.year))
      .map((n) => [n.year, { holidays: new Set(n.holidays), workdays: new Set(n.workdays) }]),
  );
  loadedAt = ctx.now;
}

export const officialCalendar: WorkCalendar = {
  isWorkday(date) {
    const year = Number(date.slice(0, 4));
    if (LIBRARY_YEARS.has(year)) return isWorkday(date);
    const notice = notices.get(year);
    if (notice?.holidays.has(date)) return false;
    if (notice?.workdays.has(date)) return true;
    return !isWeekend(date);
  },
  covers: (year) => LIBRARY_YEARS.has(year) || notices.has(year),
};
