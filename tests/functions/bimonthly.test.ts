import type { ActInput, FileJobView, FiguresView } from '../../miniprogram/core/api';
import { TEMPLATES } from '../../miniprogram/core/notifications';
import type { Result } from '../../miniprogram/core/result';
import { REPORT_READY_PAGE } from '../../cloudfunctions/_lib/reports';
import { FILES_COLLECTION } from '../../stack/storage';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { download, pdfText, readWorkbook } from '../helpers/documents';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * 双月反馈 on the real stack: cases of September–October 2026 submitted, routed, answered and rated
 * through the product's own actions; the report asked for by the office as a PDF and an .xlsx, read
 * back with pdftotext and exceljs and checked against `office.figures`; then made by the office's
 * timer at the start of November, with the office told once.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `bimonthly-${Date.now().toString(36)}-${++seq}`;
const period = { from: '2026-09-01', to: '2026-10-31' };
const cases: Record<string, string> = {};
const WANG = 'o-bim-deputy-wang';

const act = async (openid: string, input: Omit<ActInput, 'clientRequestId'>) => {
  const result = await product.call(openid, 'casework', 'act', { clientRequestId: rid(), ...input });
  if (!result.ok) throw new Error(`${input.action}: ${result.code} ${result.message}`);
};
const submit = async (openid: string, code: string) =>
  (await product.ok(openid, 'resident', 'submit', submission({ target: { type: 'deputy', code } }))).caseId;
const caseNo = (id: string) =>
  (product.stack.store.getById('cases', id) as unknown as { caseNo: string }).caseNo;

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-09-07T09:00:00+08:00' } });
  product.stack.store.insert('users', [
    {
      _id: WANG,
      openid: WANG,
      name: '王丽萍',
      roles: [{ role: 'deputy', deputyId: 'deputy-wang' }],
    },
  ]);
  // Answered by the deputy, rated satisfied.
  cases.satisfied = await submit('o-bim-a', 'D00001');
  await act(DEV_DEPUTY_OPENID, { caseId: cases.satisfied, action: 'accept' });
  await act(DEV_DEPUTY_OPENID, {
    caseId: cases.satisfied,
    action: 'reply',
    note: '已协调物业修复路灯。',
    outcome: 'solved',
  });
  await product.ok('o-bim-a', 'resident', 'rate', {
    caseId: cases.satisfied,
    rating: 'satisfied',
    clientRequestId: rid(),
  });
  // Assigned to the street office, answered, rated unsatisfied: waiting for 发回重办 or 督办.
  cases.unsatisfied = await submit('o-bim-b', 'D00001');
  await act(DEV_DEPUTY_OPENID, { caseId: cases.unsatisfied, action: 'accept' });
  await act(DEV_DEPUTY_OPENID, {
    caseId: cases.unsatisfied,
    action: 'route',
    route: 'assign',
    unitId: 'dept-dongjie-street',
  });
  await act(DEV_UNIT_OPENID, {
    caseId: cases.unsatisfied,
    action: 'unit_answer',
    note: '已列入明年计划。',
    outcome: 'planned',
  });
  await product.ok('o-bim-b', 'resident', 'rate', {
    caseId: cases.unsatisfied,
    rating: 'unsatisfied',
    clientRequestId: rid(),
  });
  // Accepted at another station and left: overdue by November.
  cases.overdue = await submit('o-bim-c', 'D00003');
  await act(WANG, { caseId: cases.overdue, action: 'accept' });
  // After the period: not in the report.
  product.setNow('2026-11-02T10:00:00+08:00');
  cases.november = await submit('o-bim-d', 'D00001');
  product.setNow('2026-11-03T10:00:00+08:00');
}, 60_000);
afterAll(() => product.close());
afterEach(() => {
  delete process.env.EXPORT_SYNC_LIMIT;
});

async function reportAs(openid: string, input: Record<string, unknown>) {
  const result = (await product.call(openid, 'office', 'bimonthlyReport', input)) as Result<FileJobView>;
  if (!result.ok) throw new Error(`office.bimonthlyReport: ${result.code} ${result.message}`);
  if (result.data.status !== 'done') throw new Error('office.bimonthlyReport is still running');
  return { view: result.data, bytes: await download(result.data.url) };
}

const figures = (input: Record<string, unknown> = {}) =>
  product.ok(DEV_OFFICE_OPENID, 'office', 'figures', { ...period, ...input }) as Promise<FiguresView>;

/** The number printed after a label on its line of the PDF's text. */
function printed(text: string, label: string): string {
  const line = text.split('\n').find((l) => l.trim().startsWith(label));
  if (!line) throw new Error(`no line ${label}`);
  return line.slice(line.indexOf(label) + label.length).trim();
}

