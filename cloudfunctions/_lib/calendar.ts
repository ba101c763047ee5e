import { isWorkday } from 'chinese-days';
import calendarData from 'chinese-days/dist/chinese-days.json';
import type { WorkCalendar } from '../../miniprogram/core/reception';

/**
 * China's official working-day calendar (holidays and 调休 make-up workdays) from the maintained
 * `chinese-days` package. A year the package does not cover yet (the State Council announces the
 * next year's holidays in November or December) is reported through `covers`, so callers can warn
 * instead of silently treating holidays as workdays.
 */
const coveredYears = new Set(Object.keys(calendarData.holidays).map((d) => Number(d.slice(0, 4))));

export const officialCalendar: WorkCalendar = {
  isWorkday: (date) => isWorkday(date),
  covers: (year) => coveredYears.has(year),
};
