import type { ActInput } from '../../miniprogram/core/api';
import type { Rating } from '../../miniprogram/core/model';
import type { startProduct } from './project-stack';
import { submission } from './project-stack';

/**
 * Cases made as people make them, on a product stack: a resident submits, the deputy accepts and
 * routes, a unit answers, the resident rates; and the accounts bound to the seed's people that the
 * seed leaves unbound (a second deputy, a second unit, a second station's staff).
 */

type Product = Awaited<ReturnType<typeof startProduct>>;

let seq = 0;
const rid = () => `flow-${Date.now().toString(36)}-${++seq}`;

/** Bound accounts beyond the seed's: 王丽萍 (东街), 温泉街道办事处, 许文 (东街 and 温泉). */
export const WANG_OPENID = 'o-flow-deputy-wang';
export const WENQUAN_UNIT_OPENID = 'o-flow-unit-wenquan';
export const XU_OPENID = 'o-flow-staff-xu';

export function caseworkFlow(product: Product) {
  product.stack.store.insert('users', [
    {
      _id: WANG_OPENID,
      openid: WANG_OPENID,
      name: '王丽萍',
      roles: [{ role: 'deputy', deputyId: 'deputy-wang' }],
    },
    {
      _id: WENQUAN_UNIT_OPENID,
      openid: WENQUAN_UNIT_OPENID,
      name: '温泉街道',
      roles: [{ role: 'unit', unitId: 'dept-wenquan-street' }],
    },
    {
      _id: XU_OPENID,
      openid: XU_OPENID,
      name: '许文',
      roles: [
        { role: 'staff', stationId: 'station-dongjie', staffId: 'staff-xu' },
        { role: 'staff', stationId: 'station-wenquan', staffId: 'staff-xu' },
      ],
    },
  ]);

  async function act(openid: string, input: Omit<ActInput, 'clientRequestId'> & Record<string, unknown>) {
    const result = await product.call(openid, 'casework', 'act', { clientRequestId: rid(), ...input });
    if (!result.ok) throw new Error(`${String(input.action)}: ${result.code} ${result.message}`);
    return result.data;
  }

  async function submit(resident: string, code: string, extra: Record<string, unknown> = {}) {
    const { caseId, caseNo } = await product.ok(
      resident,
      'resident',
      'submit',
      submission({ target: { type: 'deputy', code }, ...extra }),
    );
    return { caseId, caseNo };
  }

  const rate = (resident: string, caseId: string, rating: Rating, comment?: string) =>
    product.ok(resident, 'resident', 'rate', {
      caseId,
      rating,
      clientRequestId: rid(),
      ...(comment ? { comment } : {}),
    });

  /**
   * One case: submitted to the deputy, accepted, and (unless `unit` is null) assigned to the unit,
   * which answers; rated when `rating` is given. Answers the case's id and 受理编号.
   */
  async function handled(plan: {
    resident: string;
    deputy: { code: string; openid: string };
    unit?: { id: string; openid: string } | null;
    answer?: boolean;
    rating?: Rating | null;
    comment?: string;
  }) {
    const made = await submit(plan.resident, plan.deputy.code);
    await act(plan.deputy.openid, { caseId: made.caseId, action: 'accept' });
    if (plan.unit) {
      await act(plan.deputy.openid, {
        caseId: made.caseId,
        action: 'route',
        route: 'assign',
        unitId: plan.unit.id,
      });
      if (plan.answer !== false)
        await act(plan.unit.openid, {
          caseId: made.caseId,
          action: 'unit_answer',
          note: '已安排人员处理完毕，特此答复。',
          outcome: 'solved',
        });
    } else if (plan.answer !== false) {
      await act(plan.deputy.openid, {
        caseId: made.caseId,
        action: 'reply',
        note: '已协调有关部门处理，特此答复。',
        outcome: 'solved',
      });
    }
    if (plan.rating) await rate(plan.resident, made.caseId, plan.rating, plan.comment);
    return made;
  }

  return { act, submit, rate, handled };
}
