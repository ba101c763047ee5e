import { isWorkday } from 'chinese-days';
import calendarData from 'chinese-days/dist/chinese-days.json';
import type { WorkCalendar } from '../../../miniprogram/core/reception';
import type { Db } from '../platform/app';

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

export interface YearNotice {
  year: number;
  /** Weekdays off (法定节假日及调休放假). */
  holidays: string[];
  /** Weekend days worked (调休上班). */
  workdays: string[];
}

const REFRESH_MS = 5 * 60_000;
let notices = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
let loadedAt = -Infinity;

/** Loads the office's notices if the cached ones are older than a few minutes (or `force`). */
export async function refreshCalendar(db: Db, now: number, force = false): Promise<void> {
  if (!force && now - loadedAt < REFRESH_MS) return;
  const { data } = await db.collection('calendar_years').limit(100).get();
  notices = new Map(
    (data as YearNotice[])
      .filter((n) => !LIBRARY_YEARS.has(n.year))
      .map((n) => [n.year, { holidays: new Set(n.holidays), workdays: new Set(n.workdays) }]),
  );
  loadedAt = now;
}

const isWeekday = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
};

export const officialCalendar: WorkCalendar = {
  isWorkday(date) {
    const year = Number(date.slice(0, 4));
    if (LIBRARY_YEARS.has(year)) return isWorkday(date);
    const notice = notices.get(year);
    if (notice?.holidays.has(date)) return false;
    if (notice?.workdays.has(date)) return true;
    return isWeekday(date);
  },
  covers: (year) => LIBRARY_YEARS.has(year) || notices.has(year),
};
