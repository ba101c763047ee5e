import { getApp, getDb } from '../_lib/platform/app';
import { createBindCode } from '../_lib/directory/binding';
import { setCalendarYear } from '../_lib/calendar/notice';
import { importDirectory, importTemplate } from '../_lib/sheets/directory-import';
import { defineFunction, type Actions } from '../_lib/platform/handler';
import { directoryEntry, listDirectory, saveDirectory, setDirectoryActive } from '../_lib/directory/maintain';

/**
 * The congress office (代表工委), named as the audience is named everywhere else (role `office`,
 * pages `pages/office/`). `admin` answers the same actions for app versions released before the
 * rename (see ../admin/index.ts).
 *
 * Operations for the congress office. `health` proves a deployment can reach its database;
 * `createBindCode` makes the one-time code a deputy, staff member or unit binds their WeChat with;
 * `setCalendarYear` enters a year's official holiday notice the calendar package lacks; the rest keep
 * the directory (名册) of deputies, staff, handling units and stations (_lib/office-directory.ts,
 * _lib/directory-import.ts).
 */
export const officeActions: Actions<'office'> = {
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

  directory(input, ctx) {
    return listDirectory(getDb(), ctx, input);
  },

  entry(input, ctx) {
    return directoryEntry(getDb(), ctx, input);
  },

  save(input, ctx) {
    return saveDirectory(getDb(), ctx, input);
  },

  setActive(input, ctx) {
    return setDirectoryActive(getDb(), ctx, input);
  },

  importDirectory(input, ctx) {
    return importDirectory(getApp(), getDb(), ctx, input);
  },

  importTemplate(_input, ctx) {
    return importTemplate(getApp(), getDb(), ctx);
  },
};

export const main = defineFunction('office', officeActions);
