import { TEMPLATES } from '../../miniprogram/core/notifications';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import type { ActInput, InboxTab } from '../../miniprogram/core/api';
import { DEV_DEPUTY_OPENID } from '../../stack/seed';
import { decodeQr } from '../helpers/zbar';
import { startProduct, submission } from '../helpers/project-stack';

/** The deputy's side on the real stack: inbox, detail, reply, the resident told, the code. */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

const stored = (id: string) => product.stack.store.getById('cases', id) as unknown as CaseDoc;

describe('inbox', () => {
  it('shows the deputy the cases addressed to them, with counts, masked phones and anonymity kept', async () => {
    const named = await product.ok('o-r1', 'resident', 'submit', submission());
    const anonymous = await product.ok(
      'o-r2',
      'resident',
      'submit',
      submission({
        anonymous: true,
        phone: null,
        contactName: null,
        description: '匿名反映：夜里施工噪音太大',
      }),
    );
    await product.ok(
      'o-r3',
      'resident',
      'submit',
      submission({ target: { type: 'deputy', code: 'D00002' } }),
    );

    const inbox = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab: 'new' });
    expect(inbox.items.map((i) => i.id)).toEqual([anonymous.caseId, named.caseId]);
    expect(inbox.counts).toEqual({ new: 2, in_progress: 0, overdue: 0, awaiting_rating: 0, done: 0, all: 2 });
    expect(inbox.unread).toBe(2);
    expect(inbox.items[1]).toMatchObject({
      submitter: '张先生',
      phoneMasked: '138****5678',
      placeName: '三坊七巷南门',
    });
    expect(inbox.items[0]).toMatchObject({ submitter: '匿名群众', phoneMasked: null });
    expect(JSON.stringify(inbox)).not.toContain('o-r2');

    const detail = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId: anonymous.caseId });
    expect(detail).toMatchObject({
      anonymous: true,
      contactName: null,
      phone: null,
      timeline: [{ actorName: '匿名群众' }],
    });
    expect((await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', {})).unread).toBe(1);
  });

  it('files each case under its tab (new, in progress, overdue, awaiting rating, done) and counts them all', async () => {
    let n = 0;
    const rid = () => `inbox-tabs-${++n}-abcdef`;
    const act = async (input: Omit<ActInput, 'clientRequestId'>) => {
      const result = await product.call(DEV_DEPUTY_OPENID, 'casework', 'act', {
        ...input,
        clientRequestId: rid(),
      });
      if (!result.ok) throw new Error(`${input.action}: ${result.code} ${result.message}`);
    };
    const submit = async (resident: string) =>
      (await product.ok(resident, 'resident', 'submit', submission())).caseId;
    const answered = async (resident: string) => {
      const caseId = await submit(resident);
      await act({ caseId, action: 'accept' });
      await act({ caseId, action: 'reply', note: '已协调有关部门处理，感谢反映。' });
      return caseId;
    };
    const rate = (resident: string, caseId: string, rating: 'satisfied' | 'unsatisfied') =>
      product.ok(resident, 'resident', 'rate', { caseId, rating, clientRequestId: rid() });
    const inbox = (tab: InboxTab, extra: { cursor?: string | null; limit?: number } = {}) =>
      product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab, ...extra });
    const before = (await inbox('all')).counts;

    const fresh = await submit('o-tab-new');
    const accepted = await submit('o-tab-accepted');
    await act({ caseId: accepted, action: 'accept' });
    const late = await submit('o-tab-late');
    await act({ caseId: late, action: 'accept' });
    product.stack.store.update(
      'cases',
      { _id: late },
      { $set: { dueAt: Date.now() - 24 * 3600_000 } },
      { multi: false, upsert: false, merge: true },
    );
    const waiting = await answered('o-tab-waiting');
    const unsatisfied = await answered('o-tab-unsatisfied');
    await rate('o-tab-unsatisfied', unsatisfied, 'unsatisfied');
    const closed = await answered('o-tab-closed');
    await rate('o-tab-closed', closed, 'satisfied');
    const declined = await submit('o-tab-declined');
    await act({ caseId: declined, action: 'decline', note: '此事不属于人大代表职责范围，建议向法院咨询。' });

    const after = (await inbox('all')).counts;
    const added = Object.fromEntries(
      Object.entries(after).map(([tab, count]) => [tab, count - before[tab as InboxTab]]),
    );
    // The tabs are views, not a partition: the overdue case is also in progress.
    expect(added).toEqual({ new: 1, in_progress: 3, overdue: 1, awaiting_rating: 1, done: 2, all: 7 });

    const ids = async (tab: InboxTab) => (await inbox(tab)).items.map((i) => i.id);
    expect(await ids('new')).toContain(fresh);
    expect(await ids('in_progress')).toEqual(expect.arrayContaining([accepted, late, unsatisfied]));
    expect(await ids('overdue')).toEqual([late]);
    expect(await ids('awaiting_rating')).toEqual([waiting]);
    expect(await ids('done')).toEqual(expect.arrayContaining([closed, declined]));
    for (const tab of ['new', 'overdue', 'awaiting_rating', 'done'] as InboxTab[])
      expect(await ids(tab)).not.toContain(accepted);
    expect(await ids('new')).not.toContain(unsatisfied);
    expect(await ids('awaiting_rating')).not.toContain(unsatisfied);

    // Paging a tab of two kinds of case (in progress, and answered but unsatisfied) keeps its order.
    const first = await inbox('in_progress', { limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual([unsatisfied, late]);
    const second = await inbox('in_progress', { cursor: first.nextCursor, limit: 2 });
    expect(second.items.map((i) => i.id)[0]).toBe(accepted);

    // Without a tab, the inbox opens on the new cases.
    expect((await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', {})).items.map((i) => i.id)).toContain(
      fresh,
    );
    // A phone still on the first inbox asks for `open` and `answered`: it gets their successors.
    const old = async (tab: string) =>
      (await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab })).items.map((i) => i.id);
    expect(await old('open')).toEqual(await ids('new'));
    expect(await old('open')).toContain(fresh);
    expect(await old('answered')).toEqual([waiting]);
  });

  it('refuses a tab it does not have, saying so beside the tab', async () => {
    for (const tab of ['closed', 'NEW', 7, { $ne: null }]) {
      const res = await product.call(DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab });
      expect(res).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { tab: expect.any(String) } });
      expect((res as { message: string }).message).toMatch(/分类/);
    }
  });

  it("refuses anyone who is not a bound deputy, and hides other deputies' cases", async () => {
    expect(await product.call('o-r1', 'deputy', 'inbox', {})).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    const other = await product.ok(
      'o-r4',
      'resident',
      'submit',
      submission({ target: { type: 'deputy', code: 'D00003' } }),
    );
    expect(
      await product.call(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId: other.caseId }),
    ).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(
      await product.call(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
        caseId: other.caseId,
        content: '已收到',
        clientRequestId: 'reply-other-1',
      }),
    ).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });
});

