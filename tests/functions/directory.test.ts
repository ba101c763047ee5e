import ExcelJS from 'exceljs';
import type { DirectoryEntry, SaveDirectoryInput } from '../../miniprogram/core/api';
import type { StaffDoc, UserDoc } from '../../cloudfunctions/_lib/platform';
import { importPrefix } from '../../miniprogram/core/directory';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/** The office's directory (名册): creating, editing, retiring and importing, on the real stack. */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

let requests = 0;
const save = (input: Omit<SaveDirectoryInput, 'clientRequestId'> & { clientRequestId?: string }) =>
  product.call(DEV_OFFICE_OPENID, 'office', 'save', {
    ...input,
    ...(input.id ? {} : { clientRequestId: input.clientRequestId ?? `directory-test-${++requests}` }),
  } as SaveDirectoryInput);
const saved = async (input: Parameters<typeof save>[0]): Promise<DirectoryEntry> => {
  const result = await save(input);
  if (!result.ok) throw new Error(`save failed: ${result.code} ${result.message}`);
  return result.data;
};
const list = (kind: 'deputy' | 'staff' | 'unit' | 'station') =>
  product.ok(DEV_OFFICE_OPENID, 'office', 'directory', { kind });
const user = (openid: string) => product.stack.store.getById('users', openid) as unknown as UserDoc | null;
const bindAs = async (openid: string, role: 'deputy' | 'staff', targetId: string) => {
  const { code } = await product.ok(DEV_OFFICE_OPENID, 'office', 'createBindCode', { role, targetId });
  return product.ok(openid, 'resident', 'bind', { code });
};

const deputyFields = {
  name: '赵晓东',
  level: 'county' as const,
  stationId: 'station-dongjie',
  title: '区人大代表，社区网格员',
  phone: '138 0591 2345',
};

describe('who may keep the directory', () => {
  it('is the office only: deputies, staff and units are refused every action', async () => {
    for (const openid of [DEV_DEPUTY_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID, 'o-resident']) {
      for (const [action, data] of [
        ['directory', { kind: 'deputy' }],
        ['entry', { kind: 'deputy', id: 'deputy-lin' }],
        [
          'save',
          {
            kind: 'unit',
            fields: { name: '某局', unitKind: 'city_department' },
            clientRequestId: 'x'.repeat(10),
          },
        ],
        ['setActive', { kind: 'deputy', id: 'deputy-lin', active: false, reason: '任期届满' }],
        ['importDirectory', { fileID: 'cloud://x/imports/o/a.xlsx', dryRun: true }],
        ['importTemplate', {}],
      ] as const) {
        expect(await product.call(openid, 'office', action, data as never)).toMatchObject({
          ok: false,
          code: 'AUTH.FORBIDDEN',
        });
      }
    }
    expect(product.stack.store.count('departments', { name: '某局' })).toBe(0);
    expect(product.stack.store.getById('deputies', 'deputy-lin')).toMatchObject({ active: true });
  });
});

