import type { CaseDetailView, ResidentSteps } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, serveUploads, settle, tap, textOf, type } from './helpers';
import type { Found, WxMock } from './helpers';
import { caseDetail, timelineEntry } from './mothers';

/**
 * The resident's own steps on the case page (components/case-steps): 催办, 补充 and 撤回, shown as the
 * function says they are possible, each sent once (a retry reuses its clientRequestId), and the page
 * showing the case as the answer left it.
 */

const steps = (overrides: Partial<ResidentSteps> = {}): ResidentSteps => ({
  photoOwner: 'o-me',
  withdraw: false,
  supplement: true,
  chase: null,
  ...overrides,
});

describe('case page: 催办, 补充, 撤回', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(view: CaseDetailView, handlers: Parameters<typeof serveFunctions>[1]['resident'] = {}) {
    const calls = serveFunctions(wxMock, { resident: { caseDetail: () => ok(view), ...handlers } });
    const page = render('pages/case/index');
    page.instance.onLoad({ id: view.id });
    await settle();
    return { page: page as unknown as Found, calls };
  }
  const q = (page: Found, selector: string) => page.querySelector(`.steps >>> ${selector}`) ?? undefined;

  it('offers nothing once the case is answered or finished', async () => {
    const { page } = await open(
      caseDetail({ status: 'closed', statusLabel: '已办结', residentSteps: steps({ supplement: false }) }),
    );
    expect(q(page, '.case-steps')).toBeUndefined();
    expect(textOf(page)).not.toContain('催办');
  });

  it('explains when a chase becomes possible, with the button disabled until then', async () => {
    const chase = {
      allowed: false,
      remaining: 3,
      nextDate: '2026-06-16',
      message: '答复期限是6月15日，过了期限仍未答复可以催办',
    };
    const { page, calls } = await open(
      caseDetail({ status: 'accepted', statusLabel: '已受理', residentSteps: steps({ chase }) }),
    );
    expect(textOf(q(page, '.chase-hint') as Found)).toBe(chase.message);
    expect(q(page, '.chase')?.data.disabled).toBe(true);
    expect(q(page, '.open-withdraw')).toBeUndefined();
    expect(calls.map((c) => c.action)).toEqual(['caseDetail']);
  });

  it('chases an overdue case once, retries with the same request, and shows the case after', async () => {
    const allowed = {
      allowed: true,
      remaining: 3,
      nextDate: null,
      message: '已过答复期限（6月15日），可以催办，还可催办 3 次',
    };
    const after = caseDetail({
      status: 'accepted',
      statusLabel: '已受理',
      timeline: [
        timelineEntry(),
        timelineEntry({ seq: 2, type: 'chased', label: '群众催办', actorName: '群众' }),
      ],
      residentSteps: steps({
        chase: {
          allowed: false,
          remaining: 2,
          nextDate: '2026-06-22',
          message: '您6月16日已催办，6月22日起可以再次催办',
        },
      }),
    });
    let attempt = 0;
    const { page, calls } = await open(
      caseDetail({ status: 'accepted', statusLabel: '已受理', residentSteps: steps({ chase: allowed }) }),
      { chase: () => (++attempt === 1 ? { networkError: 'timeout' } : ok(after)) },
    );
    await tap(q(page, '.chase'));
    expect(textOf(q(page, '.steps-error') as Found)).toContain('网络');
    await tap(q(page, '.chase'));
    const chases = calls.filter((c) => c.action === 'chase');
    expect(chases).toHaveLength(2);
    expect(chases[1].data).toEqual(chases[0].data);
    expect(textOf(q(page, '.chase-hint') as Found)).toBe('您6月16日已催办，6月22日起可以再次催办');
    expect(textOf(page.querySelector('.timeline') as Found)).toContain('您催办了一次');
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已催办，代表会尽快答复' }),
    );
  });

  it('sends a supplement of words and a photo uploaded under the resident’s own prefix', async () => {
    const uploads = serveUploads(wxMock);
    wxMock.chooseMedia.mockResolvedValueOnce({
      type: 'image',
      tempFiles: [{ tempFilePath: 'wxfile://tmp/pick-0.jpg', size: 300_000, fileType: 'image' }],
    } as Partial<WechatMiniprogram.ChooseMediaSuccessCallbackResult>);
    wxMock.getImageInfo.mockResolvedValue({ width: 800, height: 600, orientation: 'up', type: 'jpeg' });
    const after = caseDetail({
      status: 'accepted',
      statusLabel: '已受理',
      photos: [{ fileID: 'cloud://local.bucket/cases/case-1/x.jpg', url: 'https://files/x.jpg' }],
      timeline: [
        timelineEntry(),
        timelineEntry({ seq: 2, type: 'supplemented', label: '群众补充', note: '路灯杆也歪了' }),
      ],
      residentSteps: steps(),
    });
    const { page, calls } = await open(
      caseDetail({ status: 'accepted', statusLabel: '已受理', residentSteps: steps() }),
      { supplement: () => ok(after) },
    );

    await tap(q(page, '.open-supplement'));
    await tap(q(page, '.send-supplement'));
    expect(textOf(q(page, '.supplement-note-error') as Found)).toBe(
      '请写下要补充的内容，或添加照片、声音留言',
    );
    expect(calls.filter((c) => c.action === 'supplement')).toHaveLength(0);

    await type(q(page, '.supplement-note'), ' 路灯杆也歪了 ');
    page.querySelector('.steps >>> .supplement-photos')?.dispatchEvent('add');
    await settle();
    await settle();
    expect(uploads.map((u) => u.cloudPath)).toEqual([expect.stringMatching(/^appeals\/o-me\//)]);
    await tap(q(page, '.send-supplement'));

    const sent = calls.filter((c) => c.action === 'supplement');
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toMatchObject({
      caseId: 'case-1',
      note: '路灯杆也歪了',
      photos: [`cloud://local.bucket/${uploads[0].cloudPath}`],
    });
    // The form closes and the case shows the supplement.
    expect(q(page, '.send-supplement')).toBeUndefined();
    expect(textOf(page.querySelector('.timeline') as Found)).toContain('您补充了情况');
  });

  it('withdraws only after the second tap, with the reason, and says where the case stands', async () => {
    const after = caseDetail({
      status: 'withdrawn',
      statusLabel: '已撤回',
      timeline: [
        timelineEntry(),
        timelineEntry({ seq: 2, type: 'withdrawn', label: '群众撤回', note: '已经修好了' }),
      ],
      residentSteps: steps({ supplement: false }),
    });
    const { page, calls } = await open(caseDetail({ residentSteps: steps({ withdraw: true }) }), {
      withdraw: () => ok(after),
    });
    await tap(q(page, '.open-withdraw'));
    expect(calls.filter((c) => c.action === 'withdraw')).toHaveLength(0);
    expect(textOf(q(page, '.case-steps') as Found)).toContain('撤回后代表不再办理');
    await type(q(page, '.withdraw-reason'), '已经修好了');
    await tap(q(page, '.confirm-withdraw'));
    expect(calls.filter((c) => c.action === 'withdraw').map((c) => c.data)).toEqual([
      expect.objectContaining({ caseId: 'case-1', reason: '已经修好了' }),
    ]);
    expect(textOf(page)).toContain('您已撤回');
    expect(q(page, '.case-steps')).toBeUndefined();
  });

  it('shows the case afresh when a deputy accepted it in the meantime', async () => {
    let accepted = false;
    const { page } = await open(caseDetail(), {
      caseDetail: () =>
        ok(
          accepted
            ? caseDetail({ status: 'accepted', statusLabel: '已受理', residentSteps: steps() })
            : caseDetail({ residentSteps: steps({ withdraw: true }) }),
        ),
      withdraw: () => {
        accepted = true;
        return fail('CASE.TRANSITION_FORBIDDEN', '这条诉求当前为「已受理」，不能撤回');
      },
    });
    await tap(q(page, '.open-withdraw'));
    await tap(q(page, '.confirm-withdraw'));
    await settle();
    expect(textOf(page)).toContain('代表已接手办理');
    expect(q(page, '.open-withdraw')).toBeUndefined();
  });
});
