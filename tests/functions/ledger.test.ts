import type { ActInput, FileJobView } from '../../miniprogram/core/api';
import type { Result } from '../../miniprogram/core/result';
import { LEDGER_COLUMNS } from '../../cloudfunctions/_lib/sheets';
import { FILES_COLLECTION } from '../../stack/storage';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { download, readWorkbook } from '../helpers/documents';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * 台账 on the real stack: cases submitted, answered and rated through the product's own actions in
 * November 2026, one in December; the ledger asked for as the office and as station staff, then
 * downloaded and read back as the person filing it would, with exceljs's reader.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `ledger-${Date.now().toString(36)}-${++seq}`;
const november = { from: '2026-11-01', to: '2026-11-30' };

const RESIDENT_PHONE = '13812345678';
const TYPED_PHONE = '13900001111';
const cases: Record<string, string> = {};

const act = async (openid: string, input: Omit<ActInput, 'clientRequestId'>) => {
  const result = await product.call(openid, 'casework', 'act', { clientRequestId: rid(), ...input });
  if (!result.ok) throw new Error(`${input.action}: ${result.code} ${result.message}`);
};
const submit = async (openid: string, code: string, extra: Parameters<typeof submission>[0] = {}) =>
  (
    await product.ok(
      openid,
      'resident',
      'submit',
      submission({ target: { type: 'deputy', code }, phone: RESIDENT_PHONE, ...extra }),
    )
  ).caseId;
const caseNo = (id: string) =>
  (product.stack.store.getById('cases', id) as unknown as { caseNo: string }).caseNo;

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-11-09T10:00:00+08:00' } });
  // Answered by the deputy, rated satisfied.
  cases.rated = await submit('o-ledger-a', 'D00001');
  await act(DEV_DEPUTY_OPENID, { caseId: cases.rated, action: 'accept' });
  await act(DEV_DEPUTY_OPENID, {
    caseId: cases.rated,
    action: 'reply',
    note: '已协调物业处理，感谢反映。',
    outcome: 'solved',
  });
  await product.ok('o-ledger-a', 'resident', 'rate', {
    caseId: cases.rated,
    rating: 'satisfied',
    clientRequestId: rid(),
  });
  // Open, with phone numbers typed into the text.
  cases.open = await submit('o-ledger-b', 'D00002', {
    kind: 'complaint',
    description: `楼下餐馆油烟很大，已经反映多次，请联系我 ${TYPED_PHONE} 或 139 0000 2222。`,
  });
  // Anonymous, at another station.
  cases.anonymous = await submit('o-ledger-c', 'D00003', {
    anonymous: true,
    kind: 'suggestion',
    phone: null,
    contactName: null,
  });
  // Next month: outside November.
  product.setNow('2026-12-02T10:00:00+08:00');
  cases.december = await submit('o-ledger-d', 'D00001');
  product.setNow('2026-11-20T10:00:00+08:00');
});
afterAll(() => product.close());
afterEach(() => {
  delete process.env.EXPORT_SYNC_LIMIT;
});

async function ledgerAs(openid: string, fn: 'office' | 'station', input: Record<string, unknown>) {
  const result = (await product.call(openid, fn, 'ledger', input)) as Result<FileJobView>;
  if (!result.ok) throw new Error(`${fn}.ledger: ${result.code} ${result.message}`);
  if (result.data.status !== 'done') throw new Error(`${fn}.ledger is still running`);
  return { view: result.data, sheets: await readWorkbook(await download(result.data.url)) };
}

const ledgerRows = (sheets: Map<string, string[][]>) => sheets.get('台账')!.slice(1);
const column = (name: string) => LEDGER_COLUMNS.findIndex((c) => c.header === name);