describe('the deprecated admin function', () => {
  it('answers the office actions as office does, for app versions released before the rename', async () => {
    const viaOffice = await product.ok(DEV_OFFICE_OPENID, 'office', 'directory', { kind: 'station' });
    const viaAdmin = await product.ok(DEV_OFFICE_OPENID, 'admin', 'directory', { kind: 'station' });
    expect(viaAdmin).toEqual(viaOffice);
    expect(viaAdmin.items.length).toBeGreaterThan(0);
    expect(await product.call(DEV_DEPUTY_OPENID, 'admin', 'directory', { kind: 'station' })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});

describe('deputies', () => {
  it('creates a deputy with the next printed code, whose QR code then opens their page', async () => {
    const entry = await saved({ kind: 'deputy', fields: deputyFields });
    expect(entry).toMatchObject({
      kind: 'deputy',
      code: 'D00007',
      name: '赵晓东',
      phone: '13805912345',
      stationName: '东街街道三坊七巷社区人大代表联络站',
      active: true,
      accounts: 0,
    });

    const landing = await product.ok('o-resident', 'resident', 'landing', { scene: 'd=D00007' });
    expect(landing).toMatchObject({
      target: 'deputy',
      deputy: { name: '赵晓东', title: '区人大代表，社区网格员' },
    });
    // The phone is for the office and the station, never for residents.
    expect(JSON.stringify(landing)).not.toContain('2345');
  });

  it('lists deputies by code with phones masked and the station named', async () => {
    const view = await list('deputy');
    expect(view.items.map((i) => i.code)).toEqual([
      'D00001',
      'D00002',
      'D00003',
      'D00004',
      'D00005',
      'D00006',
      'D00007',
    ]);
    expect(view.items.find((i) => i.code === 'D00007')).toEqual({
      id: expect.any(String),
      code: 'D00007',
      name: '赵晓东',
      detail: '区县人大代表 · 东街街道三坊七巷社区人大代表联络站',
      phone: '138****2345',
      bound: false,
      active: true,
    });
    expect(view.items.find((i) => i.code === 'D00001')).toMatchObject({ bound: true });
    expect(view).toMatchObject({ active: 7, retired: 0 });
  });

  it('makes one deputy however often a create is retried', async () => {
    const fields = { ...deputyFields, name: '钱多多' };
    const [a, b] = await Promise.all([
      saved({ kind: 'deputy', fields, clientRequestId: 'retried-create-1' }),
      saved({ kind: 'deputy', fields, clientRequestId: 'retried-create-1' }),
    ]);
    const again = await saved({ kind: 'deputy', fields, clientRequestId: 'retried-create-1' });
    expect(b.id).toBe(a.id);
    expect(again).toEqual(a);
    expect(product.stack.store.count('deputies', { name: '钱多多' })).toBe(1);
  });

  it('gives two deputies created at once two codes', async () => {
    const [a, b] = await Promise.all([
      saved({ kind: 'deputy', fields: { ...deputyFields, name: '孙一' } }),
      saved({ kind: 'deputy', fields: { ...deputyFields, name: '孙二' } }),
    ]);
    expect(a.kind === 'deputy' && b.kind === 'deputy' && a.code !== b.code).toBe(true);
  });

  it('says what is wrong with a form, field by field, and stores nothing', async () => {
    expect(
      await save({ kind: 'deputy', fields: { ...deputyFields, name: ' ', phone: '12345' } }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { name: '请填写代表姓名', phone: expect.stringContaining('电话号码格式不正确') },
    });
    expect(
      await save({ kind: 'deputy', fields: { ...deputyFields, name: '周某', stationId: 'station-nowhere' } }),
    ).toMatchObject({
      ok: false,
      fields: { stationId: '没有找到所选的联络站' },
    });
    expect(
      await save({ kind: 'deputy', fields: { ...deputyFields, level: 'mayor' as never } }),
    ).toMatchObject({
      fields: { level: '请选择代表的层级' },
    });
    expect(
      await save({
        kind: 'deputy',
        fields: { ...deputyFields, name: '林晓红', stationId: 'station-gulou-home' },
      }),
    ).toMatchObject({
      ok: false,
      code: 'DIRECTORY.DUPLICATE',
      fields: { name: '该联络站已有代表林晓红（D00001）' },
    });
    expect(await product.call(DEV_OFFICE_OPENID, 'office', 'save', { kind: 'mayor' } as never)).toMatchObject(
      {
        code: 'INPUT.INVALID',
        fields: { kind: '请选择名册类别' },
      },
    );
    expect(product.stack.store.count('deputies', { name: '周某' })).toBe(0);
  });

  it('edits a deputy: a new station shows on their page', async () => {
    const before = await product.ok(DEV_OFFICE_OPENID, 'office', 'entry', {
      kind: 'deputy',
      id: 'deputy-chen',
    });
    expect(before).toMatchObject({
      kind: 'deputy',
      code: 'D00002',
      stationId: 'station-gulou-home',
      accounts: 0,
    });
    const after = await saved({
      kind: 'deputy',
      id: 'deputy-chen',
      fields: {
        name: '陈建国',
        level: 'county',
        stationId: 'station-wenquan',
        title: '区人大代表',
        phone: null,
      },
    });
    expect(after).toMatchObject({ code: 'D00002', stationName: '温泉街道联络点', title: '区人大代表' });
    const landing = await product.ok('o-resident', 'resident', 'landing', { scene: 'd=D00002' });
    expect(landing).toMatchObject({ target: 'deputy', station: { name: '温泉街道联络点' } });
  });

  it('retires a deputy who left office: history kept, no new cases, no binding; restoring undoes it', async () => {
    await product.ok(
      'o-resident-2',
      'resident',
      'submit',
      submission({ target: { type: 'deputy', code: 'D00003' } }),
    );

    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'setActive', {
        kind: 'deputy',
        id: 'deputy-wang',
        active: false,
      }),
    ).toMatchObject({
      ok: false,
      fields: { reason: expect.stringContaining('请填写原因') },
    });
    const retired = await product.ok(DEV_OFFICE_OPENID, 'office', 'setActive', {
      kind: 'deputy',
      id: 'deputy-wang',
      active: false,
      reason: '任期届满',
    });
    expect(retired).toMatchObject({
      entry: { active: false, retiredReason: '任期届满', retiredAt: expect.any(Number) },
      openCases: 1,
    });
    expect(await product.call('o-resident-3', 'resident', 'landing', { scene: 'd=D00003' })).toMatchObject({
      ok: false,
      code: 'CODE.RETIRED',
    });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'createBindCode', {
        role: 'deputy',
        targetId: 'deputy-wang',
      }),
    ).toMatchObject({
      code: 'BIND.TARGET_INACTIVE',
    });
    const view = await list('deputy');
    expect(view.items[view.items.length - 1]).toMatchObject({ code: 'D00003', active: false });
    // Their case stays, addressed to them.
    expect(product.stack.store.count('cases', { deputyId: 'deputy-wang' })).toBe(1);

    await product.ok(DEV_OFFICE_OPENID, 'office', 'setActive', {
      kind: 'deputy',
      id: 'deputy-wang',
      active: true,
    });
    expect(await product.call('o-resident-3', 'resident', 'landing', { scene: 'd=D00003' })).toMatchObject({
      ok: true,
    });
    expect(product.stack.store.getById('deputies', 'deputy-wang')).toMatchObject({
      active: true,
      retiredReason: null,
    });
  });
});

