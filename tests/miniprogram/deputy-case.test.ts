import { fail, ok, type Result } from '../../miniprogram/core/result';
import type { CaseDetailView } from '../../miniprogram/core/api';
import { deferred, installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Answer, Found, FunctionCall, WxMock } from './helpers';
import { AT, caseDetail, timelineEntry } from './mothers';

const REPLY = '已联系环卫所，明天上午清运。';

const answered = (): CaseDetailView =>
  caseDetail({
    status: 'answered',
    statusLabel: '已答复',
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

describe('deputy case page', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  function serve(
    detail: CaseDetailView,
    ...replies: Array<Answer<CaseDetailView> | Promise<Answer<CaseDetailView>>>
  ) {
    let next = 0;
    return serveFunctions(wxMock, {
      deputy: {
        caseDetail: () => ok(detail),
        reply: () => replies[Math.min(next++, replies.length - 1)],
      },
    });
  }

  const replies = (calls: FunctionCall[]) => calls.filter((call) => call.action === 'reply');

  async function open(): Promise<Found> {
    const page = render('pages/deputy/case/index');
    page.instance.onLoad({ id: 'case-1' });
    await settle();
    return page;
  }

  const send = (page: Found) => tap(page.querySelector('.send-reply'));

  it('shows the contact with a call button and the place with a map button', async () => {
    serve(
      caseDetail({
        contactName: '张女士',
        phone: '13812341234',
        location: { latitude: 26.08, longitude: 119.3, name: '东街口', address: '鼓楼区东街' },
        photos: [{ fileID: 'cloud://a', url: 'https://files/a.jpg' }],
      }),
    );
    const page = await open();

    const text = textOf(page);
    expect(text).toContain('张女士');
    expect(text).toContain('13812341234');
    expect(text).toContain('东街口');
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
    serve(caseDetail({ anonymous: true }));

    const page = await open();

    expect(textOf(page)).toContain('匿名群众');
    expect(page.querySelector('.call')).toBeFalsy();
  });

  it('checks the reply before sending it', async () => {
    const calls = serve(caseDetail(), ok(answered()));
    const page = await open();

    await type(page.querySelector('.reply-input'), '好');
    await send(page);
    expect(page.querySelector('.reply-error')?.dom?.textContent?.trim()).toBe('请填写答复内容，至少 2 个字');

    await type(page.querySelector('.reply-input'), '答'.repeat(501));
    expect(page.querySelector('.reply-counter')?.dom?.textContent?.trim()).toBe('501/500');
    expect(page.querySelector('.reply-error')?.dom?.textContent?.trim()).toBe(
      '答复最多 500 个字，当前 501 个字',
    );
    await send(page);

    expect(replies(calls)).toEqual([]);
    expect(wxMock.requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('sends one reply for a double tap, asking for consent first, and shows the updated case', async () => {
    const answer = deferred<Result<CaseDetailView>>();
    const calls = serve(caseDetail(), answer.promise);
    const page = await open();
    await type(page.querySelector('.reply-input'), REPLY);

    page.querySelector('.send-reply')?.dispatchEvent('tap');
    page.querySelector('.send-reply')?.dispatchEvent('tap');
    await settle();

    expect(replies(calls)).toHaveLength(1);
    expect(replies(calls)[0].data).toEqual({
      caseId: 'case-1',
      content: REPLY,
      clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{16,}$/),
    });
    expect(wxMock.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: ['tmpl-case-received'] }),
    );
    const replyAt = wxMock.request.mock.calls.findIndex(
      ([options]) => (options.data as { data?: { action?: string } }).data?.action === 'reply',
    );
    expect(wxMock.requestSubscribeMessage.mock.invocationCallOrder[0]).toBeLessThan(
      wxMock.request.mock.invocationCallOrder[replyAt],
    );

    answer.resolve(ok(answered()));
    await settle();

    expect(textOf(page)).toContain('已答复');
    expect(textOf(page.querySelector('.timeline') as Found)).toContain(REPLY);
    expect(page.data.replyText).toBe('');
    expect(page.querySelector('.reply-counter')?.dom?.textContent?.trim()).toBe('0/500');
  });

  it('retries a failed reply with the same clientRequestId, and a new text gets a new one', async () => {
    const calls = serve(caseDetail(), { networkError: 'timeout' }, { networkError: 'timeout' });
    const page = await open();
    await type(page.querySelector('.reply-input'), REPLY);

    await send(page);
    expect(page.querySelector('.reply-error')?.dom?.textContent?.trim()).toBe('网络不太好，请稍后重试');
    await send(page);
    await type(page.querySelector('.reply-input'), `${REPLY}谢谢。`);
    await send(page);

    const [first, retry, changed] = replies(calls);
    expect(retry.data.clientRequestId).toBe(first.data.clientRequestId);
    expect(changed.data.clientRequestId).not.toBe(first.data.clientRequestId);
    expect(page.data.replyText).toBe(`${REPLY}谢谢。`);
  });

  it("shows the function's refusal beside the reply box", async () => {
    serve(caseDetail(), fail('INPUT.INVALID', '答复内容不合适', { content: '答复内容不合适' }));
    const page = await open();
    await type(page.querySelector('.reply-input'), REPLY);

    await send(page);

    expect(page.querySelector('.reply-error')?.dom?.textContent?.trim()).toBe('答复内容不合适');
  });

  it('offers no reply box on a closed case', async () => {
    serve(caseDetail({ status: 'closed', statusLabel: '已办结' }));

    const page = await open();

    expect(page.querySelector('.reply-input')).toBeFalsy();
  });
});
