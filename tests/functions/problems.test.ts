import type { SubmitInput } from '../../miniprogram/core/api';
import { TEMPLATES } from '../../miniprogram/core/notifications';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * 相似诉求 and 问题类别 on the real stack: appeals submitted by residents as the mini-program does,
 * then read together by the deputy, the station, the office and a resident writing a new one.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `pr-${Date.now().toString(36)}-${++seq}-abcdef`;
const stored = (id: string) => product.stack.store.getById('cases', id) as unknown as CaseDoc;

const WENQUAN = { latitude: 26.0915, longitude: 119.3107, name: '温泉支路' };
const NEAR_WENQUAN = { latitude: 26.0921, longitude: 119.3112, name: '温泉公园' };
const FAR = { latitude: 26.1064, longitude: 119.2819, name: '铜盘路' };

async function submit(openid: string, overrides: Partial<SubmitInput>) {
  return product.ok(openid, 'resident', 'submit', submission({ clientRequestId: rid(), ...overrides }));
}

const cases: Record<string, { caseId: string; caseNo: string }> = {};

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-03-20T10:00:00+08:00' } });
  // 王丽萍, a deputy of another station.
  product.stack.store.insert('users', [
    {
      _id: 'o-deputy-wang',
      openid: 'o-deputy-wang',
      name: '王丽萍',
      roles: [{ role: 'deputy', deputyId: 'deputy-wang' }],
    },
  ]);
  for (const openid of ['o-res-a', 'o-res-b']) await product.grantConsent(openid, TEMPLATES.caseUpdated.id);
  await product.grantConsent('o-deputy-wang', TEMPLATES.caseProgress.id);
  // Last month: two street-light appeals, for the trend.
  product.setNow('2026-02-10T09:00:00');
  for (const d of ['五四路的路灯坏了好几盏，晚上黑灯瞎火的', '小区里路灯不亮快一个月了，晚上出门要打手电'])
    await submit(`o-old-${++seq}`, { description: d, location: null });
  product.setNow('2026-03-20T10:00:00');
  cases.a = await submit('o-res-a', {
    target: { type: 'deputy', code: 'D00001' },
    description: '温泉支路的路灯坏了一个多月，晚上黑漆漆的，老人出门不安全',
    location: WENQUAN,
  });
  cases.b = await submit('o-res-b', {
    target: { type: 'deputy', code: 'D00003' },
    category: 'safety',
    description: '温泉支路口的路等晚上不亮，我是李先生电话13912345678，请尽快修',
    location: NEAR_WENQUAN,
  });
  cases.c = await submit('o-res-c', {
    target: { type: 'deputy', code: 'D00001' },
    category: 'noise',
    description: '楼下烧烤店油烟太大，每天晚上熏得窗户都不能开',
    location: WENQUAN,
  });
  cases.d = await submit('o-res-d', {
    target: { type: 'deputy', code: 'D00002' },
    description: '铜盘路中段路灯晚上一直不亮，电动车骑过去看不清路',
    location: FAR,
  });
  for (const d of [
    '小区广场舞音响太大声了，每天晚上吵到十点',
    '楼上KTV半夜唱歌噪音扰民，根本睡不着',
    '隔壁饭店的排烟管道对着我家窗户，油烟熏人',
  ])
    await submit(`o-more-${++seq}`, { description: d, location: null, category: 'other' });
}, 60_000);
afterAll(() => product.close());

