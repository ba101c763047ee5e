import type {
  DirectoryEntry,
  DirectoryItem,
  ImportReport,
  SaveDirectoryInput,
} from '../../miniprogram/core/api';
import type { DirectoryKind } from '../../miniprogram/core/directory';
import { fail, ok } from '../../miniprogram/core/result';
import {
  byText,
  installWx,
  render,
  serveFunctions,
  serveUploads,
  settle,
  tap,
  textOf,
  type,
} from './helpers';
import type { Found, WxMock } from './helpers';
import { directoryItem, meView } from './mothers';

/** 名册管理 (the directory list and its import) and the record's edit page, for the office. */

const item = directoryItem;

const DEPUTIES = [
  item('deputy-lin', '林晓红', {
    code: 'D00001',
    detail: '市人大代表 · 鼓楼区人大代表之家',
    phone: '138****2345',
    bound: true,
  }),
  item('deputy-chen', '陈建国', { code: 'D00002', detail: '区县人大代表 · 鼓楼区人大代表之家' }),
  item('deputy-wang', '王丽萍', { code: 'D00003', detail: '区县人大代表', active: false }),
];
const STAFF = [
  item('staff-zhou', '周敏', { detail: '鼓楼区人大代表之家', phone: '139****0001', bound: true }),
];
const STATIONS = [
  item('station-gulou', '鼓楼区人大代表之家', {
    code: 'S0001',
    detail: '区级代表之家 · 东街 88 号',
    leaders: ['赵书记 街道党工委副书记 139****2345', '钱主任 街道人大工委主任'],
  }),
  item('station-dongjie', '东街联络站', { code: 'S0002', detail: '村（社区）代表联络站 · 南后街 12 号' }),
  item('station-closed', '旧联络站', { code: 'S0003', active: false }),
];
const LISTS: Record<DirectoryKind, DirectoryItem[]> = {
  deputy: DEPUTIES,
  staff: STAFF,
  unit: [item('dept-housing', '区住房和城乡建设局', { detail: '市直部门' })],
  station: STATIONS,
};
const listView = (kind: DirectoryKind) => {
  const items = LISTS[kind];
  const active = items.filter((i) => i.active).length;
  return ok({ kind, items, active, retired: items.length - active });
};

const meta = { active: true, accounts: 0, retiredAt: null, retiredReason: null };
const deputyEntry = (overrides: Partial<DirectoryEntry> = {}): DirectoryEntry =>
  ({
    kind: 'deputy',
    id: 'deputy-new',
    code: 'D00007',
    name: '赵晓东',
    level: 'county',
    stationId: 'station-dongjie',
    stationName: '东街联络站',
    title: '社区网格员',
    phone: '13805912345',
    ...meta,
    ...overrides,
  }) as DirectoryEntry;

const report = (overrides: Partial<ImportReport> = {}): ImportReport => ({
  applied: false,
  sheets: [
    { kind: 'deputy', sheet: '代表', rows: 3, created: 2, updated: 1 },
    { kind: 'unit', sheet: '承办单位', rows: 1, created: 1, updated: 0 },
  ],
  problems: [],
  moreProblems: 0,
  ...overrides,
});

let wxMock: WxMock;
let chooseMessageFile: jest.Mock;
let openDocument: jest.Mock;
beforeEach(() => {
  wxMock = installWx();
  chooseMessageFile = jest.fn();
  openDocument = jest.fn().mockResolvedValue({ errMsg: 'openDocument:ok' });
  Object.assign(wx, { chooseMessageFile, openDocument, setNavigationBarTitle: jest.fn() });
});

