import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import type { EnterCaseInput } from '../../miniprogram/core/api';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/** 代表录入 and 常用语 on the real stack: what a deputy heard becomes a case they accept at once. */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-11-10T10:00:00+08:00' } });
});
afterAll(() => product.close());

const stored = (id: string) => product.stack.store.getById('cases', id) as unknown as CaseDoc;
let n = 0;
const entry = (overrides: Partial<EnterCaseInput> = {}): EnterCaseInput => ({
  source: 'phone',
  kind: 'help',
  category: 'utilities',
  description: '老人来电：楼道灯坏了一个月，晚上上下楼看不清',
  contactName: '蒋老伯',
  phone: '0591-87654321',
  clientRequestId: `entry-${++n}-abcdefgh`,
  ...overrides,
});

describe('deputy.enterCase', () => {
  it('enters what the deputy heard as a case of channel 代表录入, accepted at once with its deadline running', async () => {
    const result = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'enterCase', entry());
    expect(result).toMatchObject({ status: 'accepted', replayed: false });
    expect(result.caseNo).toMatch(/^\d{8}-\d{4}-\d{4}$/);

    const doc = stored(result.caseId);
    expect(doc).toMatchObject({
      channel: 'deputy_entry',
      deputyId: 'deputy-lin',
      stationId: 'station-gulou-home',
      openid: '',
      contactName: '蒋老伯',
      phone: '0591-87654321',
      unreadByDeputy: false,
    });
    expect(doc.dueAt).toEqual(expect.any(Number));

    const detail = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId: result.caseId });
    expect(detail.timeline.map((t) => [t.type, t.actorName, t.note])).toEqual([
      ['submitted', '林晓红', '代表录入（电话）'],
      ['accepted', '林晓红', null],
    ]);
    expect(detail).toMatchObject({ contactName: '蒋老伯', phone: '0591-87654321', channel: 'deputy_entry' });

    const inbox = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab: 'in_progress' });
    expect(inbox.items.map((i) => i.id)).toContain(result.caseId);
    expect(inbox.items.find((i) => i.id === result.caseId)).toMatchObject({
      unread: false,
      submitter: '蒋老伯',
    });
  });

  it('enters a case without the resident’s name or phone, heard in person, with the place picked on the map', async () => {
    const result = await product.ok(
      DEV_DEPUTY_OPENID,
      'deputy',
      'enterCase',
      entry({
        source: 'in_person',
        contactName: null,
        phone: null,
        location: { latitude: 26.08, longitude: 119.3, name: '南后街公交站' },
      }),
    );
    const detail = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId: result.caseId });
    expect(detail).toMatchObject({ contactName: null, phone: null, location: { name: '南后街公交站' } });
    expect(detail.timeline[0].note).toBe('代表录入（当面）');
  });

  it('stores one case however often the same entry is sent, one after another or at once', async () => {
    const once = entry();
    const first = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'enterCase', once);
    const again = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'enterCase', once);
    expect(again).toEqual({ ...first, replayed: true });

    const together = entry();
    const copies = await Promise.all(
      [1, 2, 3].map(() => product.ok(DEV_DEPUTY_OPENID, 'deputy', 'enterCase', together)),
    );
    expect(new Set(copies.map((c) => c.caseId)).size).toBe(1);
    const doc = stored(copies[0].caseId);
    expect(doc.events.map((e) => e.type)).toEqual(['submitted', 'accepted']);
    const same = product.stack.store.find('cases', {
      channel: 'deputy_entry',
      clientRequestId: `deputy-lin-${together.clientRequestId}`,
    }).length;
    expect(same).toBe(1);
  });

  it('refuses an incomplete entry with a message beside each field', async () => {
    const result = await product.call(DEV_DEPUTY_OPENID, 'deputy', 'enterCase', {
      ...entry(),
      source: 'letter',
      description: '灯坏',
      phone: '12345',
      category: 'no_such_category',
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: {
        source: '请选择来源：当面或电话',
        description: expect.stringContaining('至少 5 个字'),
        phone: expect.stringContaining('手机号'),
      },
    });
    expect(
      await product.call(DEV_DEPUTY_OPENID, 'deputy', 'enterCase', entry({ category: 'nope' })),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { category: '请选择问题分类' } });
  });

  it('takes only the deputy’s own photos', async () => {
    const mine = await product.uploadPhoto(DEV_DEPUTY_OPENID, 'entry-light');
    const theirs = await product.uploadPhoto('o-someone', 'not-mine');
    expect(
      await product.call(DEV_DEPUTY_OPENID, 'deputy', 'enterCase', entry({ photos: [theirs] })),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { photos: '只能使用您本人上传的照片' } });
    const result = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'enterCase', entry({ photos: [mine] }));
    const [photo] = stored(result.caseId).photos;
    expect(photo.fileID).toContain(`cases/${result.caseId}/`);
  });

  it('is for bound deputies only: a resident or the office is refused', async () => {
    for (const openid of ['o-resident-entry', DEV_OFFICE_OPENID])
      expect(await product.call(openid, 'deputy', 'enterCase', entry())).toMatchObject({
        ok: false,
        code: 'AUTH.FORBIDDEN',
      });
  });

  it('counts in the figures by channel, beside the cases residents sent', async () => {
    const november = { from: '2026-11-01', to: '2026-11-30' };
    const before = await product.ok(DEV_OFFICE_OPENID, 'office', 'figures', {
      ...november,
      groupBy: 'channel',
    });
    const row = (view: typeof before, key: string) =>
      view.groups.find((g) => g.key === key)?.figures.accepted ?? 0;
    await product.ok('o-resident-fig', 'resident', 'submit', submission());
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'enterCase', entry());
    const after = await product.ok(DEV_OFFICE_OPENID, 'office', 'figures', {
      ...november,
      groupBy: 'channel',
    });
    expect(row(after, 'deputy_entry')).toBe(row(before, 'deputy_entry') + 1);
    expect(row(after, 'deputy_code')).toBe(row(before, 'deputy_code') + 1);
    expect(after.groups.find((g) => g.key === 'deputy_entry')?.name).toBe('代表录入');

    const own = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'figures', {
      ...november,
      channel: 'deputy_entry',
    });
    expect(own.total.accepted).toBe(row(after, 'deputy_entry'));
    expect(own.total.inProgress).toBe(own.total.accepted);
  });
});

