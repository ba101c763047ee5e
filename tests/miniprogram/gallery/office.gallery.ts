/**
 * The congress office's screens in the gallery (代表工委, 统计, 台账导出, 海报, 代表履职, 名册管理 and
 * its form, 绑定码, 个人信息保护, 问题类别), in 标准版 and 长辈版, written as HTML to
 * .tmp/gallery/html/ beside the resident's screens (screens.gallery.ts); the busiest also on a
 * narrow phone (360 px).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileJobView } from '../../../miniprogram/core/api';
import { ok } from '../../../miniprogram/core/result';
import {
  installWx,
  render,
  serveFunctions,
  serveUploads,
  settle,
  tap,
  type,
  type Found,
  type Handlers,
  type WxMock,
} from '../helpers';
import { AT, meView, retentionView } from '../mothers';
import {
  bindCodeView,
  caseFigures,
  CLASS_PERIOD,
  classesView,
  classView,
  directoryList,
  noiseClass,
  officeDirectory,
  opinionReport,
  stationEntry,
  suggestionListItem,
  suggestionView,
  figuresGroup,
  figuresView,
  fileRunning,
  deputyRecordDetail,
  unitRankings,
  unsatisfiedItem,
  unsatisfiedView,
} from '../office-mothers';
import { pageHtml, registerBuiltIns } from './render';

const OUT = path.resolve(__dirname, '..', '..', '..', '.tmp', 'gallery', 'html');

interface Screen {
  name: string;
  page: string;
  handlers: Handlers;
  query?: Record<string, string>;
  /** Before loading: what else of WeChat the screen needs (a file picker, uploads). */
  setup?(wxMock: WxMock): void;
  /** After loading: brings the page to the state shown. */
  then?(page: Found): Promise<void>;
  /** Shown on a narrow phone (360 px) too: the busiest screens. */
  narrow?: boolean;
}

const byStation = figuresView({
  groupBy: 'station',
  groups: [
    figuresGroup('station-1', '东街街道代表之家', { accepted: 412, satisfactionRate: 99.76 }),
    figuresGroup('station-2', '西湖社区代表联络站', { accepted: 236, satisfactionRate: 99.15 }),
    figuresGroup('station-3', '鼓楼区人大代表之家', { accepted: 145, satisfactionRate: 100 }),
  ],
});

/** The first ask answers that the file is being made; the next never answers, so the page stays there. */
function making(): () => Promise<{ ok: true; data: FileJobView }> {
  let asked = 0;
  return () => (asked++ === 0 ? Promise.resolve(ok(fileRunning(12000))) : new Promise(() => undefined));
}

