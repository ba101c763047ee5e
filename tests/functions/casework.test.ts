import type { ActInput } from '../../miniprogram/core/api';
import { CASE_ACTIONS } from '../../miniprogram/core/model';
import { TEMPLATES } from '../../miniprogram/core/notifications';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/** The closed loop on the real stack: accept, route, answer, rate, redo, archive — and who is told. */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `act-${Date.now().toString(36)}-${++seq}`;

beforeAll(async () => {
  product = await startProduct();
  // Another deputy's account, at another station, for the access checks.
  product.stack.store.insert('users', [
    {
      _id: 'o-deputy-wang',
      openid: 'o-deputy-wang',
      name: '王丽萍',
      roles: [{ role: 'deputy', deputyId: 'deputy-wang' }],
    },
  ]);
  for (const [openid, templates] of [
    [DEV_DEPUTY_OPENID, [TEMPLATES.caseReceived.id, TEMPLATES.caseProgress.id]],
    [DEV_UNIT_OPENID, [TEMPLATES.caseProgress.id]],
    [DEV_OFFICE_OPENID, [TEMPLATES.caseProgress.id]],
  ] as const) {
    for (const t of templates) for (let i = 0; i < 20; i++) await product.grantConsent(openid, t);
  }
});
afterAll(() => product.close());

const act = (openid: string, input: Omit<ActInput, 'clientRequestId'> & { clientRequestId?: string }) =>
  product.call(openid, 'casework', 'act', { clientRequestId: rid(), ...input });
const actOk = async (openid: string, input: Omit<ActInput, 'clientRequestId'>) => {
  const result = await act(openid, input);
  if (!result.ok) throw new Error(`${input.action}: ${result.code} ${result.message}`);
  return result.data;
};
const stored = (id: string) => product.stack.store.getById('cases', id) as unknown as CaseDoc;

/** Subscribe messages sent (errcode 0) about a case, as [recipient, status phrase]. */
async function told(caseId: string) {
  return (await product.wxCalls('subscribeMessage.send'))
    .filter((c) => c.errcode === 0 && String(c.request.page).includes(caseId))
    .map((c) => [
      c.request.touser,
      (c.request.data as Record<string, { value: string }>).phrase2?.value ?? 'new',
    ]);
}

