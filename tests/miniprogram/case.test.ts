import type { CaseDetailView } from '../../miniprogram/core/api';
import { SUBSCRIBE_ON_SUBMIT } from '../../miniprogram/core/notifications';
import { fail, ok, type Result } from '../../miniprogram/core/result';
import { byText, deferred, installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Answer, Found, FunctionCall, WxMock } from './helpers';
import { AT, caseDetail, timelineEntry } from './mothers';

describe('case page (resident)', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(id = 'case-1'): Promise<Found> {
    const page = render('pages/case/index');
    page.instance.onLoad({ id });
    await settle();
    return page;
  }

  it('shows the status in plain words, the case number, kind, category, description, place and who it reached', async () => {
    const calls = serveFunctions(wxMock, {
      resident: {
        caseDetail: () =>
          ok(
            caseDetail({
              status: 'answered',
              statusLabel: '已答复',
              location: { latitude: 26.08, longitude: 119.3, name: '东街口' },
              station: { id: 'station-1', name: '东街街道代表之家' },
            }),
          ),
      },
    });

    const page = await open('case-1');

    const text = textOf(page);
    expect(calls).toEqual([{ name: 'resident', action: 'caseDetail', data: { caseId: 'case-1' } }]);
    expect(text).toContain('待您评价');
    expect(text).not.toContain('已答复');
    expect(text).toContain('受理编号 20261121-4821-3095');
    expect(text).toContain('投诉 · 环境卫生');
    expect(text).toContain('小区门口垃圾三天没人清运，气味很大。');
    expect(text).toContain('地点：东街口');
    expect(text).toContain('王建国 · 东街街道代表之家');
  });

  it('lets the resident withdraw the consent to publish the outcome, and give it again (五公开)', async () => {
    let consent = true;
    const calls = serveFunctions(wxMock, {
      resident: {
        caseDetail: () => ok(caseDetail({ status: 'closed', publishConsent: consent })),
        setPublishConsent: (data) => {
          consent = (data as { consent: boolean }).consent;
          return ok(caseDetail({ status: 'closed', publishConsent: consent }));
        },
      },
    });
    const page = await open('case-1');
    expect(textOf(page.querySelector('.publish') as Found)).toContain('您已同意公开办理结果');

    await tap(page.querySelector('.publish-toggle'));
    expect(calls.filter((c) => c.action === 'setPublishConsent')).toEqual([
      { name: 'resident', action: 'setPublishConsent', data: { caseId: 'case-1', consent: false } },
    ]);
    expect(textOf(page.querySelector('.publish') as Found)).toContain('不公开');
    expect(textOf(page.querySelector('.publish-toggle') as Found)).toContain('同意公开');

    await tap(page.querySelector('.publish-toggle'));
    expect(consent).toBe(true);
    expect(textOf(page.querySelector('.publish') as Found)).toContain('撤回同意');
  });

  it('shows no publishing choice to a server that does not offer it', async () => {
    serveFunctions(wxMock, { resident: { caseDetail: () => ok(caseDetail({ status: 'closed' })) } });
    const page = await open('case-1');
    expect(page.querySelector('.publish')).toBeFalsy();
  });

  it('shows what the answer did, as its handler recorded it, and nothing before an answer', async () => {
    serveFunctions(wxMock, {
      resident: {
        caseDetail: () =>
          ok(
            caseDetail({
              status: 'answered',
              statusLabel: '已答复',
              outcome: 'planned',
              outcomeLabel: '列入计划',
            }),
          ),
      },
    });
    const page = await open('case-1');
    expect(page.querySelector('.outcome')?.dom?.textContent?.trim()).toBe('办理结果：列入计划');

    serveFunctions(wxMock, { resident: { caseDetail: () => ok(caseDetail()) } });
    const fresh = await open('case-2');
    expect(fresh.querySelector('.outcome')).toBeFalsy();
  });

  it('tells the timeline newest first, in plain words, with China-local times, actors and notes', async () => {
    serveFunctions(wxMock, {
      resident: {
        caseDetail: () =>
          ok(
            caseDetail({
              timeline: [
                timelineEntry(),
                timelineEntry({
                  seq: 2,
                  type: 'replied',
                  label: '代表答复',
                  at: AT + 3600_000,
                  actorName: '王建国',
                  note: '已联系环卫所，明天上午清运。',
                  status: 'answered',
                }),
              ],
            }),
          ),
      },
    });

    const page = await open();

    const timeline = textOf(page.querySelector('.timeline') as Found);
    expect(timeline).toBe(
      '代表答复了您2026-11-21 11:30 · 王建国已联系环卫所，明天上午清运。您提交了诉求2026-11-21 10:30 · 您',
    );
    expect(timeline).not.toContain('群众');
  });

  it('shows the photos, opens the viewer on a tap, and keeps a place for one that cannot be shown', async () => {
    serveFunctions(wxMock, {
      resident: {
        caseDetail: () =>
          ok(
            caseDetail({
              photos: [
                { fileID: 'cloud://a', url: 'https://files/a.jpg' },
                { fileID: 'cloud://gone', url: null },
                { fileID: 'cloud://b', url: 'https://files/b.jpg' },
              ],
            }),
          ),
      },
    });
    const page = await open();

    const cells = page.querySelectorAll('.photos >>> .photo-grid__cell');
    expect(cells).toHaveLength(3);
    expect(page.querySelectorAll('.photos >>> .photo-grid__image').map((image) => image.data.src)).toEqual([
      'https://files/a.jpg',
      'https://files/b.jpg',
    ]);
    expect(textOf(cells[1])).toBe('图片无法显示');

    await tap(cells[2]);

    expect(wxMock.previewImage).toHaveBeenCalledWith({
      current: 'https://files/b.jpg',
      urls: ['https://files/a.jpg', 'https://files/b.jpg'],
    });
  });

  it("shows the function's message when the case is not the resident's, without 重试", async () => {
    serveFunctions(wxMock, { resident: { caseDetail: () => fail('NOT_FOUND', '没有找到这条诉求') } });

    const page = await open();

    expect(textOf(page)).toContain('没有找到这条诉求');
    expect(textOf(page)).not.toContain('重试');
  });

  it('says a link without an id names no case, without asking and without 重试', async () => {
    const calls = serveFunctions(wxMock, {});
    const page = render('pages/case/index');

    page.instance.onLoad({});
    await settle();

    expect(textOf(page)).toContain('没有找到这条诉求');
    expect(textOf(page)).not.toContain('重试');
    expect(calls).toEqual([]);
  });
});

