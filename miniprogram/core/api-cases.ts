import type {
  AnswerOutcome,
  CaseAction,
  CaseChannel,
  CaseEventType,
  CaseKind,
  CaseStatus,
  CloseReason,
  Rating,
  RouteKind,
  UnitKind,
} from './model';
import type { DeadlineStatus } from './deadlines';
import type { PlaceInput } from './api-landing';
import type { ChaseView } from './resident-steps';

/**
 * Part of the contract between the mini-program and the functions; import it from api.ts, its
 * public face. Cases as each audience sees them: the resident's list and detail, the deputy's
 * inbox, the casework queues, case view and actions, and the deputy record computed from the cases.
 */

export interface CaseListItem {
  id: string;
  caseNo: string;
  kind: CaseKind;
  kindLabel: string;
  categoryName: string;
  /** The first characters of the description. */
  summary: string;
  status: CaseStatus;
  statusLabel: string;
  createdAt: number;
  updatedAt: number;
  /** Something changed since this reader last opened the case. */
  unread: boolean;
  photoCount: number;
}

export interface DeputyCaseListItem extends CaseListItem {
  /** 匿名群众, or the contact name; never the OpenID. */
  submitter: string;
  /** Masked, e.g. 138****1234. */
  phoneMasked: string | null;
  placeName: string | null;
  channel: CaseChannel;
}

export interface TimelineEntry {
  seq: number;
  type: CaseEventType;
  label: string;
  at: number;
  actorName: string;
  note: string | null;
  status: CaseStatus | null;
}

export interface PhotoView {
  fileID: string;
  url: string | null;
}

/** A voice note (声音留言) a reader may hear: WeChat's check did not find it risky. */
export interface VoiceNoteView {
  fileID: string;
  /** A temporary URL to play it from; null when storage could not name one. */
  url: string | null;
  /** Whole seconds. */
  duration: number;
  /** The duration as shown: `12″`. */
  durationLabel: string;
}

export interface CaseDetailView {
  id: string;
  caseNo: string;
  kind: CaseKind;
  kindLabel: string;
  categoryName: string;
  description: string;
  status: CaseStatus;
  statusLabel: string;
  channel: CaseChannel;
  createdAt: number;
  updatedAt: number;
  anonymous: boolean;
  deputy: { id: string; name: string } | null;
  station: { id: string; name: string } | null;
  location: PlaceInput | null;
  /** Full number for the resident who gave it and the deputy handling it; otherwise null. */
  phone: string | null;
  contactName: string | null;
  photos: PhotoView[];
  /**
   * 声音留言, in the order recorded: for the resident, the deputy, station staff and the office; a
   * handling unit gets none (a voice is the person's). Always sent; optional for older functions.
   */
  voiceNotes?: VoiceNoteView[];
  timeline: TimelineEntry[];
  /**
   * What the latest answer did, as its handler recorded it (已解决或采纳 / 列入计划 / 留作参考/解释说明);
   * null before an answer, or when the answer recorded none.
   */
  outcome: AnswerOutcome | null;
  /** The outcome's label; 未注明 for an answer that recorded none; null before an answer. */
  outcomeLabel: string | null;
  /**
   * The resident's view only: the China-local date (`YYYY-MM-DD`) an answer is due by, counted in
   * working days from acceptance; null while no deadline runs (not yet accepted, answered, finished).
   */
  answerDueDate?: string | null;
  /**
   * The resident's view only: whether they agree to publish the case's outcome once it is closed
   * (五公开); they may change it with `resident.setPublishConsent`.
   */
  publishConsent?: boolean;

  /**
   * The resident's view only: what they may do on the case now besides rating (core/resident-steps.ts):
   * 撤回 before acceptance, 补充 while open, and 催办 with why it is or is not possible yet.
   */
  residentSteps?: ResidentSteps | null;
}

export interface ResidentSteps {
  /** The caller's OpenID, for the paths of the photos a supplement uploads (`appeals/<openid>/`). */
  photoOwner: string;
  withdraw: boolean;
  supplement: boolean;
  /** Null when the case is not open after acceptance (nothing to chase). */
  chase: ChaseView | null;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

/**
 * The deputy's inbox tabs (cloudfunctions/deputy inbox says which statuses each holds): 新收到,
 * 办理中 (also an answer rated 不满意, waiting for 发回重办 or 督办), 已逾期, 待评价, 已办结, 全部.
 */
export type InboxTab = 'new' | 'in_progress' | 'overdue' | 'awaiting_rating' | 'done' | 'all';

export interface InboxView extends Page<DeputyCaseListItem> {
  /** How many cases each tab holds (the tabs overlap: an overdue case is also new or in progress). */
  counts: Record<InboxTab, number>;
  unread: number;
}

/** The deadline as screens show it: the due date, and whether it is near or past. */
export interface DeadlineView {
  dueDate: string;
  dueAt: number;
  status: DeadlineStatus;
  /** The official holiday calendar of a year it spans is not published yet: the date may move. */
  uncovered: boolean;
  paused: boolean;
}

/** What someone who handles cases (deputy, staff, unit, office) sees of one. */
export interface CaseworkView extends CaseDetailView {
  route: RouteKind | null;
  unit: { id: string; name: string } | null;
  supervised: boolean;
  rating: Rating | null;
  closedBy: CloseReason | null;
  deadline: DeadlineView | null;
  /** The actions this caller may take now, in the current state only. */
  actions: CaseAction[];
  /**
   * What WeChat's text check sent to human review (待人工复核), by the field's Chinese name
   * (问题描述, 联系人姓名, …): accepted and shown, for the handler to read with care. Empty when all passed.
   */
  contentReview: string[];
}

export interface CaseworkListItem extends DeputyCaseListItem {
  deadline: DeadlineView | null;
  supervised: boolean;
  unitName: string | null;
}

/** Queues: a deputy's or station's cases, a unit's routed cases, the office's review and supervision lists. */
export type QueueView = 'mine' | 'overdue' | 'review' | 'supervised';

export interface ActInput {
  caseId: string;
  action: CaseAction;
  route?: RouteKind;
  unitId?: string;
  /** The explanation, reason, reply or comment the action takes. */
  note?: string;
  /** `merge`: the earlier case this one duplicates. */
  intoCaseId?: string;
  /** `reply`, `unit_answer`: what the answer did (the screens require it; older versions send none). */
  outcome?: AnswerOutcome;
  clientRequestId: string;
}

export interface UnitView {
  id: string;
  name: string;
  kind: UnitKind;
}

/** 履职档案: computed from the cases' events, never typed in. */
export interface DeputyRecordView {
  deputy: { id: string; name: string; levelLabel: string };
  /** China-local dates, inclusive. */
  period: { from: string; to: string };
  received: number;
  accepted: number;
  routed: Record<RouteKind, number>;
  answered: number;
  /** Declined with a written explanation (解释说明): counted apart from the answers. */
  explained: number;
  answeredOnTime: number;
  /** answeredOnTime / answered with a deadline; null when none. */
  onTimeRate: number | null;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** (satisfied + basically satisfied) / rated; null when none. */
  satisfactionRate: number | null;
  receptionDaysRostered: number;
  receptionDaysAttended: number;
  /** 代表建议 the deputy signed (联名, leading included) that were submitted in the year. */
  suggestionsSigned: number;
}
