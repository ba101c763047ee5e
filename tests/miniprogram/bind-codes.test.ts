import type { BindCodeView, BindRole, DirectoryItem, QueueView } from '../../miniprogram/core/api';
import type { DirectoryKind } from '../../miniprogram/core/directory';
import { fail, ok } from '../../miniprogram/core/result';
import { byText, deferred, installWx, render, serveFunctions, settle, tap, textOf, type } from './helpers';
import type { Answer, Found, WxMock } from './helpers';
import { directoryItem, meView } from './mothers';

/** 2026-11-21 18:30 China time. */
const EXPIRES = Date.UTC(2026, 10, 21, 10, 30);

const codeView = (overrides: Partial<BindCodeView> = {}): BindCodeView => ({
  code: 'K7MX-3QPA',
  role: 'deputy',
  targetName: '林海燕',
  expiresAt: EXPIRES,
  ...overrides,
});

const item = directoryItem;

const ITEMS: Record<DirectoryKind, DirectoryItem[]> = {
  deputy: [
    item('deputy-lin', '林海燕', { code: 'D00001', detail: '市人大代表 · 鼓楼区代表之家' }),
    item('deputy-chen', '陈立', { code: 'D00002', detail: '区县人大代表', bound: true }),
    item('deputy-gone', '王某', { code: 'D00003', active: false }),
  ],
  staff: [item('staff-zhou', '周敏', { detail: '鼓楼区代表之家', phone: '139****0001' })],
  unit: [item('unit-nanjie', '南街街道办事处', { detail: '乡镇（街道）' })],
  station: [],
};

