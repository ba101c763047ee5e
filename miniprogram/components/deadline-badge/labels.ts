import type { DeadlineStatus } from '../../core/deadlines';

/** How a deadline reads on a badge: 正常 recedes, 即将到期 warns, 已逾期 alarms. */
export const DEADLINE_LABELS: Record<DeadlineStatus, string> = {
  ok: '正常',
  due_soon: '即将到期',
  overdue: '已逾期',
};

export const PAUSED_LABEL = '暂停计时';

/** Said wherever a due date is shown that the official holiday calendar does not cover yet. */
export const UNCOVERED_NOTE = '节假日安排未公布，期限可能调整';
