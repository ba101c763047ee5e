/**
 * Test data builders ("mothers") for what the cloud functions answer, typed by the contract
 * (miniprogram/core/api.ts): a test says only what matters to it, and a contract change breaks the
 * builders here, at compile time, instead of leaving tests that pass against a shape nobody sends.
 */
import type {
  CaseDetailView,
  CaseListItem,
  CaseworkListItem,
  CaseworkView,
  DeadlineView,
  DeputyCaseListItem,
  DeputySummary,
  DirectoryItem,
  DutyRosterView,
  DutyView,
  InboxView,
  LandingView,
  PublicResults,
  MeView,
  MyCodeView,
  MyCaseData,
  MyDataView,
  MyDutiesView,
  RetentionView,
  RosterProposalView,
  StationDayView,
  StationFiguresView,
  StationOverviewView,
  StationSummary,
  StationView,
  SubmitResult,
  SwapRequestView,
  TimelineEntry,
  UnitView,
  VisitView,
} from '../../miniprogram/core/api';

/** 2026-11-21 10:30 in China (UTC+8). */
export const AT = Date.UTC(2026, 10, 21, 2, 30);

export const OPENID = 'resident-openid-1';

export function deputySummary(overrides: Partial<DeputySummary> = {}): DeputySummary {
  return {
    id: 'deputy-1',
    code: 'D00001',
    name: '王建国',
    level: 'city',
    levelLabel: '市人大代表',
    title: '鼓楼区东街街道社区主任',
    photoUrl: null,
    ...overrides,
  };
}

export function stationSummary(overrides: Partial<StationSummary> = {}): StationSummary {
  return {
    id: 'station-1',
    code: 'S0001',
    name: '东街街道代表之家',
    level: 'township_home',
    levelLabel: '乡镇（街道）代表之家',
    address: '鼓楼区东街 88 号',
    ...overrides,
  };
}

const CATEGORIES = [
  { key: 'road_traffic', name: '道路交通' },
  { key: 'sanitation', name: '环境卫生' },
  { key: 'parking', name: '停车' },
];

/** 五公开 on a landing page: this year's figures and one published outcome; `none()` for a new page. */
export function publicResults(overrides: Partial<PublicResults> = {}): PublicResults {
  return {
    year: 2026,
    received: 128,
    replied: 120,
    rated: 96,
    satisfactionRate: 97.92,
    outcomes: [
      {
        categoryName: '道路交通',
        month: '2026-10',
        monthLabel: '2026年10月',
        summary: '小区门口的路灯坏了两个星期，晚上出行很不方便。',
        outcome: 'solved',
        outcomeLabel: '已解决或采纳',
        answer: '已协调路灯管理所更换灯具，现已恢复照明。',
      },
    ],
    ...overrides,
  };
}

type DeputyLanding = Extract<LandingView, { target: 'deputy' }>;
type StationLanding = Extract<LandingView, { target: 'station' }>;

export function deputyLanding(overrides: Partial<DeputyLanding> = {}): LandingView {
  return {
    viewer: { openid: OPENID },
    target: 'deputy',
    deputy: deputySummary(),
    station: { ...stationSummary(), phone: '0591-87510001', location: { latitude: 26.08, longitude: 119.3 } },
    nextReception: {
      date: '2026-12-10',
      weekday: '周四',
      stationName: '东街街道代表之家',
      deputiesOnDuty: ['王建国'],
    },
    categories: CATEGORIES,
    publicResults: publicResults(),
    ...overrides,
  };
}

export function stationLanding(overrides: Partial<StationLanding> = {}): LandingView {
  return {
    viewer: { openid: OPENID },
    target: 'station',
    station: {
      ...stationSummary(),
      openingHours: '工作日 9:00–17:00',
      phone: '0591-87510001',
      location: { latitude: 26.08, longitude: 119.3 },
    },
    deputies: [deputySummary(), deputySummary({ id: 'deputy-2', code: 'D00002', name: '李秀兰', title: '' })],
    nextReceptions: [
      {
        date: '2026-12-10',
        weekday: '周四',
        stationName: '东街街道代表之家',
        deputiesOnDuty: ['王建国', '李秀兰'],
      },
      { date: '2027-01-11', weekday: '周一', stationName: '东街街道代表之家', deputiesOnDuty: [] },
    ],
    categories: CATEGORIES,
    publicResults: publicResults(),
    ...overrides,
  };
}

