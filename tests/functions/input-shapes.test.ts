import type { CaseDoc, DeputyDoc, VisitDoc } from '../../cloudfunctions/_lib/platform';
import { chinaDate } from '../../miniprogram/core/china-time';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { postJson } from '../helpers/local-stack';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * What an attacker (or a broken client) sends that a form never would: bodies that are not objects,
 * fields of the wrong type, and invisible control and bidirectional characters in free text. Each is
 * answered with a clear error, or the text is stored clean — never a crash, never a silent drop.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

let seq = 0;
const rid = () => `shapes-${++seq}-abcdef`;
const stored = (id: string) => product.stack.store.getById('cases', id) as unknown as CaseDoc;

/** Characters the rule removes (docs/decisions/0014-free-text.md). */
const NASTY =
  '\u0000\u0007\u001b\u007f\u0086\u009f\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('/wx/callFunction bodies that are not an object', () => {
  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"resident"'],
    ['a number', '42'],
    ['data that is a number', JSON.stringify({ name: 'resident', data: 7 })],
  ])('answers 400 with a message for %s, never 500', async (_what, body) => {
    const answer = await postJson(`${product.stack.url}/wx/callFunction`, body, {
      'X-WX-OPENID': 'o-shapes',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      errCode: expect.any(Number),
      errMsg: expect.stringMatching(/object/),
    });
  });

  it('the admin API answers INVALID_PARAM to a body that is not an object, never 500', async () => {
    const answer = await postJson(`${product.stack.url}/admin`, 'null', {
      authorization: 'TC3-HMAC-SHA256 any',
    });
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).toMatchObject({ code: 'INVALID_PARAM' });
  });

  it('answers INPUT.INVALID when an action is given data that is not an object', async () => {
    const res = await postJson(
      `${product.stack.url}/wx/callFunction`,
      { name: 'resident', data: { action: 'me', data: ['x'] } },
      { 'X-WX-OPENID': 'o-shapes' },
    );
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });
});

describe('fields of the wrong type are refused with a field error, never dropped', () => {
  it.each([
    ['phone', { phone: 13812345678 }],
    ['contactName', { contactName: 42 }],
    ['anonymous', { anonymous: 'yes' }],
    ['location', { location: { latitude: 26.08, longitude: 119.3, name: 5 } }],
    ['description', { description: ['小区门口的路灯坏了两个星期'] }],
  ])('resident.submit: %s', async (field, overrides) => {
    const result = await product.call('o-shapes', 'resident', 'submit', {
      ...submission(),
      ...overrides,
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { [field]: expect.any(String) },
    });
  });

  it('a rating comment, a casework note and a deputy’s title', async () => {
    const { caseId } = await product.ok('o-shapes', 'resident', 'submit', submission());
    expect(
      await product.call(DEV_DEPUTY_OPENID, 'casework', 'act', {
        caseId,
        action: 'accept',
        note: { text: '受理' },
        clientRequestId: rid(),
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { note: expect.any(String) } });
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId,
      content: '已处理。',
      clientRequestId: rid(),
    });
    expect(
      await product.call('o-shapes', 'resident', 'rate', {
        caseId,
        rating: 'satisfied',
        comment: 5,
        clientRequestId: rid(),
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { comment: expect.any(String) } });
    expect(stored(caseId).status).toBe('answered');
    expect(
      await product.call(DEV_OFFICE_OPENID, 'office', 'save', {
        kind: 'deputy',
        fields: {
          name: '类型甲',
          level: 'county',
          stationId: 'station-dongjie',
          title: 42,
          phone: 13800000000,
        },
        clientRequestId: rid(),
      }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { title: expect.any(String), phone: expect.any(String) },
    });
  });

  it('a visitor’s phone sent as a number', async () => {
    const result = await product.call(DEV_STAFF_OPENID, 'station', 'registerVisitor', {
      date: chinaDate(product.now()),
      receivedBy: 'deputy-lin',
      visitorName: '王阿姨',
      anonymous: false,
      phone: 13900001111,
      items: [{ kind: 'help', category: 'elderly', description: '小区老年食堂停办了，希望恢复。' }],
      answeredOnSpot: false,
      clientRequestId: rid(),
    });
    expect(result).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { phone: expect.any(String) } });
  });
});

describe('control and bidirectional characters in free text', () => {
  it('are removed from what a resident types; line breaks in the description stay', async () => {
    const { caseId } = await product.ok(
      'o-shapes',
      'resident',
      'submit',
      submission({
        description: `小区门口的${NASTY}路灯坏了\r\n两个星期\u202e，希望尽快修复。`,
        contactName: `\u202e张${NASTY}先生`,
        location: {
          latitude: 26.08,
          longitude: 119.3,
          name: `三坊${NASTY}七巷`,
          address: `南后街\u0000 12 号`,
        },
      }),
    );
    const doc = stored(caseId);
    expect(doc.description).toBe('小区门口的路灯坏了\n两个星期，希望尽快修复。');
    expect(doc.contactName).toBe('张先生');
    expect(doc.location).toMatchObject({ name: '三坊七巷', address: '南后街 12 号' });
    expect(doc.events[0].actor.name).toBe('张先生');
  });

  it('are removed from replies, notes, rating comments, directory records and visitor entries', async () => {
    const { caseId } = await product.ok('o-shapes-2', 'resident', 'submit', submission());
    await product.ok(DEV_DEPUTY_OPENID, 'casework', 'act', {
      caseId,
      action: 'decline',
      note: `此事\u202e不属于${NASTY}人大代表的职责范围，\n请向物业反映。`,
      clientRequestId: rid(),
    });
    const { caseId: second } = await product.ok('o-shapes-2', 'resident', 'submit', submission());
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId: second,
      content: `已\u0000联系\u202e街道`,
      clientRequestId: rid(),
    });
    await product.ok('o-shapes-2', 'resident', 'rate', {
      caseId: second,
      rating: 'basically_satisfied',
      comment: `还\u2066行${NASTY}`,
      clientRequestId: rid(),
    });
    expect(stored(caseId).events.at(-1)?.note).toBe('此事不属于人大代表的职责范围，\n请向物业反映。');
    expect(
      stored(second)
        .events.map((e) => e.note)
        .slice(1),
    ).toEqual(['已联系街道', '还行']);

    const entry = await product.ok(DEV_OFFICE_OPENID, 'office', 'save', {
      kind: 'deputy',
      fields: {
        name: `\u202e赵${NASTY}六`,
        level: 'county',
        stationId: 'station-dongjie',
        title: '区人大代表\u0007',
      },
      clientRequestId: rid(),
    });
    const deputy = product.stack.store.getById('deputies', entry.id) as unknown as DeputyDoc;
    expect([deputy.name, deputy.title]).toEqual(['赵六', '区人大代表']);

    const visit = await product.ok(DEV_STAFF_OPENID, 'station', 'registerVisitor', {
      date: chinaDate(product.now()),
      receivedBy: 'deputy-lin',
      visitorName: `王${NASTY}阿姨`,
      anonymous: false,
      answeredOnSpot: true,
      answer: `已当场\u202e解答`,
      items: [{ kind: 'help', category: 'elderly', description: `老年食堂${NASTY}停办了，希望恢复。` }],
      clientRequestId: rid(),
    });
    const log = product.stack.store.getById('visitors', visit.visitId) as unknown as VisitDoc;
    expect(JSON.stringify(log)).not.toMatch(INVISIBLE);
    expect(stored(visit.cases[0].caseId).description).toBe('老年食堂停办了，希望恢复。');
  });
});
