import type { EnterCaseInput, EnterCaseResult } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { byText, installWx, render, serveFunctions, settle, tap, textOf } from './helpers';
import type { Answer, Found, WxMock } from './helpers';
import { deputyLanding, myCodeView, submitResult } from './mothers';

/** 代表录入: the deputy's quick form for what they heard in person or by phone. */

describe('deputy quick entry', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(
    enterCase: (data: EnterCaseInput) => Answer<EnterCaseResult> = () =>
      ok(submitResult({ caseId: 'case-9', status: 'accepted' })),
  ) {
    const calls = serveFunctions(wxMock, {
      deputy: { myCode: () => ok(myCodeView()), enterCase },
      resident: { landing: () => ok(deputyLanding()) },
    });
    const page = render('pages/deputy/enter/index');
    page.instance.onLoad();
    await settle();
    return { page, calls };
  }

  async function fill(page: Found) {
    await tap(byText(page, '.source', '电话'));
    await tap(byText(page, '.kind', '求助'));
    page.instance.onCategory({ detail: { value: '1' } } as WechatMiniprogram.PickerChange);
    page.instance.onDescription({
      detail: { value: '楼道灯坏了一个月，老人上下楼看不清' },
    } as WechatMiniprogram.Input);
  }

  it('enters what was heard by phone, without the resident’s contact, and opens the accepted case', async () => {
    const { page, calls } = await open();
    expect(textOf(page)).toContain('录入后即由您受理');
    await fill(page);

    await tap(byText(page, '.enter-submit', '录入并受理'));

    const sent = calls.find((c) => c.action === 'enterCase');
    expect(sent?.data).toEqual({
      source: 'phone',
      kind: 'help',
      category: 'sanitation',
      description: '楼道灯坏了一个月，老人上下楼看不清',
      location: null,
      photos: [],
      contactName: null,
      phone: null,
      clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{24}$/),
    });
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/deputy/case/index?id=case-9' });
  });

  it('says beside each field what is missing, without calling', async () => {
    const { page, calls } = await open();

    await tap(byText(page, '.enter-submit', '录入并受理'));

    expect(calls.some((c) => c.action === 'enterCase')).toBe(false);
    expect(textOf(byText(page, '.error-source', '来源'))).toBe('请选择来源：当面或电话');
    expect(textOf(byText(page, '.error-description', '内容'))).toContain('至少 5 个字');
    expect(wxMock.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-source' }));
  });

  it('keeps one request id across a retry, so a bad connection never enters the case twice', async () => {
    let attempts = 0;
    const { page, calls } = await open(() =>
      ++attempts === 1
        ? { networkError: 'timeout' }
        : ok(submitResult({ caseId: 'case-9', status: 'accepted' })),
    );
    await fill(page);

    await tap(byText(page, '.enter-submit', '录入并受理'));
    expect(wxMock.redirectTo).not.toHaveBeenCalled();
    await tap(byText(page, '.enter-submit', '录入并受理'));

    const sent = calls.filter((c) => c.action === 'enterCase').map((c) => c.data.clientRequestId);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe(sent[1]);
    expect(wxMock.redirectTo).toHaveBeenCalledTimes(1);
  });

  it('shows the function’s field message, and takes the place from the map', async () => {
    wxMock.chooseLocation.mockResolvedValue({
      latitude: 26.08,
      longitude: 119.3,
      name: '南后街公交站',
      address: '鼓楼区南后街',
      errMsg: 'chooseLocation:ok',
    });
    const { page, calls } = await open(() =>
      fail('INPUT.INVALID', '请检查', { phone: '请填写正确的手机号或带区号的固定电话' }),
    );
    await fill(page);
    await tap(byText(page, '.pick-location', '在地图上选择'));
    expect(textOf(page)).toContain('南后街公交站');
    page.instance.onPhone({ detail: { value: '13812345678' } } as WechatMiniprogram.Input);

    await tap(byText(page, '.enter-submit', '录入并受理'));

    expect(calls.find((c) => c.action === 'enterCase')?.data).toMatchObject({
      location: { name: '南后街公交站', latitude: 26.08 },
      phone: '13812345678',
    });
    expect(textOf(byText(page, '.error-phone', '手机号'))).toBe('请填写正确的手机号或带区号的固定电话');
  });
});