describe('the bi-monthly report as a PDF', () => {
  it('prints the period’s figures as office.figures gives them, by station, and the units ranked', async () => {
    const { view, bytes } = await reportAs(DEV_OFFICE_OPENID, period);
    expect(view).toMatchObject({ status: 'done', name: '双月反馈_2026-09-01_2026-10-31.pdf' });
    expect(view.status === 'done' && view.fileID).toMatch(
      /\/exports\/bimonthly\/bimonthly-[0-9a-f]+-[0-9a-f]{16}\.pdf$/,
    );
    const text = pdfText(bytes).join('\n');
    expect(text).toContain('2026年9月—10月 双月反馈');
    const { total, groups } = await figures({ groupBy: 'station' });
    expect(total).toMatchObject({ accepted: 3, replied: 2, inProgress: 1, unsatisfied: 1 });
    expect(printed(text, '受理（件）')).toBe(String(total.accepted));
    expect(printed(text, '办理回复（件）')).toBe(String(total.replied));
    expect(printed(text, '正在办理（件）')).toBe(String(total.inProgress));
    expect(printed(text, '不满意（件）')).toBe(String(total.unsatisfied));
    expect(printed(text, '满意率（满意＋基本满意÷已评价）')).toBe('50.00%');
    for (const group of groups) {
      const row = text.split('\n').find((l) => l.trim().startsWith(group.name))!;
      expect(row.trim().split(/\s+/).slice(1, 4)).toEqual(
        [group.figures.accepted, group.figures.replied, group.figures.inProgress].map(String),
      );
    }
    expect(text).toMatch(/1\s+东街街道办事处\s+1\s+/);
  });

  it('lists the overdue and the unsatisfied cases, and no other', async () => {
    const text = pdfText((await reportAs(DEV_OFFICE_OPENID, period)).bytes).join('\n');
    const overdue = text.slice(text.indexOf('四、超期未办结'), text.indexOf('五、群众不满意'));
    const unsatisfied = text.slice(text.indexOf('五、群众不满意'));
    expect(overdue).toContain('四、超期未办结（1 件）');
    expect(overdue).toContain(caseNo(cases.overdue));
    expect(unsatisfied).toContain('五、群众不满意（1 件）');
    expect(unsatisfied).toContain(caseNo(cases.unsatisfied));
    // The same waiting answers office.unsatisfied lists (one definition), marked as waiting.
    expect(unsatisfied.replace(/\s+/g, '')).toContain('待发回重办或督办');
    const waiting = await product.ok(DEV_OFFICE_OPENID, 'office', 'unsatisfied', {});
    expect(waiting.items.map((i) => i.caseNo)).toEqual([caseNo(cases.unsatisfied)]);
    for (const other of [cases.satisfied, cases.november]) expect(text).not.toContain(caseNo(other));
    // No resident's name or phone number travels with the report.
    expect(text).not.toContain('张先生');
    expect(text).not.toContain('13812345678');
  });
});