export function submitResult(overrides: Partial<SubmitResult> = {}): SubmitResult {
  return {
    caseId: 'case-1',
    caseNo: '20261121-4821-3095',
    status: 'submitted',
    createdAt: AT,
    replayed: false,
    ...overrides,
  };
}

export function caseListItem(overrides: Partial<CaseListItem> = {}): CaseListItem {
  return {
    id: 'case-1',
    caseNo: '20261121-4821-3095',
    kind: 'complaint',
    kindLabel: '投诉',
    categoryName: '环境卫生',
    summary: '小区门口垃圾三天没人清运',
    status: 'submitted',
    statusLabel: '待受理',
    createdAt: AT,
    updatedAt: AT,
    unread: false,
    photoCount: 0,
    ...overrides,
  };
}

export function deputyCaseListItem(overrides: Partial<DeputyCaseListItem> = {}): DeputyCaseListItem {
  return {
    ...caseListItem(),
    submitter: '张女士',
    phoneMasked: '138****1234',
    placeName: '东街 88 号',
    channel: 'deputy_code',
    ...overrides,
  };
}

export function timelineEntry(overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    seq: 1,
    type: 'submitted',
    label: '提交诉求',
    at: AT,
    actorName: '群众',
    note: null,
    status: 'submitted',
    ...overrides,
  };
}

export function caseDetail(overrides: Partial<CaseDetailView> = {}): CaseDetailView {
  return {
    id: 'case-1',
    caseNo: '20261121-4821-3095',
    kind: 'complaint',
    kindLabel: '投诉',
    categoryName: '环境卫生',
    description: '小区门口垃圾三天没人清运，气味很大。',
    status: 'submitted',
    statusLabel: '待受理',
    channel: 'deputy_code',
    createdAt: AT,
    updatedAt: AT,
    anonymous: false,
    deputy: { id: 'deputy-1', name: '王建国' },
    station: null,
    location: null,
    phone: null,
    contactName: null,
    photos: [],
    timeline: [timelineEntry()],
    outcome: null,
    outcomeLabel: null,
    ...overrides,
  };
}

export function inboxView(overrides: Partial<InboxView> = {}): InboxView {
  return {
    items: [deputyCaseListItem()],
    nextCursor: null,
    counts: { new: 1, in_progress: 0, overdue: 0, awaiting_rating: 0, done: 0, all: 1 },
    unread: 0,
    ...overrides,
  };
}

export function myCodeView(overrides: Partial<MyCodeView> = {}): MyCodeView {
  return {
    code: 'D00001',
    name: '王建国',
    url: 'https://example.org/daibiao?d=D00001',
    qrImageUrl: 'http://127.0.0.1:3000/files/qr/D00001.png?sign=1',
    wxacodeImageUrl: 'http://127.0.0.1:3000/files/wxacode/D00001.png?sign=1',
    scene: 'd=D00001',
    ...overrides,
  };
}

/** Due 2026-12-04: ten working days after a case accepted on Saturday 2026-11-21. */
export function deadlineView(overrides: Partial<DeadlineView> = {}): DeadlineView {
  return {
    dueDate: '2026-12-04',
    dueAt: Date.UTC(2026, 11, 4, 15, 59, 59, 999),
    status: 'ok',
    uncovered: false,
    paused: false,
    ...overrides,
  };
}

/** A case as its handler sees it: accepted, not routed yet, with a running clock. */
export function caseworkView(overrides: Partial<CaseworkView> = {}): CaseworkView {
  return {
    ...caseDetail({ status: 'accepted', statusLabel: '已受理' }),
    route: null,
    unit: null,
    supervised: false,
    rating: null,
    closedBy: null,
    deadline: deadlineView(),
    actions: ['decline', 'route', 'reply', 'merge', 'pause_clock'],
    contentReview: [],
    ...overrides,
  };
}

export function caseworkListItem(overrides: Partial<CaseworkListItem> = {}): CaseworkListItem {
  return {
    ...deputyCaseListItem({ status: 'in_progress', statusLabel: '办理中' }),
    deadline: deadlineView(),
    supervised: false,
    unitName: null,
    ...overrides,
  };
}

