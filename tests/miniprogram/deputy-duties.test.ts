import { fail, ok } from '../../miniprogram/core/result';
import { installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Found, WxMock } from './helpers';
import { dutyView, inboxView, myDutiesView, swapRequestView } from './mothers';

describe('我的值班', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
  });

  async function open(): Promise<Found> {
    const page = render('pages/deputy/duties/index');
    page.instance.onLoad({});
    await settle();
    return page;
  }

  const duty = (page: Found, date = '2026-12-10') => page.querySelector(`.duty-${date}`) as Found;

  it('shows each duty with who else is on it, and confirms it', async () => {
    const calls = serveFunctions(wxMock, {
      deputy: {
        duties: () => ok(myDutiesView()),
        confirmDuty: () => ok(myDutiesView({ duties: [dutyView({ confirmed: true })] })),
      },
    });
    const page = await open();

    expect(textOf(duty(page))).toContain('2026-12-10 周四');
    expect(textOf(duty(page))).toContain('同班：李秀兰');
    expect(textOf(duty(page))).toContain('待确认');

    await tap(page.querySelector('.confirm-2026-12-10'));

    expect(calls[1]).toEqual({
      name: 'deputy',
      action: 'confirmDuty',
      data: { dayId: 'station-1_2026-12-10' },
    });
    expect(textOf(duty(page))).toContain('已确认');
    expect(page.querySelector('.confirm-2026-12-10')).toBeFalsy();
  });

  it('shows a 分管领导 their days and who is on duty with them, with nothing to confirm or swap', async () => {
    serveFunctions(wxMock, {
      deputy: {
        duties: () =>
          ok(
            myDutiesView({
              role: 'leader',
              duties: [
                dutyView({
                  colleagues: [
                    { id: 'deputy-1', name: '王建国' },
                    { id: 'deputy-2', name: '李秀兰' },
                  ],
                }),
              ],
              colleagues: [],
              stationDays: [],
            }),
          ),
      },
    });
    const page = await open();

    expect(textOf(duty(page))).toContain('同班：王建国、李秀兰');
    expect(textOf(duty(page))).toContain('分管领导');
    expect(textOf(duty(page))).not.toContain('待确认');
    expect(page.querySelector('.confirm-2026-12-10')).toBeFalsy();
    expect(page.querySelector('.swap-2026-12-10')).toBeFalsy();
  });

  it('asks to swap with a colleague, offering a day the colleague is on duty', async () => {
    const pending = swapRequestView({
      withDeputy: { id: 'deputy-3', name: '陈志强' },
      withDate: '2027-01-11',
      reason: '要去外地调研',
    });
    const calls = serveFunctions(wxMock, {
      deputy: {
        duties: () => ok(myDutiesView()),
        requestSwap: () => ok(myDutiesView({ duties: [dutyView({ swapRequest: pending })] })),
      },
    });
    const page = await open();

    await tap(page.querySelector('.swap-2026-12-10'));
    await tap(page.querySelector('.submit-swap'));
    expect(textOf(page.querySelector('.swap-error') as Found)).toBe('请填写换班原因');

    await type(page.querySelector('.reason-input'), '要去外地调研');
    page.querySelector('.colleague')?.dispatchEvent('change', { detail: { value: '2' } });
    await settle();
    expect(page.instance.data.form?.days.map((d: { label: string }) => d.label)).toEqual([
      '不交换，由对方代班',
      '2027-01-11 周一',
    ]);
    page.querySelector('.with-day')?.dispatchEvent('change', { detail: { value: '1' } });
    await settle();
    await tap(page.querySelector('.submit-swap'));

    expect(calls[1]).toMatchObject({
      action: 'requestSwap',
      data: {
        dayId: 'station-1_2026-12-10',
        reason: '要去外地调研',
        withDeputyId: 'deputy-3',
        withDate: '2027-01-11',
        clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{24}$/),
      },
    });
    expect(textOf(duty(page))).toContain('换班待处理');
    expect(textOf(duty(page))).toContain('申请与陈志强交换 2027-01-11 的值班（要去外地调研）');
    expect(textOf(page.querySelector('.confirm-2026-12-10') as Found)).toBe('撤回申请，我来值班');
    expect(page.querySelector('.swap-2026-12-10')).toBeFalsy();
  });

  it('keeps the form and says why when the request is refused', async () => {
    serveFunctions(wxMock, {
      deputy: {
        duties: () => ok(myDutiesView()),
        requestSwap: () => fail('ROSTER.UNAVAILABLE', '李秀兰 已登记 2026-12-10 不能值班'),
      },
    });
    const page = await open();
    await tap(page.querySelector('.swap-2026-12-10'));
    await type(page.querySelector('.reason-input'), '家中有事');
    page.querySelector('.colleague')?.dispatchEvent('change', { detail: { value: '1' } });
    await settle();
    await tap(page.querySelector('.submit-swap'));

    expect(textOf(page.querySelector('.swap-error') as Found)).toBe('李秀兰 已登记 2026-12-10 不能值班');
  });

  it("shows staff's refusal with their note, and an empty list plainly", async () => {
    serveFunctions(wxMock, {
      deputy: {
        duties: () =>
          ok(
            myDutiesView({
              duties: [
                dutyView({ swapRequest: swapRequestView({ status: 'declined', note: '本月人手紧张' }) }),
              ],
            }),
          ),
      },
    });
    const page = await open();
    expect(textOf(page.querySelector('.duty__declined') as Found)).toBe('工作人员未同意：本月人手紧张');
    expect(page.querySelector('.swap-2026-12-10')).toBeTruthy();

    serveFunctions(wxMock, { deputy: { duties: () => ok(myDutiesView({ duties: [] })) } });
    const empty = await open();
    expect(textOf(empty.querySelector('.state') as Found)).toContain('近期没有值班安排');
  });

  it('is reached from the inbox', async () => {
    serveFunctions(wxMock, { deputy: { inbox: () => ok(inboxView()) } });
    const inbox = render('pages/deputy/inbox/index');
    inbox.instance.onLoad({});
    await settle();

    await tap(inbox.querySelector('.duties-link'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/deputy/duties/index' });
  });
});
