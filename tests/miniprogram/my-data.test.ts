import { fail, ok } from '../../miniprogram/core/result';
import type { EraseMyDataResult, MyDataView } from '../../miniprogram/core/api';
import { installWx, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Answer, Found, WxMock } from './helpers';
import { AT, myCaseData, myDataView } from './mothers';

describe('我的信息', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(): Promise<Found> {
    const page = render('pages/my-data/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  const eraseButton = (page: Found) => page.querySelector('.my-data__erase-button');

  it('shows each case with the personal data it holds, the consents given, and what becomes of them', async () => {
    serveFunctions(wxMock, {
      resident: {
        myData: () =>
          ok(
            myDataView({
              cases: [
                myCaseData({ voiceNoteCount: 3 }),
                myCaseData({
                  caseId: 'case-2',
                  finished: false,
                  statusLabel: '办理中',
                  contactName: null,
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
    });

    const page = await open();

    const [finished, open2] = page.querySelectorAll('.my-data__case');
    const text = textOf(finished);
    for (const shown of [
      '张女士',
      '13812341234',
      '东街口，鼓楼区东街',
      '2 张',
      '声音留言3 条',
      '处理得很及时',
    ])
      expect(text).toContain(shown);
    expect(text).toContain('2026-11-21 10:30 同意个人信息保护说明；位置：单独同意');
    expect(text).toContain('已办结，保存至 2027-05-20，之后自动删除');
    expect(textOf(open2)).toContain('未留下称呼、电话、位置或照片');
    expect(textOf(open2)).toContain('正在办理：办理所需的信息保留到办结');
    expect(textOf(page.querySelector('.my-data__roles') as Found)).toContain('人大代表：林晓红');
    expect(textOf(page)).toContain('resident-openid-1');
    // What stays of an open case until it is finished, and why, is said before anyone taps.
    expect(textOf(page.querySelector('.my-data__erase') as Found)).toContain(
      '代表和工作人员需要联系您、找到问题发生的地点、查看照片',
    );
  });

  it('says when nothing is held', async () => {
    serveFunctions(wxMock, { resident: { myData: () => ok(myDataView({ cases: [] })) } });

    const page = await open();

    expect(textOf(page)).toContain('没有保存与您有关的个人信息');
    expect(eraseButton(page)).toBeFalsy();
  });

  it('deletes after a confirmation, and shows what was removed and what waits for the open cases', async () => {
    const after = myDataView({
      cases: [myCaseData({ caseId: 'case-2', finished: false, erasureRequestedAt: AT, removeBy: null })],
      requests: [{ at: AT, removed: 1, pending: 1 }],
    });
    const calls = serveFunctions(wxMock, {
      resident: {
        myData: () =>
          ok(myDataView({ cases: [myCaseData(), myCaseData({ caseId: 'case-2', finished: false })] })),
        eraseMyData: () => ok({ request: { at: AT, removed: 1, pending: 1 }, replayed: false, data: after }),
      },
    });
    const page = await open();

    await tap(eraseButton(page));

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '删除我的个人信息', confirmText: '确认删除' }),
    );
    expect(calls.filter((c) => c.action === 'eraseMyData')).toEqual([
      expect.objectContaining({ data: { clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{16,}$/) } }),
    ]);
    expect(page.querySelectorAll('.my-data__case')).toHaveLength(1);
    expect(textOf(page.querySelector('.my-data__erased') as Found)).toBe(
      '2026-11-21 10:30 申请删除：已删除 1 件已办结诉求的个人信息，1 件正在办理的诉求办结后删除',
    );
    expect(textOf(page.querySelector('.my-data__case') as Found)).toContain('已申请删除');
  });

  it('deletes nothing when the confirmation is cancelled', async () => {
    const calls = serveFunctions(wxMock, { resident: { myData: () => ok(myDataView()) } });
    wxMock.showModal.mockResolvedValue({ confirm: false, cancel: true });
    const page = await open();

    await tap(eraseButton(page));

    expect(calls.map((c) => c.action)).toEqual(['myData']);
    expect(page.querySelectorAll('.my-data__case')).toHaveLength(1);
  });

  it('retries a failed request with the same request id, and makes a new one after it succeeded', async () => {
    const answers: Array<Answer<EraseMyDataResult>> = [
      { networkError: 'timeout' },
      ok({ request: { at: AT, removed: 1, pending: 0 }, replayed: false, data: myDataView({ cases: [] }) }),
    ];
    const calls = serveFunctions(wxMock, {
      resident: {
        myData: () => ok(myDataView()),
        eraseMyData: () => answers.shift() ?? fail('INTERNAL', 'unexpected'),
      },
    });
    const page = await open();

    await tap(eraseButton(page));
    expect(textOf(page.querySelector('.my-data__error') as Found)).toBe('网络不太好，请稍后重试');
    await tap(eraseButton(page));

    const ids = calls.filter((c) => c.action === 'eraseMyData').map((c) => c.data.clientRequestId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(textOf(page)).toContain('已删除 1 件已办结诉求的个人信息');
    expect((page.instance.data as { clientRequestId: string }).clientRequestId).not.toBe(ids[0]);
  });

  it('shows a failed read with 重试', async () => {
    let answer: Answer<MyDataView> = fail('INTERNAL', '服务暂时不可用，请稍后再试');
    serveFunctions(wxMock, { resident: { myData: () => answer } });
    const page = await open();
    expect(textOf(page)).toContain('服务暂时不可用');

    answer = ok(myDataView());
    await tap(page.querySelector('.state >>> .state-view__action'));

    expect(page.querySelectorAll('.my-data__case')).toHaveLength(1);
  });
});