describe('staff', () => {
  it('are people bound to their stations: editing their stations and retiring them changes what they may open', async () => {
    const staff = await saved({
      kind: 'staff',
      fields: { name: '郭静', phone: '13905919999', stationIds: ['station-dongjie', 'station-wenquan'] },
    });
    const phone = 'o-guo-jing';
    const me = await bindAs(phone, 'staff', staff.id);
    expect(me.roles.map((r) => r.role === 'staff' && r.stationId)).toEqual([
      'station-dongjie',
      'station-wenquan',
    ]);
    expect(product.stack.store.getById('staff', staff.id)).toMatchObject({ openid: phone });
    const overview = (stationId: string) => product.call(phone, 'station', 'overview', { stationId });
    expect(await overview('station-wenquan')).toMatchObject({ ok: true });

    await saved({
      kind: 'staff',
      id: staff.id,
      fields: { name: '郭静', phone: '13905919999', stationIds: ['station-dongjie'] },
    });
    expect(await overview('station-wenquan')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await overview('station-dongjie')).toMatchObject({ ok: true });

    await product.ok(DEV_OFFICE_OPENID, 'office', 'setActive', {
      kind: 'staff',
      id: staff.id,
      active: false,
      reason: '调离岗位',
    });
    expect(await overview('station-dongjie')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(user(phone)?.roles).toEqual([]);
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'createBindCode', {
        role: 'staff',
        targetId: staff.id,
      }),
    ).toMatchObject({
      code: 'BIND.TARGET_INACTIVE',
    });

    await product.ok(DEV_OFFICE_OPENID, 'office', 'setActive', { kind: 'staff', id: staff.id, active: true });
    expect(await overview('station-dongjie')).toMatchObject({ ok: true });
  });

  it('lists staff with their stations and masked phones, and refuses a second person with the same phone', async () => {
    const view = await list('staff');
    expect(view.items.find((i) => i.name === '许文')).toMatchObject({
      detail: '东街街道三坊七巷社区人大代表联络站、温泉街道联络点',
      phone: '139****0002',
      bound: false,
    });
    expect(view.items.find((i) => i.name === '周敏')).toMatchObject({ bound: true });
    expect(
      await save({
        kind: 'staff',
        fields: { name: '另一人', phone: '13905910002', stationIds: ['station-dongjie'] },
      }),
    ).toMatchObject({
      code: 'DIRECTORY.DUPLICATE',
      fields: { phone: '电话相同的工作人员许文已在名册中' },
    });
    expect(
      await save({ kind: 'staff', fields: { name: '无站', phone: '13905910003', stationIds: [] } }),
    ).toMatchObject({
      fields: { stationIds: '请选择所在的联络站' },
    });
  });

  it('moves a staff member who changes phones to the new account', async () => {
    await bindAs('o-xu-old', 'staff', 'staff-xu');
    await bindAs('o-xu-new', 'staff', 'staff-xu');
    expect(user('o-xu-old')?.roles).toEqual([]);
    expect((product.stack.store.getById('staff', 'staff-xu') as unknown as StaffDoc).openid).toBe('o-xu-new');
    expect(
      await product.call('o-xu-new', 'station', 'overview', { stationId: 'station-wenquan' }),
    ).toMatchObject({ ok: true });
  });
});

