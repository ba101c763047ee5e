import type { SuggestionView } from '../../miniprogram/core/api';
import { TEMPLATES } from '../../miniprogram/core/notifications';
import type { SuggestionDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * 代表建议 on the real stack: from a class of problems the office (or a deputy) drafts a suggestion,
 * the deputies named sign it, it is submitted and the government's answer recorded; the signers are
 * told at each step, and the figures and the deputies' records count it.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `sg-${Date.now().toString(36)}-${++seq}-abcdef`;
const CHEN = 'o-deputy-chen';
const WANG = 'o-deputy-wang';
const stored = (id: string) => product.stack.store.getById('suggestions', id) as unknown as SuggestionDoc;
const period = { from: '2026-03-01', to: '2026-03-31' };
const lightCaseNos: string[] = [];
let classKey = '';
let classLabel = '';

/** Messages delivered to `openid` about suggestions (the page a deputy opens: 代表建议). */
async function messagesTo(openid: string) {
  const sent = await product.wxCalls('subscribeMessage.send');
  return sent.filter(
    (c) =>
      c.errcode === 0 && c.request.touser === openid && c.request.page === 'pages/deputy/suggestions/index',
  );
}

const draftInput = () => ({
  classKey,
  classLabel,
  ...period,
  title: '关于加快老旧小区路灯维修的建议',
  problem: '本季度多个小区和道路反映路灯损坏，长期无人维修。',
  reasons: '晚上出行不安全，老人和学生尤其不便。',
  proposal: '建议城管部门建立路灯巡查和限时维修制度。',
  caseNos: lightCaseNos,
  signerIds: ['deputy-lin', 'deputy-chen'],
  clientRequestId: rid(),
});

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-03-20T10:00:00+08:00' } });
  const store = product.stack.store;
  store.insert('users', [
    { _id: CHEN, openid: CHEN, name: '陈建国', roles: [{ role: 'deputy', deputyId: 'deputy-chen' }] },
    { _id: WANG, openid: WANG, name: '王丽萍', roles: [{ role: 'deputy', deputyId: 'deputy-wang' }] },
  ]);
  store.update(
    'deputies',
    { _id: 'deputy-chen' },
    { $set: { openid: CHEN } },
    { multi: false, upsert: false, merge: true },
  );
  store.update(
    'deputies',
    { _id: 'deputy-wang' },
    { $set: { openid: WANG } },
    { multi: false, upsert: false, merge: true },
  );
  for (const openid of [DEV_DEPUTY_OPENID, CHEN, WANG])
    for (let i = 0; i < 10; i++) await product.grantConsent(openid, TEMPLATES.caseProgress.id);
  for (const description of [
    '温泉支路的路灯坏了一个多月，晚上黑漆漆的',
    '铜盘路中段路灯晚上一直不亮，电动车看不清路',
    '小区里路灯不亮快一个月了，晚上出门要打手电',
  ]) {
    const made = await product.ok(
      `o-res-${++seq}`,
      'resident',
      'submit',
      submission({ description, location: null, clientRequestId: rid() }),
    );
    lightCaseNos.push(made.caseNo);
  }
  await product.ok(
    'o-res-other',
    'resident',
    'submit',
    submission({
      description: '楼上KTV半夜唱歌噪音扰民，根本睡不着',
      location: null,
      clientRequestId: rid(),
    }),
  );
  const classes = await product.ok(DEV_OFFICE_OPENID, 'office', 'problemClasses', period);
  const lights = classes.classes.find((c) => c.caseNos.includes(lightCaseNos[0]))!;
  classKey = lights.key;
  classLabel = lights.label;
}, 60_000);
afterAll(() => product.close());

