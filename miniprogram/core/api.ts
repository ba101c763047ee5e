import type {
  CaseAction,
  CaseChannel,
  CaseEventType,
  CaseKind,
  CaseStatus,
  CloseReason,
  DeputyLevel,
  Rating,
  RouteKind,
  StationLevel,
} from './model';
import type { DeadlineStatus } from './deadlines';
import type { Target } from './codes';

/**
 * The contract between the mini-program and the cloud functions: for every function and action,
 * what goes in and what comes out. The client's services and the functions' handlers are both
 * typed from this table, so a change here is a compile error on whichever side did not follow.
 *
 * Times are milliseconds since the epoch (JSON has no dates); phone numbers in lists are masked.
 */

export interface CategoryView {
  key: string;
  name: string;
}

export interface StationSummary {
  id: string;
  code: string;
  name: string;
  level: StationLevel;
  levelLabel: string;
  address: string;
}

export interface ReceptionDayView {
  /** China-local date, YYYY-MM-DD. */
  date: string;
  /** 周一 … 周日 */
  weekday: string;
  stationName: string;
  /** Names of the deputies on duty, when a roster has been published. */
  deputiesOnDuty: string[];
}

export interface DeputySummary {
  id: string;
  code: string;
  name: string;
  level: DeputyLevel;
  levelLabel: string;
  title: string;
  photoUrl: string | null;
}

export type LandingView = { viewer: { openid: string } } & (
  | {
      target: 'deputy';
      deputy: DeputySummary;
      station: StationSummary | null;
      nextReception: ReceptionDayView | null;
      categories: CategoryView[];
    }
  | {
      target: 'station';
      station: StationSummary & { openingHours: string; location: GeoPoint | null };
      deputies: DeputySummary[];
      nextReceptions: ReceptionDayView[];
      categories: CategoryView[];
    }
);

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface PlaceInput extends GeoPoint {
  name?: string;
  address?: string;
}

export interface SubmitInput {
  target: Target;
  kind: CaseKind;
  category: string;
  description: string;
  /** File IDs of photos the caller uploaded (at most 9), compressed on the phone. */
  photos: string[];
  location?: PlaceInput | null;
  phone?: string | null;
  contactName?: string | null;
  anonymous: boolean;
  /** The resident agreed to the privacy notice (required by WeChat for personal data). */
  consent: boolean;
  /** Chosen by the client once per draft: a retried submit with the same id returns the same case. */
  clientRequestId: string;
}

export interface SubmitResult {
  caseId: string;
  caseNo: string;
  status: CaseStatus;
  createdAt: number;
  /** True when this request was a retry of one already stored. */
  replayed: boolean;
}

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
  timeline: TimelineEntry[];
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

export type InboxTab = 'open' | 'answered' | 'all';

export interface InboxView extends Page<DeputyCaseListItem> {
  counts: Record<InboxTab, number>;
  unread: number;
}

export interface MyCodeView {
  code: string;
  name: string;
  /** The URL the printable QR code holds. */
  url: string;
  /** Temporary URL of the printable QR code (PNG). */
  qrImageUrl: string;
  /** Temporary URL of WeChat's mini-program code (PNG), or null if WeChat refused to make one. */
  wxacodeImageUrl: string | null;
  scene: string;
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
  clientRequestId: string;
}

export interface UnitView {
  id: string;
  name: string;
  kind: 'township' | 'city_department' | 'higher_congress';
}

export interface MeView {
  openid: string;
  roles: Array<
    | { role: 'deputy'; deputyId: string; name: string }
    | { role: 'staff'; stationId: string; name: string }
    | { role: 'unit'; unitId: string; name: string }
    | { role: 'office'; name: string }
  >;
  unread: { asResident: number; asDeputy: number };
}

/** Every action of every function: `[input, output]`. */
export interface Api {
  resident: {
    landing: [{ scene?: string; q?: string; type?: string; code?: string }, LandingView];
    submit: [SubmitInput, SubmitResult];
    myCases: [{ cursor?: string | null; limit?: number }, Page<CaseListItem>];
    caseDetail: [{ caseId: string }, CaseDetailView];
    me: [Record<string, never>, MeView];
    /** 满意 / 基本满意 / 不满意, with an optional comment, on an answered case. */
    rate: [{ caseId: string; rating: Rating; comment?: string; clientRequestId: string }, CaseDetailView];
  };
  casework: {
    queue: [{ view?: QueueView; cursor?: string | null; limit?: number }, Page<CaseworkListItem>];
    caseDetail: [{ caseId: string }, CaseworkView];
    act: [ActInput, CaseworkView];
    units: [Record<string, never>, UnitView[]];
  };
  deputy: {
    inbox: [{ tab?: InboxTab; cursor?: string | null; limit?: number }, InboxView];
    caseDetail: [{ caseId: string }, CaseDetailView];
    reply: [{ caseId: string; content: string; clientRequestId: string }, CaseDetailView];
    myCode: [Record<string, never>, MyCodeView];
  };
  admin: {
    health: [Record<string, never>, { status: 'ok'; stations: number; databaseMs: number; at: string }];
  };
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends [
  infer I,
  unknown,
]
  ? I
  : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends [
  unknown,
  infer O,
]
  ? O
  : never;
