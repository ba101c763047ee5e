import type {
  BindCodeView,
  CaseFigures,
  DirectoryEntry,
  DirectoryItem,
  DirectoryListView,
  FiguresGroup,
  FiguresView,
  FileJobView,
  ProblemClassesView,
  ProblemClassView,
  PublicOpinionReportItem,
  SuggestionListItem,
  SuggestionView,
} from '../../miniprogram/core/api';
import type {
  DeputyRecordDetailView,
  RankingCell,
  RankingsView,
  RecordCaseList,
  UnsatisfiedItem,
  UnsatisfiedView,
} from '../../miniprogram/core/api-accounts';
import type { DirectoryKind } from '../../miniprogram/core/directory';
import { CASE_RANKING_COLUMNS, RANKING_COLUMN_LABELS, RATE_COLUMNS } from '../../miniprogram/core/rankings';
import { AT, directoryItem } from './mothers';

/** Test data for the office's account screens: Fuzhou's month as the office's figures show it. */

export function caseFigures(overrides: Partial<CaseFigures> = {}): CaseFigures {
  return {
    accepted: 793,
    replied: 778,
    inProgress: 15,
    declined: 0,
    merged: 0,
    withdrawn: 0,
    repliedOnTime: 778,
    onTimeRate: 100,
    rated: 778,
    satisfied: 770,
    basicallySatisfied: 5,
    unsatisfied: 3,
    satisfiedShare: 98.97,
    basicallySatisfiedShare: 0.64,
    unsatisfiedShare: 0.39,
    satisfactionRate: 99.61,
    closedUnrated: 0,
    overdue: 2,
    sentBack: 3,
    supervised: 1,
    medianReplyWorkingDays: 3.5,
    solved: 700,
    planned: 50,
    explained: 28,
    outcomeUnrecorded: 0,
    resolvedRate: 89.97,
    ...overrides,
  };
}

export const figuresGroup = (
  key: string | null,
  name: string,
  figures: Partial<CaseFigures> = {},
): FiguresGroup => ({ key, name, figures: caseFigures(figures) });

export function figuresView(overrides: Partial<FiguresView> = {}): FiguresView {
  return {
    from: '2026-10-01',
    to: '2026-10-31',
    scope: {},
    groupBy: null,
    asOf: AT,
    total: caseFigures(),
    groups: [],
    ...overrides,
  };
}

/** The groups of a breakdown by station. */
export const stationGroups = (): FiguresGroup[] => [
  figuresGroup('station-1', '东街街道代表之家', { accepted: 500, satisfactionRate: 99.8 }),
  figuresGroup('station-2', '西湖社区代表联络站', { accepted: 293, satisfactionRate: 97.2 }),
];

export const fileDone = (overrides: Partial<Extract<FileJobView, { status: 'done' }>> = {}): FileJobView => ({
  status: 'done',
  fileID: 'cloud://local.bucket/exports/ledger/ledger-1.xlsx',
  url: 'http://127.0.0.1:3000/storage/exports/ledger/ledger-1.xlsx?sign=1',
  name: '台账_2026-10-01_2026-10-31.xlsx',
  count: 793,
  madeAt: AT,
  ...overrides,
});

export const fileRunning = (total = 12000, startedAt: number | null = AT): FileJobView => ({
  status: 'running',
  total,
  startedAt,
});

/** The office's directory of stations and units, one of each retired. */
export function directoryList(kind: DirectoryKind): DirectoryListView {
  const items: Record<DirectoryKind, DirectoryItem[]> = {
    station: [
      directoryItem('station-1', '东街街道代表之家', { code: 'S0001' }),
      directoryItem('station-2', '西湖社区代表联络站', { code: 'S0002' }),
      directoryItem('station-9', '旧城联络站', { code: 'S0009', active: false }),
    ],
    unit: [
      directoryItem('unit-dongjie', '东街街道办事处'),
      directoryItem('unit-old', '原市市容局', { active: false }),
    ],
    deputy: [directoryItem('deputy-1', '王建国', { code: 'D00001' })],
    staff: [],
  };
  const list = items[kind];
  return { kind, items: list, active: list.filter((item) => item.active).length, retired: 1 };
}