const SCREENS: Screen[] = [
  {
    name: 'office-home',
    page: 'pages/office/home/index',
    handlers: { office: { figures: () => ok(figuresView({ from: '2026-11-01', to: '2026-11-30' })) } },
  },
  {
    name: 'office-figures',
    page: 'pages/office/figures/index',
    handlers: { office: { figures: () => ok(byStation) } },
  },
  {
    name: 'office-figures-station',
    page: 'pages/office/figures/index',
    query: { audience: 'station', stationId: 'station-1' },
    handlers: {
      station: {
        caseFigures: () =>
          ok(
            figuresView({
              groupBy: 'category',
              total: caseFigures({ accepted: 56, replied: 55, inProgress: 1, overdue: 0, rated: 50 }),
              groups: [
                figuresGroup('road_traffic', '道路交通', { accepted: 21, satisfactionRate: 100 }),
                figuresGroup('sanitation', '环境卫生', { accepted: 18, satisfactionRate: 94.44 }),
                figuresGroup('property', '物业', { accepted: 17, satisfactionRate: null }),
              ],
            }),
          ),
      },
    },
  },
  {
    name: 'office-ledger-making',
    page: 'pages/office/ledger/index',
    handlers: { office: { directory: ({ kind }) => ok(directoryList(kind)), ledger: making() } },
    then: async (page) => {
      await tap(page.querySelector('.make'));
      await settle();
      await settle();
    },
  },
  {
    name: 'office-rankings',
    page: 'pages/office/rankings/index',
    handlers: { office: { rankings: () => ok(unitRankings()) } },
  },
  {
    name: 'office-deputy-record',
    page: 'pages/office/deputy-record/index',
    query: { deputyId: 'deputy-lin' },
    handlers: { office: { deputyRecord: () => ok(deputyRecordDetail()) } },
    then: async (page) => {
      await tap(page.querySelector('.line-answered'));
    },
  },
  {
    name: 'office-unsatisfied',
    page: 'pages/office/unsatisfied/index',
    handlers: {
      office: {
        unsatisfied: () =>
          ok(
            unsatisfiedView([
              unsatisfiedItem(),
              unsatisfiedItem({ caseId: 'case-2', caseNo: '20261119-0002', next: ['redo'], comment: '' }),
            ]),
          ),
      },
    },
    then: async (page) => {
      await tap(page.querySelector('.item-case-2 .redo'));
    },
  },
  {
    name: 'office-reports',
    page: 'pages/office/reports/index',
    handlers: {
      office: {
        bimonthlyReports: () =>
          ok({
            reports: [
              {
                from: '2026-09-01',
                to: '2026-10-31',
                format: 'pdf',
                name: '双月反馈_2026-09-01_2026-10-31.pdf',
                fileID: 'cloud://b.pdf',
                madeAt: Date.UTC(2026, 9, 31, 17),
                scheduled: true,
              },
            ],
          }),
      },
    },
  },
  {
    name: 'office-posters',
    page: 'pages/office/posters/index',
    handlers: { office: { directory: ({ kind }) => ok(directoryList(kind)) } },
  },
  {
    name: 'office-deputies',
    page: 'pages/office/deputies/index',
    handlers: { office: { directory: ({ kind }) => ok(officeDirectory(kind)) } },
  },
  {
    name: 'office-directory',
    page: 'pages/office/directory/index',
    handlers: { office: { directory: ({ kind }) => ok(officeDirectory(kind)) } },
    narrow: true,
  },
  {
    name: 'office-directory-stations',
    page: 'pages/office/directory/index',
    query: { kind: 'station' },
    handlers: { office: { directory: ({ kind }) => ok(officeDirectory(kind)) } },
    then: async (page) => {
      await tap(page.querySelector('.directory-retired-toggle'));
    },
    narrow: true,
  },
  {
    name: 'office-directory-import',
    page: 'pages/office/directory/index',
    handlers: {
      resident: { me: () => ok(meView(['office'])) },
      office: {
        directory: ({ kind }) => ok(officeDirectory(kind)),
        importDirectory: () =>
          ok({
            applied: false,
            sheets: [
              { kind: 'deputy', sheet: '代表', rows: 12, created: 9, updated: 3 },
              { kind: 'unit', sheet: '承办单位', rows: 4, created: 1, updated: 3 },
            ],
            problems: [
              { sheet: '代表', row: 3, column: '所属联络站', message: '没有找到联络站「S9999」' },
              { sheet: '代表', row: 7, column: '', message: '与第 6 行重复' },
            ],
            moreProblems: 4,
          }),
      },
    },
    setup: (wxMock) => {
      serveUploads(wxMock);
      Object.assign(wx, {
        chooseMessageFile: jest.fn().mockResolvedValue({
          tempFiles: [{ path: 'wxfile://tmp/roster.xlsx', name: '2026年代表名册.xlsx', size: 20480 }],
        }),
      });
    },
    then: async (page) => {
      await tap(page.querySelector('.directory-import'));
      await settle();
    },
    narrow: true,
  },
  {
    name: 'office-directory-edit-station',
    page: 'pages/office/directory-edit/index',
    query: { kind: 'station', id: 'station-dongjie' },
    handlers: { office: { entry: () => ok(stationEntry()) } },
    narrow: true,
  },
  {
    name: 'office-directory-edit-errors',
    page: 'pages/office/directory-edit/index',
    query: { kind: 'deputy' },
    handlers: { office: { directory: ({ kind }) => ok(officeDirectory(kind)) } },
    then: async (page) => {
      await type(page.querySelector('.edit-name'), '赵晓东');
      await type(page.querySelector('.edit-phone'), '12345');
      await tap(page.querySelector('.edit-save'));
    },
    narrow: true,
  },
  {
    name: 'office-bind-codes',
    page: 'pages/office/bind-codes/index',
    handlers: { office: { directory: ({ kind }) => ok(officeDirectory(kind)) } },
    then: async (page) => {
      await tap(page.querySelector('.target-deputy-zheng'));
    },
    narrow: true,
  },
  {
    name: 'office-bind-codes-issued',
    page: 'pages/office/bind-codes/index',
    handlers: {
      office: {
        directory: ({ kind }) => ok(officeDirectory(kind)),
        createBindCode: () => ok(bindCodeView()),
      },
    },
    then: async (page) => {
      await tap(page.querySelector('.target-deputy-lin'));
      await tap(page.querySelector('.bind-create'));
    },
  },
  {
    name: 'office-privacy',
    page: 'pages/office/privacy/index',
    handlers: {
      office: {
        retention: () =>
          ok(
            retentionView({
              closedCaseDays: 365,
              updatedAt: AT - 30 * 86_400_000,
              lastRun: { at: AT - 6 * 3_600_000, cases: 12, photos: 20, visits: 3, failed: 1, more: false },
            }),
          ),
      },
    },
  },
  {
    name: 'office-privacy-error',
    page: 'pages/office/privacy/index',
    handlers: { office: { retention: () => ok(retentionView()) } },
    then: async (page) => {
      await type(page.querySelector('.retention-days'), '10');
      await tap(page.querySelector('.retention-save'));
    },
  },
  {
    name: 'office-classes',
    page: 'pages/office/classes/index',
    query: CLASS_PERIOD,
    handlers: {
      office: {
        problemClasses: () =>
          ok(
            classesView([
              classView(),
              noiseClass(),
              classView({
                key: 'parking',
                label: '小区停车难',
                keywords: ['停车', '车位', '占道'],
                count: 2,
                places: [
                  { name: '南后街', count: 1 },
                  { name: '东街口', count: 1 },
                ],
                trend: { previous: 2, change: 0, direction: 'flat' },
                caseNos: ['20260212-0003-0001', '20260301-0002-0004'],
              }),
            ]),
          ),
      },
    },
    then: async (page) => {
      await tap(page.querySelector('.class-0 .class__head'));
      await tap(page.querySelector('.class-0 .class__case'));
      await tap(page.querySelector('.class-1 .class__pick'));
      await tap(page.querySelector('.class-2 .class__pick'));
    },
    narrow: true,
  },
  {
    name: 'office-classes-suggestions',
    page: 'pages/office/classes/index',
    query: { ...CLASS_PERIOD, tab: 'suggestions' },
    handlers: {
      office: {
        suggestions: () =>
          ok({
            items: [
              suggestionListItem(),
              suggestionListItem({
                id: 'sg2',
                title: '关于治理夜间噪音扰民的建议',
                status: 'answered',
                statusLabel: '已答复',
                classLabel: '噪音扰民',
                signers: [{ deputyId: 'deputy-chen', name: '陈建国', signedAt: AT }],
                caseCount: 2,
                submittedAt: AT,
                answeredAt: AT,
                outcome: 'solved',
              }),
            ],
          }),
        suggestion: () =>
          ok(
            suggestionView({
              signers: [
                { deputyId: 'deputy-lin', name: '林晓红', signedAt: AT },
                { deputyId: 'deputy-chen', name: '陈建国', signedAt: AT },
              ],
              actions: ['update', 'submit'],
            }),
          ),
      },
    },
    then: async (page) => {
      await tap(page.querySelector('.suggestion-0 .suggestion__head'));
    },
  },
  {
    name: 'office-classes-reports',
    page: 'pages/office/classes/index',
    query: { ...CLASS_PERIOD, tab: 'reports' },
    handlers: {
      office: {
        publicOpinionReports: () =>
          ok({
            items: [
              opinionReport({
                id: 'r3',
                from: '2026-04-01',
                to: '2026-05-31',
                quarterly: false,
                status: 'running',
                pages: null,
                madeAt: null,
                url: null,
              }),
              opinionReport(),
              opinionReport({
                id: 'r0',
                from: '2025-10-01',
                to: '2025-12-31',
                status: 'failed',
                pages: null,
                madeAt: null,
                url: null,
              }),
            ],
          }),
      },
    },
  },
];

beforeAll(() => {
  registerBuiltIns();
  fs.mkdirSync(OUT, { recursive: true });
});

describe.each([['standard'], ['large']])('%s', (mode) => {
  it.each(SCREENS.map((screen) => [screen.name, screen] as const))('%s', async (_name, screen) => {
    const wxMock = installWx();
    wxMock.storage.set('textSize', mode);
    Object.assign(wx, { setNavigationBarTitle: jest.fn().mockResolvedValue({ errMsg: 'ok' }) });
    serveFunctions(wxMock, screen.handlers);
    screen.setup?.(wxMock);
    const page = render(screen.page);
    page.instance.onLoad(screen.query ?? {});
    await settle();
    await settle();
    await screen.then?.(page);
    fs.writeFileSync(
      path.join(OUT, `${screen.name}--${mode}.html`),
      pageHtml(page, `${screen.name} ${mode}`),
    );
    if (screen.narrow) {
      fs.writeFileSync(
        path.join(OUT, `${screen.name}@360--${mode}.html`),
        pageHtml(page, `${screen.name} ${mode} 360`, 360),
      );
    }
  });
});
