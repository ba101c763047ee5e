/**
 * The screens of those who handle the cases, and the resident's account screens, in the gallery:
 * 绑定身份, 我的信息, the deputy's 我的代表码, 履职档案, 我的值班, 代表建议 (list and form) and 办理工作台,
 * in 标准版 and 长辈版 (the dense deputy screens also on a 360 px phone), written as HTML to
 * .tmp/gallery/html/ beside the resident's screens (screens.gallery.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  CaseworkListItem,
  DeputyRecordView,
  QueueView,
  SuggestionListItem,
  SuggestionView,
} from '../../../miniprogram/core/api';
import { fail, ok } from '../../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, type, type Found, type Handlers } from '../helpers';
import {
  AT,
  caseworkListItem,
  deadlineView,
  dutyView,
  meView,
  myCaseData,
  myCodeView,
  myDataView,
  myDutiesView,
  swapRequestView,
} from '../mothers';
import { pageHtml, registerBuiltIns } from './render';

const OUT = path.resolve(__dirname, '..', '..', '..', '.tmp', 'gallery', 'html');

interface Screen {
  name: string;
  page: string;
  handlers: Handlers;
  query?: Record<string, string>;
  /** After loading: brings the page to the state shown. */
  then?(page: Found): Promise<void>;
  /** Also shown on a narrow phone (360 px): the deputy's dense pages. */
  narrow?: boolean;
}

const DAY = 86_400_000;

/** A year of 林晓红's record, Wuxi-like: 291 satisfied and 9 basically satisfied of 300 rated. */
const record = (): DeputyRecordView => ({
  deputy: { id: 'deputy-lin', name: '林晓红', levelLabel: '市人大代表' },
  period: { from: '2026-01-01', to: '2026-12-31' },
  received: 320,
  accepted: 310,
  routed: { direct: 120, assign: 150, transfer: 25, escalate: 5 },
  answered: 300,
  explained: 4,
  answeredOnTime: 291,
  onTimeRate: 0.97,
  rated: 300,
  satisfied: 291,
  basicallySatisfied: 9,
  unsatisfied: 0,
  satisfactionRate: 1,
  receptionDaysRostered: 12,
  receptionDaysAttended: 11,
  suggestionsSigned: 3,
});

const suggestionItem = (overrides: Partial<SuggestionListItem> = {}): SuggestionListItem => ({
  id: 'sg1',
  title: '关于解决东街老旧小区路灯损坏问题的建议',
  status: 'drafted',
  statusLabel: '起草中',
  classLabel: '路灯损坏',
  signers: [
    { deputyId: 'deputy-1', name: '王建国', signedAt: AT },
    { deputyId: 'deputy-2', name: '李秀兰', signedAt: null },
  ],
  caseCount: 3,
  createdAt: AT,
  submittedAt: null,
  answeredAt: null,
  outcome: null,
  ...overrides,
});

const suggestion = (overrides: Partial<SuggestionView> = {}): SuggestionView => ({
  ...suggestionItem(),
  problem: '东街三个小区路灯损坏，半年内群众反映 12 次，维修责任不清。',
  reasons: '老人夜间出行不便，已有摔倒的情况。',
  proposal: '明确维修责任单位，损坏后 3 个工作日内修复，并公开报修电话。',
  caseNos: ['20261121-0001-0003', '20261102-0001-0011', '20261015-0001-0007'],
  signerIds: ['deputy-1', 'deputy-2'],
  classKey: 'street_light',
  period: null,
  draftedBy: { role: 'deputy', name: '王建国' },
  answer: null,
  version: 3,
  actions: ['update', 'submit'],
  timeline: [],
  ...overrides,
});

const suggestionsList = [
  suggestionItem(),
  suggestionItem({
    id: 'sg2',
    title: '关于在东街菜市场周边增设临时停车位的建议',
    status: 'submitted',
    statusLabel: '已提交',
    classLabel: '停车',
    signers: [
      { deputyId: 'deputy-3', name: '陈志强', signedAt: AT },
      { deputyId: 'deputy-1', name: '王建国', signedAt: AT },
    ],
    caseCount: 5,
    submittedAt: AT + 3 * DAY,
  }),
];

const QUEUE: Record<QueueView, CaseworkListItem[]> = {
  mine: [
    caseworkListItem({
      id: 'm1',
      caseNo: '20261121-0001-0001',
      summary: '东街口路灯坏了一个多月，晚上很黑，老人出门不方便',
      unitName: '东街街道办事处',
    }),
    caseworkListItem({
      id: 'm2',
      caseNo: '20261119-0001-0004',
      summary: '小区楼下烧烤店油烟和噪音扰民',
      deadline: deadlineView({ status: 'overdue' }),
      supervised: true,
      unread: true,
    }),
    caseworkListItem({ id: 'm3', caseNo: '20261118-0001-0002', summary: '咨询老年证办理' }),
  ],
  overdue: [],
  review: [],
  supervised: [],
};

const deputyMe = { resident: { me: () => ok(meView(['deputy'])) } };

