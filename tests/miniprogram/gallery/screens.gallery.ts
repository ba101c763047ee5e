/**
 * The screens of the gallery: each page in its main states, in 标准版 and 长辈版, written as HTML to
 * .tmp/gallery/html/ for scripts/gallery.ts to photograph. Run by `npm run gallery`, not `npm test`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ok } from '../../../miniprogram/core/result';
import {
  installWx,
  render,
  serveFunctions,
  serveUploads,
  settle,
  tap,
  type Found,
  type Handlers,
  type WxMock,
} from '../helpers';
import {
  AT,
  caseDetail,
  caseListItem,
  caseworkView,
  deputyLanding,
  deputySummary,
  inboxView,
  myCodeView,
  stationSummary,
  meView,
  stationLanding,
  timelineEntry,
} from '../mothers';
import { pageHtml, registerBuiltIns } from './render';

const OUT = path.resolve(__dirname, '..', '..', '..', '.tmp', 'gallery', 'html');

interface Screen {
  name: string;
  page: string;
  handlers: Handlers;
  /** Loads the page and brings it to the state shown. */
  open(page: Found, wxMock: WxMock): Promise<void>;
  /** Also shown on a narrow phone (360 px): the deputy's dense pages and the resident's busiest. */
  narrow?: boolean;
}

const HOUR = 3600_000;

const answeredTimeline = [
  timelineEntry(),
  timelineEntry({
    seq: 2,
    type: 'accepted',
    label: '受理',
    at: AT + HOUR,
    actorName: '王建国',
    status: 'accepted',
  }),
  timelineEntry({
    seq: 3,
    type: 'routed_assign',
    label: '交办',
    at: AT + 2 * HOUR,
    actorName: '王建国',
    note: '交东街街道办事处办理',
    status: 'in_progress',
  }),
  timelineEntry({
    seq: 4,
    type: 'unit_answered',
    label: '承办单位答复',
    at: AT + 50 * HOUR,
    actorName: '东街街道办事处',
    note: '已安排环卫所每天早晚两次清运，并在门口增设两个垃圾桶。',
    status: 'answered',
  }),
];

/** What a resident may do on an open case (components/case-steps). */
const STEPS = { photoOwner: 'o-resident', withdraw: false, supplement: true, chase: null };

const load = (options: Record<string, string>) => async (page: Found) => {
  page.instance.onLoad(options);
  await settle();
};

const submittedCase = () =>
  caseworkView({
    status: 'submitted',
    statusLabel: '待受理',
    actions: ['accept', 'decline', 'reply', 'route', 'merge', 'pause_clock'],
  });

const phrases = {
  replyPhrases: () =>
    ok({
      defaults: [
        '您反映的问题已收到，我会尽快了解情况并给您答复。',
        '经现场查看，问题已经解决，感谢您的反映和监督。',
      ],
      own: ['周末我到现场看一看。'],
    }),
};