describe('reply', () => {
  it('answers the resident, who sees it in the timeline and is told', async () => {
    await product.grantConsent('o-reply', TEMPLATES.caseUpdated.id);
    const { caseId, caseNo } = await product.ok('o-reply', 'resident', 'submit', submission());
    const view = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId,
      content: '已联系街道城管科，路灯本周内修复，请留意。',
      clientRequestId: 'reply-abc-00001',
    });
    expect(view).toMatchObject({ status: 'answered', statusLabel: '已答复' });
    expect(view.timeline.map((t) => t.label)).toEqual(['提交诉求', '代表答复']);

    const resident = await product.ok('o-reply', 'resident', 'caseDetail', { caseId });
    expect(resident.timeline[1]).toMatchObject({
      actorName: '林晓红',
      note: '已联系街道城管科，路灯本周内修复，请留意。',
      status: 'answered',
    });
    const told = (await product.wxCalls('subscribeMessage.send')).filter(
      (c) => c.request.touser === 'o-reply',
    );
    expect(told).toEqual([expect.objectContaining({ errcode: 0 })]);
    expect(told[0].request.data).toMatchObject({
      character_string1: { value: caseNo },
      phrase2: { value: '已答复' },
    });
    expect((await product.ok('o-reply', 'resident', 'myCases', {})).items[0]).toMatchObject({
      status: 'answered',
    });
  });

  it('does not duplicate a retried reply', async () => {
    const { caseId } = await product.ok('o-dup', 'resident', 'submit', submission());
    const reply = { caseId, content: '收到，正在协调。', clientRequestId: 'reply-dup-00001' };
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', reply);
    const again = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', reply);
    expect(again.timeline).toHaveLength(2);
    expect(stored(caseId).events).toHaveLength(2);
    expect(stored(caseId).outbox.filter((j) => j.template === 'caseUpdated')).toHaveLength(1);
  });

  it('lets exactly one of two simultaneous writers win, and tells the other to refresh', async () => {
    const { caseId } = await product.ok('o-race', 'resident', 'submit', submission());
    const results = await Promise.all(
      ['reply-race-0001', 'reply-race-0002'].map((clientRequestId) =>
        product.call(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
          caseId,
          content: `答复 ${clientRequestId}`,
          clientRequestId,
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('刷新') }),
    ]);
    expect(stored(caseId)).toMatchObject({ version: 2, status: 'answered' });
    expect(stored(caseId).events).toHaveLength(2);
  });

  it('refuses an empty reply with a message beside the field', async () => {
    const { caseId } = await product.ok('o-empty', 'resident', 'submit', submission());
    expect(
      await product.call(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
        caseId,
        content: ' ',
        clientRequestId: 'reply-empty-01',
      }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { content: expect.stringContaining('请填写答复内容') },
    });
  });
});

