import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import type { Result } from '../../miniprogram/core/result';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * A phone on a bad network sends the same request again and again, sometimes all at once. Every
 * copy (the same clientRequestId) must answer as a retry does — the case or record as it is — and
 * never CONFLICT, and the request must be stored once.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

const COPIES = 30;
let seq = 0;
const rid = (what: string) => `retry-${what}-${++seq}-abcdef`;
const stored = (id: string) => product.stack.store.getById('cases', id) as unknown as CaseDoc;

/** Sends `COPIES` copies of one call at once; every answer. */
const storm = <T>(call: () => Promise<Result<T>>) => Promise.all(Array.from({ length: COPIES }, call));

/** Every copy answered ok, with the same data. */
function allSame<T>(results: Array<Result<T>>): T {
  const failures = results.filter((r) => !r.ok);
  expect(failures).toEqual([]);
  const data = results.map((r) => (r.ok ? r.data : null));
  for (const d of data) expect(d).toEqual(data[0]);
  return data[0] as T;
}

async function newCase(resident: string) {
  const { caseId } = await product.ok(resident, 'resident', 'submit', submission());
  return caseId;
}

describe('thirty copies of one request at once', () => {
  it('casework.act: all answer the accepted case, and one acceptance is stored', async () => {
    const caseId = await newCase('o-retry-act');
    const clientRequestId = rid('act');
    const view = allSame(
      await storm(() =>
        product.call(DEV_DEPUTY_OPENID, 'casework', 'act', { caseId, action: 'accept', clientRequestId }),
      ),
    );
    expect(view).toMatchObject({ status: 'accepted' });
    expect(stored(caseId).events.map((e) => e.type)).toEqual(['submitted', 'accepted']);
    expect(stored(caseId).version).toBe(2);
  });

  it('deputy.reply: all answer the answered case, and one reply is stored and sent', async () => {
    const caseId = await newCase('o-retry-reply');
    const clientRequestId = rid('reply');
    const view = allSame(
      await storm(() =>
        product.call(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
          caseId,
          content: '已联系街道，本周内修复路灯。',
          clientRequestId,
        }),
      ),
    );
    expect(view).toMatchObject({ status: 'answered' });
    const replies = stored(caseId).events.filter((e) => e.type === 'replied');
    expect(replies).toHaveLength(1);
    expect(stored(caseId).outbox.filter((j) => j.id.startsWith(`${caseId}:2:`))).toHaveLength(1);
  });

  it('resident.rate: all answer the closed case, and one rating is stored', async () => {
    const resident = 'o-retry-rate';
    const caseId = await newCase(resident);
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId,
      content: '已联系街道，本周内修复路灯。',
      clientRequestId: rid('answer'),
    });
    const clientRequestId = rid('rate');
    const view = allSame(
      await storm(() =>
        product.call(resident, 'resident', 'rate', { caseId, rating: 'satisfied', clientRequestId }),
      ),
    );
    expect(view).toMatchObject({ status: 'closed' });
    expect(stored(caseId).events.filter((e) => e.type === 'rated')).toHaveLength(1);
  });

  it.each(['office', 'admin'] as const)(
    '%s.save: all answer the one deputy created, with one printed code',
    async (fn) => {
      const clientRequestId = rid(`save-${fn}`);
      const name = fn === 'office' ? '重试甲' : '重试乙';
      const fields = { name, level: 'county', stationId: 'station-dongjie', title: '区人大代表' };
      const entry = allSame(
        await storm(() =>
          product.call(DEV_OFFICE_OPENID, fn, 'save', { kind: 'deputy', fields, clientRequestId }),
        ),
      );
      expect(entry).toMatchObject({ name, active: true });
      expect(product.stack.store.count('deputies', { name })).toBe(1);
    },
  );
});
