import type { ActInput } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { caseworkView } from './mothers';
import { installWx, render, serveFunctions, settle, tap, tapStateAction, textOf, type } from './helpers';
import type { Answer, Found, WxMock } from './helpers';
import { unsatisfiedItem, unsatisfiedView } from './office-mothers';

/** 待处理的不满意: the answers rated 不满意 and waiting, each sent back (发回重办) or supervised (督办) here. */

describe('待处理的不满意', () => {
  let wxMock: WxMock;
  beforeEach(() => {
    wxMock = installWx();
    Object.assign(wx, { setNavigationBarTitle: jest.fn().mockResolvedValue({ errMsg: 'ok' }) });
  });

  async function open(query: Record<string, string> = {}): Promise<Found> {
    const page = render('pages/office/unsatisfied/index');
    page.instance.onLoad(query);
    await settle();
    return page;
  }

  const two = () =>
    unsatisfiedView([
      unsatisfiedItem(),
      unsatisfiedItem({ caseId: 'case-2', caseNo: '20261119-0002', next: ['redo'], unit: null, comment: '' }),
    ]);

  it('lists each waiting answer: what it was, who handled it, when it was rated, what the resident said', async () => {
    serveFunctions(wxMock, { office: { unsatisfied: () => ok(two()) } });

    const page = await open();

    expect(textOf(page.querySelector('.total') as Found)).toBe('共 2 件，等得最久的在前');
    const first = textOf(page.querySelector('.item-case-1') as Found);
    expect(first).toContain('20261118-0007');
    expect(first).toContain('投诉 · 噪音');
    expect(first).toContain('代表 王建国 · 东街街道代表之家 · 承办 市城管局');
    expect(first).toContain('11月19日答复（列入计划），11月20日评为不满意，已等 1 天');
    expect(first).toContain('群众意见：答复说列入计划，但没说什么时候');
    expect(first).toContain('群众：138****5678');
    expect(page.querySelector('.item-case-2 .supervise')).toBeUndefined();
  });

  it('sends one back with its reason, once however often it is retried, and it leaves the list', async () => {
    const acts: ActInput[] = [];
    let answer: Answer<ReturnType<typeof caseworkView>> = { networkError: 'timeout' };
    serveFunctions(wxMock, {
      office: { unsatisfied: () => ok(two()) },
      casework: {
        act: (input) => {
          acts.push(input);
          return answer;
        },
      },
    });
    const page = await open();

    await tap(page.querySelector('.item-case-1 .redo'));
    await tap(page.querySelector('.submit-redo'));
    expect(textOf(page.querySelector('.redo-error') as Found)).toBe('请填写重办理由，至少 2 个字');
    expect(acts).toEqual([]);

    await type(page.querySelector('.redo-note'), '请说明噪音治理的具体时间');
    await tap(page.querySelector('.submit-redo'));
    expect(textOf(page.querySelector('.redo-error') as Found)).toBe('网络不太好，请稍后重试');

    answer = ok(caseworkView({ status: 'in_progress' }));
    await tap(page.querySelector('.submit-redo'));

    expect(acts.map(({ clientRequestId: _id, ...rest }) => rest)).toEqual([
      { caseId: 'case-1', action: 'redo', note: '请说明噪音治理的具体时间' },
      { caseId: 'case-1', action: 'redo', note: '请说明噪音治理的具体时间' },
    ]);
    expect(acts[1].clientRequestId).toBe(acts[0].clientRequestId);
    expect(page.querySelector('.item-case-1')).toBeUndefined();
    expect(textOf(page.querySelector('.total') as Found)).toBe('共 1 件，等得最久的在前');
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发回重办' }));
  });

  it('supervises one after asking, and says so when someone acted first', async () => {
    const acts: ActInput[] = [];
    serveFunctions(wxMock, {
      office: { unsatisfied: () => ok(two()) },
      casework: {
        act: (input) => {
          acts.push(input);
          return fail('CONFLICT', '这件诉求刚被他人处理，请刷新后再看');
        },
      },
    });
    const page = await open();

    wxMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    await tap(page.querySelector('.item-case-1 .supervise'));
    expect(acts).toEqual([]);

    await tap(page.querySelector('.item-case-1 .supervise'));
    await settle();

    expect(acts).toMatchObject([{ caseId: 'case-1', action: 'supervise' }]);
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '这件诉求刚被他人处理，请刷新后再看' }),
    );
    expect(page.querySelector('.item-case-1')).toBeDefined();
  });

  it('reads the next page at the bottom', async () => {
    const pages: number[] = [];
    serveFunctions(wxMock, {
      office: {
        unsatisfied: ({ page = 1 }) => {
          pages.push(page);
          return ok(
            unsatisfiedView([unsatisfiedItem({ caseId: `case-p${page}` })], {
              page,
              pageSize: 20,
              total: 21,
            }),
          );
        },
      },
    });
    const page = await open();

    page.instance.onReachBottom();
    await settle();

    expect(pages).toEqual([1, 2]);
    expect(page.querySelectorAll('.item')).toHaveLength(2);
    expect(textOf(page)).toContain('没有更多了');
  });

  it("says when nothing waits, shows errors with 重试, and gives staff their stations' share", async () => {
    let failing = true;
    const calls = serveFunctions(wxMock, {
      station: { unsatisfied: () => (failing ? { networkError: 'timeout' } : ok(unsatisfiedView([]))) },
    });
    const page = await open({ audience: 'station', stationId: 'station-1' });
    expect(textOf(page)).toContain('网络不太好');

    failing = false;
    await tapStateAction(page);

    expect(textOf(page)).toContain('没有待处理的不满意');
    expect(calls[0]).toMatchObject({
      name: 'station',
      data: { page: 1, pageSize: 20, stationId: 'station-1' },
    });
  });
});
