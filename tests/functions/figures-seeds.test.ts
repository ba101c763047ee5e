import type { FiguresView } from '../../miniprogram/core/api';
import type { AnswerOutcome, CaseKind, Rating } from '../../miniprogram/core/model';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * The figures the seeds publish, reproduced from cases built through the product's own actions —
 * residents submit, deputies accept and answer with an outcome, residents rate — on the stack's
 * settable clock, and read back from `office.figures` as the office asks for them: a period as
 * `{ from, to }`.
 *
 * - Fuzhou's 12345 deputy line (October 2026 here): 793 accepted, 778 replied, 15 in progress,
 *   on-time reply rate 100%, satisfaction 99.61% (775 of 778 rated).
 * - Wuxi's deputy suggestions (September 2026 here): 300, 办成率 87.67% (263 solved), 291 satisfied
 *   (97%), 9 basically satisfied (3%), satisfaction 100%.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `seed-${Date.now().toString(36)}-${++seq}`;

/** The deputies who answer, each with a bound WeChat account. */
const DEPUTIES = [
  { code: 'D00001', openid: DEV_DEPUTY_OPENID },
  { code: 'D00002', openid: 'o-fig-deputy-chen', deputyId: 'deputy-chen', name: '陈建国' },
  { code: 'D00003', openid: 'o-fig-deputy-wang', deputyId: 'deputy-wang', name: '王丽萍' },
];

/** Runs `work` for each item, `width` at a time: the stack takes them as the phones would send them. */
async function inParallel<T, R>(items: T[], work: (item: T, i: number) => Promise<R>, width = 4) {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

interface Planned {
  resident: string;
  deputy: (typeof DEPUTIES)[number];
  kind: CaseKind;
  /** Left unanswered (正在办理) when null. */
  outcome: AnswerOutcome | null;
  rating: Rating | null;
}

/** Submits, accepts, answers and rates the planned cases, phase by phase, as days go by. */
async function build(plans: Planned[], firstDay: string): Promise<string[]> {
  product.setNow(`${firstDay}T09:00:00+08:00`);
  const ids = await inParallel(plans, async (plan) => {
    const { caseId } = await product.ok(
      plan.resident,
      'resident',
      'submit',
      submission({ target: { type: 'deputy', code: plan.deputy.code }, kind: plan.kind }),
    );
    return caseId;
  });
  product.advance('PT2H');
  await inParallel(ids, (caseId, i) => act(plans[i].deputy.openid, { caseId, action: 'accept' }));
  // Two days later (a Wednesday): every answer well within its deadline.
  product.advance('P2D');
  await inParallel(ids, async (caseId, i) => {
    const outcome = plans[i].outcome;
    if (outcome)
      await act(plans[i].deputy.openid, {
        caseId,
        action: 'reply',
        note: '已协调有关部门办理，特此答复。',
        outcome,
      });
  });
  product.advance('P1D');
  await inParallel(ids, async (caseId, i) => {
    const rating = plans[i].rating;
    if (rating)
      await product.ok(plans[i].resident, 'resident', 'rate', { caseId, rating, clientRequestId: rid() });
  });
  return ids;
}

async function act(openid: string, input: Record<string, unknown>) {
  const result = await product.call(openid, 'casework', 'act', { clientRequestId: rid(), ...input });
  if (!result.ok) throw new Error(`${String(input.action)}: ${result.code} ${result.message}`);
}

const figures = (input: Record<string, unknown>) =>
  product.ok(DEV_OFFICE_OPENID, 'office', 'figures', input) as Promise<FiguresView>;

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-09-01T09:00:00+08:00' } });
  product.stack.store.insert(
    'users',
    DEPUTIES.flatMap((d) =>
      d.deputyId
        ? [
            {
              _id: d.openid,
              openid: d.openid,
              name: d.name,
              roles: [{ role: 'deputy', deputyId: d.deputyId }],
            },
          ]
        : [],
    ),
  );

  // Wuxi, from Monday 7 September: 300 suggestions, all answered; 263 solved, 25 taken into plans,
  // 12 explained; 291 rated 满意, 9 基本满意.
  const wuxi: Planned[] = Array.from({ length: 300 }, (_, i) => ({
    resident: `o-wuxi-${i}`,
    deputy: DEPUTIES[i % DEPUTIES.length],
    kind: 'suggestion',
    outcome: i < 263 ? 'solved' : i < 288 ? 'planned' : 'explained',
    rating: i % 100 < 97 ? 'satisfied' : 'basically_satisfied',
  }));
  await build(wuxi, '2026-09-07');

  // Fuzhou, from Monday 12 October: 793 received; 778 answered on time, 15 still being handled;
  // of the answers, 770 rated 满意, 5 基本满意, 3 不满意.
  const fuzhou: Planned[] = Array.from({ length: 793 }, (_, i) => ({
    resident: `o-fuzhou-${i}`,
    deputy: DEPUTIES[i % DEPUTIES.length],
    kind: (['help', 'complaint', 'suggestion', 'inquiry'] as const)[i % 4],
    outcome: i < 778 ? (['solved', 'planned', 'explained'] as const)[i % 3] : null,
    rating: i >= 778 ? null : i < 770 ? 'satisfied' : i < 775 ? 'basically_satisfied' : 'unsatisfied',
  }));
  await build(fuzhou, '2026-10-12');
  product.setNow('2026-10-16T17:00:00+08:00');
}, 600_000);
afterAll(() => product.close());

