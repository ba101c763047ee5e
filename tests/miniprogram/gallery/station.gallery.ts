/**
 * The station desk's screens in the gallery (本月概览, 今天, 登记来访, 值班表, 统计), in 标准版 and
 * 长辈版, at 375 px and on a narrow phone (360 px): staff hold the phone at a crowded desk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ok } from '../../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, type, type Found, type Handlers } from '../helpers';
import {
  dutyRosterView,
  rosterProposalView,
  stationDayView,
  stationFiguresView,
  stationLanding,
  stationOverviewView,
  stationView,
  swapRequestView,
} from '../mothers';
import { NO_RECEPTION, onDuty, todayView, todayVisitor } from '../station-mothers';
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

/** November at 鼓楼区代表之家: a day cancelled, one held (attendance taken), one moved and ahead. */
const NOVEMBER = stationOverviewView({
  station: stationView({ name: '鼓楼区代表之家', leaders: [{ id: 'leader-1', name: '张卫东' }] }),
  plan: {
    from: '2026-11-01',
    to: '2026-11-30',
    days: [
      stationDayView({
        date: '2026-11-03',
        weekday: '周二',
        cancelled: true,
        reason: '场地维修',
        roster: null,
      }),
      stationDayView({
        date: '2026-11-10',
        weekday: '周二',
        ruleDate: '2026-11-08',
        roster: dutyRosterView({ leader: { id: 'leader-1', name: '张卫东' } }),
        present: [{ id: 'deputy-1', name: '王建国' }],
        visits: 3,
      }),
      stationDayView({
        date: '2026-11-24',
        weekday: '周二',
        movedFrom: '2026-11-17',
        reason: '代表集中视察',
        past: false,
        roster: dutyRosterView({ published: false }),
      }),
    ],
    ignored: [],
    uncoveredYears: [],
  },
  visitors: { visits: 3, answeredOnSpot: 1 },
  cases: { opened: 4, answered: 2, open: 2, overdue: 1 },
});

/** 今天 on a busy reception day: two deputies and the leader on duty, a helper signed in, visitors. */
const BUSY_DAY = todayView({
  onDuty: [
    onDuty({ signedInAt: '08:55' }),
    onDuty({ id: 'deputy-2', name: '李秀兰', phone: '13805910002' }),
    onDuty({ id: 'leader-1', name: '张卫东', role: 'leader', title: '街道党工委副书记', phone: null }),
    onDuty({ id: 'deputy-3', name: '陈志强', phone: '13805910003', signedInAt: '09:20' }),
  ],
  visitors: [
    todayVisitor({ id: 'visit-3', time: '10:15', name: '刘阿姨', phone: '137****5678', summary: '物业' }),
    todayVisitor({ id: 'visit-2', time: '09:40', name: '匿名', phone: null, summary: '当场答复', items: 0 }),
    todayVisitor(),
  ],
});

/** 登记来访 reads the day's roster from the overview and the station's categories from its page. */
const VISITOR_HANDLERS: Handlers = {
  station: { overview: () => ok(NOVEMBER) },
  resident: { landing: () => ok(stationLanding()) },
};

const DECEMBER = stationOverviewView({
  month: '2026-12',
  station: stationView({ name: '鼓楼区代表之家', leaders: [{ id: 'leader-1', name: '张卫东' }] }),
  plan: {
    from: '2026-12-01',
    to: '2026-12-31',
    days: [
      stationDayView({
        date: '2026-12-10',
        weekday: '周四',
        past: false,
        roster: dutyRosterView({
          leader: { id: 'leader-1', name: '张卫东' },
          confirmed: [{ id: 'deputy-2', name: '李秀兰' }],
        }),
        swapRequests: [swapRequestView()],
      }),
    ],
    ignored: [],
    uncoveredYears: [],
  },
});

const SCREENS: Screen[] = [
  {
    name: 'station-overview',
    page: 'pages/station/overview/index',
    handlers: { station: { overview: () => ok(NOVEMBER) } },
  },
  {
    name: 'station-overview-attendance',
    page: 'pages/station/overview/index',
    handlers: { station: { overview: () => ok(NOVEMBER) } },
    then: async (page) => {
      await tap(page.querySelector('.attend-2026-11-10'));
    },
  },
  {
    name: 'station-today',
    page: 'pages/station/today/index',
    handlers: { station: { today: () => ok(BUSY_DAY) } },
  },
  {
    name: 'station-today-none',
    page: 'pages/station/today/index',
    handlers: { station: { today: () => ok(NO_RECEPTION) } },
  },
  {
    name: 'station-visitor',
    page: 'pages/station/visitor/index',
    query: { date: '2026-11-10' },
    handlers: VISITOR_HANDLERS,
  },
  {
    name: 'station-visitor-errors',
    page: 'pages/station/visitor/index',
    query: { date: '2026-11-10' },
    handlers: VISITOR_HANDLERS,
    then: async (page) => {
      await type(page.querySelector('.phone-input'), '12345');
      await tap(page.querySelector('.submit'));
    },
  },
  {
    name: 'station-roster',
    page: 'pages/station/roster/index',
    query: { month: '2026-12' },
    handlers: {
      station: {
        overview: () => ok(DECEMBER),
        proposeRoster: () => ok(rosterProposalView()),
      },
    },
  },
  {
    name: 'station-figures',
    page: 'pages/station/figures/index',
    handlers: { station: { figures: () => ok(stationFiguresView({ withdrawn: 2 })) } },
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
    await settle();
    await screen.then?.(page);
    fs.writeFileSync(
      path.join(OUT, `${screen.name}--${mode}.html`),
      pageHtml(page, `${screen.name} ${mode}`),
    );
    fs.writeFileSync(
      path.join(OUT, `${screen.name}@360--${mode}.html`),
      pageHtml(page, `${screen.name} ${mode} 360`, 360),
    );
  });
});
