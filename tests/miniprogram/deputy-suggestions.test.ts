import type { SuggestionListItem, SuggestionView } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Found, Handlers, WxMock } from './helpers';
import { AT } from './mothers';

/** 代表建议 on the deputy's phone: their suggestions, 确认联名, and 提交 once everyone has signed. */

function listItem(overrides: Partial<SuggestionListItem> = {}): SuggestionListItem {
  return {
    id: 'sg1',
    title: '关于解决路灯损坏问题的建议',
    status: 'drafted',
    statusLabel: '起草中',
    classLabel: '路灯损坏',
    signers: [
      { deputyId: 'deputy-chen', name: '陈建国', signedAt: AT },
      { deputyId: 'deputy-lin', name: '林晓红', signedAt: null },
    ],
    caseCount: 3,
    createdAt: AT,
    submittedAt: null,
    answeredAt: null,
    outcome: null,
    ...overrides,
  };
}

function view(overrides: Partial<SuggestionView> = {}): SuggestionView {
  return {
    ...listItem(),
    problem: '路灯损坏长期无人维修',
    reasons: '夜间出行不安全',
    proposal: '建立限时维修制度',
    caseNos: ['20260106-0001-0001'],
    signerIds: ['deputy-chen', 'deputy-lin'],
    classKey: 'street_light',
    period: null,
    draftedBy: { role: 'deputy', name: '陈建国' },
    answer: null,
    version: 2,
    actions: ['sign'],
    timeline: [],
    ...overrides,
  };
}

describe('代表建议 (pages/deputy/suggestions)', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(handlers: Handlers) {
    const calls = serveFunctions(wxMock, handlers);
    const page = render('pages/deputy/suggestions/index');
    page.instance.onLoad({});
    await settle();
    return { page, calls };
  }

  it('lists the suggestions with their status and who has yet to sign, and signs one', async () => {
    let signed = false;
    const { page, calls } = await open({
      deputy: {
        suggestions: () =>
          ok({
            items: [
              signed
                ? listItem({ signers: listItem().signers.map((s) => ({ ...s, signedAt: AT })) })
                : listItem(),
            ],
          }),
        suggestion: () => ok(view()),
        signSuggestion: () => {
          signed = true;
          return ok(view({ actions: [] }));
        },
      },
    });
    expect(textOf(page.querySelector('.suggestion-0') as Found)).toContain('起草中');
    expect(textOf(page.querySelector('.suggestion__detail') as Found)).toContain('1 位待确认联名');
    await tap(page.querySelector('.suggestion__head'));
    expect(textOf(page.querySelector('.suggestion__problem') as Found)).toBe('问题：路灯损坏长期无人维修');
    expect(page.querySelector('.suggestion__submit')).toBeFalsy();
    await tap(page.querySelector('.suggestion__sign'));
    expect(calls.find((c) => c.action === 'signSuggestion')?.data).toMatchObject({
      id: 'sg1',
      clientRequestId: expect.any(String),
    });
    expect(page.querySelector('.suggestion__sign')).toBeFalsy();
    expect(textOf(page.querySelector('.suggestion__detail') as Found)).not.toContain('待确认联名');
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '已确认联名', icon: 'success' });
  });

  it("shows the function's refusal when submitting", async () => {
    const { page } = await open({
      deputy: {
        suggestions: () => ok({ items: [listItem()] }),
        suggestion: () => ok(view({ actions: ['submit'] })),
        submitSuggestion: () => fail('SUGGESTION.UNSIGNED', '林晓红还没有确认联名，确认后才能提交'),
      },
    });
    await tap(page.querySelector('.suggestion__head'));
    await tap(page.querySelector('.suggestion__submit'));
    expect(textOf(page.querySelector('.suggestions__error') as Found)).toBe(
      '林晓红还没有确认联名，确认后才能提交',
    );
  });

  it('says so when there is none', async () => {
    const { page } = await open({ deputy: { suggestions: () => ok({ items: [] }) } });
    expect(textOf(page)).toContain('还没有您起草或联名的代表建议');
  });
});
