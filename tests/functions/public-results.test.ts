import type { ActInput, LandingView, PublicResults } from '../../miniprogram/core/api';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * 五公开 on the real stack: residents submit to 林晓红 (D00001, 鼓楼区人大代表之家), some agreeing to
 * publish the outcome; the deputy answers, residents rate; the deputy's and the station's pages
 * (`resident.landing`) show this year's figures and the outcomes of closed cases whose residents
 * agreed, masked — and nothing else: not without consent, not before closing, not after the
 * consent is withdrawn, never once the case's personal data is erased.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `public-${Date.now().toString(36)}-${++seq}`;
const cases: Record<string, string> = {};

const ID_NUMBER = '350102198001011234';
const PHONE = '13912345678';
const LANDLINE = '0591-87654321';
const DESCRIPTION = `我叫张建华，住3号楼2单元501室，楼道灯坏了一个月，王阿姨晚上摔了一跤。电话${PHONE}，身份证${ID_NUMBER}。`;
const ANSWER = `已请物业更换楼道灯，3号楼已恢复照明；物业经理李先生的电话 ${LANDLINE}。`;

const act = async (openid: string, input: Omit<ActInput, 'clientRequestId'>) => {
  const result = await product.call(openid, 'casework', 'act', { clientRequestId: rid(), ...input });
  if (!result.ok) throw new Error(`${input.action}: ${result.code} ${result.message}`);
};

/** Submits to D00001 as `resident`, answered by the deputy; rated satisfied (closed) unless `open`. */
async function handled(
  resident: string,
  publishConsent: boolean | undefined,
  { open = false, category = 'road_traffic' } = {},
) {
  const { caseId } = await product.ok(
    resident,
    'resident',
    'submit',
    submission({
      description: DESCRIPTION,
      contactName: '张建华',
      category,
      ...(publishConsent === undefined ? {} : { publishConsent }),
    }),
  );
  await act(DEV_DEPUTY_OPENID, { caseId, action: 'accept' });
  await act(DEV_DEPUTY_OPENID, { caseId, action: 'reply', note: ANSWER, outcome: 'solved' });
  if (!open)
    await product.ok(resident, 'resident', 'rate', { caseId, rating: 'satisfied', clientRequestId: rid() });
  product.advance('PT1H');
  return caseId;
}

const landing = async (code: string) =>
  (await product.ok('o-neighbour', 'resident', 'landing', { scene: code })) as LandingView;
const shown = async (code = 'd=D00001'): Promise<PublicResults> => (await landing(code)).publicResults;
const stored = (id: string) => product.stack.store.getById('cases', id) as unknown as CaseDoc;

beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-10-12T09:00:00+08:00' } });
  cases.agreed = await handled('o-pub-agreed', true);
  cases.silent = await handled('o-pub-silent', undefined);
  cases.declined = await handled('o-pub-declined', false);
  cases.open = await handled('o-pub-open', true, { open: true });
  cases.later = await handled('o-pub-later', true, { category: 'sanitation' });
}, 60_000);
afterAll(() => product.close());