const cell = (value: number | null, previous: number | null): RankingCell => ({
  value,
  previous,
  delta: value === null || previous === null ? null : Math.round((value - previous) * 100) / 100,
});

/** Two units this month against last, sorted by 满意率 from the highest. */
export function unitRankings(overrides: Partial<RankingsView> = {}): RankingsView {
  const columns = CASE_RANKING_COLUMNS.map((key) => ({
    key,
    label: RANKING_COLUMN_LABELS[key],
    rate: RATE_COLUMNS.includes(key),
  }));
  return {
    of: 'unit',
    from: '2026-11-01',
    to: '2026-11-30',
    previous: { from: '2026-10-01', to: '2026-10-31' },
    sortBy: 'satisfactionRate',
    order: 'desc',
    columns,
    stationIds: null,
    asOf: AT,
    rows: [
      {
        rank: 1,
        key: 'unit-dongjie',
        name: '东街街道办事处',
        stationName: null,
        cells: {
          cases: cell(200, 180),
          onTimeRate: cell(100, 98),
          satisfactionRate: cell(99.5, 98),
          unsatisfied: cell(1, 3),
          sentBack: cell(1, 1),
          overdue: cell(0, 0),
        },
      },
      {
        rank: 2,
        key: 'unit-zhujian',
        name: '市住建局',
        stationName: null,
        cells: {
          cases: cell(50, 40),
          onTimeRate: cell(null, 90),
          satisfactionRate: cell(92, 96),
          unsatisfied: cell(4, 2),
          sentBack: cell(2, 2),
          overdue: cell(3, 0),
        },
      },
    ],
    ...overrides,
  };
}

const caseList = (caseNos: string[], total = caseNos.length): RecordCaseList => ({
  total,
  cases: caseNos.map((caseNo, index) => ({
    caseId: `case-${caseNo}`,
    caseNo,
    createdAt: AT - index * 86_400_000,
  })),
  more: total > caseNos.length,
});

/** 林晓红's record this year: three received, two answered (one late), one rated 满意. */
export function deputyRecordDetail(overrides: Partial<DeputyRecordDetailView> = {}): DeputyRecordDetailView {
  const none = caseList([]);
  return {
    deputy: { id: 'deputy-lin', name: '林晓红', levelLabel: '市人大代表' },
    period: { from: '2026-01-01', to: '2026-12-31' },
    stationName: '东街街道代表之家',
    received: 3,
    accepted: 3,
    routed: { direct: 1, assign: 1, transfer: 0, escalate: 0 },
    answered: 2,
    explained: 0,
    answeredOnTime: 1,
    onTimeRate: 0.5,
    rated: 1,
    satisfied: 1,
    basicallySatisfied: 0,
    unsatisfied: 0,
    satisfactionRate: 1,
    receptionDaysRostered: 2,
    suggestionsSigned: 0,
    receptionDaysAttended: 1,
    events: {
      received: caseList(['20261121-0003', '20261120-0002', '20261119-0001']),
      accepted: caseList(['20261121-0003', '20261120-0002', '20261119-0001']),
      routed: {
        direct: caseList(['20261119-0001']),
        assign: caseList(['20261120-0002']),
        transfer: none,
        escalate: none,
      },
      answered: caseList(['20261120-0002', '20261119-0001']),
      explained: none,
      answeredOnTime: caseList(['20261119-0001']),
      answeredLate: caseList(['20261120-0002']),
      satisfied: caseList(['20261119-0001']),
      basicallySatisfied: none,
      unsatisfied: none,
      receptionDaysRostered: {
        total: 2,
        days: [
          { date: '2026-10-10', stationId: 'station-1', stationName: '东街街道代表之家' },
          { date: '2026-11-10', stationId: 'station-1', stationName: '东街街道代表之家' },
        ],
      },
      receptionDaysAttended: {
        total: 1,
        days: [{ date: '2026-11-10', stationId: 'station-1', stationName: '东街街道代表之家' }],
      },
    },
    ...overrides,
  };
}

