import type {
  AccountRole,
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
  UnitKind,
} from './model';
import type { DeadlineStatus } from './deadlines';
import type {
  DeputyFields,
  DirectoryFields,
  DirectoryKind,
  StaffFields,
  StationFields,
  UnitFields,
} from './directory';
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
  kind: UnitKind;
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

/** The role a one-time bind code binds an account to. */
export type BindRole = AccountRole;

/** A one-time code the office gives a person so they can bind their WeChat account to a role. */
export interface BindCodeView {
  /** Shown once, to the office, to hand over; stored only as a hash. */
  code: string;
  role: BindRole;
  /** The deputy, station or unit bound to (the office for office accounts). */
  targetName: string;
  expiresAt: number;
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
}

/** A deputy or leader as station screens name them. */
export interface PersonRef {
  id: string;
  name: string;
}

/** A reception day's duty roster (值班表) as staff see it. */
export interface DutyRosterView {
  deputies: PersonRef[];
  /** The leader on duty (分管领导), where the station has a leaders' pool. */
  leader: PersonRef | null;
  /** Published rosters show on the station page and the deputies are reminded the day before. */
  published: boolean;
  /** How many deputies the day still lacks (the station's deputies per day minus those rostered). */
  shortBy: number;
  /** The station has a leaders' pool and no leader is on the roster. */
  leaderMissing: boolean;
  /** The deputies on a published roster who confirmed the duty for this date (确认值班). */
  confirmed: PersonRef[];
}

/** One reception day of a station: planned from its rule and staff's changes, or cancelled. */
export interface StationDayView {
  /** China-local YYYY-MM-DD; for a cancelled day, the date it would have been on. */
  date: string;
  weekday: string;
  /** From the rule, or an extra day staff added. */
  origin: 'rule' | 'extra';
  extra: boolean;
  /** The date the rule names, when the holiday policy moved the day (节假日顺延). */
  ruleDate: string | null;
  /** The date staff moved the day from. */
  movedFrom: string | null;
  cancelled: boolean;
  /** Staff's reason for moving, adding or cancelling the day. */
  reason: string | null;
  /** Held on a weekend or an official holiday. */
  onHoliday: boolean;
  /** Before today (China time): no longer changeable, attendance can be taken. */
  past: boolean;
  roster: DutyRosterView | null;
  /** The deputies ticked present; null until attendance is taken. */
  present: PersonRef[] | null;
  /** Visitors registered for that day. */
  visits: number;
  /** Deputies' pending requests to hand over or swap their duty that day, for staff to decide. */
  swapRequests: SwapRequestView[];
}

/** A station's reception days over a period. */
export interface ReceptionPlanView {
  from: string;
  to: string;
  /** In date order, cancelled days included (marked). */
  days: StationDayView[];
  /** Staff changes that no longer apply, typically after the rule changed; shown, not dropped. */
  ignored: Array<{
    kind: 'move' | 'cancel' | 'add';
    date: string;
    to: string | null;
    reason: string;
    why: 'NO_SUCH_DAY' | 'DATE_TAKEN';
  }>;
  /** Years whose official holidays are not published yet: dates there may still move. */
  uncoveredYears: number[];
}

/** A station as its staff see it. */
export interface StationView extends StationSummary {
  openingHours: string;
  /** 每月10日（节假日顺延）…; null when the station has no reception rule yet. */
  ruleLabel: string | null;
  /** Deputies on duty per reception day. */
  deputiesPerDay: number;
  deputies: PersonRef[];
  /** The leaders' pool; empty when the station has no leader on duty. */
  leaders: PersonRef[];
}

/**
 * A station's figures for a period (core/station-figures.ts): visits (人次), suggestions received,
 * handled, remaining — the figures stations publish.
 */
export interface StationFiguresView {
  from: string;
  to: string;
  visits: number;
  answeredOnSpot: number;
  visitsWithCases: number;
  suggestions: number;
  fromVisits: number;
  fromScans: number;
  byKind: Record<CaseKind, number>;
  handled: number;
  closed: number;
  answered: number;
  explained: number;
  remaining: number;
  overdue: number;
  merged: number;
}

/** 本月概览: the month at a glance for station staff (and the office). */
export interface StationOverviewView {
  station: StationView;
  /** YYYY-MM */
  month: string;
  today: string;
  plan: ReceptionPlanView;
  /** Visitors registered in the month so far, and of those answered on the spot (当场答复). */
  visitors: { visits: number; answeredOnSpot: number };
  /** The station's cases raised in the month: opened, answered (handled), still open, overdue. */
  cases: { opened: number; answered: number; open: number; overdue: number };
  uncoveredYears: number[];
  /** The stations the caller works for (staff of several choose one; empty for the office). */
  stations: Array<{ id: string; name: string }>;
}

export type DayChangeKind = 'move' | 'cancel' | 'add' | 'restore';

export interface RosterProposalView {
  from: string;
  to: string;
  deputiesPerDay: number;
  days: Array<{
    date: string;
    weekday: string;
    /** The rotation's proposal (who served least recently first; unavailability respected). */
    proposal: DutyRosterView;
    /** What is saved for the day now, if anything. */
    current: DutyRosterView | null;
  }>;
}

