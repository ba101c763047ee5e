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
 */
export type CaseStatus =
  'submitted' | 'accepted' | 'pending_review' | 'in_progress' | 'answered' | 'closed' | 'declined' | 'merged';

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  pending_review: '待审核',
  in_progress: '办理中',
  answered: '已答复',
  closed: '已办结',
  declined: '已说明',
  merged: '已合并',
};

/** Statuses in which the case still needs someone's work. */
export const OPEN_STATUSES: CaseStatus[] = ['submitted', 'accepted', 'pending_review', 'in_progress'];

export const isOpen = (status: CaseStatus): boolean => OPEN_STATUSES.includes(status);

export type ActorRole = 'resident' | 'deputy' | 'staff' | 'office' | 'unit' | 'system';

export type CaseEventType = 'submitted' | 'replied';

export const CASE_EVENT_LABELS: Record<CaseEventType, string> = {
  submitted: '提交诉求',
  replied: '代表答复',
};