const SCREENS: Screen[] = [
  { name: 'bind', page: 'pages/bind/index', handlers: {} },
  {
    name: 'bind-error',
    page: 'pages/bind/index',
    handlers: {},
    then: async (page) => {
      await type(page.querySelector('.bind-code'), 'K7MX3O');
      await tap(page.querySelector('.bind-submit'));
    },
  },
  {
    name: 'bind-done',
    page: 'pages/bind/index',
    handlers: { resident: { bind: () => ok(meView(['deputy', 'staff'])) } },
    then: async (page) => {
      await type(page.querySelector('.bind-code'), 'K7MX3QPA');
      await tap(page.querySelector('.bind-submit'));
    },
  },
  {
    name: 'my-data',
    page: 'pages/my-data/index',
    handlers: {
      resident: {
        myData: () =>
          ok(
            myDataView({
              cases: [
                myCaseData({ voiceNoteCount: 2 }),
                myCaseData({
                  caseId: 'case-2',
                  caseNo: '20261119-0001-0004',
                  finished: false,
                  statusLabel: '办理中',
                  phone: null,
                  location: null,
                  photoCount: 0,
                  ratingComment: null,
                  consent: { at: AT, location: null },
                  removeBy: null,
                }),
              ],
              roles: [{ role: 'deputy', deputyId: 'deputy-lin', name: '林晓红' }],
            }),
          ),
      },
    },
  },
  {
    name: 'my-data-empty',
    page: 'pages/my-data/index',
    handlers: { resident: { myData: () => ok(myDataView({ cases: [] })) } },
  },
  {
    name: 'deputy-my-code',
    page: 'pages/deputy/my-code/index',
    handlers: { deputy: { myCode: () => ok(myCodeView()) } },
    narrow: true,
  },
  {
    name: 'deputy-my-code-error',
    page: 'pages/deputy/my-code/index',
    handlers: { deputy: { myCode: () => fail('AUTH.FORBIDDEN', '您还不是登记的人大代表') } },
  },
  {
    name: 'deputy-record',
    page: 'pages/deputy/record/index',
    handlers: { deputy: { record: () => ok(record()) } },
    narrow: true,
  },
  {
    name: 'deputy-record-error',
    page: 'pages/deputy/record/index',
    handlers: { deputy: { record: () => fail('INTERNAL', '服务暂时不可用，请稍后再试') } },
  },
  {
    name: 'deputy-duties',
    page: 'pages/deputy/duties/index',
    handlers: {
      deputy: {
        duties: () =>
          ok(
            myDutiesView({
              duties: [
                dutyView(),
                dutyView({
                  dayId: 'station-1_2027-01-11',
                  date: '2027-01-11',
                  weekday: '周一',
                  confirmed: true,
                  swapRequest: swapRequestView({
                    date: '2027-01-11',
                    withDeputy: { id: 'deputy-3', name: '陈志强' },
                    withDate: '2027-02-10',
                    reason: '要去外地调研',
                  }),
                }),
              ],
            }),
          ),
      },
    },
    narrow: true,
  },
  {
    name: 'deputy-duties-swap',
    page: 'pages/deputy/duties/index',
    handlers: { deputy: { duties: () => ok(myDutiesView()) } },
    then: async (page) => {
      await tap(page.querySelector('.swap-2026-12-10'));
    },
    narrow: true,
  },
  {
    name: 'deputy-duties-empty',
    page: 'pages/deputy/duties/index',
    handlers: { deputy: { duties: () => ok(myDutiesView({ duties: [], stationDays: [] })) } },
  },
  {
    name: 'deputy-suggestions',
    page: 'pages/deputy/suggestions/index',
    query: { id: 'sg1' },
    handlers: {
      deputy: {
        suggestions: () => ok({ items: suggestionsList }),
        suggestion: () => ok(suggestion()),
      },
    },
    narrow: true,
  },
  {
    name: 'deputy-suggestions-empty',
    page: 'pages/deputy/suggestions/index',
    handlers: { deputy: { suggestions: () => ok({ items: [] }) } },
  },
  {
    name: 'deputy-suggestion-new',
    page: 'pages/deputy/suggestion-edit/index',
    query: { caseNo: '20261121-0001-0003' },
    handlers: { ...deputyMe, deputy: { duties: () => ok(myDutiesView()) } },
    narrow: true,
  },
  {
    name: 'deputy-suggestion-new-errors',
    page: 'pages/deputy/suggestion-edit/index',
    handlers: { ...deputyMe, deputy: { duties: () => ok(myDutiesView()) } },
    then: async (page) => {
      await tap(page.querySelector('.suggestion-edit__save'));
    },
  },
  {
    name: 'deputy-suggestion-edit',
    page: 'pages/deputy/suggestion-edit/index',
    query: { id: 'sg1' },
    handlers: {
      ...deputyMe,
      deputy: { duties: () => ok(myDutiesView()), suggestion: () => ok(suggestion()) },
    },
    narrow: true,
  },
  {
    name: 'casework-queue',
    page: 'pages/casework/queue/index',
    handlers: {
      resident: { me: () => ok(meView(['staff'])) },
      casework: { queue: ({ view }) => ok({ items: QUEUE[view ?? 'mine'], nextCursor: null }) },
    },
    narrow: true,
  },
  {
    name: 'casework-queue-empty',
    page: 'pages/casework/queue/index',
    handlers: {
      resident: { me: () => ok(meView(['staff'])) },
      casework: { queue: () => ok({ items: [], nextCursor: null }) },
    },
  },
  {
    name: 'casework-queue-error',
    page: 'pages/casework/queue/index',
    handlers: {
      resident: { me: () => ok(meView(['unit'])) },
      casework: { queue: () => fail('AUTH.FORBIDDEN', '您的单位已停用') },
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
    serveFunctions(wxMock, screen.handlers);
    const page = render(screen.page);
    page.instance.onLoad?.(screen.query ?? {});
    await settle();
    await screen.then?.(page);
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