describe('what the public page shows', () => {
  it("gives this year's figures as the office's figures count them, for the deputy and the station", async () => {
    const results = await shown();
    const office = await product.ok(DEV_OFFICE_OPENID, 'office', 'figures', {
      from: '2026-01-01',
      to: '2026-12-31',
      deputyId: 'deputy-lin',
    });
    expect(results).toMatchObject({
      year: 2026,
      received: office.total.accepted,
      replied: office.total.replied,
      rated: office.total.rated,
      satisfactionRate: office.total.satisfactionRate,
    });
    expect(results).toMatchObject({ received: 5, replied: 5, rated: 4, satisfactionRate: 100 });
    const station = await shown('s=S0001');
    expect(station).toMatchObject({ year: 2026, received: 5, replied: 5 });
  });

  it('shows only closed cases whose residents agreed, newest first', async () => {
    const results = await shown();
    expect(results.outcomes).toHaveLength(2);
    // The later case first.
    expect(results.outcomes.map((o) => o.categoryName)).toEqual(['环境卫生', '道路交通']);
    expect(results.outcomes[0]).toMatchObject({
      month: '2026-10',
      monthLabel: '2026年10月',
      outcome: 'solved',
      outcomeLabel: '已解决或采纳',
    });
    // The station's page shows the same cases: they were raised with its deputy.
    expect((await shown('s=S0001')).outcomes).toEqual(results.outcomes);
    // Another deputy's page shows none of them.
    expect((await shown('d=D00003')).outcomes).toEqual([]);
  });

  it('masks names, phone numbers, house numbers and ID numbers, and shows no photo', async () => {
    const [outcome] = (await shown()).outcomes;
    const text = JSON.stringify(outcome);
    for (const secret of ['张建华', '王阿姨', '李先生', PHONE, LANDLINE, ID_NUMBER, '501', '3号楼', '2单元'])
      expect(text).not.toContain(secret);
    expect(outcome.summary).toMatch(/^我叫某某，住\*号楼\*单元\*室，楼道灯坏了一个月，某阿姨晚上摔了一跤/);
    expect(outcome.answer).toContain('已请物业更换楼道灯');
    expect(outcome.answer).toContain('某先生');
    expect(Object.keys(outcome).sort()).toEqual(
      ['answer', 'categoryName', 'month', 'monthLabel', 'outcome', 'outcomeLabel', 'summary'].sort(),
    );
  });
});

describe('the resident’s consent', () => {
  it('is stored with the case, false unless given, and shown to its resident', async () => {
    expect(stored(cases.agreed).publishConsent).toBe(true);
    expect(stored(cases.silent).publishConsent ?? false).toBe(false);
    const detail = await product.ok('o-pub-agreed', 'resident', 'caseDetail', { caseId: cases.agreed });
    expect(detail.publishConsent).toBe(true);
    const silent = await product.ok('o-pub-silent', 'resident', 'caseDetail', { caseId: cases.silent });
    expect(silent.publishConsent).toBe(false);
  });

  it('can be withdrawn, which takes the outcome off the page at once, and given again', async () => {
    const before = (await shown()).outcomes.length;
    const withdrawn = await product.ok('o-pub-later', 'resident', 'setPublishConsent', {
      caseId: cases.later,
      consent: false,
    });
    expect(withdrawn).toMatchObject({ id: cases.later, publishConsent: false });
    expect((await shown()).outcomes).toHaveLength(before - 1);
    // Asked again (a retry): nothing changes.
    await product.ok('o-pub-later', 'resident', 'setPublishConsent', { caseId: cases.later, consent: false });
    expect((await shown()).outcomes).toHaveLength(before - 1);

    // The resident who never agreed may agree after all.
    await product.ok('o-pub-silent', 'resident', 'setPublishConsent', {
      caseId: cases.silent,
      consent: true,
    });
    expect((await shown()).outcomes).toHaveLength(before);
    await product.ok('o-pub-silent', 'resident', 'setPublishConsent', {
      caseId: cases.silent,
      consent: false,
    });
  });

  it('is only the resident’s own to give, and must be yes or no', async () => {
    expect(
      await product.call('o-pub-silent', 'resident', 'setPublishConsent', {
        caseId: cases.agreed,
        consent: false,
      }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(
      await product.call('o-pub-agreed', 'resident', 'setPublishConsent', {
        caseId: cases.agreed,
        consent: 'yes',
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { consent: expect.any(String) } });
    expect(
      await product.call(
        'o-pub-x',
        'resident',
        'submit',
        submission({ publishConsent: 'yes' as unknown as boolean }),
      ),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { publishConsent: expect.any(String) } });
  });

  it('never publishes a case whose personal data its resident had erased', async () => {
    const agreed = (await shown()).outcomes.length;
    await product.ok('o-pub-agreed', 'resident', 'eraseMyData', { clientRequestId: rid() });
    expect(stored(cases.agreed).redaction).toBeTruthy();
    expect(stored(cases.agreed).publishConsent).toBe(false);
    expect((await shown()).outcomes).toHaveLength(agreed - 1);
  });
});