describe('the seeds’ published figures, through office.figures', () => {
  it('Fuzhou: 793 accepted, 778 replied, 15 in progress, 100% on time, 99.61% satisfied', async () => {
    const view = await figures({ from: '2026-10-01', to: '2026-10-31' });
    expect(view).toMatchObject({ from: '2026-10-01', to: '2026-10-31', groupBy: null, groups: [] });
    expect(view.total).toMatchObject({
      accepted: 793,
      replied: 778,
      inProgress: 15,
      repliedOnTime: 778,
      onTimeRate: 100,
      rated: 778,
      satisfied: 770,
      basicallySatisfied: 5,
      unsatisfied: 3,
      satisfactionRate: 99.61,
      closedUnrated: 0,
      // Of the 15 still being handled on Friday the 16th, the 4 inquiries (2 working days from
      // Monday's acceptance) are past their deadline; the others have ten or fifteen.
      overdue: 4,
      sentBack: 0,
      // Received on a Monday, answered on the Wednesday: two working days.
      medianReplyWorkingDays: 2,
    });
  });

  it('Wuxi: 300 suggestions, 办成率 87.67%, 291 satisfied (97%), 9 basically satisfied (3%), 100% satisfied', async () => {
    const view = await figures({ from: '2026-09-01', to: '2026-09-30', kind: 'suggestion' });
    expect(view.scope).toEqual({ kind: 'suggestion' });
    expect(view.total).toMatchObject({
      accepted: 300,
      replied: 300,
      inProgress: 0,
      solved: 263,
      planned: 25,
      explained: 12,
      outcomeUnrecorded: 0,
      resolvedRate: 87.67,
      rated: 300,
      satisfied: 291,
      satisfiedShare: 97,
      basicallySatisfied: 9,
      basicallySatisfiedShare: 3,
      unsatisfied: 0,
      satisfactionRate: 100,
    });
  });

  it('breaks a period down by deputy, each row adding up to the total', async () => {
    const view = await figures({ from: '2026-09-01', to: '2026-10-31', groupBy: 'deputy' });
    expect(view.total.accepted).toBe(1093);
    expect(view.groups.map((g) => g.name).sort()).toEqual(['林晓红', '王丽萍', '陈建国'].sort());
    const sum = (field: 'accepted' | 'replied' | 'satisfied' | 'solved') =>
      view.groups.reduce((n, g) => n + g.figures[field], 0);
    expect(sum('accepted')).toBe(1093);
    expect(sum('replied')).toBe(1078);
    expect(sum('satisfied')).toBe(1061);
    expect(sum('solved')).toBe(263 + 260);
    const lin = view.groups.find((g) => g.key === 'deputy-lin')!;
    // 林晓红 has every third case: 100 of Wuxi's, 265 of Fuzhou's.
    expect(lin.figures.accepted).toBe(365);
  });
});
