import type { ReceptionDayView, SwapRequestView } from '../core/api';

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

/**
 * What a swap request asks, as deputies and staff read it: 申请由刘海波代班, 申请与刘海波交换
 * 2026-12-10 的值班, 申请换班，由工作人员安排.
 */
export function swapRequestText(request: SwapRequestView): string {
  if (!request.withDeputy) return '申请换班，由工作人员安排';
  return request.withDate
    ? `申请与${request.withDeputy.name}交换 ${request.withDate} 的值班`
    : `申请由${request.withDeputy.name}代班`;
}

/** A swap request as staff read it: 林晓红申请由刘海波代班（临时出差）. */
export const swapRequestLine = (request: SwapRequestView): string =>
  `${request.deputy.name}${swapRequestText(request)}（${request.reason}）`;
