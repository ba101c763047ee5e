import type { ActInput } from '../../miniprogram/core/api';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * The answer's outcome (已解决或采纳 / 列入计划 / 留作参考/解释说明) on the real stack: recorded by every
 * path that answers a resident (deputy.reply, casework reply, a unit's answer), refused when it is
 * not one of the three, recorded as none (未注明) when an older app version sends none, shown to the
 * resident, and cleared when the answer is sent back.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `outcome-${Date.now().toString(36)}-${++seq}`;

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-11-09T10:00:00+08:00' } });
});
afterAll(() => product.close());

const stored = (id: string) => product.stack.store.getById('cases', id) as unknown as CaseDoc;
const submit = async (resident: string) =>
  (await product.ok(resident, 'resident', 'submit', submission())).caseId;
const actOk = async (openid: string, input: Omit<ActInput, 'clientRequestId'>) => {
  const result = await product.call(openid, 'casework', 'act', { clientRequestId: rid(), ...input });
  if (!result.ok) throw new Error(`${input.action}: ${result.code} ${result.message}`);
  return result.data;
};

describe("an answer's outcome", () => {
  it("deputy.reply records it; the resident sees it on their case, and the timeline's answer carries it", async () => {
    const caseId = await submit('o-outcome-a');
    const view = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId,
      content: '已协调市政部门，路灯本周修好。',
      outcome: 'solved',
      clientRequestId: rid(),
    });
    expect(view).toMatchObject({ status: 'answered', outcome: 'solved', outcomeLabel: '已解决或采纳' });

    const seen = await product.ok('o-outcome-a', 'resident', 'caseDetail', { caseId });
    expect(seen).toMatchObject({ outcome: 'solved', outcomeLabel: '已解决或采纳' });
    expect(stored(caseId).events.at(-1)?.detail).toMatchObject({ outcome: 'solved' });
  });

  it('refuses an outcome that is not one of the three, naming the field, and changes nothing', async () => {
    const caseId = await submit('o-outcome-b');
    const deputy = await product.call(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId,
      content: '已经处理好了。',
      outcome: 'done',
      clientRequestId: rid(),
    });
    expect(deputy).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { outcome: expect.any(String) },
    });
    const casework = await product.call(DEV_DEPUTY_OPENID, 'casework', 'act', {
      caseId,
      action: 'reply',
      note: '已经处理好了。',
      outcome: 'fixed',
      clientRequestId: rid(),
    });
    expect(casework).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { outcome: expect.any(String) },
    });
    expect(stored(caseId).status).toBe('submitted');
  });

  it('an answer from an older app version (no outcome) records none, shown as 未注明', async () => {
    const caseId = await submit('o-outcome-c');
    const view = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId,
      content: '已转告社区，请耐心等待。',
      clientRequestId: rid(),
    });
    expect(view).toMatchObject({ status: 'answered', outcome: null, outcomeLabel: '未注明' });
    expect(stored(caseId).outcome).toBeNull();
  });

  it("a unit's answer records it too, and sending the answer back clears it until the next answer", async () => {
    const resident = 'o-outcome-d';
    const caseId = await submit(resident);
    await actOk(DEV_DEPUTY_OPENID, { caseId, action: 'accept' });
    await actOk(DEV_DEPUTY_OPENID, {
      caseId,
      action: 'route',
      route: 'assign',
      unitId: 'dept-dongjie-street',
    });
    const answered = await actOk(DEV_UNIT_OPENID, {
      caseId,
      action: 'unit_answer',
      note: '已列入明年道路改造计划。',
      outcome: 'planned',
    });
    expect(answered).toMatchObject({ status: 'answered', outcome: 'planned', outcomeLabel: '列入计划' });
    expect(stored(caseId)).toMatchObject({ answeredOnTime: true, answerWorkingDays: 0 });

    await product.ok(resident, 'resident', 'rate', { caseId, rating: 'unsatisfied', clientRequestId: rid() });
    const redone = await actOk(DEV_DEPUTY_OPENID, { caseId, action: 'redo', note: '群众希望今年内解决。' });
    expect(redone).toMatchObject({ status: 'in_progress', outcome: null, outcomeLabel: null });
    expect(stored(caseId)).toMatchObject({ answeredOnTime: null, answerWorkingDays: null });

    product.advance('P3D');
    const again = await actOk(DEV_UNIT_OPENID, {
      caseId,
      action: 'unit_answer',
      note: '已协调资金，本月内完成修复。',
      outcome: 'solved',
    });
    expect(again).toMatchObject({ outcome: 'solved', outcomeLabel: '已解决或采纳' });
    // Received on Monday 9 November, answered on Thursday the 12th: three working days.
    expect(stored(caseId)).toMatchObject({ answeredOnTime: true, answerWorkingDays: 3 });
  });
});