export function unsatisfiedItem(overrides: Partial<UnsatisfiedItem> = {}): UnsatisfiedItem {
  return {
    caseId: 'case-1',
    caseNo: '20261118-0007',
    kindLabel: '投诉',
    categoryName: '噪音',
    summary: '楼下餐馆油烟和噪音到夜里十二点',
    deputy: { id: 'deputy-1', name: '王建国' },
    station: { id: 'station-1', name: '东街街道代表之家' },
    unit: { id: 'unit-cg', name: '市城管局' },
    answeredAt: AT - 2 * 86_400_000,
    outcome: 'planned',
    ratedAt: AT - 86_400_000,
    waitingDays: 1,
    comment: '答复说列入计划，但没说什么时候',
    resident: '138****5678',
    next: ['redo', 'supervise'],
    ...overrides,
  };
}

export const unsatisfiedView = (
  items: UnsatisfiedItem[],
  overrides: Partial<UnsatisfiedView> = {},
): UnsatisfiedView => ({
  page: 1,
  pageSize: 20,
  total: items.length,
  items,
  stationIds: null,
  ...overrides,
});

/**
 * 名册 as a district office keeps it: deputies (one bound, one retired), staff, units, and stations
 * with their 分管领导 (one line each, phone masked, as `directory` answers them).
 */
export function officeDirectory(kind: DirectoryKind): DirectoryListView {
  const items: Record<DirectoryKind, DirectoryItem[]> = {
    deputy: [
      directoryItem('deputy-lin', '林晓红', {
        code: 'D00001',
        detail: '市人大代表 · 鼓楼区人大代表之家',
        phone: '138****2345',
        bound: true,
      }),
      directoryItem('deputy-chen', '陈建国', {
        code: 'D00002',
        detail: '区人大代表 · 东街街道代表联络站',
        phone: '139****0712',
        bound: true,
      }),
      directoryItem('deputy-zheng', '郑雅琴', { code: 'D00004', detail: '区人大代表 · 温泉街道代表联络站' }),
      directoryItem('deputy-huang', '黄志明', { code: 'D00005', detail: '市人大代表' }),
      directoryItem('deputy-wang', '王丽萍', { code: 'D00003', detail: '区人大代表', active: false }),
    ],
    staff: [
      directoryItem('staff-zhou', '周敏', {
        detail: '鼓楼区人大代表之家',
        phone: '139****0001',
        bound: true,
      }),
      directoryItem('staff-liu', '刘芳', {
        detail: '东街街道代表联络站、温泉街道代表联络站',
        phone: '137****6621',
      }),
    ],
    unit: [
      directoryItem('unit-dongjie', '东街街道办事处', { detail: '乡镇（街道）', bound: true }),
      directoryItem('unit-zhujian', '区住房和城乡建设局', { detail: '区直部门' }),
    ],
    station: [
      directoryItem('station-gulou', '鼓楼区人大代表之家', {
        code: 'S0001',
        detail: '区级代表之家 · 鼓楼区东街 88 号',
        phone: '0591-8756****',
        bound: true,
        leaders: ['张卫东 区人大常委会副主任 139****2345'],
      }),
      directoryItem('station-dongjie', '东街街道代表联络站', {
        code: 'S0002',
        detail: '乡镇（街道）代表之家 · 南后街 12 号',
        bound: true,
        leaders: ['赵书记 街道党工委副书记 138****5678', '钱主任 街道人大工委主任'],
      }),
      directoryItem('station-wenquan', '温泉街道代表联络站', {
        code: 'S0003',
        detail: '村（社区）代表联络站 · 温泉支路 3 号',
      }),
      directoryItem('station-old', '旧城联络站', { code: 'S0009', active: false }),
    ],
  };
  const list = items[kind];
  const active = list.filter((item) => item.active).length;
  return { kind, items: list, active, retired: list.length - active };
}

/** 东街街道代表联络站 as `entry` answers it: the 10th of each month, two 分管领导 saved. */
export function stationEntry(
  overrides: Partial<Extract<DirectoryEntry, { kind: 'station' }>> = {},
): DirectoryEntry {
  return {
    kind: 'station',
    id: 'station-dongjie',
    code: 'S0002',
    name: '东街街道代表联络站',
    level: 'township_home',
    address: '鼓楼区南后街 12 号',
    location: { latitude: 26.08, longitude: 119.29 },
    openingHours: '工作日 9:00–17:00',
    phone: '059187561234',
    receptionRule: { kind: 'day_of_month', day: 10, holidayPolicy: 'postpone' },
    deputiesPerDay: 2,
    leaders: [
      { id: 'leader-zhao', name: '赵书记', title: '街道党工委副书记', phone: '13805915678' },
      { id: 'leader-qian', name: '钱主任', title: '街道人大工委主任', phone: null },
    ],
    active: true,
    accounts: 1,
    retiredAt: null,
    retiredReason: null,
    ...overrides,
  } as DirectoryEntry;
}