describe('units and stations', () => {
  it('a new unit can be routed to; a retired one drops out of the list handlers pick from', async () => {
    const unit = await saved({ kind: 'unit', fields: { name: '区水利局', unitKind: 'city_department' } });
    const names = async () =>
      (await product.ok(DEV_DEPUTY_OPENID, 'casework', 'units', {})).map((u) => u.name);
    expect(await names()).toContain('区水利局');
    expect((await list('unit')).items.find((i) => i.id === unit.id)).toMatchObject({
      detail: '市直部门',
      bound: false,
    });
    await product.ok(DEV_OFFICE_OPENID, 'office', 'setActive', {
      kind: 'unit',
      id: unit.id,
      active: false,
      reason: '机构改革撤并',
    });
    expect(await names()).not.toContain('区水利局');
  });

  it('a new station gets the next code, its reception rule is checked, and its QR code opens it', async () => {
    const fields = {
      name: '南街街道代表联络站',
      level: 'community_station' as const,
      address: '福州市鼓楼区南街 1 号',
      location: null,
      openingHours: '工作日 9:00–17:00',
      receptionRule: {
        kind: 'day_of_month' as const,
        day: 31,
        months: [2],
        holidayPolicy: 'postpone' as const,
      },
      deputiesPerDay: 2,
    };
    expect(await save({ kind: 'station', fields })).toMatchObject({
      ok: false,
      fields: { receptionRule: expect.stringContaining('一个接待日也没有') },
    });
    const station = await saved({
      kind: 'station',
      fields: { ...fields, receptionRule: { ...fields.receptionRule, day: 15 } },
    });
    expect(station).toMatchObject({
      code: 'S0004',
      receptionRule: { kind: 'day_of_month', day: 15, months: [2] },
    });
    expect(await product.ok('o-resident', 'resident', 'landing', { scene: 's=S0004' })).toMatchObject({
      target: 'station',
      station: { name: '南街街道代表联络站' },
    });
  });
});

// ---- the spreadsheet import --------------------------------------------------------------------

