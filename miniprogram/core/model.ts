/**
 * The product's vocabulary: kinds, levels, statuses and their Chinese labels. Pure data, shared by
 * the mini-program and the cloud functions. Stored values are the English keys; see docs/glossary.md.
 */

export type DeputyLevel = 'national' | 'provincial' | 'city' | 'county' | 'township';

export const DEPUTY_LEVEL_LABELS: Record<DeputyLevel, string> = {
  national: '全国人大代表',
  provincial: '省人大代表',
  city: '市人大代表',
  county: '区县人大代表',
  township: '乡镇人大代表',
};

export type StationLevel = 'district_home' | 'township_home' | 'community_station' | 'contact_point';

export const STATION_LEVEL_LABELS: Record<StationLevel, string> = {
  district_home: '区级代表之家',
  township_home: '乡镇（街道）代表之家',
  community_station: '村（社区）代表联络站',
  contact_point: '代表联络点',
};

/** A handling unit (承办单位): a township/street government, a city department, the higher congress. */
export type UnitKind = 'township' | 'city_department' | 'higher_congress';

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  township: '乡镇（街道）',
  city_department: '市直部门',
  higher_congress: '上级人大',
};

export type CaseKind = 'help' | 'complaint' | 'suggestion' | 'inquiry';

export const CASE_KINDS: CaseKind[] = ['help', 'complaint', 'suggestion', 'inquiry'];

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  help: '求助',
  complaint: '投诉',
  suggestion: '建议',
  inquiry: '咨询',
};

/** How a case reached us. */
export type CaseChannel = 'deputy_code' | 'station_code' | 'deputy_entry' | 'reception_day';

export const CASE_CHANNEL_LABELS: Record<CaseChannel, string> = {
  deputy_code: '扫代表码',
  station_code: '扫联络站码',
  deputy_entry: '代表录入',
  reception_day: '接待日登记',
};

/**
 * The lifecycle. `submitted` until someone accepts or explains; `in_progress` while routed;
 * `answered` until the resident rates; then `closed`. Supervision (督办) is a flag, not a status.
 * Which action moves a case from which status, and who may take it: core/lifecycle.ts.
 */
export type CaseStatus =
  | 'submitted'
  | 'accepted'
  | 'pending_review'
  | 'in_progress'
  | 'answered'
  | 'closed'
  | 'declined'
  | 'merged'
  | 'withdrawn';

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  pending_review: '待审核',
  in_progress: '办理中',
  answered: '已答复',
  closed: '已办结',
  declined: '已说明',
  merged: '已合并',
  withdrawn: '已撤回',
};

/** Statuses in which the case still needs someone's work. */
export const OPEN_STATUSES: CaseStatus[] = ['submitted', 'accepted', 'pending_review', 'in_progress'];

export const isOpen = (status: CaseStatus): boolean => OPEN_STATUSES.includes(status);

/**
 * Statuses no action leaves (core/lifecycle-table.ts): closed, explained (解释说明), merged, and
 * withdrawn by the resident (撤回). From here on the case is only kept for the ledgers, so its
 * personal data can go (core/privacy.ts).
 */
export const FINAL_STATUSES: CaseStatus[] = ['closed', 'declined', 'merged', 'withdrawn'];

export const isFinal = (status: CaseStatus): boolean => FINAL_STATUSES.includes(status);

/**
 * The roles a WeChat account can be bound to with a one-time code from the office (stored in
 * `users.roles`); an account with none is an ordinary resident.
 */
export type AccountRole = 'deputy' | 'staff' | 'unit' | 'office' | 'leader';

/**
 * Who acts on a case: a bound role, the resident who submitted it, or the timers. A station's
 * 分管领导 (`leader`) is bound only to be on duty (我的值班, reminders) and never acts on a case.
 */
export type ActorRole = Exclude<AccountRole, 'leader'> | 'resident' | 'system';

export const ACTOR_ROLES: readonly ActorRole[] = ['resident', 'deputy', 'staff', 'unit', 'office', 'system'];

export const ACTOR_ROLE_LABELS: Record<ActorRole, string> = {
  resident: '群众',
  deputy: '人大代表',
  staff: '联络站工作人员',
  office: '代表工委',
  unit: '承办单位',
  system: '系统',
};

/**
 * How an accepted case is routed (Karamay's ways; 督办 is the `supervised` flag and 解释说明 the
 * `decline` action, so neither is a route). `assign`, `transfer` and `escalate` hand the case to a
 * handling unit: a township/street government, a city department, the higher congress's office.
 */
export type RouteKind = 'direct' | 'assign' | 'transfer' | 'escalate';

export const ROUTE_KINDS: RouteKind[] = ['direct', 'assign', 'transfer', 'escalate'];