describe('the ledger as the office takes it', () => {
  it('has a header row with 受理编号 first and one row per case created in the period', async () => {
    const { view, sheets } = await ledgerAs(DEV_OFFICE_OPENID, 'office', november);
    expect(view).toMatchObject({ status: 'done', name: '台账_2026-11-01_2026-11-30.xlsx', count: 3 });
    expect(view.status === 'done' && view.fileID).toMatch(
      /\/exports\/ledger\/ledger-[0-9a-f]{24}-[0-9a-f]{16}\.xlsx$/,
    );
    const table = sheets.get('台账')!;
    expect(table[0]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(table[0].slice(0, 3)).toEqual(['受理编号', '受理日期', '渠道']);
    expect(
      ledgerRows(sheets)
        .map((r) => r[0])
        .sort(),
    ).toEqual([cases.rated, cases.open, cases.anonymous].map(caseNo).sort());
  });

  it('shows what happened to each case: who, where, the answer, the rating', async () => {
    const { sheets } = await ledgerAs(DEV_OFFICE_OPENID, 'office', november);
    const row = ledgerRows(sheets).find((r) => r[0] === caseNo(cases.rated))!;
    expect(row[column('受理日期')]).toBe('2026-11-09');
    expect(row[column('渠道')]).toBe('扫代表码');
    expect(row[column('代表')]).toBe('林晓红');
    expect(row[column('联络站')]).toBe('鼓楼区人大代表之家');
    expect(row[column('类型')]).toBe('求助');
    expect(row[column('类别')]).toBe('道路交通');
    expect(row[column('办理方式')]).toBe('直办');
    expect(row[column('答复日期')]).toBe('2026-11-09');
    expect(row[column('办理期限')]).toMatch(/^2026-11-\d\d$/);
    expect(row[column('是否按期')]).toBe('是');
    expect(row[column('办理结果')]).toBe('已解决或采纳');
    expect(row[column('评价')]).toBe('满意');
    expect(row[column('状态')]).toBe('已办结');
  });

  it('never shows a name, and phone numbers only masked, even those typed into the text', async () => {
    const { sheets } = await ledgerAs(DEV_OFFICE_OPENID, 'office', november);
    const everything = JSON.stringify([...sheets.values()]);
    for (const secret of [RESIDENT_PHONE, TYPED_PHONE, '139 0000 2222', '张先生']) {
      expect(everything).not.toContain(secret);
    }
    const open = ledgerRows(sheets).find((r) => r[0] === caseNo(cases.open))!;
    expect(open[column('群众')]).toBe('138****5678');
    expect(open[column('诉求摘要')]).toContain('139****1111');
    expect(open[column('诉求摘要')]).toContain('139****2222');
    const anonymous = ledgerRows(sheets).find((r) => r[0] === caseNo(cases.anonymous))!;
    expect(anonymous[column('群众')]).toBe('匿名');
  });

  it('puts the period and its counts on a summary sheet', async () => {
    const { sheets } = await ledgerAs(DEV_OFFICE_OPENID, 'office', november);
    expect([...sheets.keys()]).toEqual(['汇总', '台账']);
    const summary = new Map(sheets.get('汇总')!.map((r) => [r[0], r[1]]));
    expect(summary.get('受理日期')).toBe('2026-11-01 至 2026-11-30');
    expect(summary.get('范围')).toBe('全部联络站');
    expect(summary.get('受理（件）')).toBe('3');
    expect(summary.get('办理回复（件）')).toBe('1');
    expect(summary.get('正在办理（件）')).toBe('2');
    expect(summary.get('满意（件）')).toBe('1');
    expect(summary.get('满意率（满意＋基本满意÷已评价）')).toBe('100.00%');
    // The office's figures for the same period and scope, so the two never disagree.
    expect(summary.get('按期回复率')).toBe('100.00%');
    expect(summary.get('已解决或采纳（件）')).toBe('1');
    expect(summary.get('办成率（已解决或采纳÷办理回复）')).toBe('100.00%');
    const figures = await product.ok(DEV_OFFICE_OPENID, 'office', 'figures', november);
    expect(summary.get('受理（件）')).toBe(String(figures.total.accepted));
    expect(summary.get('正在办理（件）')).toBe(String(figures.total.inProgress));
  });

  it('narrows by station, deputy, kind and channel', async () => {
    const byStation = await ledgerAs(DEV_OFFICE_OPENID, 'office', {
      ...november,
      stationId: 'station-dongjie',
    });
    expect(ledgerRows(byStation.sheets).map((r) => r[0])).toEqual([caseNo(cases.anonymous)]);
    const byDeputy = await ledgerAs(DEV_OFFICE_OPENID, 'office', { ...november, deputyId: 'deputy-chen' });
    expect(ledgerRows(byDeputy.sheets).map((r) => r[0])).toEqual([caseNo(cases.open)]);
    const byKind = await ledgerAs(DEV_OFFICE_OPENID, 'office', { ...november, kind: 'suggestion' });
    expect(ledgerRows(byKind.sheets).map((r) => r[0])).toEqual([caseNo(cases.anonymous)]);
    const byChannel = await ledgerAs(DEV_OFFICE_OPENID, 'office', { ...november, channel: 'reception_day' });
    expect(ledgerRows(byChannel.sheets)).toEqual([]);
  });

  it('answers the same file to a retry, and stores one file per ledger', async () => {
    const first = await ledgerAs(DEV_OFFICE_OPENID, 'office', { ...november, kind: 'help' });
    const again = await ledgerAs(DEV_OFFICE_OPENID, 'office', { ...november, kind: 'help' });
    expect(again.view.status === 'done' && again.view.fileID).toBe(
      first.view.status === 'done' && first.view.fileID,
    );
    const stored = product.stack.store.count(FILES_COLLECTION, {
      cloudPath: { $regex: '^exports/ledger/' },
    });
    expect(stored).toBe(product.stack.store.count('exports', { kind: 'ledger', status: 'done' }));
  });

  it('refuses a period that is not one, and a scope it does not know', async () => {
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'ledger', { from: '2026-11-30', to: '2026-11-01' }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { to: expect.any(String) } });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'ledger', { ...november, channel: 'fax', kind: 'x' }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { channel: '渠道无效', kind: '类型无效' } });
  });
});