const SCREENS: Screen[] = [
  {
    name: 'deputy-inbox',
    page: 'pages/deputy/inbox/index',
    handlers: { deputy: { inbox: () => ok(inboxView({ unread: 12 })) } },
    open: load({}),
    narrow: true,
  },
  {
    name: 'deputy-case',
    page: 'pages/deputy/case/index',
    handlers: {
      casework: { caseDetail: () => ok(caseworkView({ status: 'in_progress', statusLabel: '办理中' })) },
    },
    open: load({ id: 'case-1' }),
    narrow: true,
  },
  {
    name: 'deputy-case-more',
    page: 'pages/deputy/case/index',
    handlers: { casework: { caseDetail: () => ok(submittedCase()) } },
    open: async (page) => {
      await load({ id: 'case-1' })(page);
      await tap(page.querySelector('.case-bar__more'));
    },
    narrow: true,
  },
  {
    name: 'deputy-case-reply',
    page: 'pages/deputy/case/index',
    handlers: { casework: { caseDetail: () => ok(submittedCase()) }, deputy: phrases },
    open: async (page) => {
      await load({ id: 'case-1' })(page);
      await tap(page.querySelector('.case-bar__main'));
    },
    narrow: true,
  },
  {
    name: 'deputy-enter',
    page: 'pages/deputy/enter/index',
    handlers: {
      deputy: { myCode: () => ok(myCodeView()) },
      resident: { landing: () => ok(deputyLanding()) },
    },
    open: async (page) => {
      page.instance.onLoad();
      await settle();
    },
    narrow: true,
  },
  {
    name: 'home-deputy',
    page: 'pages/home/index',
    handlers: { resident: { me: () => ok(meView(['deputy'])) } },
    open: async (page) => {
      page.instance.onShow();
      await settle();
    },
  },
  {
    name: 'find',
    page: 'pages/find/index',
    handlers: {
      resident: {
        findDeputies: () =>
          ok({
            stations: [
              {
                ...stationSummary(),
                openingHours: '工作日 9:00–17:00',
                phone: '0591-87510001',
                location: { latitude: 26.08, longitude: 119.3 },
              },
              {
                ...stationSummary({ id: 's2', code: 'S0002', name: '东街街道三坊七巷社区人大代表联络站' }),
                openingHours: '',
                phone: null,
                location: { latitude: 26.08, longitude: 119.29 },
              },
            ],
            deputies: [],
            nextCursor: null,
          }),
      },
    },
    open: async (page) => {
      page.instance.onLoad();
      await settle();
    },
  },
  {
    name: 'find-results',
    page: 'pages/find/index',
    handlers: {
      resident: {
        findDeputies: () =>
          ok({
            stations: [],
            deputies: [
              { ...deputySummary(), stationName: '东街街道代表之家' },
              {
                ...deputySummary({ id: 'd2', code: 'D00002', name: '王丽萍', levelLabel: '区人大代表' }),
                stationName: '东街街道三坊七巷社区人大代表联络站',
              },
            ],
            nextCursor: 'D00002',
          }),
      },
    },
    open: async (page) => {
      page.instance.onLoad();
      await settle();
      page.instance.onInput({ detail: { value: '王' } });
      await tap(page.querySelector('.find__go'));
    },
  },
  {
    name: 'home',
    page: 'pages/home/index',
    handlers: { resident: { me: () => ok(meView([])) } },
    open: async (page) => {
      page.instance.onShow();
      await settle();
    },
  },
  {
    name: 'landing-deputy',
    page: 'pages/landing/index',
    handlers: { resident: { landing: () => ok(deputyLanding()) } },
    open: load({ type: 'deputy', code: 'D00001' }),
  },
  {
    name: 'landing-station',
    page: 'pages/landing/index',
    handlers: { resident: { landing: () => ok(stationLanding()) } },
    open: load({ type: 'station', code: 'S0001' }),
  },
  {
    name: 'submit',
    page: 'pages/submit/index',
    handlers: { resident: { landing: () => ok(deputyLanding()) } },
    open: load({ type: 'deputy', code: 'D00001' }),
    narrow: true,
  },
  {
    // Three photos (one uploaded, one failed with 重试, one on its way) and a chosen place with 移除.
    name: 'submit-photos',
    page: 'pages/submit/index',
    handlers: { resident: { landing: () => ok(deputyLanding()) } },
    open: async (page, wxMock) => {
      await load({ type: 'deputy', code: 'D00001' })(page);
      wxMock.chooseMedia.mockResolvedValueOnce({
        type: 'image',
        tempFiles: [0, 1, 2].map((i) => ({
          tempFilePath: `wxfile://tmp/pick-${i}.jpg`,
          size: 400_000,
          fileType: 'image',
        })),
      } as Partial<WechatMiniprogram.ChooseMediaSuccessCallbackResult>);
      wxMock.getImageInfo.mockImplementation(async ({ src }) => ({
        width: 800,
        height: 600,
        orientation: 'up',
        type: 'jpeg',
        path: src,
      }));
      const photo = (n: number) => (upload: { filePath: string }) => upload.filePath.includes(`pick-${n}`);
      serveUploads(wxMock, photo(1), photo(2));
      jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      await tap(page.querySelector('.photo-picker >>> .photos__add'));
      wxMock.chooseLocation.mockResolvedValue({
        name: '东街口百货大楼',
        address: '福建省福州市鼓楼区东街街道八一七北路 84 号',
        latitude: 26.08,
        longitude: 119.3,
      });
      await tap(page.querySelector('.location-choose'));
      await settle();
    },
    narrow: true,
  },
  {
    name: 'submit-errors',
    page: 'pages/submit/index',
    handlers: { resident: { landing: () => ok(deputyLanding()) } },
    open: async (page) => {
      await load({ type: 'deputy', code: 'D00001' })(page);
      await tap(page.querySelector('.submit'));
    },
  },
  {
    name: 'my-cases',
    page: 'pages/my-cases/index',
    handlers: {
      resident: {
        myCases: () =>
          ok({
            items: [
              caseListItem({ unread: true, status: 'answered', statusLabel: '已答复' }),
              caseListItem({
                id: 'c2',
                summary: '路灯坏了一个多月，晚上很黑',
                status: 'in_progress',
                statusLabel: '办理中',
              }),
              caseListItem({ id: 'c3', summary: '咨询老年证办理', status: 'closed', statusLabel: '已办结' }),
            ],
            nextCursor: null,
          }),
      },
    },
    open: load({}),
  },
  {
    name: 'case-answered',
    page: 'pages/case/index',
    handlers: {
      resident: {
        caseDetail: () =>
          ok(caseDetail({ status: 'answered', statusLabel: '已答复', timeline: answeredTimeline })),
      },
    },
    open: load({ id: 'case-1' }),
    narrow: true,
  },
  {
    name: 'case-submitted',
    page: 'pages/case/index',
    handlers: {
      resident: {
        caseDetail: () => ok(caseDetail({ residentSteps: { ...STEPS, withdraw: true } })),
      },
    },
    open: load({ id: 'case-1' }),
  },
  {
    name: 'case-withdraw',
    page: 'pages/case/index',
    handlers: {
      resident: {
        caseDetail: () => ok(caseDetail({ residentSteps: { ...STEPS, withdraw: true } })),
      },
    },
    open: async (page) => {
      await load({ id: 'case-1' })(page);
      await tap(page.querySelector('.steps >>> .open-withdraw') ?? undefined);
    },
  },
  {
    name: 'case-overdue',
    page: 'pages/case/index',
    handlers: {
      resident: {
        caseDetail: () =>
          ok(
            caseDetail({
              status: 'in_progress',
              statusLabel: '办理中',
              answerDueDate: '2026-12-04',
              timeline: answeredTimeline.slice(0, 3),
              residentSteps: {
                ...STEPS,
                chase: {
                  allowed: true,
                  remaining: 3,
                  nextDate: null,
                  message: '已过答复期限（12月4日），可以催办，还可催办 3 次',
                },
              },
            }),
          ),
      },
    },
    open: load({ id: 'case-1' }),
  },
  {
    name: 'case-supplement',
    page: 'pages/case/index',
    handlers: {
      resident: {
        caseDetail: () =>
          ok(
            caseDetail({
              status: 'accepted',
              statusLabel: '已受理',
              answerDueDate: '2026-12-04',
              timeline: answeredTimeline.slice(0, 2),
              residentSteps: {
                ...STEPS,
                chase: {
                  allowed: false,
                  remaining: 3,
                  nextDate: '2026-12-05',
                  message: '答复期限是12月4日，过了期限仍未答复可以催办',
                },
              },
            }),
          ),
      },
    },
    open: async (page) => {
      await load({ id: 'case-1' })(page);
      await tap(page.querySelector('.steps >>> .open-supplement') ?? undefined);
    },
  },
];