describe('the directory list', () => {
  const open = async (options: Record<string, string> = {}): Promise<Found> => {
    const page = render('pages/office/directory/index');
    page.instance.onLoad(options);
    await settle();
    return page;
  };
  const names = (page: Found) => page.querySelectorAll('.directory-item__name').map((n) => textOf(n));

  it('lists the deputies with their codes, stations, masked phones and whether they are bound; retired ones on request', async () => {
    serveFunctions(wxMock, { office: { directory: ({ kind }) => listView(kind) } });
    const page = await open();

    expect(names(page)).toEqual(['林晓红 D00001', '陈建国 D00002']);
    const lin = textOf(page.querySelector('.item-deputy-lin') as Found);
    expect(lin).toContain('市人大代表 · 鼓楼区人大代表之家');
    expect(lin).toContain('138****2345');
    expect(lin).toContain('已绑定微信');
    expect(textOf(page.querySelector('.item-deputy-chen') as Found)).toContain('未绑定');
    expect(textOf(page.querySelector('.directory-counts') as Found)).toBe('在册 2 ，已停用 1');

    await tap(page.querySelector('.directory-retired-toggle'));
    expect(names(page)).toEqual(['林晓红 D00001', '陈建国 D00002', '王丽萍 D00003']);
    expect(textOf(page.querySelector('.item-deputy-wang') as Found)).toContain('已停用');

    await type(page.querySelector('.directory-search'), 'd00002');
    expect(names(page)).toEqual(['陈建国 D00002']);
    await type(page.querySelector('.directory-search'), '鼓楼');
    expect(names(page)).toEqual(['林晓红 D00001', '陈建国 D00002']);
  });

  it('switches kinds, opens a record, adds one, and reads the list again on return', async () => {
    const calls = serveFunctions(wxMock, { office: { directory: ({ kind }) => listView(kind) } });
    const page = await open();

    await tap(page.querySelector('.tab-staff'));
    expect(names(page)).toEqual(['周敏']);
    await tap(page.querySelector('.item-staff-zhou'));
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/office/directory-edit/index?kind=staff&id=staff-zhou',
    });

    page.instance.onShow();
    await settle();
    await tap(byText(page, '.directory-add', '新增联络站工作人员'));
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/office/directory-edit/index?kind=staff',
    });
    expect(calls.map((c) => c.data)).toEqual([{ kind: 'deputy' }, { kind: 'staff' }, { kind: 'staff' }]);
  });

  it('shows each station with its 分管领导, one line each, on the station tab', async () => {
    serveFunctions(wxMock, { office: { directory: ({ kind }) => listView(kind) } });
    const page = await open();

    await tap(page.querySelector('.tab-station'));
    expect(textOf(page.querySelector('.tab-station') as Found)).toBe('联络站');
    const leaders = page
      .querySelectorAll('.item-station-gulou .directory-item__leader')
      .map((l) => textOf(l));
    expect(leaders).toEqual([
      '分管领导：赵书记 街道党工委副书记 139****2345',
      '分管领导：钱主任 街道人大工委主任',
    ]);
    expect(page.querySelector('.item-station-dongjie .directory-item__leader')).toBeFalsy();
  });

  it('says what went wrong and retries', async () => {
    let attempts = 0;
    serveFunctions(wxMock, {
      office: {
        directory: ({ kind }) =>
          ++attempts === 1 ? fail('AUTH.FORBIDDEN', '只有代表工委可以管理名册') : listView(kind),
      },
    });
    const page = await open();
    expect(textOf(page)).toContain('只有代表工委可以管理名册');
    expect(page.querySelector('.directory-item')).toBeFalsy();
  });

  describe('importing a spreadsheet', () => {
    const pick = (name = '名册.xlsx') =>
      chooseMessageFile.mockResolvedValue({
        tempFiles: [{ path: 'wxfile://tmp/abc.xlsx', name, size: 2048 }],
      });

    it('uploads under the office member’s prefix, shows the check, and stores only when confirmed', async () => {
      let stored = false;
      const calls = serveFunctions(wxMock, {
        resident: { me: () => ok(meView(['office'])) },
        office: {
          directory: ({ kind }) => listView(kind),
          importDirectory: ({ dryRun }) => {
            stored = stored || !dryRun;
            return ok(report({ applied: !dryRun }));
          },
        },
      });
      const uploads = serveUploads(wxMock);
      pick();
      const page = await open();

      await tap(page.querySelector('.directory-import'));
      await settle();

      expect(chooseMessageFile).toHaveBeenCalledWith({ count: 1, type: 'file', extension: ['xlsx'] });
      expect(uploads).toHaveLength(1);
      expect(uploads[0].cloudPath).toMatch(new RegExp(`^imports/${meView(['office']).openid}/.+\\.xlsx$`));
      expect(stored).toBe(false);
      const card = textOf(page.querySelector('.import') as Found);
      expect(card).toContain('「代表」3 行：新增 2，更新 1');
      expect(card).toContain('「承办单位」1 行：新增 1，更新 0');

      await tap(byText(page, '.import-confirm', '确认导入'));

      expect(stored).toBe(true);
      expect(textOf(page.querySelector('.import') as Found)).toContain('已导入，名册已更新');
      const imports = calls.filter((c) => c.action === 'importDirectory');
      expect(imports.map((c) => c.data.dryRun)).toEqual([true, false]);
      expect(imports[1].data.fileID).toBe(imports[0].data.fileID);
      // The list is read again after the import.
      expect(calls.filter((c) => c.action === 'directory')).toHaveLength(2);
    });

    it('lists the problems by sheet, row and column and offers no confirmation', async () => {
      serveFunctions(wxMock, {
        resident: { me: () => ok(meView(['office'])) },
        office: {
          directory: ({ kind }) => listView(kind),
          importDirectory: () =>
            ok(
              report({
                problems: [
                  { sheet: '代表', row: 3, column: '所属联络站', message: '没有找到联络站「S9999」' },
                  { sheet: '代表', row: 7, column: '', message: '与第 6 行重复' },
                ],
                moreProblems: 4,
              }),
            ),
        },
      });
      serveUploads(wxMock);
      pick();
      const page = await open();

      await tap(page.querySelector('.directory-import'));
      await settle();

      const problems = page.querySelectorAll('.import-problem').map((p) => textOf(p));
      expect(problems).toEqual([
        '「代表」第 3 行「所属联络站」：没有找到联络站「S9999」',
        '「代表」第 7 行：与第 6 行重复',
      ]);
      expect(textOf(page.querySelector('.import') as Found)).toContain('还有 4 处问题未列出');
      expect(page.querySelector('.import-confirm')).toBeFalsy();
    });

    it('does nothing when the picker is closed, and says when the file is not a spreadsheet', async () => {
      serveFunctions(wxMock, {
        resident: { me: () => ok(meView(['office'])) },
        office: {
          directory: ({ kind }) => listView(kind),
          importDirectory: () => fail('IMPORT.UNREADABLE', '文件不是有效的 Excel 表格（.xlsx）'),
        },
      });
      serveUploads(wxMock);
      chooseMessageFile.mockRejectedValueOnce({ errMsg: 'chooseMessageFile:fail cancel' });
      const page = await open();

      await tap(page.querySelector('.directory-import'));
      expect(page.querySelector('.import')).toBeFalsy();

      pick('名单.xls.xlsx');
      await tap(page.querySelector('.directory-import'));
      await settle();
      expect(textOf(page.querySelector('.import-error') as Found)).toBe('文件不是有效的 Excel 表格（.xlsx）');
    });

    it('opens the template in WeChat’s document viewer, to be forwarded', async () => {
      serveFunctions(wxMock, {
        office: {
          directory: ({ kind }) => listView(kind),
          importTemplate: () => ok({ fileID: 'cloud://t', url: 'http://127.0.0.1/template.xlsx' }),
        },
      });
      wxMock.downloadFile.mockImplementation((options) => {
        options.success?.({
          statusCode: 200,
          tempFilePath: 'wxfile://tmp/template.xlsx',
        } as WechatMiniprogram.DownloadFileSuccessCallbackResult);
        return {};
      });
      const page = await open();

      await tap(page.querySelector('.directory-template'));
      await settle();

      expect(wxMock.downloadFile.mock.calls[0][0].url).toBe('http://127.0.0.1/template.xlsx');
      expect(openDocument).toHaveBeenCalledWith({
        filePath: 'wxfile://tmp/template.xlsx',
        fileType: 'xlsx',
        showMenu: true,
      });
    });
  });
});

