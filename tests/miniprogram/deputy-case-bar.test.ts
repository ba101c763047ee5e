import type { CaseworkView, ReplyPhrasesView } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { byText, installWx, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Answer, Found, WxMock } from './helpers';
import { caseworkView } from './mothers';

/** The case page's fixed bar (the next action, 更多) and the answer box's 常用语. */

const submitted = (): CaseworkView =>
  caseworkView({
    status: 'submitted',
    statusLabel: '待受理',
    actions: ['accept', 'decline', 'reply', 'route', 'merge'],
  });

describe('case page: next action, 更多 and 常用语', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(
    view: CaseworkView,
    phrases: () => Answer<ReplyPhrasesView> = () =>
      ok({ defaults: ['您反映的问题已收到，我会尽快了解情况并给您答复。'], own: ['周末我到现场看一看。'] }),
  ) {
    const saved: string[][] = [];
    const calls = serveFunctions(wxMock, {
      casework: { caseDetail: () => ok(view) },
      deputy: {
        replyPhrases: phrases,
        saveReplyPhrases: (data) => {
          saved.push(data.phrases);
          return ok({ defaults: ['您反映的问题已收到，我会尽快了解情况并给您答复。'], own: data.phrases });
        },
      },
    });
    const page = render('pages/deputy/case/index');
    page.instance.onLoad({ id: 'case-1' });
    await settle();
    return { page, calls, saved };
  }

  const sheetOpen = (page: Found) => page.querySelectorAll('.case-sheet--open').length === 1;
  const note = (page: Found) => (page.instance.data as { form: { note: string } }).form.note;

  it('keeps the next action in the bottom bar and the rarer ones, each explained, under 更多', async () => {
    const { page } = await open(submitted());

    expect(textOf(byText(page, '.case-bar', '答复'))).toContain('更多');
    expect(textOf(byText(page, '.case-bar__main', '答复')).trim()).toBe('答复');
    expect(sheetOpen(page)).toBe(false);

    await tap(byText(page, '.case-bar__more', '更多'));
    expect(sheetOpen(page)).toBe(true);
    expect(page.querySelectorAll('.case-sheet .actions__other').map((n) => textOf(n))).toEqual([
      '受理 先接手、稍后再答复或分办；直接答复也算受理',
      '解释说明 不合理的诉求，写下耐心的书面说明',
      '分办 选择直办、交办、转办或报办',
      '合并 与更早的同一件诉求合并办理',
    ]);

    await tap(byText(page, '.case-sheet__close', '收起'));
    expect(sheetOpen(page)).toBe(false);
  });

  it('answers a case not yet accepted from the main button in one step: the answer accepts it too', async () => {
    const acts: Array<{ action?: unknown }> = [];
    serveFunctions(wxMock, {
      casework: {
        caseDetail: () => ok(submitted()),
        act: (data) => {
          acts.push(data);
          return ok(caseworkView({ status: 'answered', statusLabel: '已答复', actions: ['report_back'] }));
        },
      },
      deputy: { replyPhrases: () => ok({ defaults: [], own: [] }) },
    });
    const page = render('pages/deputy/case/index');
    page.instance.onLoad({ id: 'case-1' });
    await settle();

    await tap(byText(page, '.case-bar__main', '答复'));
    page.instance.onNote({
      detail: { value: '已联系环卫所，明天起每天清运两次。' },
    } as WechatMiniprogram.TextareaInput);
    await tap(byText(page, '.outcome-choice', '已解决'));
    await tap(byText(page, '.act-submit', '提交答复'));

    // One act, no 受理 before it: the service counts the case as accepted when it is answered.
    expect(acts.map((data) => data.action)).toEqual(['reply']);
    expect(textOf(page)).toContain('已答复');
  });

  it('makes 受理 the main button when the caller may accept but not answer', async () => {
    const { page } = await open(
      caseworkView({ status: 'submitted', statusLabel: '待受理', actions: ['accept', 'decline'] }),
    );

    expect(textOf(byText(page, '.case-bar__main', '受理')).trim()).toBe('受理');
    await tap(byText(page, '.case-bar__more', '更多'));
    expect(page.querySelectorAll('.case-sheet .actions__other').map((n) => textOf(n))).toEqual([
      '解释说明 不合理的诉求，写下耐心的书面说明',
    ]);
  });

  it('closes 更多 when an action is chosen there, opens its form and scrolls to it; each route in one line', async () => {
    const { page } = await open(submitted());
    await tap(byText(page, '.case-bar__more', '更多'));

    await tap(byText(page, '.act', '分办'));

    expect(sheetOpen(page)).toBe(false);
    expect(wxMock.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#act-form' }));
    const routes = page.querySelectorAll('.route-row').map((n) => textOf(n));
    expect(routes).toEqual([
      expect.stringMatching(/^直办\s*您或联络站现在就能答复，直接办理$/),
      expect.stringMatching(/^交办\s*交给街道（乡镇）政府办理$/),
      expect.stringMatching(/^转办\s*转给市级部门，人大常委会审核后转出$/),
      expect.stringMatching(/^报办\s*超出本级职权，报给上级人大$/),
    ]);
  });

  it('shows only 更多, full width, when nothing comes next for certain', async () => {
    const { page } = await open(
      caseworkView({ status: 'in_progress', actions: ['supervise', 'pause_clock'] }),
    );

    expect(page.querySelectorAll('.case-bar__main')).toHaveLength(0);
    expect(page.querySelectorAll('.case-bar__more--alone')).toHaveLength(1);
  });

  it('offers the deputy’s own phrases and the defaults in the answer box; a tap inserts one', async () => {
    const { page, calls } = await open(submitted());
    expect(calls.some((c) => c.action === 'replyPhrases')).toBe(false);

    await tap(byText(page, '.case-bar__main', '答复'));

    expect(page.querySelectorAll('.phrase').map((n) => textOf(n))).toEqual([
      '周末我到现场看一看。',
      '您反映的问题已收到，我会尽快了解情况并给您答复。',
    ]);
    await tap(byText(page, '.phrase', '周末'));
    expect(note(page)).toBe('周末我到现场看一看。');
    page.instance.onNote({ detail: { value: '已联系街道。' } } as WechatMiniprogram.TextareaInput);
    await tap(byText(page, '.phrase', '您反映的问题'));
    expect(note(page)).toBe('已联系街道。您反映的问题已收到，我会尽快了解情况并给您答复。');
  });

  it('keeps what was typed as a phrase, and removes an own phrase on a long press', async () => {
    const { page, saved } = await open(submitted());
    await tap(byText(page, '.case-bar__main', '答复'));
    page.instance.onNote({
      detail: { value: '已转交街道办，三日内给您回电。' },
    } as WechatMiniprogram.TextareaInput);

    await tap(byText(page, '.save-phrase', '存为常用语'));
    expect(saved).toEqual([['周末我到现场看一看。', '已转交街道办，三日内给您回电。']]);
    expect(textOf(page)).toContain('已转交街道办，三日内给您回电。');

    byText(page, '.phrase', '周末').dispatchEvent('longpress');
    await settle();
    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除这条常用语？' }));
    expect(saved[1]).toEqual(['已转交街道办，三日内给您回电。']);
  });

  it('shows no phrases to someone who is not a deputy, and the answer box still works', async () => {
    const { page } = await open(submitted(), () => fail('AUTH.FORBIDDEN', '此功能仅限已绑定的人大代表使用'));

    await tap(byText(page, '.case-bar__main', '答复'));

    expect(page.querySelectorAll('.phrase')).toHaveLength(0);
    expect(page.querySelectorAll('.note-input')).toHaveLength(1);
    expect(wxMock.showToast).not.toHaveBeenCalled();
  });
});