describe('the whole loop', () => {
  it('submit → accept → assign → answer → unsatisfied → redo → answer → satisfied → archived', async () => {
    const resident = 'o-loop';
    await product.grantConsent(resident, TEMPLATES.caseUpdated.id);
    const { caseId } = await product.ok(resident, 'resident', 'submit', submission({ kind: 'complaint' }));

    let view = await actOk(DEV_DEPUTY_OPENID, { caseId, action: 'accept' });
    expect(view).toMatchObject({ status: 'accepted', deadline: { status: expect.any(String) } });
    expect(view.actions).toEqual(expect.arrayContaining(['route', 'decline', 'reply']));

    view = await actOk(DEV_DEPUTY_OPENID, {
      caseId,
      action: 'route',
      route: 'assign',
      unitId: 'dept-dongjie-street',
    });
    expect(view).toMatchObject({ status: 'in_progress', route: 'assign', unit: { name: '东街街道办事处' } });

    const unitQueue = await product.ok(DEV_UNIT_OPENID, 'casework', 'queue', {});
    expect(unitQueue.items.map((i) => i.id)).toContain(caseId);
    const unitView = await product.ok(DEV_UNIT_OPENID, 'casework', 'caseDetail', { caseId });
    expect(unitView).toMatchObject({ phone: null, contactName: null });
    expect(unitView.actions).toEqual(expect.arrayContaining(['unit_answer', 'unit_return']));

    await actOk(DEV_UNIT_OPENID, { caseId, action: 'unit_answer', note: '已安排维修，路灯于本周五修复。' });
    let mine = await product.ok(resident, 'resident', 'caseDetail', { caseId });
    expect(mine).toMatchObject({ status: 'answered' });
    expect(mine.timeline.at(-1)).toMatchObject({ note: '已安排维修，路灯于本周五修复。' });

    await product.grantConsent(resident, TEMPLATES.caseUpdated.id);
    mine = await product.ok(resident, 'resident', 'rate', {
      caseId,
      rating: 'unsatisfied',
      comment: '修了又坏',
      clientRequestId: rid(),
    });
    expect(mine.status).toBe('answered');
    view = await product.ok(DEV_DEPUTY_OPENID, 'casework', 'caseDetail', { caseId });
    expect(view).toMatchObject({ rating: 'unsatisfied' });
    expect(view.actions).toEqual(expect.arrayContaining(['redo', 'supervise']));

    view = await actOk(DEV_DEPUTY_OPENID, { caseId, action: 'redo', note: '请彻底排查线路' });
    expect(view).toMatchObject({ status: 'in_progress', unit: { name: '东街街道办事处' } });
    await product.grantConsent(resident, TEMPLATES.caseUpdated.id);
    await actOk(DEV_UNIT_OPENID, { caseId, action: 'unit_answer', note: '已更换整段线路，经三晚观察正常。' });
    await product.grantConsent(resident, TEMPLATES.caseUpdated.id);
    mine = await product.ok(resident, 'resident', 'rate', {
      caseId,
      rating: 'satisfied',
      clientRequestId: rid(),
    });
    expect(mine).toMatchObject({ status: 'closed', statusLabel: '已办结' });
    expect(stored(caseId)).toMatchObject({ closedBy: 'rating', rating: 'satisfied', dueAt: null });

    const messages = await told(caseId);
    // The deputy heard of the case, of each answer and of each rating; the unit of each task;
    // the resident of every status change made by someone else.
    expect(messages.filter(([to]) => to === resident).length).toBeGreaterThanOrEqual(3);
    expect(messages.filter(([to]) => to === DEV_UNIT_OPENID).length).toBeGreaterThanOrEqual(2);
    expect(messages.filter(([to]) => to === DEV_DEPUTY_OPENID).length).toBeGreaterThanOrEqual(3);
    expect(messages).toContainEqual([resident, '已答复']);
    expect(stored(caseId).events.map((e) => e.type)).toEqual([
      'submitted',
      'accepted',
      'routed_assign',
      'unit_answered',
      'rated',
      'redone',
      'unit_answered',
      'rated',
    ]);
  });
});

