import type { RetentionRun, RetentionView } from '../../../miniprogram/core/api';
import { RETENTION_DAYS, validateRetentionDays } from '../../../miniprogram/core/privacy';
import { isFailure, type Failure } from '../../../miniprogram/core/result';
import {
  collection,
  duplicateIndex,
  getById,
  requireOffice,
  type ActionContext,
  type Db,
  type SettingsDoc,
} from '../platform';

/** The office's retention period (`settings/retention`) and the record of the timer's last run. */

const RETENTION_ID = 'retention';

/** The retention setting as stored, or the default when the office never set it. */
export async function readRetention(db: Db): Promise<SettingsDoc> {
  return (
    (await getById(db, 'settings', RETENTION_ID)) ?? {
      _id: RETENTION_ID,
      closedCaseDays: RETENTION_DAYS.default,
      updatedAt: null,
      updatedBy: null,
      lastRun: null,
    }
  );
}

/**
 * Changes some fields of the retention setting, creating it (with the default period) the first
 * time. Two first writes at once: one inserts, the other finds it and updates.
 */
async function writeRetention(db: Db, fields: Partial<Omit<SettingsDoc, '_id'>>): Promise<void> {
  const settings = collection(db, 'settings');
  const _ = db.command;
  const changes = Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      typeof value === 'object' && value ? _.set(value) : value,
    ]),
  );
  if (await getById(db, 'settings', RETENTION_ID)) {
    await settings.doc(RETENTION_ID).update(changes);
    return;
  }
  try {
    await settings.add({ ...(await readRetention(db)), ...fields });
  } catch (error) {
    if (!duplicateIndex(error)) throw error;
    await settings.doc(RETENTION_ID).update(changes);
  }
}

export async function recordRun(db: Db, run: RetentionRun): Promise<void> {
  await writeRetention(db, { lastRun: run });
}

const viewOf = (doc: SettingsDoc): RetentionView => ({
  closedCaseDays: doc.closedCaseDays,
  defaultDays: RETENTION_DAYS.default,
  minDays: RETENTION_DAYS.min,
  maxDays: RETENTION_DAYS.max,
  updatedAt: doc.updatedAt,
  lastRun: doc.lastRun ?? null,
});

/** `office.retention`: the period, its bounds, and what the timer last removed. */
export async function retention(
  _input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<RetentionView | Failure> {
  const caller = await requireOffice(ctx, '查看个人信息保存期限');
  if (isFailure(caller)) return caller;
  return viewOf(await readRetention(ctx.db));
}

/** `office.setRetention`: the office sets the period within its bounds; the next timer run follows it. */
export async function setRetention(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<RetentionView | Failure> {
  const caller = await requireOffice(ctx, '设置个人信息保存期限');
  if (isFailure(caller)) return caller;
  const days = validateRetentionDays(input.closedCaseDays);
  if (!days.ok) return days;
  await writeRetention(ctx.db, { closedCaseDays: days.data, updatedAt: ctx.now, updatedBy: caller.openid });
  return viewOf(await readRetention(ctx.db));
}