describe('a directory record', () => {
  const open = async (options: Record<string, string>): Promise<Found> => {
    const page = render('pages/office/directory-edit/index');
    page.instance.onLoad(options);
    await settle();
    return page;
  };
  const chip = (page: Found, selector: string) => tap(page.querySelector(selector));
  const save = (page: Found) => tap(byText(page, '.edit-save', '保存'));

  it('creates a deputy: checked as typed, sent once with its request id, then shown with the new code', async () => {
    const saves: SaveDirectoryInput[] = [];
    serveFunctions(wxMock, {
      office: {
        directory: ({ kind }) => listView(kind),
        save: (input) => {
          saves.push(input);
          return ok(deputyEntry());
        },
      },
    });
    const page = await open({ kind: 'deputy' });

    await save(page);
    expect(saves).toEqual([]);
    expect(textOf(page.querySelector('.error-name') as Found)).toBe('请填写代表姓名');
    expect(textOf(page.querySelector('.error-level') as Found)).toBe('请选择代表的层级');

    await type(page.querySelector('.edit-name'), '赵晓东');
    await chip(page, '.level-county');
    expect(page.querySelector('.error-name')).toBeFalsy();
    expect(page.querySelector('.error-level')).toBeFalsy();
    page.querySelector('.station-picker')?.dispatchEvent('change', { detail: { value: 1 } });
    await settle();
    expect(textOf(page.querySelector('.edit-station') as Found)).toBe('东街联络站');
    await type(page.querySelector('.edit-title'), '社区网格员');
    await type(page.querySelector('.edit-phone'), '138 0591 2345');

    await save(page);
    await save(page);

    expect(saves).toEqual([
      {
        kind: 'deputy',
        fields: {
          name: '赵晓东',
          level: 'county',
          stationId: 'station-dongjie',
          title: '社区网格员',
          phone: '13805912345',
        },
        clientRequestId: expect.stringMatching(/^[A-Za-z0-9]{24}$/),
      },
      // The second tap saves the record now stored, by id.
      expect.objectContaining({ kind: 'deputy', id: 'deputy-new' }),
    ]);
    expect(textOf(page.querySelector('.edit-summary') as Found)).toContain('赵晓东 D00007');
    await tap(page.querySelector('.edit-bind'));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/office/bind-codes/index?role=deputy&id=deputy-new',
    });
  });

  it('keeps its request id when a create is retried after a lost answer, and shows the function’s field message', async () => {
    const ids: unknown[] = [];
    let answers = 0;
    serveFunctions(wxMock, {
      office: {
        directory: ({ kind }) => listView(kind),
        save: (input) => {
          ids.push((input as { clientRequestId?: string }).clientRequestId);
          return ++answers === 1
            ? { networkError: 'timeout' }
            : fail('DIRECTORY.DUPLICATE', '承办单位「区民政局」已在名册中', {
                name: '承办单位「区民政局」已在名册中',
              });
        },
      },
    });
    const page = await open({ kind: 'unit' });
    await type(page.querySelector('.edit-name'), '区民政局');
    await chip(page, '.unit-kind-city_department');

    await save(page);
    expect(textOf(page.querySelector('.edit-error') as Found)).toBe('网络不太好，请稍后重试');
    await save(page);

    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(textOf(page.querySelector('.error-name') as Found)).toBe('承办单位「区民政局」已在名册中');
  });

  it('edits a staff member’s stations, by id', async () => {
    const saves: SaveDirectoryInput[] = [];
    serveFunctions(wxMock, {
      office: {
        directory: ({ kind }) => listView(kind),
        entry: () =>
          ok({
            kind: 'staff',
            id: 'staff-zhou',
            name: '周敏',
            phone: '13905910001',
            stationIds: ['station-gulou'],
            stationNames: ['鼓楼区人大代表之家'],
            ...meta,
            accounts: 1,
          }),
        save: (input) => {
          saves.push(input);
          return ok({
            kind: 'staff',
            id: 'staff-zhou',
            name: '周敏',
            phone: '13905910001',
            stationIds: ['station-gulou', 'station-dongjie'],
            stationNames: ['鼓楼区人大代表之家', '东街联络站'],
            ...meta,
            accounts: 1,
          });
        },
      },
    });
    const page = await open({ kind: 'staff', id: 'staff-zhou' });
    expect(page.querySelector('.edit-phone')?.data.value).toBe('13905910001');
    expect(textOf(page.querySelector('.edit-accounts') as Found)).toBe('已绑定微信');
    expect(page.querySelector('.station-station-gulou')?.dom?.className).toContain('chip--active');
    expect(page.querySelector('.station-station-closed')).toBeFalsy();

    await chip(page, '.station-station-dongjie');
    await save(page);

    expect(saves).toEqual([
      {
        kind: 'staff',
        id: 'staff-zhou',
        fields: { name: '周敏', phone: '13905910001', stationIds: ['station-gulou', 'station-dongjie'] },
      },
    ]);
  });

  it('retires with a reason, tells of open cases, and restores', async () => {
    const calls = serveFunctions(wxMock, {
      office: {
        directory: ({ kind }) => listView(kind),
        entry: () => ok(deputyEntry()),
        setActive: ({ active, reason }) =>
          ok({
            entry: deputyEntry({
              active,
              retiredAt: active ? null : Date.UTC(2026, 10, 21, 2),
              retiredReason: reason ?? null,
            }),
            openCases: active ? 0 : 2,
          }),
      },
    });
    const page = await open({ kind: 'deputy', id: 'deputy-new' });

    wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '满' });
    await tap(page.querySelector('.edit-retire'));
    expect(textOf(page.querySelector('.edit-error') as Found)).toContain('请填写原因');
    expect(calls.some((c) => c.action === 'setActive')).toBe(false);

    wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '任期届满' });
    await tap(page.querySelector('.edit-retire'));
    await settle();

    expect(calls.filter((c) => c.action === 'setActive').map((c) => c.data)).toEqual([
      { kind: 'deputy', id: 'deputy-new', active: false, reason: '任期届满' },
    ]);
    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ content: '尚有 2 件诉求未办结，请在办理工作台跟进。' }),
    );
    expect(textOf(page.querySelector('.edit-retired') as Found)).toBe('2026-11-21 已停用：任期届满');
    expect(page.querySelector('.edit-bind')).toBeFalsy();

    await tap(page.querySelector('.edit-restore'));
    expect(calls[calls.length - 1].data).toEqual({ kind: 'deputy', id: 'deputy-new', active: true });
    expect(page.querySelector('.edit-retired')).toBeFalsy();
  });

  it('sets a station’s reception rule: the first and third Tuesday, held anyway on holidays', async () => {
    const saves: SaveDirectoryInput[] = [];
    serveFunctions(wxMock, {
      office: {
        save: (input) => {
          saves.push(input);
          return fail('INTERNAL', '服务暂时不可用，请稍后再试');
        },
      },
    });
    const page = await open({ kind: 'station' });
    await type(page.querySelector('.edit-name'), '南街联络站');
    await chip(page, '.station-level-community_station');
    await type(page.querySelector('.edit-address'), '南街 1 号');
    await chip(page, '.rule-nth_weekday');

    await save(page);
    expect(textOf(page.querySelector('.error-receptionRule') as Found)).toContain('请选择第几个');
    expect(saves).toEqual([]);

    await chip(page, '.nth-0');
    await chip(page, '.nth-2');
    await chip(page, '.policy-keep');
    await chip(page, '.per-day-3');
    await save(page);

    expect(saves[0].fields).toEqual({
      name: '南街联络站',
      level: 'community_station',
      address: '南街 1 号',
      openingHours: '',
      phone: null,
      location: null,
      receptionRule: { kind: 'nth_weekday', weekday: 2, nth: [1, 3], holidayPolicy: 'keep' },
      deputiesPerDay: 3,
      leaders: [],
    });
    expect(textOf(page.querySelector('.edit-error') as Found)).toBe('服务暂时不可用，请稍后再试');
  });

  it('names a station’s 分管领导: added, typed, checked before saving, removed', async () => {
    const saves: SaveDirectoryInput[] = [];
    serveFunctions(wxMock, {
      office: {
        save: (input) => {
          saves.push(input);
          return fail('INTERNAL', '服务暂时不可用，请稍后再试');
        },
      },
    });
    const page = await open({ kind: 'station' });
    await type(page.querySelector('.edit-name'), '南街联络站');
    await chip(page, '.station-level-community_station');
    await type(page.querySelector('.edit-address'), '南街 1 号');
    await chip(page, '.rule-none');

    await tap(page.querySelector('.leader-add'));
    await tap(page.querySelector('.leader-add'));
    await type(page.querySelector('.leader-0 .leader-name'), '赵书记');
    await type(page.querySelector('.leader-0 .leader-title'), '街道党工委副书记');
    await type(page.querySelector('.leader-0 .leader-phone'), '139 0591 2345');
    // The second is left without a name: refused on the phone, nothing sent.
    await save(page);
    expect(textOf(page.querySelector('.error-leaders') as Found)).toBe('第 2 位分管领导：请填写分管领导姓名');
    expect(saves).toEqual([]);

    await tap(page.querySelector('.leader-1 .leader-remove'));
    expect(page.querySelector('.leader-1')).toBeFalsy();
    await save(page);
    expect(saves[0].fields).toMatchObject({
      leaders: [{ name: '赵书记', title: '街道党工委副书记', phone: '13905912345' }],
    });
  });

  it('gives a saved 分管领导 a bind code from the station’s page, so they can see 我的值班', async () => {
    serveFunctions(wxMock, {
      office: {
        entry: () =>
          ok({
            kind: 'station',
            id: 'station-gulou',
            code: 'S0001',
            name: '鼓楼区人大代表之家',
            level: 'district_home',
            address: '鼓楼区 1 号',
            location: null,
            openingHours: '',
            receptionRule: null,
            deputiesPerDay: 2,
            leaders: [{ id: 'leader-abc', name: '赵书记', title: '街道党工委副书记', phone: null }],
            ...meta,
          }),
      },
    });
    const page = await open({ kind: 'station', id: 'station-gulou' });

    await tap(page.querySelector('.leader-bind-0'));

    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: `/pages/office/bind-codes/index?role=leader&id=leader-abc&name=${encodeURIComponent('赵书记')}`,
    });
  });
  it('keeps a station’s public phone when its page is saved, and changes it when typed', async () => {
    const saves: SaveDirectoryInput[] = [];
    serveFunctions(wxMock, {
      office: {
        entry: () =>
          ok({
            kind: 'station',
            id: 'station-gulou',
            code: 'S0001',
            name: '鼓楼区人大代表之家',
            level: 'district_home',
            address: '鼓楼区 1 号',
            location: null,
            openingHours: '',
            phone: '0591-87654321',
            receptionRule: null,
            deputiesPerDay: 2,
            leaders: [],
            ...meta,
          }),
        save: (input) => {
          saves.push(input);
          return fail('INTERNAL', '服务暂时不可用，请稍后再试');
        },
      },
    });
    const page = await open({ kind: 'station', id: 'station-gulou' });

    await save(page);
    await type(page.querySelector('.edit-phone'), '0591-87000000');
    await save(page);

    expect(saves.map((s) => (s.fields as { phone?: string | null }).phone)).toEqual([
      '0591-87654321',
      '0591-87000000',
    ]);
  });
});
