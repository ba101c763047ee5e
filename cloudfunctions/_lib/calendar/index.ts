/**
 * China's official working-day calendar (holidays and 调休), with the office's notices for years the
 * calendar package does not cover yet.
 */
import type { Prepare } from '../platform';
import { refreshCalendar } from './official';

export { LIBRARY_YEARS, officialCalendar, refreshCalendar } from './official';
export { setCalendarYear } from './notice';

/** For `defineFunction`: functions that count working days load the office's notices first. */
export const loadHolidayNotices: Prepare = (ctx) => refreshCalendar(ctx);
