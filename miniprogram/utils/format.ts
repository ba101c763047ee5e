import type { ReceptionDayView } from '../core/api';

/** Display helpers shared by pages. */

/** 2026-12-10 周四, or 暂无安排 when no reception day is planned. */
export const receptionLabel = (day: ReceptionDayView | null | undefined): string =>
  day ? `${day.date} ${day.weekday}` : '暂无安排';

/** The first character of a name, for an avatar without a photo. */
export const initialOf = (name: string): string => [...name.trim()][0] ?? '?';

/** The text of a wx API failure, which arrives as an Error or as a plain `{ errMsg }`. */
export function errMsgOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'errMsg' in error) return String(error.errMsg);
  return error instanceof Error ? error.message : String(error);
}

/** The person closed a picker, a chooser or a dialog: nothing to report. */
export const isCancel = (error: unknown): boolean => /cancel/i.test(errMsgOf(error));