export interface VisitItemInput {
  kind: CaseKind;
  category: string;
  description: string;
  /** File IDs of photos taken at the desk, uploaded by the staff member. */
  photos?: string[];
}

export interface RegisterVisitorInput {
  /** Staff of several stations name the station; otherwise their own. */
  stationId?: string;
  date: string;
  /** The deputy who received the visitor: each item becomes a case addressed to them. */
  receivedBy: string;
  visitorName?: string | null;
  anonymous: boolean;
  phone?: string | null;
  items: VisitItemInput[];
  /** A question answered at the desk (当场答复): counted, and opens no case. */
  answeredOnSpot: boolean;
  answer?: string | null;
  /** Chosen once per registration form: a retried registration creates nothing twice. */
  clientRequestId: string;
}

export interface VisitView {
  visitId: string;
  date: string;
  receivedBy: PersonRef;
  answeredOnSpot: boolean;
  cases: Array<{ caseId: string; caseNo: string; kind: CaseKind; categoryName: string }>;
  createdAt: number;
  /** True when this request was a retry of one already stored. */
  replayed: boolean;
}

/** One line of the office's directory (名册) list: phone numbers masked. */
export interface DirectoryItem {
  id: string;
  /** The printed code of a deputy (D00001) or station (S0001); null for staff and units. */
  code: string | null;
  name: string;
  /** 市人大代表 · 鼓楼区人大代表之家; the stations of a staff member; a unit's kind; a station's level and address. */
  detail: string;
  phone: string | null;
  /** A WeChat account is bound (a deputy, a staff member), or holds the unit's or station's role. */
  bound: boolean;
  active: boolean;
}

export interface DirectoryListView {
  kind: DirectoryKind;
  /** Active records first (deputies and stations by code, staff and units by name), then retired ones. */
  items: DirectoryItem[];
  active: number;
  retired: number;
}

interface EntryMeta {
  id: string;
  active: boolean;
  /** WeChat accounts bound to the record (a deputy or staff member: 0 or 1). */
  accounts: number;
  retiredAt: number | null;
  /** 任期届满、调离… as the office gave it. */
  retiredReason: string | null;
}

/** One record in full, for the office's edit form (phone numbers unmasked). */
export type DirectoryEntry =
  | ({ kind: 'deputy'; code: string; stationName: string } & DeputyFields & EntryMeta)
  | ({ kind: 'staff'; stationNames: string[] } & StaffFields & EntryMeta)
  | ({ kind: 'unit' } & UnitFields & EntryMeta)
  | ({ kind: 'station'; code: string } & StationFields & EntryMeta);

/** Creates a record (no `id`; `clientRequestId` makes a retry safe) or updates one (`id`). */
export type SaveDirectoryInput = {
  [K in DirectoryKind]: { kind: K; id?: string; fields: DirectoryFields[K]; clientRequestId?: string };
}[DirectoryKind];

export interface RetireResult {
  entry: DirectoryEntry;
  /** Open cases still addressed to the retired deputy, routed to the unit, or at the station. */
  openCases: number;
}

/** What a spreadsheet import found (and, unless a dry run without problems, stored). */
export interface ImportReport {
  /** True when the rows were stored; false for a dry run or when any row has a problem. */
  applied: boolean;
  sheets: Array<{
    kind: DirectoryKind;
    sheet: string;
    rows: number;
    /** New records (to be) created. */
    created: number;
    /** Rows matching a record already in the directory, (to be) updated with the sheet's values. */
    updated: number;
  }>;
  /** Row-level problems: nothing is stored while there is one. At most 100 are listed. */
  problems: Array<{ sheet: string; row: number; column: string; message: string }>;
  moreProblems: number;
}

export type SwapStatus = 'pending' | 'applied' | 'declined' | 'withdrawn';

/**
 * A deputy's request to hand over or swap a duty (换班申请): recorded on the reception day, decided
 * by staff (applied to the rosters, or declined with a note).
 */
export interface SwapRequestView {
  id: string;
  deputy: PersonRef;
  /** The date of the duty to hand over. */
  date: string;
  /** The colleague the deputy named to take over, if any (staff choose one otherwise). */
  withDeputy: PersonRef | null;
  /** The colleague's duty day the deputy offers to take in exchange, if any. */
  withDate: string | null;
  reason: string;
  status: SwapStatus;
  requestedAt: number;
  decidedAt: number | null;
  /** Staff's note when deciding. */
  note: string | null;
}

/** One upcoming duty of the calling deputy (我的值班). */
export interface DutyView {
  /** The reception day, as deputy.confirmDuty and deputy.requestSwap name it. */
  dayId: string;
  station: { id: string; name: string };
  date: string;
  weekday: string;
  /** The others on duty that day (deputies, then the leader). */
  colleagues: PersonRef[];
  confirmed: boolean;
  /** The deputy's latest request for this duty, when pending or declined. */
  swapRequest: SwapRequestView | null;
}