describe('outbox', () => {
  it('retries a failed notification with backoff, and never sends one twice', async () => {
    await product.grantConsent(DEV_DEPUTY_OPENID, TEMPLATES.caseReceived.id);
    await product.grantConsent(DEV_DEPUTY_OPENID, TEMPLATES.caseReceived.id);
    await fetch(`${product.stack.url}/local/wx-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api: 'subscribeMessage.send', errcode: -1, times: 1 }),
    });
    const { caseId } = await product.ok('o-outbox', 'resident', 'submit', submission());
    expect(stored(caseId).outbox[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('-1'),
    });

    const sweep = async (at: number) =>
      (await product.admin.callFunction({ name: 'timers', data: { action: 'outbox', now: at } })).result;
    // Not yet due: the first retry waits a minute.
    expect(await sweep(Date.now())).toMatchObject({ ok: true, data: { sent: 0 } });
    expect(await sweep(Date.now() + 2 * 60_000)).toMatchObject({ ok: true, data: { sent: 1 } });
    expect(stored(caseId).outbox[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(stored(caseId).outboxDueAt).toBeNull();
    expect(await sweep(Date.now() + 60 * 60_000)).toMatchObject({ ok: true, data: { sent: 0 } });
    const sends = (await product.wxCalls('subscribeMessage.send')).filter((c) =>
      String(c.request.page).includes(caseId),
    );
    expect(sends.map((c) => c.errcode)).toEqual([-1, 0]);
  });

  it('marks a claim that was never settled as unknown instead of sending again', async () => {
    const { caseId } = await product.ok('o-lease', 'resident', 'submit', submission());
    // As if the sweep's retry had died between claiming and settling (an attempt was made before).
    product.stack.store.update(
      'cases',
      { _id: caseId },
      {
        $set: {
          'outbox.0.status': 'sending',
          'outbox.0.attempts': 1,
          'outbox.0.claimedAt': Date.now(),
          outboxDueAt: Date.now(),
        },
      },
      { multi: false, upsert: false, merge: true },
    );
    const sendsFor = async () =>
      (await product.wxCalls('subscribeMessage.send')).filter((c) => String(c.request.page).includes(caseId))
        .length;
    const before = await sendsFor();
    const { result } = await product.admin.callFunction({
      name: 'timers',
      data: { action: 'outbox', now: Date.now() + 10 * 60_000 },
    });
    expect(result).toMatchObject({ ok: true });
    expect(stored(caseId).outbox[0]).toMatchObject({ status: 'unknown' });
    expect(await sendsFor()).toBe(before);
  });

  it('cannot be run by a mini-program user', async () => {
    const res = await product.call('o-r1', 'timers' as never, 'outbox' as never, {});
    expect(res).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });
});

describe('my code', () => {
  it('gives the deputy a printable code that opens their page, and a mini-program code', async () => {
    const view = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'myCode', {});
    expect(view).toMatchObject({ code: 'D00001', name: '林晓红', scene: 'd=D00001' });
    const png = Buffer.from(await (await fetch(view.qrImageUrl)).arrayBuffer());
    expect(decodeQr(png)).toBe(view.url);
    const wxacode = Buffer.from(await (await fetch(view.wxacodeImageUrl!)).arrayBuffer());
    expect(decodeQr(wxacode)).toBe('wxacode:pages/landing/index?scene=d%3DD00001');
  });
});
