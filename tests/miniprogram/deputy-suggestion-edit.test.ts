import type { DraftSuggestionInput, SuggestionView, UpdateSuggestionInput } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { byText, installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Answer, Found, WxMock } from './helpers';
import { AT, caseworkView, meView, myDutiesView } from './mothers';

/** 起草代表建议 / 修改建议 on the deputy's phone (pages/deputy/suggestion-edit). */

const CASE_NO = '20261121-0001-0003';

function view(overrides: Partial<SuggestionView> = {}): SuggestionView {
  return {
    id: 'sg1',
    title: '关于解决路灯损坏问题的建议',
    status: 'drafted',
    statusLabel: '起草中',
    classLabel: null,
    signers: [
      { deputyId: 'deputy-1', name: '王建国', signedAt: AT },
      { deputyId: 'deputy-9', name: '周海燕', signedAt: null },
    ],
    caseCount: 1,
    createdAt: AT,
    submittedAt: null,
    answeredAt: null,
    outcome: null,
    problem: '路灯损坏长期无人维修',
    reasons: '夜间出行不安全',
    proposal: '建立限时维修制度',
    caseNos: [CASE_NO],
    signerIds: ['deputy-1', 'deputy-9'],
    classKey: null,
    period: null,
    draftedBy: { role: 'deputy', name: '王建国' },
    answer: null,
    version: 3,
    actions: ['update', 'submit'],
    timeline: [],
    ...overrides,
  };
}

describe('起草代表建议 (pages/deputy/suggestion-edit)', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(
    query: Record<string, string>,
    answers: {
      draft?: (data: DraftSuggestionInput) => Answer<SuggestionView>;
      update?: (data: UpdateSuggestionInput) => Answer<SuggestionView>;
      current?: SuggestionView;
    } = {},
  ) {
    const calls = serveFunctions(wxMock, {
      resident: { me: () => ok(meView(['deputy'])) },
      deputy: {
        duties: () => ok(myDutiesView()),
        suggestion: () => ok(answers.current ?? view()),
        draftSuggestion: answers.draft ?? (() => ok(view())),
        updateSuggestion: answers.update ?? (() => ok(view())),
      },
    });
    const page = render('pages/deputy/suggestion-edit/index');
    page.instance.onLoad(query);
    await settle();
    return { page, calls };
  }

  async function fill(page: Found) {
    await type(page.querySelector('.suggestion-edit__title'), '关于东街老旧小区路灯维修的建议');
    await type(page.querySelector('.suggestion-edit__problem'), '东街三个小区路灯损坏，半年内反映 12 次');
    await type(page.querySelector('.suggestion-edit__reasons'), '老人夜间出行摔倒，维修责任不清');
    await type(page.querySelector('.suggestion-edit__proposal'), '明确维修责任单位，损坏 3 日内修复');
  }

  const sent = (calls: Array<{ action: string; data: Record<string, unknown> }>, action: string) =>
    calls.filter((c) => c.action === action).map((c) => c.data);

  it('drafts from a case: the case is the evidence, the deputy leads, a colleague is invited', async () => {
    const { page, calls } = await open({ caseNo: CASE_NO });
    expect(textOf(page.querySelector('.suggestion-edit__case') as Found)).toContain(CASE_NO);
    expect(textOf(page.querySelector('.suggestion-edit__signer-deputy-1') as Found)).toBe('王建国（领衔）');
    await fill(page);
    await tap(page.querySelector('.suggestion-edit__signer-deputy-2'));
    await type(page.querySelector('.suggestion-edit__case-input'), '20261120-0002-0001');
    await tap(byText(page, '.suggestion-edit__add-case', '添加'));

    await tap(byText(page, '.suggestion-edit__save', '保存草稿'));

    expect(sent(calls, 'draftSuggestion')).toEqual([
      {
        title: '关于东街老旧小区路灯维修的建议',
        problem: '东街三个小区路灯损坏，半年内反映 12 次',
        reasons: '老人夜间出行摔倒，维修责任不清',
        proposal: '明确维修责任单位，损坏 3 日内修复',
        caseNos: [CASE_NO, '20261120-0002-0001'],
        signerIds: ['deputy-1', 'deputy-2'],
        clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{24}$/),
      },
    ]);
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '已保存，已请联名代表确认', icon: 'success' });
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/deputy/suggestions/index?id=sg1' });
  });

  it('says beside each field what is missing, scrolls to the first, and does not call', async () => {
    const { page, calls } = await open({});
    await type(page.querySelector('.suggestion-edit__title'), '关于路灯的建议');

    await tap(byText(page, '.suggestion-edit__save', '保存草稿'));

    expect(sent(calls, 'draftSuggestion')).toHaveLength(0);
    expect(page.querySelector('.error-title')).toBeFalsy();
    expect(textOf(page.querySelector('.error-problem') as Found)).toBe('请填写问题');
    expect(textOf(page.querySelector('.error-caseNos') as Found)).toBe('请至少附上一条诉求作为依据');
    expect(wxMock.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-problem' }));

    await type(page.querySelector('.suggestion-edit__case-input'), '12345');
    await tap(byText(page, '.suggestion-edit__add-case', '添加'));
    expect(textOf(page.querySelector('.error-caseNos') as Found)).toContain('受理编号应像');
  });

  it("shows the function's field message where it belongs: a case number it did not find", async () => {
    const { page } = await open(
      { caseNo: CASE_NO },
      {
        draft: () => fail('INPUT.INVALID', '请检查', { caseNos: '有依据诉求的编号没有找到' }),
      },
    );
    await fill(page);

    await tap(byText(page, '.suggestion-edit__save', '保存草稿'));

    expect(textOf(page.querySelector('.error-caseNos') as Found)).toBe('有依据诉求的编号没有找到');
    expect(wxMock.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-caseNos' }));
    expect(wxMock.redirectTo).not.toHaveBeenCalled();
  });

  it('keeps one request id across a retry, so a bad connection never drafts twice', async () => {
    let attempts = 0;
    const { page, calls } = await open(
      { caseNo: CASE_NO },
      {
        draft: () => (++attempts === 1 ? { networkError: 'timeout' } : ok(view())),
      },
    );
    await fill(page);

    await tap(byText(page, '.suggestion-edit__save', '保存草稿'));
    expect(wxMock.redirectTo).not.toHaveBeenCalled();
    await tap(byText(page, '.suggestion-edit__save', '保存草稿'));

    const ids = sent(calls, 'draftSuggestion').map((d) => d.clientRequestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(wxMock.redirectTo).toHaveBeenCalledTimes(1);
  });

  it('edits the deputy’s own draft as shown, with its version and its signers kept', async () => {
    const { page, calls } = await open({ id: 'sg1' });
    expect(textOf(page)).toContain('已确认联名的代表需要重新确认');
    expect(textOf(page.querySelector('.suggestion-edit__signer-deputy-9') as Found)).toBe('周海燕');
    await type(page.querySelector('.suggestion-edit__proposal'), '建立路灯损坏 3 日内修复的制度');

    await tap(byText(page, '.suggestion-edit__save', '保存修改'));

    expect(sent(calls, 'updateSuggestion')).toEqual([
      {
        id: 'sg1',
        version: 3,
        title: '关于解决路灯损坏问题的建议',
        problem: '路灯损坏长期无人维修',
        reasons: '夜间出行不安全',
        proposal: '建立路灯损坏 3 日内修复的制度',
        caseNos: [CASE_NO],
        signerIds: ['deputy-1', 'deputy-9'],
        clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{24}$/),
      },
    ]);
    expect(sent(calls, 'draftSuggestion')).toHaveLength(0);
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/deputy/suggestions/index?id=sg1' });
  });

  it('says when someone changed the draft meanwhile, and stays on the form', async () => {
    const { page } = await open(
      { id: 'sg1' },
      {
        update: () => fail('CONFLICT', '建议已被修改，请返回刷新后再改'),
      },
    );

    await tap(byText(page, '.suggestion-edit__save', '保存修改'));

    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '建议已被修改，请返回刷新后再改', icon: 'none' });
    expect(wxMock.redirectTo).not.toHaveBeenCalled();
  });

  it('does not offer a submitted suggestion for editing', async () => {
    const { page, calls } = await open(
      { id: 'sg1' },
      {
        current: view({ status: 'submitted', statusLabel: '已提交', actions: [] }),
      },
    );
    expect(textOf(page)).toContain('这份建议已不能修改');
    expect(page.querySelector('.suggestion-edit__save')).toBeFalsy();
    expect(sent(calls, 'updateSuggestion')).toHaveLength(0);
  });
});