export interface MyDutiesView {
  today: string;
  duties: DutyView[];
  /** The other deputies of the station, who could take over a duty. */
  colleagues: PersonRef[];
  /** The station's upcoming published reception days and who is on them: days to offer a swap for. */
  stationDays: Array<{ date: string; weekday: string; deputies: PersonRef[] }>;
}

export interface RequestSwapInput {
  dayId: string;
  reason: string;
  withDeputyId?: string | null;
  /** With `withDeputyId`: the colleague's duty day to take in exchange (a swap, not a hand-over). */
  withDate?: string | null;
  /** Chosen once per request form: a retry records the request once. */
  clientRequestId: string;
}

export interface DecideSwapInput {
  stationId?: string;
  /** The date of the reception day the request is for. */
  date: string;
  requestId: string;
  decision: 'apply' | 'decline';
  /** When the deputy named nobody: the colleague staff choose to take over. */
  withDeputyId?: string | null;
  note?: string | null;
}

/** Every action of every function: `[input, output]`. */
export interface Api {
  resident: {
    landing: [{ scene?: string; q?: string; type?: string; code?: string }, LandingView];
    submit: [SubmitInput, SubmitResult];
    myCases: [{ cursor?: string | null; limit?: number }, Page<CaseListItem>];
    caseDetail: [{ caseId: string }, CaseDetailView];
    me: [Record<string, never>, MeView];
    /** Binds the caller's WeChat account with a one-time code from the office. */
    bind: [{ code: string }, MeView];
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
    /** The caller's record for a year (default: the current one). */
    record: [{ year?: number }, DeputyRecordView];
    /** 我的值班: the caller's upcoming duties on published rosters. */
    duties: [Record<string, never>, MyDutiesView];
    /** Confirms a duty (withdrawing the caller's pending swap request for it, if any). */
    confirmDuty: [{ dayId: string }, MyDutiesView];
    /** Asks to hand over or swap a duty, with a reason; staff decide. */
    requestSwap: [RequestSwapInput, MyDutiesView];
  };
  /** The congress office (代表工委). */
  office: {
    health: [Record<string, never>, { status: 'ok'; stations: number; databaseMs: number; at: string }];
    /** Office only: a one-time code (expiring, single use) binding a person to a role. */
    createBindCode: [{ role: BindRole; targetId?: string }, BindCodeView];
    /** Office only: a year's official holiday notice, when the calendar package lacks that year. */
    setCalendarYear: [
      { year: number; holidays: string[]; workdays: string[] },
      { year: number; holidays: number; workdays: number },
    ];
    /** Office only: one kind of the directory (名册), retired records last. */
    directory: [{ kind: DirectoryKind }, DirectoryListView];
    /** Office only: one record in full. */
    entry: [{ kind: DirectoryKind; id: string }, DirectoryEntry];
    /** Office only: creates or updates a deputy, staff member, unit or station. */
    save: [SaveDirectoryInput, DirectoryEntry];
    /** Office only: retires (with a reason) or restores a record; nothing is ever deleted. */
    setActive: [{ kind: DirectoryKind; id: string; active: boolean; reason?: string }, RetireResult];
    /** Office only: reads an uploaded .xlsx (sheets 代表 / 工作人员 / 承办单位); stores it unless `dryRun`. */
    importDirectory: [{ fileID: string; dryRun: boolean }, ImportReport];
    /** Office only: the import template (.xlsx, with the sheets, columns and an example row). */
    importTemplate: [Record<string, never>, { fileID: string; url: string }];
  };
  /**
   * @deprecated The office function's name before it was named as its audience: app versions
   * released earlier still call it. It answers exactly what `office` answers.
   */
  admin: Api['office'];
  /**
   * Station staff (role `staff` of the station); the office may read (overview, figures) naming
   * the station. Every action takes an optional `stationId` for callers bound to several stations.
   */
  station: {
    overview: [{ stationId?: string; month?: string }, StationOverviewView];
    /** Moves, cancels, adds or restores one reception day, with a reason; answers the months touched. */
    changeDay: [
      {
        stationId?: string;
        kind: DayChangeKind;
        date: string;
        toDate?: string;
        reason?: string;
        /** Confirms a date on a weekend or holiday (RECEPTION.NOT_WORKDAY otherwise). */
        force?: boolean;
      },
      ReceptionPlanView,
    ];
    proposeRoster: [{ stationId?: string; from: string; to: string }, RosterProposalView];
    saveRoster: [
      { stationId?: string; date: string; deputyIds: string[]; leaderId?: string | null; publish: boolean },
      StationDayView,
    ];
    registerVisitor: [RegisterVisitorInput, VisitView];
    recordAttendance: [{ stationId?: string; date: string; presentDeputyIds: string[] }, StationDayView];
    figures: [{ stationId?: string; from: string; to: string }, StationFiguresView];
    /** Applies (core/roster.ts applySwap) or declines a deputy's swap request. */
    decideSwap: [DecideSwapInput, StationDayView];
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
