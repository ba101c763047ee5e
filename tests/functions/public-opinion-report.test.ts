import type { FileJobView } from '../../miniprogram/core/api';
import { TEMPLATES } from '../../miniprogram/core/notifications';
import type { Result } from '../../miniprogram/core/result';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID } from '../../stack/seed';
import { download, pdfFonts, pdfText } from '../helpers/documents';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * 民情专报 on the real stack: a quarter of appeals submitted, answered, rated and left late as people
 * would, a suggestion drafted from its largest class; the report asked for by the office and made by
 * the quarter's timer, downloaded, and read back with pdftotext as the Party committee would read it.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `po-${Date.now().toString(36)}-${++seq}-abcdef`;
const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const made: Record<string, { caseId: string; caseNo: string }> = {};

async function submit(key: string, description: string, category = 'road_traffic') {
  made[key] = await product.ok(
    `o-po-${key}`,
    'resident',
    'submit',
    submission({ description, category, location: null, clientRequestId: rid() }),
  );
}
const act = (caseId: string, input: Record<string, unknown>) =>
  product.ok(DEV_DEPUTY_OPENID, 'casework', 'act', { caseId, clientRequestId: rid(), ...input });

async function fire(trigger: string) {
  const res = await fetch(`${product.stack.url}/local/timers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ function: 'office', trigger }),
  });
  return ((await res.json()) as { result: Result<Record<string, unknown>> }).result;
}

const reportText = async (view: FileJobView) => {
  if (view.status !== 'done') throw new Error('the report is still being made');
  const pdf = await download(view.url);
  return {
    pdf,
    text: pdfText(pdf)
      .join('\n')
      .replace(/[ \t]+/g, ' '),
  };
};

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2025-12-10T10:00:00+08:00' } });
  await product.grantConsent(DEV_OFFICE_OPENID, TEMPLATES.caseProgress.id);
  // The quarter before: one street light, for the trend.
  await submit('old', '五四路的路灯坏了好几盏，晚上黑灯瞎火的');
  product.setNow('2026-01-06T09:00:00');
  await submit('light1', '温泉支路的路灯坏了一个多月，晚上黑漆漆的，我是李先生电话13912345678');
  await submit('light2', '铜盘路中段路灯晚上一直不亮，电动车骑过去看不清路');
  await submit('light3', '小区里路灯不亮快一个月了，晚上出门要打手电');
  await submit('noise1', '楼上KTV半夜唱歌噪音扰民，根本睡不着', 'noise');
  await submit('noise2', '小区广场舞音响太大声了，每天晚上吵到十点', 'noise');
  // 噪音 1 is accepted and then left: by March it is past its deadline.
  await act(made.noise1.caseId, { action: 'accept' });
  product.setNow('2026-01-20T09:00:00');
  await act(made.light1.caseId, { action: 'reply', note: '已联系城管更换路灯。', outcome: 'solved' });
  await act(made.light2.caseId, { action: 'reply', note: '已转交供电部门。', outcome: 'planned' });
  await product.ok(`o-po-light2`, 'resident', 'rate', {
    caseId: made.light2.caseId,
    rating: 'unsatisfied',
    clientRequestId: rid(),
  });
  product.setNow('2026-03-20T10:00:00');
  const classes = await product.ok(DEV_OFFICE_OPENID, 'office', 'problemClasses', Q1);
  const lights = classes.classes.find((c) => c.caseNos.includes(made.light1.caseNo))!;
  await product.ok(DEV_OFFICE_OPENID, 'office', 'draftSuggestion', {
    classKey: lights.key,
    classLabel: lights.label,
    ...Q1,
    title: '关于建立路灯限时维修制度的建议',
    problem: '路灯损坏长期无人维修。',
    reasons: '影响夜间出行安全。',
    proposal: '建立巡查和限时维修制度。',
    caseNos: lights.caseNos,
    signerIds: ['deputy-lin'],
    clientRequestId: rid(),
  });
}, 90_000);
afterAll(() => product.close());

describe('the office asks for a report (office.publicOpinionReport)', () => {
  let text: string;
  let pdf: Buffer;
  let view: FileJobView;

  beforeAll(async () => {
    view = await product.ok(DEV_OFFICE_OPENID, 'office', 'publicOpinionReport', Q1);
    ({ text, pdf } = await reportText(view));
  }, 60_000);

  it('is a PDF with the Chinese font embedded, named for its period', () => {
    expect(view).toMatchObject({ status: 'done', name: '民情专报_2026-01-01_2026-03-31.pdf' });
    expect(text).toContain('民情专报（2026年第一季度）');
    expect(pdfFonts(pdf).every((f) => f.embedded)).toBe(true);
  });

  it("holds the quarter's figures, as office.figures counts them", async () => {
    const figures = await product.ok(DEV_OFFICE_OPENID, 'office', 'figures', Q1);
    expect(figures.total.accepted).toBe(5);
    expect(text).toContain(`本期受理群众诉求 ${figures.total.accepted} 件`);
    expect(text).toContain(`超期未办结 ${figures.total.overdue} 件`);
    expect(figures.total.overdue).toBeGreaterThanOrEqual(1);
  });

  it('names the top classes with their trend and masked representative appeals', async () => {
    // A name written in an appeal is no keyword of its class, on screen or on paper.
    const classes = await product.ok(DEV_OFFICE_OPENID, 'office', 'problemClasses', Q1);
    expect(classes.classes.flatMap((c) => c.keywords)).not.toContain('李先生');
    expect(text).toMatch(/路灯损坏：3 件，比上期增加 2 件/);
    expect(text).toContain(made.light1.caseNo);
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('李先生');
  });

  it('says what was solved, what is stuck, the suggestions made and what to do', () => {
    expect(text).toContain('本期已解决或采纳 1 件');
    expect(text).toMatch(new RegExp(`${made.noise1.caseNo}（超期未办结`));
    expect(text).toMatch(new RegExp(`${made.light2.caseNo}（群众不满意`));
    expect(text).toContain('《关于建立路灯限时维修制度的建议》');
    expect(text).toContain('六、工作建议');
    expect(text).toMatch(/有 1 件群众不满意/);
  });

  it('is refused to deputies and residents, and for a period that is not one', async () => {
    for (const openid of [DEV_DEPUTY_OPENID, 'o-po-light1'])
      expect(await product.call(openid, 'office', 'publicOpinionReport', Q1)).toMatchObject({
        ok: false,
        code: 'AUTH.FORBIDDEN',
      });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'publicOpinionReport', {
        from: '2026-03-31',
        to: '2026-01-01',
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { to: expect.any(String) } });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'publicOpinionReport', {
        from: '2024-01-01',
        to: '2026-01-01',
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });

  it('is listed, with its file', async () => {
    const list = await product.ok(DEV_OFFICE_OPENID, 'office', 'publicOpinionReports', {});
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ ...Q1, status: 'done', quarterly: false });
    expect((await download(list.items[0].url!)).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe("the quarter's report, made by the timer at the quarter's end", () => {
  it('is asked for once, made by the exports timer, and the office told once', async () => {
    product.setNow('2026-04-01T00:30:00', { frozen: true });
    expect(await fire('reports')).toEqual({ ok: true, data: { quarter: '2026-01-01', requested: true } });
    expect(await fire('reports')).toEqual({ ok: true, data: { quarter: '2026-01-01', requested: false } });
    const waiting = await product.ok(DEV_OFFICE_OPENID, 'office', 'publicOpinionReports', {});
    expect(waiting.items[0]).toMatchObject({ ...Q1, status: 'queued', quarterly: true, url: null });
    const toOffice = async () =>
      (await product.wxCalls('subscribeMessage.send')).filter(
        (c) => c.errcode === 0 && c.request.touser === DEV_OFFICE_OPENID,
      );
    expect(await toOffice()).toHaveLength(0);

    product.setNow('2026-04-01T00:31:00', { frozen: true });
    expect(await fire('exports')).toEqual({ ok: true, data: { ran: 1, failed: 0 } });
    await fire('exports');
    const told = await toOffice();
    expect(told).toHaveLength(1);
    expect(told[0].request.page).toContain('pages/office/classes/index');
    expect(JSON.stringify(told[0].request.data)).toContain('2026年第一季度民情专报已生成');

    const list = await product.ok(DEV_OFFICE_OPENID, 'office', 'publicOpinionReports', {});
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ status: 'done', quarterly: true });
    const { text } = await reportText({
      status: 'done',
      url: list.items[0].url!,
      fileID: list.items[0].fileID!,
      name: list.items[0].name,
      count: list.items[0].pages ?? 0,
      madeAt: list.items[0].madeAt ?? 0,
    });
    expect(text).toContain('民情专报（2026年第一季度）');
    expect(text).toContain('路灯损坏');
  }, 60_000);
});