async function workbook(sheets: Record<string, Array<Array<string | number>>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

let uploads = 0;
const upload = (bytes: Buffer, openid = DEV_OFFICE_OPENID) =>
  product.uploadFile(openid, `${importPrefix(openid)}${++uploads}.xlsx`, bytes);
const importFile = (fileID: string, dryRun: boolean) =>
  product.call(DEV_OFFICE_OPENID, 'office', 'importDirectory', { fileID, dryRun });

describe('importing a spreadsheet', () => {
  const sheets = {
    代表: [
      ['姓名*', '层级*', '所属联络站', '职务身份', '联系电话'],
      ['吴小梅', '区县人大代表', 'S0002', '区人大代表，教师', '13600000001'],
      ['郑大勇', '市', '温泉街道联络点', '', 13600000002],
      ['林晓红', '市人大代表', 'S0001', '市人大代表，社区党委书记', ''],
    ],
    工作人员: [
      ['联系电话', '姓名', '所在联络站'],
      ['13700000001', '何芳', 'S0002、S0003'],
    ],
    承办单位: [
      ['单位名称', '类别'],
      ['区民政局', '市直部门'],
      ['安泰街道办事处', '乡镇（街道）'],
    ],
  };

  it('checks first, then stores; importing the same sheet again changes nothing', async () => {
    const fileID = await upload(await workbook(sheets));
    const dry = await importFile(fileID, true);
    expect(dry).toEqual({
      ok: true,
      data: {
        applied: false,
        sheets: [
          { kind: 'deputy', sheet: '代表', rows: 3, created: 2, updated: 1 },
          { kind: 'staff', sheet: '工作人员', rows: 1, created: 1, updated: 0 },
          { kind: 'unit', sheet: '承办单位', rows: 2, created: 2, updated: 0 },
        ],
        problems: [],
        moreProblems: 0,
      },
    });
    expect(product.stack.store.count('deputies', { name: '吴小梅' })).toBe(0);

    const real = await importFile(fileID, false);
    expect(real).toMatchObject({ ok: true, data: { applied: true } });
    expect(product.stack.store.find('deputies', { name: '吴小梅' })).toEqual([
      expect.objectContaining({
        level: 'county',
        stationId: 'station-dongjie',
        phone: '13600000001',
        active: true,
      }),
    ]);
    expect(product.stack.store.find('deputies', { name: '郑大勇' })).toEqual([
      expect.objectContaining({ level: 'city', stationId: 'station-wenquan', phone: '13600000002' }),
    ]);
    expect(product.stack.store.find('staff', { name: '何芳' })).toEqual([
      expect.objectContaining({ stationIds: ['station-dongjie', 'station-wenquan'] }),
    ]);
    expect(product.stack.store.find('departments', { name: '区民政局' })).toEqual([
      expect.objectContaining({ kind: 'city_department', active: true }),
    ]);
    const deputies = product.stack.store.count('deputies', {});

    const again = await importFile(await upload(await workbook(sheets)), false);
    expect(again).toMatchObject({
      ok: true,
      data: {
        applied: true,
        sheets: [
          { kind: 'deputy', created: 0, updated: 3 },
          { kind: 'staff', created: 0, updated: 1 },
          { kind: 'unit', created: 0, updated: 2 },
        ],
      },
    });
    expect(product.stack.store.count('deputies', {})).toBe(deputies);
  });

  it('reports every problem by sheet, row and column, and stores nothing while there is one', async () => {
    const fileID = await upload(
      await workbook({
        代表: [
          ['代表码', '姓名', '层级', '所属联络站', '联系电话'],
          ['', '甲', '国家级', 'S0002', ''],
          ['', '乙', '区县人大代表', 'S9999', ''],
          ['D99999', '丙', '区县人大代表', '', ''],
          ['', '丁', '区县人大代表', '', '5555'],
          ['', '戊', '区县人大代表', '', ''],
          ['', '戊', '区县人大代表', '', ''],
        ],
        承办单位: [['单位名称'], ['区某局']],
      }),
    );
    const report = await importFile(fileID, false);
    expect(report).toMatchObject({ ok: true, data: { applied: false } });
    if (!report.ok) return;
    expect(report.data.problems).toEqual([
      { sheet: '代表', row: 2, column: '层级', message: '请选择代表的层级' },
      {
        sheet: '代表',
        row: 3,
        column: '所属联络站',
        message: expect.stringContaining('没有找到联络站「S9999」'),
      },
      {
        sheet: '代表',
        row: 4,
        column: '代表码',
        message: expect.stringContaining('没有代表码为 D99999 的代表'),
      },
      { sheet: '代表', row: 5, column: '联系电话', message: expect.stringContaining('电话号码格式不正确') },
      { sheet: '代表', row: 7, column: '', message: '与第 6 行重复' },
      { sheet: '承办单位', row: 1, column: '类别', message: '缺少「类别」列，请使用导入模板' },
    ]);
    expect(product.stack.store.count('deputies', { name: '戊' })).toBe(0);
  });

  it('refuses a file that is not the caller’s upload, not a spreadsheet, or has none of the sheets', async () => {
    const elsewhere = await product.uploadFile(
      'o-other',
      `${importPrefix('o-other')}x.xlsx`,
      await workbook(sheets),
    );
    expect(await importFile(elsewhere, true)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    // A path that only contains the caller's prefix is not under it.
    const { fileID: notAnUpload } = await product.admin.uploadFile({
      cloudPath: `cases/c1/${importPrefix(DEV_OFFICE_OPENID)}x.xlsx`,
      fileContent: await workbook(sheets),
    });
    expect(await importFile(notAnUpload, true)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await importFile(await upload(Buffer.from('姓名,层级\n甲,市')), true)).toMatchObject({
      ok: false,
      code: 'IMPORT.UNREADABLE',
    });
    expect(await importFile(await upload(await workbook({ Sheet1: [['姓名']] })), true)).toMatchObject({
      ok: false,
      code: 'IMPORT.NO_SHEETS',
    });
    const missing = (await upload(await workbook(sheets))).replace(/\d+\.xlsx$/, 'gone.xlsx');
    expect(await importFile(missing, true)).toMatchObject({ ok: false, code: 'IMPORT.FILE_MISSING' });
  });

  it('offers a template that, filled in as it comes, imports', async () => {
    const { url } = await product.ok(DEV_OFFICE_OPENID, 'office', 'importTemplate', {});
    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['填写说明', '代表', '工作人员', '承办单位']);
    expect(book.getWorksheet('代表')!.getRow(1).values).toEqual([
      undefined,
      '代表码',
      '姓名*',
      '层级*',
      '所属联络站',
      '职务身份',
      '联系电话',
    ]);
    const report = await importFile(await upload(bytes), true);
    expect(report).toMatchObject({
      ok: true,
      data: {
        problems: [],
        sheets: [
          { kind: 'deputy', rows: 1, created: 1 },
          { kind: 'staff', rows: 1, created: 1 },
          { kind: 'unit', rows: 1, created: 1 },
        ],
      },
    });
  });
});
