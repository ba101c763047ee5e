/**
 * Test data builders ("mothers") for what the cloud functions answer, typed by the contract
 * (miniprogram/core/api.ts): a test says only what matters to it, and a contract change breaks the
 * builders here, at compile time, instead of leaving tests that pass against a shape nobody sends.
 */
import type {
  CaseDetailView,
  CaseListItem,
  DeputyCaseListItem,
  DeputySummary,
  InboxView,
  LandingView,
  MyCodeView,
  StationSummary,
  SubmitResult,
  TimelineEntry,
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

type DeputyLanding = Extract<LandingView, { target: 'deputy' }>;
type StationLanding = Extract<LandingView, { target: 'station' }>;

export function deputyLanding(overrides: Partial<DeputyLanding> = {}): LandingView {
  return {
    viewer: { openid: OPENID },
    target: 'deputy',
    deputy: deputySummary(),
    station: stationSummary(),
    nextReception: {
      date: '2026-12-10',
      weekday: '周四',
      stationName: '东街街道代表之家',
      deputiesOnDuty: ['王建国'],
    },
    categories: CATEGORIES,
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
    ...overrides,
  };
}

export function inboxView(overrides: Partial<InboxView> = {}): InboxView {
  return {
    items: [deputyCaseListItem()],
    nextCursor: null,
    counts: { open: 1, answered: 0, all: 1 },
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