describe('similar cases (casework.similarCases)', () => {
  it("shows the deputy the same problem nearby first, another deputy's case only masked", async () => {
    const view = await product.ok(DEV_DEPUTY_OPENID, 'casework', 'similarCases', { caseId: cases.a.caseId });
    expect(view).toMatchObject({ caseNo: cases.a.caseNo, problem: '路灯损坏' });
    const [first] = view.items;
    expect(first).toMatchObject({
      caseNo: cases.b.caseNo,
      caseId: null,
      masked: true,
      problem: '路灯损坏',
      reasons: expect.arrayContaining(['same_problem', 'nearby']),
    });
    expect(first.summary).not.toContain('13912345678');
    expect(first.summary).not.toContain('李先生');
    expect(first.metres).toBeLessThan(500);
    const numbers = view.items.map((i) => i.caseNo);
    expect(numbers).toContain(cases.d.caseNo);
    expect(numbers.indexOf(cases.d.caseNo)).toBeLessThan(
      numbers.indexOf(cases.c.caseNo) === -1 ? 99 : numbers.indexOf(cases.c.caseNo),
    );
    expect(view.items.every((i, k) => k === 0 || view.items[k - 1].score >= i.score)).toBe(true);
  });

  it("shows station staff their station's cases in full, and answers by case number", async () => {
    const view = await product.ok(DEV_STAFF_OPENID, 'casework', 'similarCases', { caseNo: cases.a.caseNo });
    const d = view.items.find((i) => i.caseNo === cases.d.caseNo)!;
    expect(d).toMatchObject({ caseId: cases.d.caseId, masked: false });
    expect(d.summary).toContain('铜盘路');
    expect(view.items.find((i) => i.caseNo === cases.b.caseNo)).toMatchObject({ masked: true, caseId: null });
  });

  it('refuses handling units, residents and cases that are not the caller’s', async () => {
    expect(
      await product.call('o-res-a', 'casework', 'similarCases', { caseId: cases.a.caseId }),
    ).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(
      await product.call('o-deputy-wang', 'casework', 'similarCases', { caseId: cases.a.caseId }),
    ).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await product.call(DEV_OFFICE_OPENID, 'casework', 'similarCases', {})).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    const unit = await product.call(DEV_UNIT_OPENID, 'casework', 'similarCases', { caseId: cases.a.caseId });
    expect(unit.ok).toBe(false);
  });

  it('links two cases as the same problem once, telling the resident and the other deputy', async () => {
    const input = { caseId: cases.a.caseId, otherCaseNo: cases.b.caseNo, clientRequestId: rid() };
    const linked = await product.ok(DEV_DEPUTY_OPENID, 'casework', 'linkProblem', input);
    expect(linked).toEqual({ caseNo: cases.a.caseNo, linkedCaseNos: [cases.b.caseNo] });
    await product.ok(DEV_DEPUTY_OPENID, 'casework', 'linkProblem', input);
    const a = stored(cases.a.caseId);
    const b = stored(cases.b.caseId);
    expect(a.events.filter((e) => e.type === 'problem_linked')).toHaveLength(1);
    expect(b.events.filter((e) => e.type === 'problem_linked')).toHaveLength(1);
    expect(b.problemLinks).toEqual([cases.a.caseNo]);
    expect(b).toMatchObject({ unreadByResident: true, unreadByDeputy: true });
    const sent = (await product.wxCalls('subscribeMessage.send')).filter((c) => c.errcode === 0);
    const to = (id: string) =>
      sent.filter((c) => String(c.request.page).includes(id)).map((c) => c.request.touser);
    expect(to(cases.b.caseId)).toContain('o-res-b');
    // 王丽萍's deputy record has no WeChat bound here: she is owed the message, and sees the badge.
    const linkSeq = b.events.find((e) => e.type === 'problem_linked')!.seq;
    expect(b.outbox.map((j) => j.id)).toEqual(
      expect.arrayContaining([
        `${cases.b.caseId}:${linkSeq}:resident`,
        `${cases.b.caseId}:${linkSeq}:deputy`,
      ]),
    );
    expect(to(cases.a.caseId)).toContain('o-res-a');
    const view = await product.ok(DEV_DEPUTY_OPENID, 'casework', 'similarCases', { caseId: cases.a.caseId });
    expect(view.items.find((i) => i.caseNo === cases.b.caseNo)).toMatchObject({ linked: true });
    expect(view.items.find((i) => i.caseNo === cases.b.caseNo)!.actions).not.toContain('link');
  });
});

describe('before submitting (resident.similarAppeals)', () => {
  it('tells a resident the same problem is already being handled nearby, with nobody’s words', async () => {
    const draft = { description: '这边路灯坏了，晚上太黑了', category: 'other', location: NEAR_WENQUAN };
    const view = await product.ok('o-res-new', 'resident', 'similarAppeals', draft);
    expect(view.items.map((i) => i.caseNo)).toEqual(expect.arrayContaining([cases.a.caseNo]));
    expect(view.items[0]).toMatchObject({ problem: '路灯损坏', statusLabel: '待受理' });
    expect(JSON.stringify(view)).not.toMatch(/13912345678|李先生|黑漆漆|description|openid/);
    // Far from every street-light case, and about something else: nothing.
    const other = await product.ok('o-res-new', 'resident', 'similarAppeals', {
      description: '孩子上小学的学位不够，被调剂到很远的学校',
      location: NEAR_WENQUAN,
    });
    expect(other.items).toEqual([]);
  });

  it('adds the appeal to that problem when the resident chooses to', async () => {
    const added = await submit('o-res-new', {
      description: '温泉支路路灯坏了，我也来反映一下',
      location: NEAR_WENQUAN,
      sameProblemAs: cases.a.caseNo,
    });
    expect(stored(added.caseId).problemLinks).toEqual([cases.a.caseNo]);
    const refused = await product.call(
      'o-res-new',
      'resident',
      'submit',
      submission({ clientRequestId: rid(), sameProblemAs: 'not-a-number' }),
    );
    expect(refused).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { sameProblemAs: expect.any(String) },
    });
  });

  it('asks for the text first', async () => {
    expect(
      await product.call('o-res-new', 'resident', 'similarAppeals', { description: '灯' }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });
});

