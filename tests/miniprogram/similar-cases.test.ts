import type { SimilarCaseItem, SimilarCasesView } from '../../miniprogram/core/api';
import { fail, ok, type Result } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Found, WxMock } from './helpers';
import { AT, caseworkView } from './mothers';

/** 相似诉求 on the case page of those who handle it (components/similar-cases). */

const item = (overrides: Partial<SimilarCaseItem> = {}): SimilarCaseItem => ({
  caseNo: '20261120-1111-2222',
  caseId: 'case-0',
  masked: false,
  score: 0.92,
  reasons: ['same_problem', 'nearby'],
  problem: '路灯损坏',
  summary: '温泉支路的路灯坏了一个多月',
  categoryName: '道路交通',
  status: 'accepted',
  createdAt: AT - 86_400_000,
  place: '温泉支路',
  metres: 120,
  linked: false,
  actions: ['merge', 'link'],
  ...overrides,
});

const SIMILAR: SimilarCasesView = {
  caseNo: '20261121-0001-0001',
  problem: '路灯损坏',
  items: [
    item(),
    item({
      caseNo: '20261119-3333-4444',
      caseId: null,
      masked: true,
      summary: '温泉支路口路灯晚上不亮，我是某先生电话****',
      reasons: ['same_problem'],
      metres: null,
      actions: ['link'],
    }),
  ],
};

describe('similar cases on the case page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(similar: () => Result<SimilarCasesView>) {
    let linked = false;
    const calls = serveFunctions(wxMock, {
      casework: {
        caseDetail: () => ok(caseworkView()),
        similarCases: () =>
          linked
            ? ok({ ...SIMILAR, items: SIMILAR.items.map((i) => ({ ...i, linked: true, actions: [] })) })
            : similar(),
        linkProblem: () => {
          linked = true;
          return ok({ caseNo: SIMILAR.caseNo, linkedCaseNos: ['20261119-3333-4444'] });
        },
      },
    });
    const page = render('pages/deputy/case/index');
    page.instance.onLoad({ id: 'case-1' });
    await settle();
    await settle();
    return { page, calls };
  }

  const rows = (page: Found) => page.querySelectorAll('.similar-cases >>> .similar__item');

  it('lists the alike cases with why, another deputy’s only as a masked summary', async () => {
    const { page, calls } = await open(() => ok(SIMILAR));
    expect(calls).toContainEqual({
      name: 'casework',
      action: 'similarCases',
      data: { caseId: 'case-1', limit: 10 },
    });
    expect(textOf(page.querySelector('.similar-cases >>> .similar__problem')!)).toBe('本件属于「路灯损坏」');
    const [mine, theirs] = rows(page);
    expect(textOf(mine)).toContain('同一问题 · 附近 120 米');
    expect(textOf(mine)).toContain('合并到该件');
    expect(textOf(theirs)).toContain('其他代表的诉求，仅显示摘要');
    expect(textOf(theirs)).not.toContain('合并到该件');
  });

  it('links one as the same problem once confirmed, then shows it linked', async () => {
    const { page, calls } = await open(() => ok(SIMILAR));
    const links = page.querySelectorAll('.similar-cases >>> .similar__link');
    expect(links.map((l) => textOf(l))).toEqual(['关联为同类', '关联为同类']);
    await tap(links[1]);
    await settle();
    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '关联为同类诉求' }));
    expect(calls.filter((c) => c.action === 'linkProblem').map((c) => c.data)).toEqual([
      { caseId: 'case-1', otherCaseNo: '20261119-3333-4444', clientRequestId: expect.any(String) },
    ]);
    expect(textOf(rows(page)[1])).toContain('已关联为同类诉求');
    expect(page.querySelectorAll('.similar-cases >>> .similar__link')).toHaveLength(0);
  });

  it('shows nothing to a handling unit, whom the function refuses', async () => {
    const { page } = await open(() => fail('AUTH.FORBIDDEN', '相似诉求仅限代表、联络站和代表工委查看'));
    expect(page.querySelector('.similar-cases >>> .similar')).toBeUndefined();
  });
});
