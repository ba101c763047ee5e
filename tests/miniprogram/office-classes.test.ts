import type { DirectoryListView, PublicOpinionReportsView, SuggestionView } from '../../miniprogram/core/api';
import { ok } from '../../miniprogram/core/result';
import { byText, installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Found, Handlers, WxMock } from './helpers';
import { AT } from './mothers';
import {
  CLASS_PERIOD,
  classesView,
  classView,
  noiseClass,
  suggestionListItem as listItem,
  suggestionView,
} from './office-mothers';

/**
 * 问题类别, the office's screen: the period's classes, a class's cases and typical appeals, the
 * corrections, a deputy suggestion drafted from a class and followed, and the 民情专报.
 */

const PERIOD = CLASS_PERIOD;

const NOISE = noiseClass();

const deputies: DirectoryListView = {
  kind: 'deputy',
  active: 2,
  retired: 0,
  items: [
    {
      id: 'deputy-lin',
      code: 'D00001',
      name: '林晓红',
      detail: '市人大代表',
      phone: null,
      bound: true,
      active: true,
    },
    {
      id: 'deputy-chen',
      code: 'D00002',
      name: '陈建国',
      detail: '区人大代表',
      phone: null,
      bound: true,
      active: true,
    },
  ],
};

describe('问题类别 (pages/office/classes)', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(handlers: Handlers, query: Record<string, string> = PERIOD): Promise<Found> {
    serveFunctionsInto(handlers);
    const page = render('pages/office/classes/index');
    page.instance.onLoad(query);
    await settle();
    return page;
  }
  let calls: ReturnType<typeof serveFunctions>;
  const serveFunctionsInto = (handlers: Handlers) => {
    calls = serveFunctions(wxMock, handlers);
  };

  it("shows the period's classes with count, trend, places and keywords, and asks again for another period", async () => {
    const page = await open({ office: { problemClasses: () => ok(classesView([classView(), NOISE])) } });
    expect(calls[0]).toMatchObject({ action: 'problemClasses', data: PERIOD });
    expect(textOf(page.querySelector('.classes__total') as Found)).toBe('共 5 件诉求，2 类问题');
    const first = page.querySelector('.class-0') as Found;
    expect(textOf(first)).toContain('路灯损坏');
    expect(textOf(first)).toContain('3 件');
    expect(textOf(page.querySelectorAll('.class__trend')[0])).toBe('比上期 +2');
    expect(textOf(page.querySelectorAll('.class__places')[0])).toBe('地点：温泉支路 2');
    expect(textOf(page.querySelectorAll('.class__keywords')[0])).toBe('关键词：路灯、不亮');
    expect(page.querySelectorAll('.class__places')).toHaveLength(1);
    expect(textOf(page.querySelectorAll('.class__trend')[1])).toBe('新出现');

    page.querySelector('.from')?.dispatchEvent('change', { detail: { value: '2026-02-01' } });
    await settle();
    expect(calls[1].data).toEqual({ from: '2026-02-01', to: '2026-03-31' });
  });

  it('opens a class on its cases and typical appeals; renames and splits it, then reads again', async () => {
    const page = await open({
      office: {
        problemClasses: () => ok(classesView([classView(), NOISE])),
        correctClasses: () => ok({ corrections: [] }),
      },
    });
    expect(page.querySelector('.class__detail')).toBeFalsy();
    await tap(page.querySelector('.class-0 .class__head'));
    expect(textOf(page.querySelector('.class__representative') as Found)).toContain(
      '温泉支路的路灯坏了一个多月',
    );
    expect(page.querySelectorAll('.class__case')).toHaveLength(3);

    await type(page.querySelector('.class__rename-input'), '路灯不亮');
    await tap(page.querySelector('.class__rename'));
    expect(calls[1]).toMatchObject({
      action: 'correctClasses',
      data: { kind: 'rename', key: 'street_light', label: '路灯不亮', clientRequestId: expect.any(String) },
    });
    expect(calls[2].action).toBe('problemClasses');

    await tap(page.querySelector('.class-0 .class__head'));
    await tap(byText(page, '.class__case', '20260106-0001-0003'));
    expect(textOf(page.querySelector('.class__split-picked') as Found)).toBe('已勾选 1 件');
    const ticked = page.querySelectorAll('.class__case--picked').map((c) => textOf(c));
    expect(ticked).toEqual(['✓ 20260106-0001-0003']);
    await type(page.querySelector('.class__split-label'), '路灯线路老化');
    await tap(page.querySelector('.class__split'));
    expect(calls[3].data).toMatchObject({
      kind: 'split',
      key: 'street_light',
      caseNos: ['20260106-0001-0003'],
      label: '路灯线路老化',
    });
  });

  it('merges the classes ticked, only once two are', async () => {
    const page = await open({
      office: {
        problemClasses: () => ok(classesView([classView(), NOISE])),
        correctClasses: () => ok({ corrections: [] }),
      },
    });
    await tap(page.querySelector('.class-0 .class__pick'));
    expect(page.querySelector('.merge')).toBeFalsy();
    await tap(page.querySelector('.class-1 .class__pick'));
    expect(textOf(page.querySelector('.merge') as Found)).toContain('合并已选的 2 个类别');
    await type(page.querySelector('.merge__label'), '夜间扰民与照明');
    await tap(page.querySelector('.merge__go'));
    expect(calls[1].data).toMatchObject({
      kind: 'merge',
      keys: ['street_light', 'noise'],
      label: '夜间扰民与照明',
    });
  });

  it('drafts a deputy suggestion from a class, with its cases as evidence and the signers chosen', async () => {
    const page = await open({
      office: {
        problemClasses: () => ok(classesView([classView()])),
        directory: () => ok(deputies),
        draftSuggestion: () => ok(suggestionView()),
        suggestions: () => ok({ items: [listItem()] }),
      },
    });
    await tap(page.querySelector('.class-0 .class__head'));
    await tap(page.querySelector('.class__draft'));
    const form = (selector: string) => page.querySelector(`.draft-form >>> ${selector}`) ?? undefined;
    expect(form('.draft__title')?.data.value).toBe('关于解决路灯损坏问题的建议');
    await type(form('.draft__reasons'), '夜间出行不安全');
    await type(form('.draft__proposal'), '建立限时维修制度');
    // No signer yet: refused on the phone at the signers, nothing sent.
    await tap(form('.draft__save'));
    expect(textOf(form('.error-signerIds') as Found)).toBe('请选择联名代表（至少一位）');
    expect(calls.some((c) => c.action === 'draftSuggestion')).toBe(false);

    await tap(form('.draft__signer-deputy-lin'));
    expect(form('.error-signerIds')).toBeUndefined();
    await tap(form('.draft__signer-deputy-chen'));
    await tap(form('.draft__save'));
    const sent = calls.find((c) => c.action === 'draftSuggestion');
    expect(sent?.data).toMatchObject({
      classKey: 'street_light',
      classLabel: '路灯损坏',
      ...PERIOD,
      caseNos: classView().caseNos,
      signerIds: ['deputy-lin', 'deputy-chen'],
      reasons: '夜间出行不安全',
    });
    // Then the list of suggestions, with its status.
    expect(textOf(page.querySelector('.suggestion-0') as Found)).toContain('起草中');
    expect(textOf(page.querySelector('.suggestion-0 .suggestion__detail') as Found)).toContain(
      '1 位待确认联名',
    );
  });

  it('edits a draft: the form holds the draft, each refusal shows at its field, the save sends the version read', async () => {
    let current = suggestionView({ actions: ['update', 'submit'] });
    const page = await open(
      {
        office: {
          suggestions: () => ok({ items: [listItem()] }),
          suggestion: () => ok(current),
          directory: () => ok(deputies),
          updateSuggestion: (data) => {
            if (String(data.title).includes('KTV'))
              return {
                ok: false,
                code: 'INPUT.INVALID',
                message: '请检查填写的内容',
                fields: { title: '标题含有不宜公开的内容，请修改' },
              };
            current = suggestionView({ ...data, version: 4, actions: ['update'] } as Partial<SuggestionView>);
            return ok(current);
          },
        },
      },
      { ...PERIOD, tab: 'suggestions' },
    );
    await tap(page.querySelector('.suggestion__head'));
    expect(page.querySelector('.edit-form')).toBeFalsy();
    await tap(page.querySelector('.suggestion__edit'));
    expect(page.querySelector('.suggestion__submit')).toBeFalsy();
    const form = (selector: string) => page.querySelector(`.edit-form >>> ${selector}`) ?? undefined;
    expect(form('.draft__title')?.data.value).toBe('关于解决路灯损坏问题的建议');
    expect(form('.draft__proposal')?.data.value).toBe('建立限时维修制度');
    expect(form('.draft__signer-deputy-chen')?.dom?.className).toContain('chip--active');

    // Two fields emptied: each says so where it is, nothing is sent.
    await type(form('.draft__reasons'), '');
    await type(form('.draft__proposal'), '  ');
    await tap(form('.draft__save'));
    expect(textOf(form('.error-reasons') as Found)).toBe('请填写理由');
    expect(textOf(form('.error-proposal') as Found)).toBe('请填写建议');
    expect(form('.error-title')).toBeUndefined();
    expect(calls.some((c) => c.action === 'updateSuggestion')).toBe(false);
    expect(wxMock.pageScrollTo).toHaveBeenCalledWith(
      expect.objectContaining({ selector: '.suggestion-form__field-reasons' }),
    );

    // The function refuses the title: shown at the title, the other fields kept.
    await type(form('.draft__reasons'), '夜间出行不安全，老人摔倒过');
    expect(form('.error-reasons')).toBeUndefined();
    await type(form('.draft__proposal'), '建立路灯限时维修制度');
    await type(form('.draft__title'), '关于KTV的建议');
    await tap(form('.draft__save'));
    expect(textOf(form('.error-title') as Found)).toBe('标题含有不宜公开的内容，请修改');
    expect(form('.draft__reasons')?.data.value).toBe('夜间出行不安全，老人摔倒过');

    await type(form('.draft__title'), '关于加快路灯维修的建议');
    await tap(form('.draft__save'));
    const sent = calls.filter((c) => c.action === 'updateSuggestion');
    expect(sent).toHaveLength(2);
    expect(sent[1].data).toMatchObject({
      id: 'sg1',
      version: 3,
      title: '关于加快路灯维修的建议',
      reasons: '夜间出行不安全，老人摔倒过',
      proposal: '建立路灯限时维修制度',
      caseNos: classView().caseNos,
      signerIds: ['deputy-lin', 'deputy-chen'],
    });
    // One request id for the form: the retry after a refusal is the same request.
    expect(sent[1].data.clientRequestId).toBe(sent[0].data.clientRequestId);
    expect(page.querySelector('.edit-form')).toBeFalsy();
    expect(wxMock.showToast).toHaveBeenCalledWith({
      title: '已保存修改，已请代表重新确认联名',
      icon: 'success',
    });
  });

  it('submits a signed suggestion and records the government answer', async () => {
    let current = suggestionView({ actions: ['submit'] });
    const page = await open(
      {
        office: {
          suggestions: () => ok({ items: [listItem()] }),
          suggestion: () => ok(current),
          submitSuggestion: () => {
            current = suggestionView({
              status: 'submitted',
              statusLabel: '已提交',
              actions: ['recordAnswer'],
            });
            return ok(current);
          },
          recordSuggestionAnswer: () => ok(suggestionView({ status: 'answered', statusLabel: '已答复' })),
        },
      },
      { ...PERIOD, tab: 'suggestions' },
    );
    await tap(page.querySelector('.suggestion__head'));
    await tap(page.querySelector('.suggestion__submit'));
    expect(calls.find((c) => c.action === 'submitSuggestion')?.data).toMatchObject({ id: 'sg1' });
    await type(page.querySelector('.answer__unit'), '区城市管理局');
    await type(page.querySelector('.answer__text'), '已纳入网格化巡查');
    await tap(page.querySelector('.answer__save'));
    expect(calls.find((c) => c.action === 'recordSuggestionAnswer')?.data).toMatchObject({
      id: 'sg1',
      unit: '区城市管理局',
      text: '已纳入网格化巡查',
      outcome: 'solved',
    });
  });

  it('makes the 民情专报 of the period and lists the reports, the quarterly ones marked', async () => {
    let reports: PublicOpinionReportsView = { items: [] };
    const page = await open(
      {
        office: {
          publicOpinionReports: () => ok(reports),
          publicOpinionReport: () => {
            reports = {
              items: [
                {
                  id: 'r1',
                  ...PERIOD,
                  name: '民情专报_2026-01-01_2026-03-31.pdf',
                  status: 'done',
                  pages: 3,
                  requestedAt: AT,
                  madeAt: AT,
                  quarterly: true,
                  fileID: 'cloud://x/r1.pdf',
                  url: 'https://example.test/r1.pdf',
                },
              ],
            };
            return ok({ status: 'running', total: 5000, startedAt: null });
          },
        },
      },
      { ...PERIOD, tab: 'reports' },
    );
    expect(textOf(page.querySelector('.reports__none') as Found)).toContain('每季度结束后自动生成');
    await tap(page.querySelector('.reports__make'));
    expect(calls.find((c) => c.action === 'publicOpinionReport')?.data).toEqual(PERIOD);
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '正在生成，稍后在列表中查看', icon: 'none' });
    expect(textOf(page.querySelector('.report-0') as Found)).toContain('2026-01-01 至 2026-03-31（季度）');
    expect(textOf(page.querySelector('.report-0 .report__detail') as Found)).toContain('3 页');
  });
});
