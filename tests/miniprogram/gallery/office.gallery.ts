/**
 * The congress office's screens in the gallery (代表工委, 统计, 台账导出, 海报), in 标准版 and 长辈版,
 * written as HTML to .tmp/gallery/html/ beside the resident's screens (screens.gallery.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileJobView } from '../../../miniprogram/core/api';
import { ok } from '../../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, type Found, type Handlers } from '../helpers';
import {
  caseFigures,
  directoryList,
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
  /** After loading: brings the page to the state shown. */
  then?(page: Found): Promise<void>;
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
    const page = render(screen.page);
    page.instance.onLoad(screen.query ?? {});
    await settle();
    await screen.then?.(page);
    fs.writeFileSync(
      path.join(OUT, `${screen.name}--${mode}.html`),
      pageHtml(page, `${screen.name} ${mode}`),
    );
  });
});
