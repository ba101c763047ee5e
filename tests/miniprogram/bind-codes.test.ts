import type { BindCodeView, BindRole, QueueView } from '../../miniprogram/core/api';
import { fail, ok } from '../../miniprogram/core/result';
import { byText, deferred, installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Answer, Found, WxMock } from './helpers';
import { meView, UNITS } from './mothers';

/** 2026-11-21 18:30 China time. */
const EXPIRES = Date.UTC(2026, 10, 21, 10, 30);

const codeView = (overrides: Partial<BindCodeView> = {}): BindCodeView => ({
  code: 'K7MX-3QPA',
  role: 'deputy',
  targetName: '林海燕',
  expiresAt: EXPIRES,
  ...overrides,
});

describe('bind codes (office)', () => {
  let wxMock: WxMock;
  let setClipboardData: jest.Mock;
  beforeEach(() => {
    wxMock = installWx();
    setClipboardData = jest.fn().mockResolvedValue({ errMsg: 'setClipboardData:ok' });
    Object.assign(wx, { setClipboardData });
  });

  const open = async (): Promise<Found> => {
    const page = render('pages/casework/bind-codes/index');
    await settle();
    return page;
  };
  const pickRole = (page: Found, role: BindRole) => tap(page.querySelector(`.role-${role}`));
  const create = (page: Found) => tap(byText(page, '.bind-create', '生成绑定码'));

  it('makes a code for a deputy named by id, and shows it large, grouped, once, with its expiry', async () => {
    const calls = serveFunctions(wxMock, { admin: { createBindCode: () => ok(codeView()) } });
    const page = await open();
    expect(page.querySelector('.role-deputy')?.dom?.className).toContain('bind-chip--active');
    expect(textOf(page)).toContain('不是代表码 D00001');

    await type(page.querySelector('.bind-target'), ' deputy-lin ');
    await create(page);

    expect(calls).toEqual([
      { name: 'admin', action: 'createBindCode', data: { role: 'deputy', targetId: 'deputy-lin' } },
    ]);
    const groups = page.querySelectorAll('.bind-result__group').map((g) => textOf(g));
    expect(groups).toEqual(['K7MX', '3QPA']);
    const result = textOf(page.querySelector('.bind-result') as Found);
    expect(result).toContain('代表 · 林海燕');
    expect(result).toContain('有效期至 2026-11-21 18:30');
    expect(result).toContain('绑定码只显示这一次');
    expect(page.querySelector('.bind-create')).toBeFalsy();

    await tap(byText(page, '.bind-copy', '复制'));
    expect(setClipboardData).toHaveBeenCalledWith({ data: 'K7MX-3QPA' });

    await tap(page.querySelector('.bind-another'));
    expect(page.querySelector('.bind-result')).toBeFalsy();
    expect(page.querySelector('.bind-target')?.data.value).toBe('');
  });

  it('picks a handling unit from casework.units', async () => {
    const calls = serveFunctions(wxMock, {
      casework: { units: () => ok(UNITS) },
      admin: { createBindCode: () => ok(codeView({ role: 'unit', targetName: '南街街道办事处' })) },
    });
    const page = await open();

    await pickRole(page, 'unit');
    expect(page.querySelectorAll('.bind-unit').map((u) => textOf(u))).toEqual(UNITS.map((u) => u.name));
    await create(page);
    expect(textOf(page.querySelector('.bind-field-error') as Found)).toBe('请选择承办单位');

    await tap(page.querySelector('.unit-unit-nanjie'));
    expect(page.querySelector('.unit-unit-nanjie')?.dom?.className).toContain('bind-unit--active');
    await create(page);

    expect(calls.map((c) => [c.action, c.data])).toEqual([
      ['units', {}],
      ['createBindCode', { role: 'unit', targetId: 'unit-nanjie' }],
    ]);
    expect(textOf(page)).toContain('承办单位 · 南街街道办事处');
  });

  it('asks no target for an office account, and nothing before the tap', async () => {
    const calls = serveFunctions(wxMock, {
      admin: { createBindCode: () => ok(codeView({ role: 'office', targetName: '代表工委' })) },
    });
    const page = await open();
    await pickRole(page, 'office');
    expect(calls).toEqual([]);
    expect(page.querySelector('.bind-target')).toBeFalsy();
    expect(textOf(page)).toContain('代表工委账号不需要指定对象');

    await create(page);

    expect(calls).toEqual([{ name: 'admin', action: 'createBindCode', data: { role: 'office' } }]);
  });

  it('sends one request however often 生成 is tapped', async () => {
    const answer = deferred<Answer<BindCodeView>>();
    const calls = serveFunctions(wxMock, { admin: { createBindCode: () => answer.promise } });
    const page = await open();
    await pickRole(page, 'staff');
    await type(page.querySelector('.bind-target'), 'station-gulou-home');

    await create(page);
    await create(page);
    expect(page.querySelector('.bind-create')?.data.disabled).toBe(true);
    answer.resolve(ok(codeView({ role: 'staff', targetName: '鼓楼区代表之家' })));
    await settle();
    await settle();

    expect(calls).toHaveLength(1);
    expect(calls[0].data).toEqual({ role: 'staff', targetId: 'station-gulou-home' });
    expect(textOf(page)).toContain('联络站工作人员 · 鼓楼区代表之家');
  });

  it("shows the function's message beside the target, and refusals above the button", async () => {
    let refuse = false;
    serveFunctions(wxMock, {
      admin: {
        createBindCode: () =>
          refuse
            ? fail('AUTH.FORBIDDEN', '只有代表工委可以生成绑定码')
            : fail('INPUT.INVALID', '没有找到这位代表', { targetId: '没有找到这位代表' }),
      },
    });
    const page = await open();

    await create(page);
    expect(textOf(page.querySelector('.bind-field-error') as Found)).toBe('请输入代表编号');

    await type(page.querySelector('.bind-target'), 'D00001');
    await create(page);
    expect(textOf(page.querySelector('.bind-field-error') as Found)).toBe('没有找到这位代表');

    refuse = true;
    await create(page);
    expect(page.querySelector('.bind-field-error')).toBeFalsy();
    expect(textOf(page.querySelector('.bind-error') as Found)).toBe('只有代表工委可以生成绑定码');
    expect(page.querySelector('.bind-result')).toBeFalsy();
  });

  it('retries loading the units after a network failure', async () => {
    let attempts = 0;
    serveFunctions(wxMock, {
      casework: { units: () => (++attempts === 1 ? { networkError: 'timeout' } : ok(UNITS)) },
    });
    const page = await open();
    await pickRole(page, 'unit');
    expect(textOf(page)).toContain('网络不太好，请稍后重试');

    await tap(page.querySelector('.units-retry'));

    expect(page.querySelectorAll('.bind-unit')).toHaveLength(UNITS.length);
  });

  describe('the link on the casework queue', () => {
    const openQueue = async (roles: Parameters<typeof meView>[0]) => {
      serveFunctions(wxMock, {
        resident: { me: () => ok(meView(roles)) },
        casework: { queue: ({ view }: { view?: QueueView }) => ok({ items: [], nextCursor: null, view }) },
      });
      const page = render('pages/casework/queue/index');
      page.instance.onLoad({});
      await settle();
      return page;
    };

    it('leads the office to 生成绑定码', async () => {
      const page = await openQueue(['office']);

      await tap(byText(page, '.queue__bind-codes', '生成绑定码'));

      expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/casework/bind-codes/index' });
    });

    it('is not shown to deputies, staff or units', async () => {
      const page = await openQueue(['deputy', 'staff', 'unit']);

      expect(page.querySelector('.queue__bind-codes')).toBeFalsy();
    });
  });
});
