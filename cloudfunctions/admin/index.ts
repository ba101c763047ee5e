import { getDb } from '../_lib/app';
import { createBindCode } from '../_lib/binding';
import { setCalendarYear } from '../_lib/calendar-notice';
import { defineFunction } from '../_lib/handler';

/**
 * Operations for the congress office. `health` proves a deployment can reach its database;
 * `createBindCode` makes the one-time code a deputy, staff member or unit binds their WeChat with;
 * `setCalendarYear` enters a year's official holiday notice the calendar package lacks.
 */
export const main = defineFunction('admin', {
  async health(_input, ctx) {
    const started = Date.now();
    const { total } = await getDb().collection('stations').count();
    return {
      status: 'ok' as const,
      stations: total,
      databaseMs: Date.now() - started,
      at: new Date(ctx.now).toISOString(),
    };
  },

  createBindCode(input, ctx) {
    return createBindCode(getDb(), ctx, input);
  },

  setCalendarYear(input, ctx) {
    return setCalendarYear(getDb(), ctx, input);
  },
});