/** WeChat's recorder, answering each press with a recording of `seconds`. */
function standInRecorder(seconds: number[]) {
  let onStop: (res: { tempFilePath: string; duration: number }) => void = () => undefined;
  let n = 0;
  Object.assign(wx, {
    getRecorderManager: () => ({
      start: () => undefined,
      stop: () =>
        onStop({ tempFilePath: `wxfile://tmp/voice-${n}.mp3`, duration: (seconds[n++] ?? 5) * 1000 }),
      onStop: (listener: typeof onStop) => {
        onStop = listener;
      },
      onError: () => undefined,
    }),
    createInnerAudioContext: () => ({
      play: () => undefined,
      stop: () => undefined,
      destroy: () => undefined,
      onEnded: () => undefined,
      onStop: () => undefined,
      onError: () => undefined,
    }),
  });
}

const VOICE_NOTES = [
  {
    fileID: 'cloud://env.b/cases/case-1/a.mp3',
    url: 'https://tmp/a.mp3',
    duration: 23,
    durationLabel: '23″',
  },
  {
    fileID: 'cloud://env.b/cases/case-1/b.mp3',
    url: 'https://tmp/b.mp3',
    duration: 58,
    durationLabel: '58″',
  },
];

/** 声音留言: two recorded on the form with a third being held, and two on the deputy's case page. */
SCREENS.push(
  {
    name: 'submit-voice',
    page: 'pages/submit/index',
    handlers: { resident: { landing: () => ok(deputyLanding()) } },
    open: async (page, wxMock) => {
      standInRecorder([12, 47]);
      serveUploads(wxMock);
      await load({ type: 'deputy', code: 'D00001' })(page);
      const hold = page.querySelector('.voice-recorder >>> .voice-recorder__button');
      for (let i = 0; i < 2; i++) {
        hold?.dispatchEvent('touchstart', { touches: [{ x: 100, y: 600 }] });
        await settle();
        hold?.dispatchEvent('touchend', {});
        await settle();
        await settle();
      }
      hold?.dispatchEvent('touchstart', { touches: [{ x: 100, y: 600 }] });
      await settle();
      const recorder = page.querySelector('.voice-recorder')?.instance as unknown as { tick(): void };
      for (let i = 0; i < 7; i++) recorder.tick();
      await settle();
    },
  },
  {
    name: 'deputy-case-voice',
    page: 'pages/deputy/case/index',
    handlers: {
      casework: {
        caseDetail: () =>
          ok(caseworkView({ status: 'accepted', statusLabel: '已受理', voiceNotes: VOICE_NOTES })),
      },
    },
    open: async (page) => {
      standInRecorder([]);
      await load({ id: 'case-1' })(page);
    },
  },
);