describe('concurrency', () => {
  it('of two people accepting the same case at once, exactly one succeeds', async () => {
    const { caseId } = await product.ok('o-race2', 'resident', 'submit', submission());
    const results = await Promise.all([
      act(DEV_DEPUTY_OPENID, { caseId, action: 'accept' }),
      act(DEV_STAFF_OPENID, { caseId, action: 'accept' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      code: expect.stringMatching(/^(CONFLICT|CASE\.TRANSITION_FORBIDDEN)$/),
    });
    expect(stored(caseId).events.filter((e) => e.type === 'accepted')).toHaveLength(1);
    expect(stored(caseId).version).toBe(2);
  });
});

describe('access', () => {
  it("lets no role act on or read someone else's case", async () => {
    // A case addressed to 王丽萍 at another station, not routed to any unit.
    const { caseId } = await product.ok(
      'o-theirs',
      'resident',
      'submit',
      submission({ target: { type: 'deputy', code: 'D00004' } }),
    );
    for (const openid of [DEV_DEPUTY_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID]) {
      expect(await product.call(openid, 'casework', 'caseDetail', { caseId })).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      });
      for (const action of CASE_ACTIONS) {
        const result = await act(openid, {
          caseId,
          action,
          note: '说明',
          route: 'direct',
          intoCaseId: caseId,
        });
        expect({ openid, action, code: result.ok ? 'OK' : result.code }).toEqual({
          openid,
          action,
          code: 'NOT_FOUND',
        });
      }
    }
    expect(await product.call('o-nobody', 'casework', 'queue', {})).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(
      await product.call('o-nobody', 'resident', 'rate', {
        caseId,
        rating: 'satisfied',
        clientRequestId: rid(),
      }),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    // The office sees every case; the deputy it is addressed to does not need a station role.
    expect(await product.call(DEV_OFFICE_OPENID, 'casework', 'caseDetail', { caseId })).toMatchObject({
      ok: true,
    });
    expect(await product.call('o-deputy-wang', 'casework', 'caseDetail', { caseId })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    const mineQueue = await product.ok(DEV_DEPUTY_OPENID, 'casework', 'queue', {});
    expect(mineQueue.items.map((i) => i.id)).not.toContain(caseId);
    expect(await product.call(DEV_DEPUTY_OPENID, 'casework', 'queue', { view: 'review' })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
  });
});

describe('duplicates', () => {
  it('merges a duplicate into an earlier case named by its case number, and tells both residents', async () => {
    await product.grantConsent('o-dup1', TEMPLATES.caseUpdated.id);
    await product.grantConsent('o-dup2', TEMPLATES.caseUpdated.id);
    const first = await product.ok(
      'o-dup1',
      'resident',
      'submit',
      submission({ description: '南后街路灯不亮，已经一周了' }),
    );
    const second = await product.ok(
      'o-dup2',
      'resident',
      'submit',
      submission({ description: '南后街的路灯坏了好几天' }),
    );
    const merged = await actOk(DEV_DEPUTY_OPENID, {
      caseId: second.caseId,
      action: 'merge',
      intoCaseId: first.caseNo,
      note: '同一处路灯',
    });
    expect(merged.status).toBe('merged');
    expect(stored(first.caseId).events.at(-1)).toMatchObject({ type: 'merge_received' });
    expect(await told(second.caseId)).toContainEqual(['o-dup2', '已合并']);
    // The earlier case's resident hears that another appeal joined theirs.
    expect((await told(first.caseId)).filter(([to]) => to === 'o-dup1')).toHaveLength(1);
    const earlier = await product.ok('o-dup1', 'resident', 'caseDetail', { caseId: first.caseId });
    expect(earlier.timeline.at(-1)?.type).toBe('merge_received');
  });
});

describe('routes that need someone else', () => {
  it('a transfer waits for the office’s review, then reaches the department', async () => {
    const { caseId } = await product.ok('o-transfer', 'resident', 'submit', submission());
    await actOk(DEV_DEPUTY_OPENID, { caseId, action: 'accept' });
    const pending = await actOk(DEV_DEPUTY_OPENID, {
      caseId,
      action: 'route',
      route: 'transfer',
      unitId: 'dept-housing',
    });
    expect(pending.status).toBe('pending_review');
    const review = await product.ok(DEV_OFFICE_OPENID, 'casework', 'queue', { view: 'review' });
    expect(review.items.map((i) => i.id)).toContain(caseId);
    const approved = await actOk(DEV_OFFICE_OPENID, { caseId, action: 'approve_transfer' });
    expect(approved).toMatchObject({
      status: 'in_progress',
      route: 'transfer',
      unit: { name: '区住房和城乡建设局' },
    });
  });

  it('refuses a unit of the wrong kind for the route', async () => {
    const { caseId } = await product.ok('o-kind', 'resident', 'submit', submission());
    await actOk(DEV_DEPUTY_OPENID, { caseId, action: 'accept' });
    expect(
      await act(DEV_DEPUTY_OPENID, { caseId, action: 'route', route: 'assign', unitId: 'dept-housing' }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { unitId: expect.any(String) },
    });
  });

  it('a decline needs an explanation, and the resident gets it', async () => {
    await product.grantConsent('o-decline', TEMPLATES.caseUpdated.id);
    const { caseId } = await product.ok('o-decline', 'resident', 'submit', submission({ kind: 'inquiry' }));
    expect(await act(DEV_DEPUTY_OPENID, { caseId, action: 'decline' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    await actOk(DEV_DEPUTY_OPENID, {
      caseId,
      action: 'decline',
      note: '该事项属于法院审理范围，建议通过诉讼途径解决。',
    });
    const mine = await product.ok('o-decline', 'resident', 'caseDetail', { caseId });
    expect(mine).toMatchObject({ status: 'declined', statusLabel: '已说明' });
    expect(mine.timeline.at(-1)?.note).toContain('诉讼途径');
    expect(await told(caseId)).toContainEqual(['o-decline', '已说明']);
  });
});