export const UNITS: UnitView[] = [
  { id: 'unit-dongjie', name: '东街街道办事处', kind: 'township' },
  { id: 'unit-nanjie', name: '南街街道办事处', kind: 'township' },
  { id: 'unit-housing', name: '市住房和城乡建设局', kind: 'city_department' },
  { id: 'unit-province', name: '省人大常委会办公厅', kind: 'higher_congress' },
];

type Binding = MeView['roles'][number];

/** What `resident.me` answers for someone bound in these roles (none: an ordinary resident). */
export function meView(roles: Array<Binding['role']> = []): MeView {
  const bindings: Record<Binding['role'], Binding> = {
    deputy: { role: 'deputy', deputyId: 'deputy-1', name: '王建国' },
    staff: { role: 'staff', stationId: 'station-1', name: '东街街道代表之家' },
    unit: { role: 'unit', unitId: 'unit-dongjie', name: '东街街道办事处' },
    office: { role: 'office', name: '人大常委会代表工委' },
    leader: { role: 'leader', stationId: 'station-1', leaderId: 'leader-1', name: '东街街道代表之家' },
  };
  return {
    openid: OPENID,
    roles: roles.map((role) => bindings[role]),
    unread: { asResident: 0, asDeputy: 0 },
  };
}

/** Station screens: the deputies of 东街街道代表之家 and its leaders' pool. */
export const STATION_DEPUTIES = [
  { id: 'deputy-1', name: '王建国' },
  { id: 'deputy-2', name: '李秀兰' },
  { id: 'deputy-3', name: '陈志强' },
];

export function stationView(overrides: Partial<StationView> = {}): StationView {
  return {
    ...stationSummary(),
    openingHours: '工作日 9:00–17:00',
    ruleLabel: '每月10日（节假日顺延）',
    deputiesPerDay: 2,
    deputies: STATION_DEPUTIES,
    leaders: [],
    ...overrides,
  };
}

export function dutyRosterView(overrides: Partial<DutyRosterView> = {}): DutyRosterView {
  return {
    deputies: STATION_DEPUTIES.slice(0, 2),
    leader: null,
    published: true,
    shortBy: 0,
    leaderMissing: false,
    confirmed: [],
    ...overrides,
  };
}

export function stationDayView(overrides: Partial<StationDayView> = {}): StationDayView {
  return {
    date: '2026-11-10',
    weekday: '周二',
    origin: 'rule',
    extra: false,
    ruleDate: null,
    movedFrom: null,
    cancelled: false,
    reason: null,
    onHoliday: false,
    past: true,
    roster: dutyRosterView(),
    present: null,
    visits: 0,
    swapRequests: [],
    ...overrides,
  };
}

export function stationOverviewView(overrides: Partial<StationOverviewView> = {}): StationOverviewView {
  return {
    station: stationView(),
    month: '2026-11',
    today: '2026-11-21',
    plan: { from: '2026-11-01', to: '2026-11-30', days: [stationDayView()], ignored: [], uncoveredYears: [] },
    visitors: { visits: 0, answeredOnSpot: 0 },
    cases: { opened: 0, answered: 0, open: 0, overdue: 0 },
    uncoveredYears: [],
    stations: [{ id: 'station-1', name: '东街街道代表之家' }],
    ...overrides,
  };
}

/** December 2026's overview with one reception day on the 10th, still ahead (as it is on AT). */
export function decemberView(day: Partial<StationDayView> = {}): StationOverviewView {
  return stationOverviewView({
    month: '2026-12',
    plan: {
      from: '2026-12-01',
      to: '2026-12-31',
      days: [stationDayView({ date: '2026-12-10', weekday: '周四', past: false, ...day })],
      ignored: [],
      uncoveredYears: [],
    },
  });
}

export function visitView(overrides: Partial<VisitView> = {}): VisitView {
  return {
    visitId: 'visit-1',
    date: '2026-11-21',
    receivedBy: { id: 'deputy-1', name: '王建国' },
    answeredOnSpot: false,
    cases: [{ caseId: 'case-1', caseNo: '20261121-4821-3095', kind: 'suggestion', categoryName: '道路交通' }],
    createdAt: AT,
    replayed: false,
    ...overrides,
  };
}