describe('a suggestion drafted by the office from a class of problems', () => {
  let draft: SuggestionView;

  it('is drafted once, and the deputies named are asked to sign', async () => {
    const input = draftInput();
    draft = await product.ok(DEV_OFFICE_OPENID, 'office', 'draftSuggestion', input);
    expect(draft).toMatchObject({
      status: 'drafted',
      statusLabel: '起草中',
      classKey,
      classLabel: '路灯损坏',
      period,
      caseCount: 3,
      draftedBy: { role: 'office', name: '代表工委' },
      signers: [
        { deputyId: 'deputy-lin', name: '林晓红', signedAt: null },
        { deputyId: 'deputy-chen', name: '陈建国', signedAt: null },
      ],
    });
    expect(draft.actions).toEqual(['update']);
    // A retry answers the same suggestion and asks nobody twice.
    const again = await product.ok(DEV_OFFICE_OPENID, 'office', 'draftSuggestion', input);
    expect(again.id).toBe(draft.id);
    expect((await product.ok(DEV_OFFICE_OPENID, 'office', 'suggestions', {})).items).toHaveLength(1);
    expect(await messagesTo(DEV_DEPUTY_OPENID)).toHaveLength(1);
    expect(await messagesTo(CHEN)).toHaveLength(1);
    expect(await messagesTo(WANG)).toHaveLength(0);
  });

  it('refuses residents, station staff and bad input, saying what to fix', async () => {
    for (const openid of ['o-res-other', DEV_STAFF_OPENID]) {
      expect(await product.call(openid, 'office', 'draftSuggestion', draftInput())).toMatchObject({
        ok: false,
        code: 'AUTH.FORBIDDEN',
      });
    }
    expect(await product.call('o-res-other', 'deputy', 'suggestions', {})).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    const bad = await product.call(DEV_OFFICE_OPENID, 'office', 'draftSuggestion', {
      ...draftInput(),
      title: '',
      caseNos: ['20260320-0001-9999'],
      signerIds: ['deputy-nobody'],
    });
    expect(bad).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { title: '请填写标题' } });
    const missing = await product.call(DEV_OFFICE_OPENID, 'office', 'draftSuggestion', {
      ...draftInput(),
      caseNos: ['20200101-0001-0001'],
    });
    expect(missing).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { caseNos: expect.any(String) },
    });
  });

  it('is seen by the deputies named on it and by no other deputy', async () => {
    const chens = await product.ok(CHEN, 'deputy', 'suggestions', {});
    expect(chens.items.map((i) => i.id)).toEqual([draft.id]);
    expect((await product.ok(WANG, 'deputy', 'suggestions', {})).items).toEqual([]);
    expect(await product.call(WANG, 'deputy', 'suggestion', { id: draft.id })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect((await product.ok(CHEN, 'deputy', 'suggestion', { id: draft.id })).actions).toEqual(['sign']);
  });

  it('cannot be submitted before every deputy named has signed', async () => {
    const early = await product.call(DEV_OFFICE_OPENID, 'office', 'submitSuggestion', {
      id: draft.id,
      clientRequestId: rid(),
    });
    expect(early).toMatchObject({ ok: false, code: 'SUGGESTION.UNSIGNED' });
    expect(early.ok === false && early.message).toContain('林晓红');
    const signInput = { id: draft.id, clientRequestId: rid() };
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'signSuggestion', signInput);
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'signSuggestion', signInput);
    const signed = await product.ok(CHEN, 'deputy', 'signSuggestion', {
      id: draft.id,
      clientRequestId: rid(),
    });
    expect(signed.signers.every((s) => s.signedAt !== null)).toBe(true);
    expect(stored(draft.id).events.filter((e) => e.type === 'signed')).toHaveLength(2);
    // Only the office or the drafting deputy submits; 陈建国 only signed.
    expect(
      await product.call(CHEN, 'deputy', 'submitSuggestion', { id: draft.id, clientRequestId: rid() }),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('refuses an edit made on a stale copy', async () => {
    const stale = await product.call(DEV_OFFICE_OPENID, 'office', 'updateSuggestion', {
      ...draftInput(),
      id: draft.id,
      version: draft.version,
    });
    expect(stale).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('is submitted, answered by the government, and the signers told each time', async () => {
    const submitInput = { id: draft.id, clientRequestId: rid() };
    const submitted = await product.ok(DEV_OFFICE_OPENID, 'office', 'submitSuggestion', submitInput);
    expect(submitted).toMatchObject({
      status: 'submitted',
      statusLabel: '已提交',
      actions: ['recordAnswer'],
    });
    await product.ok(DEV_OFFICE_OPENID, 'office', 'submitSuggestion', submitInput);
    expect(await messagesTo(CHEN)).toHaveLength(2);
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'updateSuggestion', {
        ...draftInput(),
        id: draft.id,
        version: submitted.version,
      }),
    ).toMatchObject({ ok: false, code: 'SUGGESTION.STATUS' });
    const answerInput = {
      id: draft.id,
      unit: '区城市管理局',
      text: '已将路灯纳入网格化巡查，损坏路灯 48 小时内修复。',
      date: '2026-03-25',
      outcome: 'solved',
      clientRequestId: rid(),
    };
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'recordSuggestionAnswer', {
        ...answerInput,
        outcome: 'great',
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { outcome: '请选择办理结果' } });
    expect(await product.call(CHEN, 'office', 'recordSuggestionAnswer', answerInput)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    const answered = await product.ok(DEV_OFFICE_OPENID, 'office', 'recordSuggestionAnswer', answerInput);
    expect(answered).toMatchObject({
      status: 'answered',
      outcome: 'solved',
      answer: { unit: '区城市管理局', date: '2026-03-25', outcomeLabel: '已解决或采纳' },
      actions: [],
    });
    await product.ok(DEV_OFFICE_OPENID, 'office', 'recordSuggestionAnswer', answerInput);
    expect(stored(draft.id).events.map((e) => e.type)).toEqual([
      'drafted',
      'signed',
      'signed',
      'submitted',
      'answered',
    ]);
    const toChen = await messagesTo(CHEN);
    expect(toChen).toHaveLength(3);
    expect(JSON.stringify(toChen[2].request.data)).toContain('已解决或采纳');
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'recordSuggestionAnswer', {
        ...answerInput,
        clientRequestId: rid(),
      }),
    ).toMatchObject({ ok: false, code: 'SUGGESTION.STATUS' });
  });
});

