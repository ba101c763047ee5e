import type {
  CaseFigures,
  DirectoryItem,
  DirectoryListView,
  FiguresGroup,
  FiguresView,
  FileJobView,
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
