import type { SimilarAppealsView, SubmitResult } from '../../miniprogram/core/api';
import { fail, ok, type Result } from '../../miniprogram/core/result';
import { rememberVisit } from '../../miniprogram/utils/visit';
import { byText, installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Found, FunctionCall, WxMock } from './helpers';
import { deputyLanding, submitResult } from './mothers';

/** Before submitting: the same problem already being handled nearby, and adding to it. */

const DESCRIPTION = '温泉支路的路灯坏了，晚上一片漆黑。';
const SIMILAR: SimilarAppealsView = {
  items: [
    {
      caseNo: '20261120-1111-2222',
      problem: '路灯损坏',
      categoryName: '道路交通',
      statusLabel: '办理中',
      place: '温泉支路',
      metres: 80,
      reasons: ['same_problem', 'same_place', 'nearby'],
      joined: 2,
      date: '2026-11-20',
    },
  ],
};

describe('similar appeals on the submit page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
    rememberVisit(deputyLanding());
  });

  function serve(similar: () => Result<SimilarAppealsView>): FunctionCall[] {
    return serveFunctions(wxMock, {
      resident: {
        landing: () => ok(deputyLanding()),
        similarAppeals: similar,
        submit: (): Result<SubmitResult> => ok(submitResult()),
      },
    });
  }

  async function open(): Promise<Found> {
    const page = render('pages/submit/index');
    page.instance.onLoad({ type: 'deputy', code: 'D00001' });
    await settle();
    return page;
  }

  async function writeDraft(page: Found) {
    await type(page.querySelector('.description'), DESCRIPTION);
    page.querySelector('.description')?.dispatchEvent('blur', { detail: { value: DESCRIPTION } });
    await settle();
    await settle();
  }

  it('looks the draft up once it is written and shows nothing of other people', async () => {
    const calls = serve(() => ok(SIMILAR));
    const page = await open();
    await writeDraft(page);
    expect(calls.filter((c) => c.action === 'similarAppeals').map((c) => c.data)).toEqual([
      { description: DESCRIPTION },
    ]);
    const card = textOf(page.querySelector('.similar-appeals')!);
    expect(card).toContain('附近已有相同问题正在办理');
    expect(card).toContain('路灯损坏');
    expect(card).toContain('温泉支路 · 相距约 80 米 · 办理中 · 2026-11-20 反映 · 已有 2 人加入');
  });

  it('submits linked to the appeal the resident joined, and can take it back', async () => {
    const calls = serve(() => ok(SIMILAR));
    const page = await open();
    await tap(byText(page, '.kind', '投诉'));
    page.querySelector('.category-picker')?.dispatchEvent('change', { detail: { value: 0 } });
    await writeDraft(page);
    page.querySelector('.consent')?.dispatchEvent('change', { detail: { value: ['agree'] } });
    await settle();

    await tap(page.querySelector('.similar-appeals >>> .similar-appeals__join'));
    expect(textOf(page.querySelector('.similar-appeals')!)).toContain('已加入，提交后将一并办理');
    await tap(page.querySelector('.similar-appeals >>> .similar-appeals__join'));
    expect(page.data.sameProblemAs).toBe('');
    await tap(page.querySelector('.similar-appeals >>> .similar-appeals__join'));

    await tap(page.querySelector('.submit'));
    await settle();
    const submitted = calls.filter((c) => c.action === 'submit');
    expect(submitted).toHaveLength(1);
    expect(submitted[0].data).toMatchObject({
      description: DESCRIPTION,
      sameProblemAs: '20261120-1111-2222',
    });
  });

  it('never stands in the way when the look-up fails', async () => {
    serve(() => fail('INTERNAL', '出错了'));
    const page = await open();
    await writeDraft(page);
    expect(textOf(page)).not.toContain('附近已有相同问题正在办理');
    expect(page.querySelector('.submit')).toBeDefined();
  });
});
