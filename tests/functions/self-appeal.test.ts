import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * A deputy must not pad their own record (履职档案): they cannot appeal to themselves, cannot rate
 * a case addressed to them, and a case whose resident is the deputy's own account (older data) is
 * not counted. Station staff cannot rate their own station's cases either.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-06-15T10:00:00+08:00' } });
});
afterAll(() => product.close());

let seq = 0;
const rid = () => `self-${++seq}-abcdef`;
const toDeputy = (code: string) => submission({ target: { type: 'deputy', code } });
const casesOf = (openid: string) => product.stack.store.count('cases', { openid });

describe('a deputy appealing to themselves', () => {
  it('is refused with CASE.SELF_ADDRESSED from their own account, and nothing is stored', async () => {
    const result = await product.call(DEV_DEPUTY_OPENID, 'resident', 'submit', toDeputy('D00001'));
    expect(result).toMatchObject({ ok: false, code: 'CASE.SELF_ADDRESSED' });
    expect(!result.ok && result.message).toMatch(/本人/);
    expect(casesOf(DEV_DEPUTY_OPENID)).toBe(0);
  });

  it('still lets the deputy appeal to another deputy, as any resident may', async () => {
    const result = await product.call(DEV_DEPUTY_OPENID, 'resident', 'submit', toDeputy('D00003'));
    expect(result).toMatchObject({ ok: true });
  });
});

describe('a case whose resident is the deputy (from before the rule)', () => {
  const future = 'o-future-deputy';
  let own: string;

  beforeAll(async () => {
    // Someone appeals to 陈建国 (D00002), staff answer and they rate it 满意; later that same
    // account is bound to 陈建国. A second resident's case, answered and rated the same way, counts.
    own = (await product.ok(future, 'resident', 'submit', toDeputy('D00002'))).caseId;
    const other = (await product.ok('o-real-resident', 'resident', 'submit', toDeputy('D00002'))).caseId;
    for (const [resident, caseId] of [
      [future, own],
      ['o-real-resident', other],
    ]) {
      await product.ok(DEV_STAFF_OPENID, 'casework', 'act', {
        caseId,
        action: 'reply',
        note: '已协调物业处理，感谢反映。',
        clientRequestId: rid(),
      });
      await product.ok(resident, 'resident', 'rate', { caseId, rating: 'satisfied', clientRequestId: rid() });
    }
    const { code } = await product.ok(DEV_OFFICE_OPENID, 'office', 'createBindCode', {
      role: 'deputy',
      targetId: 'deputy-chen',
    });
    await product.ok(future, 'resident', 'bind', { code });
  });

  it('is not counted in their record: received, rated and satisfied are the other resident’s only', async () => {
    const record = await product.ok(future, 'deputy', 'record', {});
    expect(record).toMatchObject({ received: 1, rated: 1, satisfied: 1, satisfactionRate: 1 });
  });

  it('cannot be rated by the deputy', async () => {
    const caseId = (await product.ok('o-real-resident-2', 'resident', 'submit', toDeputy('D00002'))).caseId;
    // Older data: the deputy's own account is the case's resident.
    product.stack.store.update(
      'cases',
      { _id: caseId },
      { $set: { openid: future } },
      { multi: false, merge: true, upsert: false },
    );
    await product.ok(future, 'deputy', 'reply', {
      caseId,
      content: '已处理完毕。',
      clientRequestId: rid(),
    });
    const result = await product.call(future, 'resident', 'rate', {
      caseId,
      rating: 'satisfied',
      clientRequestId: rid(),
    });
    expect(result).toMatchObject({ ok: false, code: 'CASE.SELF_ADDRESSED' });
    // Its reply is not counted either: only the other resident's case is in the record.
    const record = await product.ok(future, 'deputy', 'record', {});
    expect(record).toMatchObject({ received: 1, rated: 1, answered: 0 });
  });
});

describe('station staff', () => {
  it('cannot rate a case their own station handles, though they sent it', async () => {
    // 周敏 works for 鼓楼区人大代表之家, the station of 林晓红 (D00001).
    const { caseId } = await product.ok(DEV_STAFF_OPENID, 'resident', 'submit', toDeputy('D00001'));
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId,
      content: '已联系物业处理。',
      clientRequestId: rid(),
    });
    const result = await product.call(DEV_STAFF_OPENID, 'resident', 'rate', {
      caseId,
      rating: 'satisfied',
      clientRequestId: rid(),
    });
    expect(result).toMatchObject({ ok: false, code: 'CASE.SELF_ADDRESSED' });
    const view = await product.ok(DEV_STAFF_OPENID, 'resident', 'caseDetail', { caseId });
    expect(view.status).toBe('answered');
  });
});