beforeAll(() => {
  registerBuiltIns();
  fs.mkdirSync(OUT, { recursive: true });
});

describe.each([
  ['standard', 'standard'],
  ['large', 'large'],
])('%s', (mode) => {
  it.each(SCREENS.map((screen) => [screen.name, screen] as const))('%s', async (_name, screen) => {
    const wxMock = installWx();
    wxMock.storage.set('textSize', mode);
    serveFunctions(wxMock, screen.handlers);
    const page = render(screen.page);
    await screen.open(page, wxMock);
    fs.writeFileSync(
      path.join(OUT, `${screen.name}--${mode}.html`),
      pageHtml(page, `${screen.name} ${mode}`),
    );
    if (screen.narrow)
      fs.writeFileSync(
        path.join(OUT, `${screen.name}@360--${mode}.html`),
        pageHtml(page, `${screen.name} ${mode} 360`, 360),
      );
  });
});

/** A new phone: no choice kept, so the entry pages offer 长辈版 (opened by itself when WeChat's text is large). */
describe('first use', () => {
  it.each([
    ['home', 'pages/home/index', 1],
    ['home-wechat-large', 'pages/home/index', 1.4],
    ['landing', 'pages/landing/index', 1],
  ] as const)('%s', async (name, pagePath, scale) => {
    const wxMock = installWx();
    wxMock.getAppBaseInfo.mockReturnValue({ fontSizeScaleFactor: scale });
    serveFunctions(wxMock, { resident: { me: () => ok(meView([])), landing: () => ok(deputyLanding()) } });
    const page = render(pagePath);
    if (pagePath === 'pages/home/index') page.instance.onShow();
    else page.instance.onLoad({ type: 'deputy', code: 'D00001' });
    await settle();
    fs.writeFileSync(path.join(OUT, `first-use-${name}.html`), pageHtml(page, `first use ${name}`));
  });
});