describe('where a deputy starts or edits a suggestion', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function caseAs(role: 'deputy' | 'staff') {
    serveFunctions(wxMock, {
      casework: { caseDetail: () => ok(caseworkView({ caseNo: CASE_NO })) },
      resident: { me: () => ok(meView([role])) },
    });
    const page = render('pages/deputy/case/index');
    page.instance.onLoad({ id: 'case-1' });
    await settle();
    return page;
  }

  it('offers 以此起草代表建议 on the case addressed to the deputy, with the case as evidence', async () => {
    const page = await caseAs('deputy');
    await tap(byText(page, '.draft-suggestion__button', '以此起草代表建议'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: `/pages/deputy/suggestion-edit/index?caseNo=${CASE_NO}`,
    });
  });

  it('does not offer it to station staff reading the same case', async () => {
    const page = await caseAs('staff');
    expect(textOf(page)).toContain(CASE_NO);
    expect(page.querySelector('.draft-suggestion__button')).toBeFalsy();
  });

  it('opens the form from 代表建议, and 修改 on the deputy’s own draft opened by its link', async () => {
    serveFunctions(wxMock, {
      deputy: {
        suggestions: () => ok({ items: [view()] }),
        suggestion: () => ok(view()),
      },
    });
    const page = render('pages/deputy/suggestions/index');
    page.instance.onLoad({ id: 'sg1' });
    await settle();
    expect(textOf(page.querySelector('.suggestion__problem') as Found)).toBe('问题：路灯损坏长期无人维修');

    await tap(byText(page, '.suggestion__edit', '修改'));
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/deputy/suggestion-edit/index?id=sg1' });
    await tap(byText(page, '.suggestions__draft', '起草建议'));
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/deputy/suggestion-edit/index' });
  });

  it('offers no 修改 on a draft the deputy is only asked to sign', async () => {
    serveFunctions(wxMock, {
      deputy: {
        suggestions: () => ok({ items: [view()] }),
        suggestion: () => ok(view({ actions: ['sign'] })),
      },
    });
    const page = render('pages/deputy/suggestions/index');
    page.instance.onLoad({ id: 'sg1' });
    await settle();
    expect(page.querySelector('.suggestion__sign')).toBeTruthy();
    expect(page.querySelector('.suggestion__edit')).toBeFalsy();
  });
});