describe('the bi-monthly report as an .xlsx', () => {
  it('holds the same figures and lists, one table a sheet', async () => {
    const { view, bytes } = await reportAs(DEV_OFFICE_OPENID, { ...period, format: 'xlsx' });
    expect(view).toMatchObject({ name: '双月反馈_2026-09-01_2026-10-31.xlsx', count: 5 });
    const sheets = await readWorkbook(bytes);
    expect([...sheets.keys()]).toEqual(['汇总', '各联络站', '承办单位排名', '超期未办结', '不满意']);
    const { total, groups } = await figures({ groupBy: 'station' });
    const summary = new Map(sheets.get('汇总')!.map((r) => [r[0], r[1]]));
    expect(summary.get('受理（件）')).toBe(String(total.accepted));
    expect(summary.get('办成率（已解决或采纳÷办理回复）')).toBe(`${total.resolvedRate!.toFixed(2)}%`);
    expect(
      sheets
        .get('各联络站')!
        .slice(1)
        .map((r) => [r[0], r[1]]),
    ).toEqual(groups.map((g) => [g.name, String(g.figures.accepted)]));
    const units = sheets.get('承办单位排名')!;
    expect(units[1].slice(0, 3)).toEqual(['1', '东街街道办事处', '1']);
    // The units as office.rankings ranks them by 满意率.
    const ranked = await product.ok(DEV_OFFICE_OPENID, 'office', 'rankings', {
      ...period,
      of: 'unit',
      sortBy: 'satisfactionRate',
    });
    expect(units.slice(1).map((r) => [r[1], r[2]])).toEqual(
      ranked.rows.map((row) => [row.name, String(row.cells.cases?.value ?? 0)]),
    );
    expect(
      sheets
        .get('超期未办结')!
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([caseNo(cases.overdue)]);
    expect(
      sheets
        .get('不满意')!
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([caseNo(cases.unsatisfied)]);
    // Still answered: the office must choose 发回重办 or 督办.
    expect(sheets.get('不满意')![1][6]).toBe('待发回重办或督办');
  });
});

describe('asking for a report', () => {
  it('answers a retry with the same file and stores one file per report', async () => {
    const input = { from: '2026-09-01', to: '2026-09-30' };
    const first = await reportAs(DEV_OFFICE_OPENID, input);
    const again = await reportAs(DEV_OFFICE_OPENID, input);
    expect(again.view.status === 'done' && again.view.fileID).toBe(
      first.view.status === 'done' && first.view.fileID,
    );
    expect(product.stack.store.count('exports', { kind: 'bimonthly', 'params.to': '2026-09-30' })).toBe(1);
    expect(
      product.stack.store.count(FILES_COLLECTION, { cloudPath: { $regex: '^exports/bimonthly/' } }),
    ).toBe(product.stack.store.count('exports', { kind: 'bimonthly', status: 'done' }));
  });

  it('is a job when calls make no files: in progress, then the file once the timer ran', async () => {
    process.env.EXPORT_SYNC_LIMIT = '0';
    const input = { from: '2026-10-01', to: '2026-10-31', format: 'xlsx' };
    expect(await product.ok(DEV_OFFICE_OPENID, 'office', 'bimonthlyReport', input)).toEqual({
      status: 'running',
      total: 1,
      startedAt: null,
    });
    const res = await fetch(`${product.stack.url}/local/timers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ function: 'office', trigger: 'exports' }),
    });
    expect(((await res.json()) as { result: unknown }).result).toEqual({
      ok: true,
      data: { ran: 1, failed: 0 },
    });
    const { view } = await reportAs(DEV_OFFICE_OPENID, input);
    expect(view).toMatchObject({ status: 'done', count: 5 });
  });

  it('refuses a period that is not one, a format it does not make, and anyone but the office', async () => {
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'bimonthlyReport', {
        from: '2026-10-31',
        to: '2026-09-01',
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { to: expect.any(String) } });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'bimonthlyReport', { ...period, format: 'docx' }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { format: expect.any(String) } });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'bimonthlyReport', {
        from: '2025-01-01',
        to: '2026-10-31',
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { to: expect.any(String) } });
    for (const openid of [DEV_STAFF_OPENID, DEV_DEPUTY_OPENID, DEV_UNIT_OPENID, 'o-bim-a']) {
      for (const action of ['bimonthlyReport', 'bimonthlyReports'] as const)
        expect(await product.call(openid, 'office', action, period)).toMatchObject({
          ok: false,
          code: 'AUTH.FORBIDDEN',
        });
    }
  });
});

describe('the timer at the end of a two-month period', () => {
  const fire = async () => {
    const res = await fetch(`${product.stack.url}/local/timers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ function: 'office', trigger: 'bimonthly' }),
    });
    return ((await res.json()) as { result: unknown }).result;
  };
  const toldOffice = async () =>
    (await product.wxCalls('subscribeMessage.send')).filter(
      (c) => c.errcode === 0 && c.request.page === REPORT_READY_PAGE,
    );

  it('makes the report of the two months just ended in both formats and tells the office once', async () => {
    for (let i = 0; i < 3; i++) await product.grantConsent(DEV_OFFICE_OPENID, TEMPLATES.caseProgress.id);
    product.setNow('2026-11-01T01:00:00+08:00');
    expect(await fire()).toEqual({
      ok: true,
      data: { from: '2026-09-01', to: '2026-10-31', made: 2, announced: true },
    });
    const messages = await toldOffice();
    expect(messages.map((m) => m.request.touser)).toEqual([DEV_OFFICE_OPENID]);
    expect((messages[0].request.data as Record<string, { value: string }>).phrase2.value).toBe('报告已生成');

    // A second run (a retried trigger) makes nothing new and tells no one again.
    expect(await fire()).toEqual({
      ok: true,
      data: { from: '2026-09-01', to: '2026-10-31', made: 2, announced: false },
    });
    expect(await toldOffice()).toHaveLength(1);

    const { reports } = await product.ok(DEV_OFFICE_OPENID, 'office', 'bimonthlyReports', {});
    const scheduled = reports.filter((r) => r.from === '2026-09-01' && r.to === '2026-10-31');
    expect(scheduled.map((r) => [r.format, r.scheduled])).toEqual([
      ['pdf', true],
      ['xlsx', true],
    ]);
    expect(reports[0].to >= reports[reports.length - 1].to).toBe(true);
  });

  it('cannot be fired by a mini-program user', async () => {
    const res = await fetch(`${product.stack.url}/wx/callFunction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-WX-OPENID': DEV_OFFICE_OPENID },
      body: JSON.stringify({ name: 'office', data: { Type: 'Timer', TriggerName: 'bimonthly' } }),
    });
    expect(((await res.json()) as { result: unknown }).result).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});