export function stationFiguresView(overrides: Partial<StationFiguresView> = {}): StationFiguresView {
  return {
    from: '2026-01-01',
    to: '2026-11-30',
    visits: 68,
    answeredOnSpot: 12,
    visitsWithCases: 50,
    suggestions: 56,
    fromVisits: 50,
    fromScans: 6,
    byKind: { help: 10, complaint: 8, suggestion: 30, inquiry: 8 },
    handled: 55,
    closed: 40,
    answered: 10,
    explained: 5,
    remaining: 1,
    overdue: 0,
    merged: 0,
    replied: 50,
    rated: 40,
    satisfied: 38,
    basicallySatisfied: 2,
    unsatisfied: 0,
    satisfactionRate: 100,
    withdrawn: 0,
    ...overrides,
  };
}

export function dutyView(overrides: Partial<DutyView> = {}): DutyView {
  return {
    dayId: 'station-1_2026-12-10',
    station: { id: 'station-1', name: '东街街道代表之家' },
    date: '2026-12-10',
    weekday: '周四',
    colleagues: [STATION_DEPUTIES[1]],
    confirmed: false,
    swapRequest: null,
    ...overrides,
  };
}

export function swapRequestView(overrides: Partial<SwapRequestView> = {}): SwapRequestView {
  return {
    id: 'swap-1',
    deputy: STATION_DEPUTIES[0],
    date: '2026-12-10',
    withDeputy: null,
    withDate: null,
    reason: '临时出差',
    status: 'pending',
    requestedAt: AT,
    decidedAt: null,
    note: null,
    ...overrides,
  };
}

/** 王建国's duties: 12-10 with 李秀兰; 陈志强 is on duty on 2027-01-11. */
export function myDutiesView(overrides: Partial<MyDutiesView> = {}): MyDutiesView {
  return {
    role: 'deputy',
    today: '2026-11-21',
    duties: [dutyView()],
    colleagues: STATION_DEPUTIES.slice(1),
    stationDays: [
      { date: '2026-12-10', weekday: '周四', deputies: STATION_DEPUTIES.slice(0, 2) },
      { date: '2027-01-11', weekday: '周一', deputies: [STATION_DEPUTIES[2], STATION_DEPUTIES[1]] },
    ],
    ...overrides,
  };
}

export function rosterProposalView(overrides: Partial<RosterProposalView> = {}): RosterProposalView {
  return {
    from: '2026-12-01',
    to: '2026-12-31',
    deputiesPerDay: 2,
    days: [
      {
        date: '2026-12-10',
        weekday: '周四',
        proposal: dutyRosterView({ deputies: STATION_DEPUTIES.slice(1, 3), published: false }),
        current: null,
      },
    ],
    ...overrides,
  };
}

/** One line of the office's directory list. */
export const directoryItem = (
  id: string,
  name: string,
  extra: Partial<DirectoryItem> = {},
): DirectoryItem => ({
  id,
  code: null,
  name,
  detail: '',
  phone: null,
  bound: false,
  active: true,
  ...extra,
});

/** One of the resident's cases in 我的信息: finished, with a name, a phone, a location and photos. */
export function myCaseData(overrides: Partial<MyCaseData> = {}): MyCaseData {
  return {
    caseId: 'case-1',
    caseNo: '20261121-4821-3095',
    kindLabel: '投诉',
    categoryName: '环境卫生',
    statusLabel: '已办结',
    createdAt: AT,
    finished: true,
    anonymous: false,
    contactName: '张女士',
    phone: '13812341234',
    location: { latitude: 26.08, longitude: 119.3, name: '东街口', address: '鼓楼区东街' },
    photoCount: 2,
    ratingComment: '处理得很及时',
    consent: { at: AT, location: 'separate' },
    erasureRequestedAt: null,
    removeBy: Date.UTC(2027, 4, 20, 2, 30),
    ...overrides,
  };
}

export function myDataView(overrides: Partial<MyDataView> = {}): MyDataView {
  return {
    openid: OPENID,
    cases: [myCaseData()],
    moreCases: 0,
    roles: [],
    requests: [],
    retentionDays: 180,
    ...overrides,
  };
}

export function retentionView(overrides: Partial<RetentionView> = {}): RetentionView {
  return {
    closedCaseDays: 180,
    defaultDays: 180,
    minDays: 30,
    maxDays: 1095,
    updatedAt: null,
    lastRun: null,
    ...overrides,
  };
}