describe('bind codes (office)', () => {
  let wxMock: WxMock;
  let setClipboardData: jest.Mock;
  beforeEach(() => {
    wxMock = installWx();
    setClipboardData = jest.fn().mockResolvedValue({ errMsg: 'setClipboardData:ok' });
    Object.assign(wx, { setClipboardData });
  });

  const open = async (options: Record<string, string> = {}): Promise<Found> => {
    const page = render('pages/office/bind-codes/index');
    page.instance.onLoad(options);
    await settle();
    return page;
  };
  const pickRole = (page: Found, role: BindRole) => tap(page.querySelector(`.role-${role}`));
  const create = (page: Found) => tap(byText(page, '.bind-create', '生成绑定码'));
  const directory = (kind: DirectoryKind) =>
    ok({ kind, items: ITEMS[kind], active: ITEMS[kind].length, retired: 0 });

  it('makes a code for a deputy picked from the directory, and shows it large, grouped, once, with its expiry', async () => {
    const calls = serveFunctions(wxMock, {
      office: {
        directory: ({ kind }: { kind: DirectoryKind }) => directory(kind),
        createBindCode: () => ok(codeView()),
      },
    });
    const page = await open();
    expect(page.querySelector('.role-deputy')?.dom?.className).toContain('bind-chip--active');
    // Retired deputies cannot be bound and are not offered.
    expect(page.querySelectorAll('.bind-target').map((t) => textOf(t))).toEqual([
      expect.stringContaining('林海燕 D00001'),
      expect.stringContaining('陈立 D00002'),
    ]);

    await type(page.querySelector('.bind-search'), 'd00002');
    expect(page.querySelectorAll('.bind-target')).toHaveLength(1);
    await type(page.querySelector('.bind-search'), '');
    await tap(page.querySelector('.target-deputy-lin'));
    expect(page.querySelector('.target-deputy-lin')?.dom?.className).toContain('bind-target--active');
    await create(page);

    expect(calls.map((c) => [c.action, c.data])).toEqual([
      ['directory', { kind: 'deputy' }],
      ['createBindCode', { role: 'deputy', targetId: 'deputy-lin' }],
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
    expect(page.querySelector('.bind-target--active')).toBeFalsy();
  });

  it('picks a handling unit, and asks for one before sending anything', async () => {
    const calls = serveFunctions(wxMock, {
      office: {
        directory: ({ kind }: { kind: DirectoryKind }) => directory(kind),
        createBindCode: () => ok(codeView({ role: 'unit', targetName: '南街街道办事处' })),
      },
    });
    const page = await open();

    await pickRole(page, 'unit');
    expect(page.querySelectorAll('.bind-target').map((u) => textOf(u))).toEqual([
      expect.stringContaining('南街街道办事处'),
    ]);
    await create(page);
    expect(textOf(page.querySelector('.bind-field-error') as Found)).toBe('请选择承办单位');

    await tap(page.querySelector('.target-unit-nanjie'));
    await create(page);

    expect(calls.map((c) => [c.action, c.data])).toEqual([
      ['directory', { kind: 'deputy' }],
      ['directory', { kind: 'unit' }],
      ['createBindCode', { role: 'unit', targetId: 'unit-nanjie' }],
    ]);
    expect(textOf(page)).toContain('承办单位 · 南街街道办事处');
  });

  it('opens preset from a directory record', async () => {
    const calls = serveFunctions(wxMock, {
      office: {
        directory: ({ kind }: { kind: DirectoryKind }) => directory(kind),
        createBindCode: () => ok(codeView({ role: 'staff', targetName: '周敏' })),
      },
    });
    const page = await open({ role: 'staff', id: 'staff-zhou' });
    expect(page.querySelector('.role-staff')?.dom?.className).toContain('bind-chip--active');
    expect(page.querySelector('.target-staff-zhou')?.dom?.className).toContain('bind-target--active');

    await create(page);

    expect(calls.map((c) => c.data)).toEqual([{ kind: 'staff' }, { role: 'staff', targetId: 'staff-zhou' }]);
  });

  it('makes a code for a station’s 分管领导, preset from the station’s edit page', async () => {
    const calls = serveFunctions(wxMock, {
      office: { createBindCode: () => ok(codeView({ role: 'leader', targetName: '赵文' })) },
    });
    const page = await open({ role: 'leader', id: 'leader-abc', name: encodeURIComponent('赵文') });
    expect(calls).toEqual([]);
    expect(textOf(page.querySelector('.leader-target') as Found)).toContain('分管领导 赵文');
    expect(page.querySelector('.bind-search')).toBeFalsy();

    await create(page);

    expect(calls.map((c) => c.data)).toEqual([{ role: 'leader', targetId: 'leader-abc' }]);
    expect(textOf(page.querySelector('.bind-result') as Found)).toContain('分管领导 · 赵文');
  });

  it('asks no target for an office account', async () => {
    const calls = serveFunctions(wxMock, {
      office: { createBindCode: () => ok(codeView({ role: 'office', targetName: '代表工委' })) },
    });
    const page = await open({ role: 'office' });
    expect(calls).toEqual([]);
    expect(page.querySelector('.bind-search')).toBeFalsy();
    expect(textOf(page)).toContain('代表工委账号不需要指定对象');

    await create(page);

    expect(calls).toEqual([{ name: 'office', action: 'createBindCode', data: { role: 'office' } }]);
  });

  it('sends one request however often 生成 is tapped', async () => {
    const answer = deferred<Answer<BindCodeView>>();
    const calls = serveFunctions(wxMock, {
      office: {
        directory: ({ kind }: { kind: DirectoryKind }) => directory(kind),
        createBindCode: () => answer.promise,
      },
    });
    const page = await open({ role: 'staff', id: 'staff-zhou' });

    await create(page);
    await create(page);
    expect(page.querySelector('.bind-create')?.data.disabled).toBe(true);
    answer.resolve(ok(codeView({ role: 'staff', targetName: '周敏' })));
    await settle();
    await settle();

    expect(calls.filter((c) => c.action === 'createBindCode')).toHaveLength(1);
    expect(textOf(page)).toContain('联络站工作人员 · 周敏');
  });

  it("shows the function's message beside the target, and refusals above the button", async () => {
    let refuse = false;
    serveFunctions(wxMock, {
      office: {
        directory: ({ kind }: { kind: DirectoryKind }) => directory(kind),
        createBindCode: () =>
          refuse
            ? fail('AUTH.FORBIDDEN', '只有代表工委可以生成绑定码')
            : fail('BIND.TARGET_INACTIVE', '林海燕已不再履行代表职务，不能绑定', {
                targetId: '林海燕已不再履行代表职务，不能绑定',
              }),
      },
    });
    const page = await open();

    await create(page);
    expect(textOf(page.querySelector('.bind-field-error') as Found)).toBe('请选择代表');

    await tap(page.querySelector('.target-deputy-lin'));
    await create(page);
    expect(textOf(page.querySelector('.bind-field-error') as Found)).toBe(
      '林海燕已不再履行代表职务，不能绑定',
    );

    refuse = true;
    await create(page);
    expect(page.querySelector('.bind-field-error')).toBeFalsy();
    expect(textOf(page.querySelector('.bind-error') as Found)).toBe('只有代表工委可以生成绑定码');
    expect(page.querySelector('.bind-result')).toBeFalsy();
  });

  it('retries loading the directory after a network failure', async () => {
    let attempts = 0;
    serveFunctions(wxMock, {
      office: {
        directory: ({ kind }: { kind: DirectoryKind }) =>
          ++attempts === 1 ? { networkError: 'timeout' } : directory(kind),
      },
    });
    const page = await open();
    expect(textOf(page)).toContain('网络不太好，请稍后重试');

    await tap(page.querySelector('.targets-retry'));

    expect(page.querySelectorAll('.bind-target')).toHaveLength(2);
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

      expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/office/bind-codes/index' });
    });

    it('leads the office to 名册管理', async () => {
      const page = await openQueue(['office']);

      await tap(byText(page, '.queue__directory', '名册管理'));

      expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/office/directory/index' });
    });

    it('is not shown to deputies, staff or units', async () => {
      const page = await openQueue(['deputy', 'staff', 'unit']);

      expect(page.querySelector('.queue__bind-codes')).toBeFalsy();
      expect(page.querySelector('.queue__directory')).toBeFalsy();
    });
  });
});
