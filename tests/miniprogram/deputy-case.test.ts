import type { ActInput, CaseworkView } from '../../miniprogram/core/api';
import { SUBSCRIBE_ON_DEPUTY_ACTION } from '../../miniprogram/core/notifications';
import { fail, ok, type Result } from '../../miniprogram/core/result';
import { byText, deferred, installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Answer, Found, FunctionCall, WxMock } from './helpers';
import { AT, UNITS, caseworkView, deadlineView, timelineEntry } from './mothers';

const REPLY = '已联系环卫所，明天上午清运。';

const answered = (): CaseworkView =>
  caseworkView({
    status: 'answered',
    statusLabel: '已答复',
    deadline: deadlineView(),
    actions: ['reply'],
    timeline: [
      timelineEntry(),
      timelineEntry({
        seq: 2,
        type: 'replied',
        label: '代表答复',
        at: AT + 60_000,
        actorName: '王建国',
        note: REPLY,
      }),
    ],
  });

describe('case page for those who handle it', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  type Acted = Answer<CaseworkView> | Promise<Answer<CaseworkView>>;

  /** Serves the case (each read answers the next view given, the last one from then on) and the acts. */
  function serve(views: CaseworkView | CaseworkView[], ...acts: Acted[]) {
    const reads = Array.isArray(views) ? views : [views];
    let read = 0;
    let acted = 0;
    return serveFunctions(wxMock, {
      casework: {
        caseDetail: () => ok(reads[Math.min(read++, reads.length - 1)]),
        act: () => acts[Math.min(acted++, acts.length - 1)],
        units: () => ok(UNITS),
      },
    });
  }

  const actsOf = (calls: FunctionCall[]) =>
    calls.filter((call) => call.action === 'act').map((call) => call.data as unknown as ActInput);

  async function open(): Promise<Found> {
    const page = render('pages/deputy/case/index');
    page.instance.onLoad({ id: 'case-1' });
    await settle();
    return page;
  }

  const buttons = (page: Found) => page.querySelectorAll('.act').map((node) => textOf(node));
  const action = (page: Found, label: string) => tap(byText(page, '.act', label));
  const submit = (page: Found) => tap(page.querySelector('.act-submit'));
  const text = (page: Found, selector: string) => page.querySelector(selector)?.dom?.textContent?.trim();
  const tags = (page: Found) =>
    page.querySelectorAll('.deadline >>> .deadline__tag').map((node) => textOf(node));

  it("marks what WeChat's text check sent to a person, and nothing when all passed", async () => {
    serve([caseworkView({ contentReview: ['问题描述', '联系人姓名'] }), caseworkView()]);
    const page = await open();
    expect(text(page, '.content-review')).toContain('待人工复核：问题描述、联系人姓名');
    await page.instance.refresh();
    await settle();
    expect(page.querySelector('.content-review')).toBeUndefined();
  });

  it('shows the contact with a call button and the place with a map button', async () => {
    const calls = serve(
      caseworkView({
        contactName: '张女士',
        phone: '13812341234',
        location: { latitude: 26.08, longitude: 119.3, name: '东街口', address: '鼓楼区东街' },
        photos: [{ fileID: 'cloud://a', url: 'https://files/a.jpg' }],
      }),
    );
    const page = await open();

    expect(calls[0]).toEqual({ name: 'casework', action: 'caseDetail', data: { caseId: 'case-1' } });
    const shown = textOf(page);
    expect(shown).toContain('张女士');
    expect(shown).toContain('13812341234');
    expect(shown).toContain('东街口');
    expect(page.querySelectorAll('.photos >>> .photo-grid__cell')).toHaveLength(1);
    expect(textOf(page.querySelector('.timeline') as Found)).toContain('提交诉求');

    await tap(page.querySelector('.call'));
    expect(wxMock.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13812341234' });

    await tap(page.querySelector('.open-location'));
    expect(wxMock.openLocation).toHaveBeenCalledWith(
      expect.objectContaining({ latitude: 26.08, longitude: 119.3, name: '东街口', address: '鼓楼区东街' }),
    );
  });

  it('shows 匿名群众 and no call button for an anonymous appeal', async () => {
    serve(caseworkView({ anonymous: true }));

    const page = await open();

    expect(textOf(page)).toContain('匿名群众');
    expect(page.querySelector('.call')).toBeFalsy();
  });

  it('shows the route, the unit, 督办, the deadline and its state', async () => {
    serve(
      caseworkView({
        status: 'in_progress',
        statusLabel: '办理中',
        route: 'assign',
        unit: { id: 'unit-dongjie', name: '东街街道办事处' },
        supervised: true,
        deadline: deadlineView({ status: 'overdue', paused: true, uncovered: true }),
        actions: [],
      }),
    );

    const page = await open();

    expect(text(page, '.route')).toBe('交办 · 东街街道办事处');
    expect(text(page, '.supervised')).toBe('督办');
    expect(text(page, '.deadline >>> .deadline__date')).toBe('2026-12-04 前');
    expect(tags(page)).toEqual(['已逾期', '暂停计时']);
    expect(page.querySelector('.deadline >>> .deadline__tag--overdue')).toBeTruthy();
    expect(text(page, '.uncovered')).toBe('节假日安排未公布，期限可能调整');
    expect(page.querySelector('.actions')).toBeFalsy();
  });

  it('shows 即将到期 without the calendar note, and no deadline once the case is answered', async () => {
    serve(caseworkView({ deadline: deadlineView({ status: 'due_soon' }) }));
    const page = await open();
    expect(tags(page)).toEqual(['即将到期']);
    expect(page.querySelector('.deadline >>> .deadline__tag--due_soon')).toBeTruthy();
    expect(page.querySelector('.uncovered')).toBeFalsy();
    expect(text(page, '.route')).toBe('尚未分办');

    serve(answered());
    expect((await open()).querySelector('.deadline')).toBeFalsy();
  });

  it("shows the resident's rating and how the case closed", async () => {
    serve(
      caseworkView({
        status: 'closed',
        statusLabel: '已办结',
        rating: 'basically_satisfied',
        closedBy: 'rating',
        actions: [],
      }),
    );

    const page = await open();

    expect(text(page, '.rating')).toBe('基本满意');
    expect(text(page, '.closed-by')).toBe('评价办结');
  });

  it('shows only the actions the function allows, labelled for people, 答复 first and the rest grouped', async () => {
    serve(
      caseworkView({
        status: 'submitted',
        statusLabel: '待受理',
        actions: ['accept', 'decline', 'reply', 'merge'],
      }),
    );
    const page = await open();
    expect(buttons(page)).toEqual(['答复', '受理', '解释说明', '合并']);
    expect(page.querySelector('.actions__primary')?.dom?.textContent?.trim()).toBe('答复');
    expect(page.querySelectorAll('.actions__other').map((node) => textOf(node))).toEqual([
      '受理 先接手、稍后再答复或分办；直接答复也算受理',
      '解释说明 不合理的诉求，写下耐心的书面说明',
      '合并 与更早的同一件诉求合并办理',
    ]);

    serve(
      caseworkView({
        status: 'pending_review',
        statusLabel: '待审核',
        actions: ['approve_transfer', 'reject_transfer'],
      }),
    );
    expect(buttons(await open())).toEqual(['同意转办', '退回转办']);
  });

  it('uses no deputy-only words for a handling unit', async () => {
    serve(
      caseworkView({
        status: 'in_progress',
        statusLabel: '办理中',
        route: 'assign',
        unit: { id: 'unit-dongjie', name: '东街街道办事处' },
        deputy: null,
        actions: ['unit_answer', 'unit_return', 'pause_clock'],
      }),
    );

    const page = await open();
    await action(page, '办理答复');

    expect(buttons(page)).toEqual(['办理答复', '退回', '暂停计时']);
    expect(textOf(page)).not.toContain('代表');
  });

  it('takes an action that needs nothing more at once', async () => {
    const accepted = caseworkView();
    const calls = serve(
      caseworkView({ status: 'submitted', statusLabel: '待受理', actions: ['accept', 'decline'] }),
      ok(accepted),
    );
    const page = await open();

    await action(page, '受理');

    expect(actsOf(calls)).toEqual([
      { caseId: 'case-1', action: 'accept', clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{16,}$/) },
    ]);
    expect(page.querySelector('.act-form')).toBeFalsy();
    expect(textOf(page)).toContain('已受理');
    expect(buttons(page)).toEqual(['答复', '解释说明', '分办', '合并', '暂停计时']);
  });

  it('routes: asks the route, then a unit of the kind the route hands to, and sends both', async () => {
    const routed = caseworkView({
      status: 'in_progress',
      statusLabel: '办理中',
      route: 'assign',
      unit: { id: 'unit-nanjie', name: '南街街道办事处' },
      actions: ['reply'],
    });
    const calls = serve(caseworkView(), ok(routed));
    const page = await open();

    await action(page, '分办');
    expect(page.querySelectorAll('.route-choice').map((node) => textOf(node))).toEqual([
      '直办',
      '交办',
      '转办',
      '报办',
    ]);
    expect(page.querySelectorAll('.route-row').map((node) => textOf(node))).toEqual([
      '直办 您或联络站现在就能答复，直接办理',
      '交办 交给街道（乡镇）政府办理',
      '转办 转给市级部门，人大常委会审核后转出',
      '报办 超出本级职权，报给上级人大',
    ]);
    await submit(page);
    expect(text(page, '.route-error')).toBe('请选择办理方式');

    await tap(byText(page, '.route-choice', '交办'));
    await settle();
    expect(calls.filter((call) => call.action === 'units')).toHaveLength(1);
    expect(
      (page.data.form as { unitOptions: Array<{ name: string }> }).unitOptions.map((u) => u.name),
    ).toEqual(['东街街道办事处', '南街街道办事处']);
    await submit(page);
    expect(text(page, '.unit-error')).toBe('请选择承办单位');
    expect(actsOf(calls)).toEqual([]);

    page.querySelector('.unit-picker')?.dispatchEvent('change', { detail: { value: 1 } });
    await settle();
    expect(text(page, '.unit-name')).toBe('南街街道办事处');
    await submit(page);

    expect(actsOf(calls)).toEqual([
      {
        caseId: 'case-1',
        action: 'route',
        route: 'assign',
        unitId: 'unit-nanjie',
        clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{16,}$/),
      },
    ]);
    expect(text(page, '.route')).toBe('交办 · 南街街道办事处');
    expect(page.querySelector('.act-form')).toBeFalsy();
  });

  it('routes 转办 to city departments only, and 直办 without a unit', async () => {
    const calls = serve(
      caseworkView(),
      ok(caseworkView({ route: 'direct', status: 'in_progress', actions: [] })),
    );
    const page = await open();
    await action(page, '分办');

    await tap(byText(page, '.route-choice', '转办'));
    await settle();
    expect((page.data.form as { unitOptions: Array<{ id: string }> }).unitOptions.map((u) => u.id)).toEqual([
      'unit-housing',
    ]);
    await tap(byText(page, '.route-choice', '报办'));
    expect((page.data.form as { unitOptions: Array<{ id: string }> }).unitOptions.map((u) => u.id)).toEqual([
      'unit-province',
    ]);

    await tap(byText(page, '.route-choice', '直办'));
    expect(page.querySelector('.unit-picker')).toBeFalsy();
    await submit(page);

    expect(actsOf(calls)).toEqual([
      { caseId: 'case-1', action: 'route', route: 'direct', clientRequestId: expect.any(String) },
    ]);
    expect(calls.filter((call) => call.action === 'units')).toHaveLength(1);
  });

  it('declines only with an explanation, and only once confirmed', async () => {
    const declined = caseworkView({ status: 'declined', statusLabel: '已说明', actions: [] });
    const calls = serve(caseworkView(), ok(declined));
    const page = await open();

    await action(page, '解释说明');
    await submit(page);
    expect(text(page, '.note-error')).toBe('请填写解释说明，至少 2 个字');
    expect(wxMock.showModal).not.toHaveBeenCalled();

    await type(page.querySelector('.note-input'), '该路段属于省道，已告知您向省公路中心反映的渠道。');
    wxMock.showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: false, cancel: true });
    await submit(page);
    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认解释说明？' }));
    expect(actsOf(calls)).toEqual([]);

    await submit(page);

    expect(actsOf(calls)).toEqual([
      {
        caseId: 'case-1',
        action: 'decline',
        note: '该路段属于省道，已告知您向省公路中心反映的渠道。',
        clientRequestId: expect.any(String),
      },
    ]);
    expect(textOf(page)).toContain('已说明');
    expect(page.querySelector('.actions')).toBeFalsy();
  });

  it('merges into an earlier case named by its number, once confirmed', async () => {
    const calls = serve(
      caseworkView(),
      ok(caseworkView({ status: 'merged', statusLabel: '已合并', actions: [] })),
    );
    const page = await open();

    await action(page, '合并');
    await submit(page);
    expect(text(page, '.into-case-error')).toBe('请填写要合并到的诉求的受理编号或 ID');

    await type(page.querySelector('.into-case-input'), ' 20261120-1111-2222 ');
    await submit(page);

    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认合并？' }));
    expect(actsOf(calls)).toEqual([
      {
        caseId: 'case-1',
        action: 'merge',
        intoCaseId: '20261120-1111-2222',
        clientRequestId: expect.any(String),
      },
    ]);
  });

  it('replies once for a double tap, asking for consent first, and shows the updated case', async () => {
    const answer = deferred<Result<CaseworkView>>();
    const calls = serve(caseworkView(), answer.promise);
    const page = await open();
    await action(page, '答复');
    await type(page.querySelector('.note-input'), REPLY);
    await tap(byText(page, '.outcome-choice', '已解决或采纳'));

    page.querySelector('.act-submit')?.dispatchEvent('tap');
    page.querySelector('.act-submit')?.dispatchEvent('tap');
    await settle();

    expect(actsOf(calls)).toEqual([
      {
        caseId: 'case-1',
        action: 'reply',
        note: REPLY,
        outcome: 'solved',
        clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{16,}$/),
      },
    ]);
    expect(wxMock.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: SUBSCRIBE_ON_DEPUTY_ACTION }),
    );
    const actAt = wxMock.request.mock.calls.findIndex(
      ([options]) => (options.data as { data?: { action?: string } }).data?.action === 'act',
    );
    expect(wxMock.requestSubscribeMessage.mock.invocationCallOrder[0]).toBeLessThan(
      wxMock.request.mock.invocationCallOrder[actAt],
    );
    expect(page.querySelector('.act-submit')?.data.disabled).toBe(true);

    answer.resolve(ok(answered()));
    await settle();

    expect(textOf(page)).toContain('已答复');
    expect(textOf(page.querySelector('.timeline') as Found)).toContain(REPLY);
    expect(page.querySelector('.act-form')).toBeFalsy();
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '答复已发送' }));
  });

  it('asks what the answer did, offering the three outcomes, and sends none until one is chosen', async () => {
    const calls = serve(caseworkView(), ok(answered()));
    const page = await open();
    await action(page, '答复');
    expect(page.querySelectorAll('.outcome-choice').map((node) => textOf(node))).toEqual([
      '已解决或采纳',
      '列入计划',
      '留作参考/解释说明',
    ]);
    await type(page.querySelector('.note-input'), REPLY);

    await submit(page);
    expect(text(page, '.outcome-error')).toBe('请选择办理结果：已解决或采纳、列入计划，或留作参考/解释说明');
    expect(actsOf(calls)).toEqual([]);

    await tap(byText(page, '.outcome-choice', '列入计划'));
    expect(page.querySelector('.outcome-error')).toBeFalsy();
    await submit(page);
    expect(actsOf(calls)).toEqual([expect.objectContaining({ action: 'reply', outcome: 'planned' })]);
  });

  it("shows the answer's outcome with the handling", async () => {
    serve(caseworkView({ ...answered(), outcome: 'solved', outcomeLabel: '已解决或采纳' }));
    const page = await open();
    expect(text(page, '.outcome')).toBe('已解决或采纳');
  });

  it('counts the note and refuses one that is too long', async () => {
    const calls = serve(caseworkView());
    const page = await open();
    await action(page, '答复');

    await type(page.querySelector('.note-input'), '答'.repeat(501));

    expect(text(page, '.note-counter')).toBe('501/500');
    expect(text(page, '.note-error')).toBe('最多 500 个字，当前 501 个字');
    await submit(page);
    expect(actsOf(calls)).toEqual([]);
  });

  it('retries a failed act with the same clientRequestId, and a changed note gets a new one', async () => {
    const calls = serve(caseworkView(), { networkError: 'timeout' }, { networkError: 'timeout' });
    const page = await open();
    await action(page, '答复');
    await type(page.querySelector('.note-input'), REPLY);
    await tap(byText(page, '.outcome-choice', '列入计划'));

    await submit(page);
    expect(text(page, '.form-error')).toBe('网络不太好，请稍后重试');
    await submit(page);
    await type(page.querySelector('.note-input'), `${REPLY}谢谢。`);
    await submit(page);

    const [first, retry, changed] = actsOf(calls);
    expect(retry.clientRequestId).toBe(first.clientRequestId);
    expect(changed.clientRequestId).not.toBe(first.clientRequestId);
    expect((page.data.form as { note: string }).note).toBe(`${REPLY}谢谢。`);
  });

  it("shows the function's field message beside its field", async () => {
    serve(caseworkView(), fail('INPUT.INVALID', '答复内容不合适', { note: '答复内容不合适' }));
    const page = await open();
    await action(page, '答复');
    await type(page.querySelector('.note-input'), REPLY);
    await tap(byText(page, '.outcome-choice', '留作参考/解释说明'));

    await submit(page);

    expect(text(page, '.note-error')).toBe('答复内容不合适');
    expect(page.querySelector('.form-error')).toBeFalsy();
  });

  it('says so and shows the case as it now stands when someone else acted first', async () => {
    const movedOn = caseworkView({
      status: 'in_progress',
      statusLabel: '办理中',
      route: 'direct',
      actions: ['reply', 'pause_clock'],
    });
    const calls = serve(
      [caseworkView(), movedOn],
      fail('CONFLICT', '这条诉求刚刚被其他人处理过，请查看最新状态'),
    );
    const page = await open();
    await action(page, '分办');
    await tap(byText(page, '.route-choice', '直办'));

    await submit(page);
    await settle();

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '这条诉求刚刚被其他人处理过，请查看最新状态', showCancel: false }),
    );
    expect(calls.filter((call) => call.action === 'caseDetail')).toHaveLength(2);
    expect(textOf(page)).toContain('办理中');
    expect(text(page, '.route')).toBe('直办');
    expect(buttons(page)).toEqual(['答复', '暂停计时']);
    expect(page.querySelector('.act-form')).toBeFalsy();
  });
});