describe('classes of problems (office.problemClasses)', () => {
  const period = { from: '2026-03-01', to: '2026-03-31' };
  const classOf = async (caseNo: string) => {
    const view = await product.ok(DEV_OFFICE_OPENID, 'office', 'problemClasses', period);
    return { view, found: view.classes.find((c) => c.caseNos.includes(caseNo))! };
  };

  it('groups the period by problem, each class labelled, with its trend against the month before', async () => {
    const view = await product.ok(DEV_OFFICE_OPENID, 'office', 'problemClasses', period);
    expect(view.previous).toEqual({ from: '2026-01-29', to: '2026-02-28' });
    expect(view.total).toBe(8);
    for (const c of view.classes.filter((k) => k.count >= 2)) {
      expect(c.label).not.toBe('');
      expect(c.keywords.length).toBeGreaterThan(0);
    }
    const lights = view.classes.find((c) => c.caseNos.includes(cases.a.caseNo))!;
    expect(lights).toMatchObject({ label: '路灯损坏', trend: { previous: 2, direction: 'up' } });
    expect([...lights.caseNos].sort()).toEqual(
      expect.arrayContaining([cases.a.caseNo, cases.b.caseNo, cases.d.caseNo]),
    );
    expect(lights.places.map((p) => p.name)).toContain('温泉支路');
    expect(lights.representatives[0].excerpt).not.toContain('13912345678');
    // The barbecue smoke filed under 噪音扰民 is still smoke.
    const fumes = view.classes.find((c) => c.caseNos.includes(cases.c.caseNo))!;
    expect(fumes.label).toBe('油烟扰民');
    expect(fumes.count).toBe(2);
  });

  it('keeps the office’s renames, splits and merges, and applies them next time', async () => {
    const correct = (input: Record<string, unknown>) =>
      product.ok(DEV_OFFICE_OPENID, 'office', 'correctClasses', { clientRequestId: rid(), ...input });
    await correct({ kind: 'rename', key: 'street_lights', label: '路灯不亮' });
    expect((await classOf(cases.a.caseNo)).found).toMatchObject({ label: '路灯不亮', corrected: true });

    await correct({ kind: 'split', key: 'street_lights', caseNos: [cases.d.caseNo], label: '铜盘路照明' });
    const afterSplit = await classOf(cases.d.caseNo);
    expect(afterSplit.found).toMatchObject({ label: '铜盘路照明' });
    expect(afterSplit.found.caseNos).not.toContain(cases.a.caseNo);

    const noise = (await classOf(cases.c.caseNo)).view.classes.find((c) => c.label === '噪音扰民')!;
    const { corrections } = await correct({
      kind: 'merge',
      keys: ['noise_life', 'cooking_fumes'],
      label: '扰民',
    });
    const merged = (await classOf(cases.c.caseNo)).found;
    expect(merged.label).toBe('扰民');
    expect(merged.caseNos).toEqual(expect.arrayContaining(noise.caseNos));

    await correct({ kind: 'undo', id: corrections[0].id });
    expect((await classOf(cases.c.caseNo)).found.label).toBe('油烟扰民');
    const listed = await product.ok(DEV_OFFICE_OPENID, 'office', 'classCorrections', {});
    expect(listed.corrections.map((c) => c.kind)).toEqual(['split', 'rename']);
  });

  it('is the office’s, over a valid period', async () => {
    expect(await product.call(DEV_DEPUTY_OPENID, 'office', 'problemClasses', period)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'problemClasses', {
        from: '2026-03-31',
        to: '2026-03-01',
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'problemClasses', {
        from: '2024-01-01',
        to: '2026-03-01',
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'correctClasses', {
        kind: 'rename',
        key: 'x',
        clientRequestId: rid(),
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { label: expect.any(String) } });
  });
});