/** A bind code just made for 林晓红, valid until 2026-11-28 18:30 China time. */
export const bindCodeView = (overrides: Partial<BindCodeView> = {}): BindCodeView => ({
  code: 'K7MX-3QPA',
  role: 'deputy',
  targetName: '林晓红',
  expiresAt: Date.UTC(2026, 10, 28, 10, 30),
  ...overrides,
});

/** The first quarter of 2026, as 问题类别 reads it. */
export const CLASS_PERIOD = { from: '2026-01-01', to: '2026-03-31' };

/** 路灯损坏: three appeals, up on the quarter before, most on 温泉支路. */
export function classView(overrides: Partial<ProblemClassView> = {}): ProblemClassView {
  return {
    key: 'street_light',
    label: '路灯损坏',
    keywords: ['路灯', '不亮'],
    count: 3,
    places: [{ name: '温泉支路', count: 2 }],
    trend: { previous: 1, change: 2, direction: 'up' },
    representatives: [
      {
        caseNo: '20260106-0001-0001',
        excerpt: '温泉支路的路灯坏了一个多月',
        categoryName: '道路交通',
        status: 'accepted',
      },
    ],
    caseNos: ['20260106-0001-0001', '20260106-0001-0002', '20260106-0001-0003'],
    corrected: false,
    ...overrides,
  };
}

/** 噪音扰民: new this quarter, no place named. */
export const noiseClass = (): ProblemClassView =>
  classView({
    key: 'noise',
    label: '噪音扰民',
    keywords: ['噪音', 'KTV'],
    count: 2,
    places: [],
    trend: { previous: 0, change: 2, direction: 'new' },
    caseNos: ['20260106-0001-0004', '20260106-0001-0005'],
  });

export const classesView = (classes: ProblemClassView[]): ProblemClassesView => ({
  ...CLASS_PERIOD,
  previous: { from: '2025-10-02', to: '2025-12-31' },
  total: classes.reduce((n, c) => n + c.count, 0),
  previousTotal: 1,
  classes,
});

/** A suggestion drafted from 路灯损坏, 林晓红 signed, 陈建国 not yet. */
export function suggestionListItem(overrides: Partial<SuggestionListItem> = {}): SuggestionListItem {
  return {
    id: 'sg1',
    title: '关于解决路灯损坏问题的建议',
    status: 'drafted',
    statusLabel: '起草中',
    classLabel: '路灯损坏',
    signers: [
      { deputyId: 'deputy-lin', name: '林晓红', signedAt: AT },
      { deputyId: 'deputy-chen', name: '陈建国', signedAt: null },
    ],
    caseCount: 3,
    createdAt: AT,
    submittedAt: null,
    answeredAt: null,
    outcome: null,
    ...overrides,
  };
}

export function suggestionView(overrides: Partial<SuggestionView> = {}): SuggestionView {
  return {
    ...suggestionListItem(),
    problem: '路灯损坏长期无人维修',
    reasons: '夜间出行不安全',
    proposal: '建立限时维修制度',
    caseNos: classView().caseNos,
    signerIds: ['deputy-lin', 'deputy-chen'],
    classKey: 'street_light',
    period: CLASS_PERIOD,
    draftedBy: { role: 'office', name: '代表工委' },
    answer: null,
    version: 3,
    actions: [],
    timeline: [],
    ...overrides,
  };
}

/** A 民情专报 of the first quarter, made by the timer. */
export function opinionReport(overrides: Partial<PublicOpinionReportItem> = {}): PublicOpinionReportItem {
  return {
    id: 'r1',
    ...CLASS_PERIOD,
    name: '民情专报_2026-01-01_2026-03-31.pdf',
    status: 'done',
    pages: 3,
    requestedAt: AT,
    madeAt: AT,
    quarterly: true,
    fileID: 'cloud://x/r1.pdf',
    url: 'https://example.test/r1.pdf',
    ...overrides,
  };
}