describe('case page (resident): rating the answer', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  const ANSWER = '已联系环卫所，明天上午清运。';

  const answered = (overrides: Partial<CaseDetailView> = {}): CaseDetailView =>
    caseDetail({
      status: 'answered',
      statusLabel: '已答复',
      timeline: [
        timelineEntry(),
        timelineEntry({ seq: 2, type: 'replied', label: '代表答复', note: ANSWER, status: 'answered' }),
      ],
      ...overrides,
    });

  const rated = (view: CaseDetailView, status: CaseDetailView['status'], statusLabel: string) => ({
    ...view,
    status,
    statusLabel,
    timeline: [
      ...view.timeline,
      timelineEntry({ seq: 3, type: 'rated' as const, label: '群众评价', status }),
    ],
  });

  function serve(
    detail: CaseDetailView,
    ...answers: Array<Answer<CaseDetailView> | Promise<Answer<CaseDetailView>>>
  ) {
    let next = 0;
    return serveFunctions(wxMock, {
      resident: {
        caseDetail: () => ok(detail),
        rate: () => answers[Math.min(next++, answers.length - 1)],
      },
    });
  }

  const rates = (calls: FunctionCall[]) => calls.filter((call) => call.action === 'rate');

  async function open(): Promise<Found> {
    const page = render('pages/case/index');
    page.instance.onLoad({ id: 'case-1' });
    await settle();
    return page;
  }

  const choose = (page: Found, label: string) => tap(byText(page, '.rating', label));
  const submit = (page: Found) => tap(page.querySelector('.submit-rating'));

  it('offers the rating only on an answered case that is not rated yet', async () => {
    serve(caseDetail({ status: 'in_progress', statusLabel: '办理中' }));
    expect((await open()).querySelector('.rate')).toBeFalsy();

    serve(answered());
    const page = await open();
    expect(page.querySelector('.rate')).toBeTruthy();
    expect(page.querySelectorAll('.rating').map((node) => textOf(node))).toEqual([
      '满意',
      '基本满意',
      '不满意',
    ]);
    expect(textOf(page)).toContain('提交评价');

    serve(rated(answered(), 'answered', '已答复'));
    const ratedPage = await open();
    expect(ratedPage.querySelector('.rate')).toBeFalsy();
    expect(textOf(ratedPage.querySelector('.rated') as Found)).toContain('已评价');

    serve(rated(answered(), 'closed', '已办结'));
    expect((await open()).querySelector('.rate')).toBeFalsy();
  });

  it('asks for a choice before sending anything', async () => {
    const calls = serve(answered());
    const page = await open();

    await submit(page);

    expect(page.querySelector('.rating-error')?.dom?.textContent?.trim()).toBe('请选择满意程度');
    expect(rates(calls)).toEqual([]);
  });

  it('counts the comment and refuses one over 200 characters', async () => {
    const calls = serve(answered());
    const page = await open();
    await choose(page, '不满意');

    await type(page.querySelector('.comment-input'), '慢'.repeat(201));
    expect(page.querySelector('.comment-counter')?.dom?.textContent?.trim()).toBe('201/200');
    expect(page.querySelector('.comment-error')?.dom?.textContent?.trim()).toBe(
      '评价最多 200 个字，当前 201 个字',
    );
    await submit(page);

    expect(rates(calls)).toEqual([]);
  });

  it('sends one rating for a double tap, then shows the case closed', async () => {
    const view = answered();
    const answer = deferred<Result<CaseDetailView>>();
    const calls = serve(view, answer.promise);
    const page = await open();
    await choose(page, '满意');
    expect(byText(page, '.rating', '满意').dom?.className).toContain('chip--active');
    await type(page.querySelector('.comment-input'), '  清运得很及时  ');

    page.querySelector('.submit-rating')?.dispatchEvent('tap');
    page.querySelector('.submit-rating')?.dispatchEvent('tap');
    await settle();

    expect(rates(calls)).toHaveLength(1);
    expect(rates(calls)[0].data).toEqual({
      caseId: 'case-1',
      rating: 'satisfied',
      comment: '清运得很及时',
      clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{16,}$/),
    });
    expect(page.querySelector('.submit-rating')?.data.disabled).toBe(true);

    answer.resolve(ok(rated(view, 'closed', '已办结')));
    await settle();

    expect(page.querySelector('.rate')).toBeFalsy();
    expect(textOf(page)).toContain('已办结');
    expect(textOf(page.querySelector('.rated') as Found)).toContain('已评价：满意');
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '感谢您的评价' }));
  });

  it('says 已评价：不满意 when the case stays answered, asking to hear what happens next', async () => {
    const view = answered();
    const calls = serve(view, ok(rated(view, 'answered', '已答复')));
    const page = await open();
    await choose(page, '不满意');

    await submit(page);

    expect(rates(calls)[0].data).toMatchObject({ rating: 'unsatisfied' });
    expect(rates(calls)[0].data).not.toHaveProperty('comment');
    expect(wxMock.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: SUBSCRIBE_ON_SUBMIT }),
    );
    expect(page.querySelector('.rate')).toBeFalsy();
    expect(textOf(page.querySelector('.case-status') as Found)).toContain('已收到您的评价');
    expect(textOf(page.querySelector('.rated') as Found)).toContain('已评价：不满意');
  });

  it('retries with the same clientRequestId, and a changed choice gets a new one', async () => {
    const calls = serve(answered(), { networkError: 'timeout' }, { networkError: 'timeout' });
    const page = await open();
    await choose(page, '基本满意');

    await submit(page);
    expect(page.querySelector('.rate-error')?.dom?.textContent?.trim()).toBe('网络不太好，请稍后重试');
    await submit(page);
    await choose(page, '满意');
    await submit(page);

    const [first, retry, changed] = rates(calls);
    expect(retry.data.clientRequestId).toBe(first.data.clientRequestId);
    expect(changed.data.clientRequestId).not.toBe(first.data.clientRequestId);
    expect(page.querySelector('.rate')).toBeTruthy();
  });

  it("shows the function's field messages beside the fields", async () => {
    serve(answered(), fail('INPUT.INVALID', '评价内容不合适', { note: '评价内容不合适' }));
    const page = await open();
    await choose(page, '不满意');
    await type(page.querySelector('.comment-input'), '不行');

    await submit(page);

    expect(page.querySelector('.comment-error')?.dom?.textContent?.trim()).toBe('评价内容不合适');
    expect(page.querySelector('.rate-error')).toBeFalsy();
  });

  it('shows where the case stands when it was rated elsewhere', async () => {
    let reads = 0;
    serveFunctions(wxMock, {
      resident: {
        caseDetail: () => {
          reads += 1;
          return ok(answered());
        },
        rate: () => fail('CASE.TRANSITION_FORBIDDEN', '这条诉求当前为「已答复」，群众已经评价过了，不能评价'),
      },
    });
    const page = await open();
    await choose(page, '满意');

    await submit(page);
    await settle();

    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '这条诉求当前为「已答复」，群众已经评价过了，不能评价' }),
    );
    expect(reads).toBe(2);
    expect(page.querySelector('.rate')).toBeFalsy();
    expect(textOf(page.querySelector('.rated') as Found)).toContain('已评价');
  });
});