describe('a suggestion drafted by a deputy', () => {
  it('is signed by its drafter first; new words ask the co-signer again', async () => {
    const mine = await product.ok(CHEN, 'deputy', 'draftSuggestion', {
      ...draftInput(),
      title: '关于增设夜间照明的建议',
      signerIds: ['deputy-lin'],
    });
    expect(mine.signers).toEqual([
      { deputyId: 'deputy-chen', name: '陈建国', signedAt: expect.any(Number) },
      { deputyId: 'deputy-lin', name: '林晓红', signedAt: null },
    ]);
    expect(mine.draftedBy).toEqual({ role: 'deputy', name: '陈建国' });
    const signed = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'signSuggestion', {
      id: mine.id,
      clientRequestId: rid(),
    });
    // 林晓红 may sign, not edit: it is 陈建国's draft.
    expect(
      await product.call(DEV_DEPUTY_OPENID, 'deputy', 'updateSuggestion', {
        ...draftInput(),
        id: mine.id,
        version: signed.version,
      }),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const before = (await messagesTo(DEV_DEPUTY_OPENID)).length;
    const edited = await product.ok(CHEN, 'deputy', 'updateSuggestion', {
      ...draftInput(),
      title: '关于增设夜间照明设施的建议',
      signerIds: ['deputy-chen', 'deputy-lin'],
      id: mine.id,
      version: signed.version,
    });
    expect(edited.signers.map((s) => s.signedAt !== null)).toEqual([true, false]);
    expect(await messagesTo(DEV_DEPUTY_OPENID)).toHaveLength(before + 1);
    expect(edited.actions).toEqual(['update']);
  });
});

describe('counted', () => {
  it("in the office's figures for the period, and not for a station's", async () => {
    const figures = await product.ok(DEV_OFFICE_OPENID, 'office', 'figures', period);
    expect(figures.suggestions).toEqual({
      drafted: 2,
      submitted: 1,
      answered: 1,
      solved: 1,
      resolvedRate: 100,
    });
    const april = await product.ok(DEV_OFFICE_OPENID, 'office', 'figures', {
      from: '2026-04-01',
      to: '2026-04-30',
    });
    expect(april.suggestions).toEqual({
      drafted: 0,
      submitted: 0,
      answered: 0,
      solved: 0,
      resolvedRate: null,
    });
    const station = await product.ok(DEV_OFFICE_OPENID, 'office', 'figures', {
      ...period,
      stationId: 'station-gulou-home',
    });
    expect(station.suggestions).toBeNull();
    const chen = await product.ok(CHEN, 'deputy', 'figures', period);
    expect(chen.suggestions).toMatchObject({ drafted: 2, submitted: 1 });
    const wang = await product.ok(WANG, 'deputy', 'figures', period);
    expect(wang.suggestions).toMatchObject({ drafted: 0, submitted: 0 });
  });

  it("in each signer's record (履职档案)", async () => {
    expect((await product.ok(CHEN, 'deputy', 'record', { year: 2026 })).suggestionsSigned).toBe(1);
    expect((await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'record', { year: 2026 })).suggestionsSigned).toBe(
      1,
    );
    expect((await product.ok(WANG, 'deputy', 'record', { year: 2026 })).suggestionsSigned).toBe(0);
  });
});

describe('input no form sends (after the counts above)', () => {
  it('answers shapes no form sends with a field error, and stores text without invisible characters', async () => {
    const odd = await product.call(DEV_OFFICE_OPENID, 'office', 'draftSuggestion', {
      ...draftInput(),
      title: 42,
      caseNos: lightCaseNos[0],
      signerIds: [{ id: 'deputy-lin' }],
    });
    expect(odd).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { title: expect.any(String), caseNos: expect.any(String), signerIds: expect.any(String) },
    });
    const clean = await product.ok(DEV_OFFICE_OPENID, 'office', 'draftSuggestion', {
      ...draftInput(),
      title: '关于\u202e路灯\u0007维修的建议',
    });
    expect(clean.title).toBe('关于路灯维修的建议');
    expect(await product.call(DEV_OFFICE_OPENID, 'office', 'suggestion', { id: ['x'] })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });
  it('keeps a title on one line, whoever saves it: a line break typed into the title becomes a space', async () => {
    const office = await product.ok(DEV_OFFICE_OPENID, 'office', 'draftSuggestion', {
      ...draftInput(),
      title: '关于路灯\n维修的建议\n',
    });
    expect(office.title).toBe('关于路灯 维修的建议');
    const deputy = await product.ok(CHEN, 'deputy', 'draftSuggestion', {
      ...draftInput(),
      title: '关于增设\r\n夜间照明的建议',
      signerIds: ['deputy-lin'],
    });
    expect(deputy.title).toBe('关于增设 夜间照明的建议');
    const edited = await product.ok(CHEN, 'deputy', 'updateSuggestion', {
      ...draftInput(),
      title: '关于增设\n\n夜间照明设施的建议',
      signerIds: ['deputy-chen', 'deputy-lin'],
      id: deputy.id,
      version: deputy.version,
    });
    expect(edited.title).toBe('关于增设 夜间照明设施的建议');
    expect(stored(edited.id).title).toBe('关于增设 夜间照明设施的建议');
  });
});