describe('who may take a ledger', () => {
  it("gives station staff their own station's cases only", async () => {
    for (const fn of ['station', 'office'] as const) {
      const { sheets } = await ledgerAs(DEV_STAFF_OPENID, fn, november);
      expect(
        ledgerRows(sheets)
          .map((r) => r[0])
          .sort(),
      ).toEqual([cases.rated, cases.open].map(caseNo).sort());
      expect(new Map(sheets.get('汇总')!.map((r) => [r[0], r[1]])).get('范围')).toBe('鼓楼区人大代表之家');
    }
    for (const fn of ['station', 'office'] as const) {
      expect(
        await product.call(DEV_STAFF_OPENID, fn, 'ledger', { ...november, stationId: 'station-dongjie' }),
      ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    }
  });

  it('refuses deputies, handling units and residents', async () => {
    for (const openid of [DEV_DEPUTY_OPENID, DEV_UNIT_OPENID, 'o-ledger-a']) {
      for (const fn of ['office', 'station'] as const) {
        expect(await product.call(openid, fn, 'ledger', november)).toMatchObject({
          ok: false,
          code: 'AUTH.FORBIDDEN',
        });
      }
    }
  });
});

describe('a ledger too big to make during the call', () => {
  const fireTimer = async () => {
    const res = await fetch(`${product.stack.url}/local/timers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ function: 'office', trigger: 'exports' }),
    });
    return ((await res.json()) as { result: unknown }).result;
  };

  it('is a job: running while it waits for the timer, then the file, made once', async () => {
    process.env.EXPORT_SYNC_LIMIT = '1';
    const input = { from: '2026-11-01', to: '2026-12-31' };
    const first = await product.ok(DEV_OFFICE_OPENID, 'office', 'ledger', input);
    expect(first).toEqual({ status: 'running', total: 4, startedAt: null });
    expect(await product.ok(DEV_OFFICE_OPENID, 'office', 'ledger', input)).toEqual(first);
    expect(product.stack.store.count('exports', { status: 'queued' })).toBe(1);

    expect(await fireTimer()).toEqual({ ok: true, data: { ran: 1, failed: 0 } });
    expect(await fireTimer()).toEqual({ ok: true, data: { ran: 0, failed: 0 } });

    const { view, sheets } = await ledgerAs(DEV_OFFICE_OPENID, 'office', input);
    expect(view).toMatchObject({ status: 'done', count: 4 });
    expect(ledgerRows(sheets)).toHaveLength(4);
  });

  it('cannot be started by a mini-program user firing the timer', async () => {
    const res = await fetch(`${product.stack.url}/wx/callFunction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-WX-OPENID': DEV_OFFICE_OPENID },
      body: JSON.stringify({ name: 'office', data: { Type: 'Timer', TriggerName: 'exports' } }),
    });
    expect(((await res.json()) as { result: unknown }).result).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});