describe('case page (resident): what comes first', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(detail: CaseDetailView): Promise<Found> {
    serveFunctions(wxMock, { resident: { caseDetail: () => ok(detail) } });
    const page = render('pages/case/index');
    page.instance.onLoad({ id: 'case-1' });
    await settle();
    return page;
  }

  /** The page's cards in the order a person scrolling down meets them. */
  const cards = (page: Found): string[] => page.querySelectorAll('.card').map((card) => textOf(card));

  const assigned = [
    timelineEntry(),
    timelineEntry({ seq: 2, type: 'accepted', label: '受理', at: AT + 3600_000, actorName: '王建国' }),
    timelineEntry({
      seq: 3,
      type: 'routed_assign',
      label: '交办',
      at: AT + 7200_000,
      actorName: '王建国',
      note: '交东街街道办事处办理',
    }),
  ];

  it('shows the answer before the rating card, and the status before both', async () => {
    const page = await open(
      caseDetail({
        status: 'answered',
        statusLabel: '已答复',
        timeline: [
          ...assigned,
          timelineEntry({
            seq: 4,
            type: 'unit_answered',
            label: '承办单位答复',
            at: AT + 50 * 3600_000,
            actorName: '东街街道办事处',
            note: '已安排每天早晚两次清运。',
            status: 'answered',
          }),
        ],
      }),
    );

    const order = cards(page);
    const status = order.findIndex((text) => text.startsWith('待您评价'));
    const answer = order.findIndex((text) => text.startsWith('答复已安排每天早晚两次清运'));
    const rating = order.findIndex((text) => text.startsWith('您对这次答复满意吗'));
    expect([status, answer, rating]).toEqual([0, 1, 2]);
    expect(textOf(page.querySelector('.answer') as Found)).toContain('东街街道办事处 · 2026-11-23 12:30');
  });

  it('explains 受理 and 交办 in plain words, calls the resident 您, and keeps the case number out of the headline', async () => {
    const page = await open(caseDetail({ status: 'in_progress', statusLabel: '办理中', timeline: assigned }));

    const text = textOf(page);
    expect(text).toContain('代表受理：确认接手办理');
    expect(text).toContain('交办：交给街道（乡镇）办理');
    expect(text).toContain('您提交了诉求');
    expect(text).not.toContain('群众');
    expect(textOf(page.querySelector('.case-status') as Found)).not.toContain('20261121-4821-3095');
  });

  it.each([
    ['a complaint not yet accepted', 'complaint', 'submitted', '一般在受理后 15 个工作日内答复您'],
    ['an inquiry in progress', 'inquiry', 'in_progress', '按规定，受理后 2 个工作日内答复您'],
  ] as const)('says when to expect an answer: %s', async (_name, kind, status, expected) => {
    const page = await open(caseDetail({ kind, status }));

    expect(textOf(page.querySelector('.case-status') as Found)).toContain(expected);
  });

  it('gives the date an answer is due once a deadline runs', async () => {
    const page = await open(
      caseDetail({ kind: 'inquiry', status: 'in_progress', answerDueDate: '2026-12-08' }),
    );

    expect(textOf(page.querySelector('.case-status') as Found)).toContain('预计 12月8日 前答复您');
  });

  it('says nothing of an answer to expect once the case is finished', async () => {
    const page = await open(caseDetail({ status: 'closed', statusLabel: '已办结' }));

    expect(textOf(page.querySelector('.case-status') as Found)).toBe(
      '已办结这件事已经办完归档。谢谢您的反映。',
    );
  });
});