describe('deputy.replyPhrases', () => {
  it('gives every deputy the default phrases and keeps their own, replaced as a whole', async () => {
    const first = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'replyPhrases', {});
    expect(first.defaults.length).toBeGreaterThanOrEqual(3);
    expect(first.own).toEqual([]);

    const mine = [
      '已转交街道办，三日内给您回电。',
      '  周末我到现场看一看。 ',
      '已转交街道办，三日内给您回电。',
    ];
    const saved = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'saveReplyPhrases', { phrases: mine });
    expect(saved.own).toEqual(['已转交街道办，三日内给您回电。', '周末我到现场看一看。']);
    // Sent again (a retry), the list is the same, not doubled.
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'saveReplyPhrases', { phrases: mine });
    expect((await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'replyPhrases', {})).own).toEqual(saved.own);
  });

  it('refuses a phrase too long or too many, and anyone who is not a deputy', async () => {
    expect(
      await product.call(DEV_DEPUTY_OPENID, 'deputy', 'saveReplyPhrases', {
        phrases: ['好', '谢谢您的反映'],
      }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { 'phrases.0': expect.stringContaining('2–100') },
    });
    expect(
      await product.call(DEV_DEPUTY_OPENID, 'deputy', 'saveReplyPhrases', {
        phrases: Array.from({ length: 21 }, (_, i) => `常用语第${i}条`),
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { phrases: expect.stringContaining('20') } });
    expect(await product.call('o-resident-phrases', 'deputy', 'replyPhrases', {})).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});