export const ROUTE_LABELS: Record<RouteKind, string> = {
  direct: '直办',
  assign: '交办',
  transfer: '转办',
  escalate: '报办',
};

/** The resident's rating of an answer. */
export type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

export const RATINGS: Rating[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];

export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/**
 * What an answer did for the resident, as the handler records it when they answer (reply,
 * unit_answer), after China's 代表建议 handling: 已解决或采纳 (solved or adopted), 列入计划 (taken into a
 * plan: done later), 留作参考/解释说明 (kept for reference or explained: not done). 办成率 (the resolved
 * rate) is solved ÷ answered. An answer from an app version that did not ask records none (null,
 * 未注明), which never counts as solved: see docs/decisions/0017-answer-outcomes-and-figures.md.
 */
export type AnswerOutcome = 'solved' | 'planned' | 'explained';

export const ANSWER_OUTCOMES: AnswerOutcome[] = ['solved', 'planned', 'explained'];

export const ANSWER_OUTCOME_LABELS: Record<AnswerOutcome, string> = {
  solved: '已解决或采纳',
  planned: '列入计划',
  explained: '留作参考/解释说明',
};

/** What the ledger and the screens show for an answer that recorded no outcome. */
export const NO_OUTCOME_LABEL = '未注明';

/** How a closed case was closed: by the resident's rating, or by time when no rating came. */
export type CloseReason = 'rating' | 'time';

export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  rating: '评价办结',
  time: '超时未评价办结',
};

/** What someone can do to a case; the table of who may do what, when, is in core/lifecycle.ts. */
export type CaseAction =
  | 'accept'
  | 'decline'
  | 'route'
  | 'approve_transfer'
  | 'reject_transfer'
  | 'unit_answer'
  | 'unit_return'
  | 'reply'
  | 'report_back'
  | 'supervise'
  | 'rate'
  | 'redo'
  | 'close_by_time'
  | 'merge'
  | 'pause_clock'
  | 'resume_clock'
  | 'chase'
  | 'supplement'
  | 'withdraw';

export const CASE_ACTIONS: CaseAction[] = [
  'accept',
  'decline',
  'route',
  'approve_transfer',
  'reject_transfer',
  'unit_answer',
  'unit_return',
  'reply',
  'report_back',
  'supervise',
  'rate',
  'redo',
  'close_by_time',
  'merge',
  'pause_clock',
  'resume_clock',
  'chase',
  'supplement',
  'withdraw',
];

/** Button labels (the route action's button is labelled by its route kind: ROUTE_LABELS). */
export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  accept: '受理',
  decline: '解释说明',
  route: '分办',
  approve_transfer: '同意转办',
  reject_transfer: '退回转办',
  unit_answer: '办理答复',
  unit_return: '退回',
  reply: '答复',
  report_back: '向群众反馈',
  supervise: '督办',
  rate: '评价',
  redo: '发回重办',
  close_by_time: '超时办结',
  merge: '合并',
  pause_clock: '暂停计时',
  resume_clock: '恢复计时',
  chase: '催办',
  supplement: '补充',
  withdraw: '撤回',
};

/** What the timeline shows. Every transition writes one event; see core/lifecycle.ts. */
export type CaseEventType =
  | 'submitted'
  | 'replied'
  | 'accepted'
  | 'declined'
  | 'routed_direct'
  | 'routed_assign'
  | 'routed_transfer'
  | 'routed_escalate'
  | 'transfer_approved'
  | 'transfer_rejected'
  | 'unit_answered'
  | 'unit_returned'
  | 'reported_back'
  | 'supervised'
  | 'rated'
  | 'redone'
  | 'closed_by_time'
  | 'merged'
  | 'merge_received'
  | 'clock_paused'
  | 'clock_resumed'
  | 'problem_linked'
  | 'chased'
  | 'supplemented'
  | 'withdrawn';

export const CASE_EVENT_LABELS: Record<CaseEventType, string> = {
  submitted: '提交诉求',
  replied: '代表答复',
  accepted: '受理',
  declined: '解释说明',
  routed_direct: '直办',
  routed_assign: '交办',
  routed_transfer: '转办（待审核）',
  routed_escalate: '报办',
  transfer_approved: '同意转办',
  transfer_rejected: '退回转办',
  unit_answered: '承办单位答复',
  unit_returned: '承办单位退回',
  reported_back: '代表反馈',
  supervised: '列入督办',
  rated: '群众评价',
  redone: '发回重办',
  closed_by_time: '超时未评价，办结',
  merged: '合并至其他诉求',
  merge_received: '合并重复诉求',
  clock_paused: '暂停计时',
  clock_resumed: '恢复计时',
  problem_linked: '关联同类诉求',
  chased: '群众催办',
  supplemented: '群众补充',
  withdrawn: '群众撤回',
};
