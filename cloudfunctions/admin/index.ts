import { loadHolidayNotices } from '../_lib/calendar';
import { defineFunction } from '../_lib/platform';
import { officeActions } from '../office';

/**
 * Deprecated name of the `office` function, kept for app versions released before the rename:
 * phones keep an old version for weeks. It answers exactly what `office` answers. Remove it once
 * no supported app version calls it (docs/api.md, "Deprecated").
 */
export const main = defineFunction('admin', officeActions, { prepare: loadHolidayNotices });
