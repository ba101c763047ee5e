import type { CaseworkListItem } from '../../miniprogram/core/api';
import { DEV_DEPUTY_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * A handling unit (承办单位) works on the problem, not on the person: nothing it can read names who
 * complained — no name, no phone (not even masked), no OpenID — and the resident's own steps in the
 * timeline read as 群众. The deputy and the station, who answer the resident, still see them.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

let seq = 0;
const rid = () => `unit-view-${++seq}-abcdef`;
const RESIDENT = 'o-unit-view-resident';
const NAME = '欧阳先生';
const PHONE = '13912345678';

/** Everything in an answer that could name the resident. */
function tracesOfResident(answer: unknown): string[] {
  const text = JSON.stringify(answer);
  return [NAME, PHONE, '139-1234-5678', '87654321', '139****5678', RESIDENT].filter((trace) =>
    text.includes(trace),
  );
}

/** A named case with a phone, routed to the seeded unit, answered by it and rated 不满意 with a comment. */
async function routedCase(): Promise<string> {
  const { caseId } = await product.ok(
    RESIDENT,
    'resident',
    'submit',
    submission({
      contactName: NAME,
      phone: PHONE,
      description: `路灯坏了两个星期，修好请打 ${PHONE.slice(0, 3)}-${PHONE.slice(3, 7)}-${PHONE.slice(7)} 或 0591-87654321 告诉我，2026-06-01 起就坏了。`,
    }),
  );
  for (const step of [
    { action: 'accept' },
    { action: 'route', route: 'assign', unitId: 'dept-dongjie-street' },
  ] as const) {
    await product.ok(DEV_DEPUTY_OPENID, 'casework', 'act', { caseId, ...step, clientRequestId: rid() });
  }
  await product.ok(DEV_UNIT_OPENID, 'casework', 'act', {
    caseId,
    action: 'unit_answer',
    note: '已安排维修。',
    clientRequestId: rid(),
  });
  await product.ok(RESIDENT, 'resident', 'rate', {
    caseId,
    rating: 'unsatisfied',
    comment: `还没修好，请打${PHONE}`,
    clientRequestId: rid(),
  });
  await product.ok(DEV_DEPUTY_OPENID, 'casework', 'act', {
    caseId,
    action: 'redo',
    note: '请彻底修好',
    clientRequestId: rid(),
  });
  return caseId;
}

describe('what a handling unit sees of a case', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await routedCase();
  });

  it('its queue names no one: the submitter reads 群众, no phone at all', async () => {
    for (const view of ['mine', 'overdue'] as const) {
      const page = await product.ok(DEV_UNIT_OPENID, 'casework', 'queue', { view });
      const item = page.items.find((i: CaseworkListItem) => i.id === caseId);
      if (view === 'mine') expect(item).toMatchObject({ submitter: '群众', phoneMasked: null });
      expect(tracesOfResident(page)).toEqual([]);
    }
  });

  it('the case and its timeline name no one; the resident’s steps read 群众', async () => {
    const view = await product.ok(DEV_UNIT_OPENID, 'casework', 'caseDetail', { caseId });
    expect(view).toMatchObject({ phone: null, contactName: null });
    const residentSteps = view.timeline.filter((e) => e.type === 'submitted' || e.type === 'rated');
    expect(residentSteps.map((e) => e.actorName)).toEqual(['群众', '群众']);
    expect(tracesOfResident(view)).toEqual([]);
    // Numbers typed into the text are hidden from the unit too; dates are not phone numbers.
    expect(view.description).toContain('2026-06-01');
    expect(view.description).toContain('电话已隐去');
  });

  it('what an action answers the unit names no one either', async () => {
    const view = await product.ok(DEV_UNIT_OPENID, 'casework', 'act', {
      caseId,
      action: 'pause_clock',
      note: '需等待配件到货',
      clientRequestId: rid(),
    });
    expect(view.timeline.find((e) => e.type === 'submitted')?.actorName).toBe('群众');
    expect(tracesOfResident(view)).toEqual([]);
  });

  it('the deputy and the station, who answer the resident, still see who it is', async () => {
    for (const openid of [DEV_DEPUTY_OPENID, DEV_STAFF_OPENID]) {
      const view = await product.ok(openid, 'casework', 'caseDetail', { caseId });
      expect(view).toMatchObject({ contactName: NAME, phone: PHONE });
      expect(view.description).toContain('0591-87654321');
      expect(view.timeline[0].actorName).toBe(NAME);
      const page = await product.ok(openid, 'casework', 'queue', {});
      expect(page.items.find((i) => i.id === caseId)).toMatchObject({
        submitter: NAME,
        phoneMasked: '139****5678',
      });
    }
  });
});
