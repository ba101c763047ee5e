import type { RetentionRun } from '../../miniprogram/core/api';
import { chinaDate } from '../../miniprogram/core/china-time';
import type { Result } from '../../miniprogram/core/result';
import type { CaseDoc, VisitDoc } from '../../cloudfunctions/_lib/platform';
import { sweepRetention } from '../../cloudfunctions/_lib/privacy';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * Personal data on the real stack: the office's retention period, the daily timer that removes a
 * finished case's personal data when it runs out (found by moving the stack's clock), and a
 * resident who looks at what is held about them and asks for it to be deleted. The clock starts
 * on Monday 20 April 2026.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-04-20T10:00:00+08:00', frozen: true } });
});
afterAll(() => product.close());

let seq = 0;
const rid = () => `pv-${Date.now().toString(36)}-${++seq}`;
const stored = (id: string) => product.stack.store.getById('cases', id) as unknown as CaseDoc;

/** Fires the timer trigger declared in cloudbaserc.json, as CloudBase would at 03:30. */
async function retentionTimer(): Promise<RetentionRun & { retentionDays: number }> {
  const res = await fetch(`${product.stack.url}/local/timers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ function: 'timers', trigger: 'retention' }),
  });
  const { result } = (await res.json()) as { result: Result<RetentionRun & { retentionDays: number }> };
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

/** A case submitted by `openid` with two photos, a location, a name and a phone, answered and rated. */
async function finishedCase(openid: string, comment = '路灯修好了，谢谢林代表') {
  const photos = [
    await product.uploadPhoto(openid, `p-${++seq}`),
    await product.uploadPhoto(openid, `q-${seq}`),
  ];
  const { caseId } = await product.ok(
    openid,
    'resident',
    'submit',
    submission({
      photos,
      locationConsent: true,
      location: { latitude: 26.08, longitude: 119.3, name: '东街口' },
    }),
  );
  await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
    caseId,
    content: '已联系路灯所，本周内修复。',
    clientRequestId: rid(),
  });
  await product.ok(openid, 'resident', 'rate', {
    caseId,
    rating: 'satisfied',
    comment,
    clientRequestId: rid(),
  });
  return { caseId, photos };
}

async function fileExists(fileID: string): Promise<boolean> {
  const { fileList } = await product.admin.getTempFileURL({ fileList: [fileID] });
  return fileList[0].code === 'SUCCESS';
}

const record = async (year = 2026) => product.ok(DEV_DEPUTY_OPENID, 'deputy', 'record', { year });

describe('the retention period', () => {
  it('removes a finished case’s personal data once the period runs out, keeping what the ledgers count', async () => {
    const { caseId, photos } = await finishedCase('o-keep');
    const open = await product.ok('o-keep', 'resident', 'submit', submission());
    const before = stored(caseId);
    const recordBefore = await record();

    expect(await retentionTimer()).toMatchObject({ cases: 0, photos: 0, retentionDays: 180 });
    product.advance('P179D');
    expect((await retentionTimer()).cases).toBe(0);
    expect(stored(caseId)).toMatchObject({ phone: '13812345678', contactName: '张先生', openid: 'o-keep' });

    product.advance('P2D');
    const run = await retentionTimer();
    expect(run).toMatchObject({ cases: 1, photos: 2, failed: 0, more: false });

    const after = stored(caseId);
    expect(after).toMatchObject({
      contactName: null,
      phone: null,
      location: null,
      photos: [],
      openid: '',
      redaction: {
        reason: 'retention',
        removed: ['contactName', 'phone', 'location', 'photos', 'ratingComment', 'openid'],
        photos: 2,
      },
    });
    // What the figures and ledgers read is as it was.
    for (const field of [
      'caseNo',
      'kind',
      'category',
      'description',
      'deputyId',
      'stationId',
      'status',
    ] as const)
      expect(after[field]).toEqual(before[field]);
    expect(after.rating).toBe('satisfied');
    expect(after.events.map((e) => [e.type, e.actor.role, e.at])).toEqual(
      before.events.map((e) => [e.type, e.actor.role, e.at]),
    );
    // Nobody can be told from the timeline: the resident is 群众, and what they wrote with the rating is gone.
    const residentEvents = after.events.filter((e) => e.actor.role === 'resident');
    expect(residentEvents).toHaveLength(2);
    for (const e of residentEvents) expect(e).toMatchObject({ actor: { id: '', name: '群众' }, note: null });
    expect(JSON.stringify(after)).not.toContain('o-keep');
    expect(JSON.stringify(after)).not.toContain('路灯修好了');
    expect(after.events.find((e) => e.type === 'replied')?.note).toBe('已联系路灯所，本周内修复。');

    for (const fileID of photos) expect(await fileExists(fileID)).toBe(false);
    expect(await record()).toMatchObject({
      received: recordBefore.received,
      answered: recordBefore.answered,
      satisfied: recordBefore.satisfied,
    });
    // The case has left the resident's list; the open one is untouched.
    const mine = await product.ok('o-keep', 'resident', 'myCases', {});
    expect(mine.items.map((i) => i.id)).toEqual([open.caseId]);
    expect(stored(open.caseId)).toMatchObject({ phone: '13812345678', openid: 'o-keep' });
    expect(stored(open.caseId).redaction).toBeUndefined();

    // Running again removes nothing more.
    expect(await retentionTimer()).toMatchObject({ cases: 0, photos: 0 });
  });

  it('follows the period the office sets, within its bounds, and shows the last run', async () => {
    const { caseId } = await finishedCase('o-short');
    expect(await product.call('o-short', 'office', 'setRetention', { closedCaseDays: 30 })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    for (const closedCaseDays of [29, 1096, 45.5, '三十'])
      expect(
        await product.call(DEV_OFFICE_OPENID, 'office', 'setRetention', { closedCaseDays }),
      ).toMatchObject({
        ok: false,
        code: 'INPUT.INVALID',
        fields: { closedCaseDays: '请填写 30 到 1095 之间的整数天数' },
      });
    const set = await product.ok(DEV_OFFICE_OPENID, 'office', 'setRetention', { closedCaseDays: 30 });
    expect(set).toMatchObject({ closedCaseDays: 30, minDays: 30, maxDays: 1095, updatedAt: product.now() });

    product.advance('P29D');
    expect((await retentionTimer()).cases).toBe(0);
    product.advance('P2D');
    expect(await retentionTimer()).toMatchObject({ cases: 1, retentionDays: 30 });
    expect(stored(caseId).redaction).toMatchObject({ reason: 'retention' });

    const view = await product.ok(DEV_OFFICE_OPENID, 'admin', 'retention', {});
    expect(view).toMatchObject({ closedCaseDays: 30, lastRun: { at: product.now(), cases: 1, photos: 2 } });
    await product.ok(DEV_OFFICE_OPENID, 'office', 'setRetention', { closedCaseDays: 180 });
  });

  it('takes a bounded batch per run and says when more is due; the next run goes on', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await finishedCase(`o-batch-${i}`)).caseId);
    product.advance('P181D');
    const ctx = { app: product.admin, db: product.admin.database(), now: product.now() };
    expect(await sweepRetention(ctx, 2)).toMatchObject({ cases: 2, photos: 4, more: true });
    expect(await sweepRetention(ctx, 2)).toMatchObject({ cases: 1, photos: 2, more: false });
    for (const id of ids) expect(stored(id).redaction).toMatchObject({ reason: 'retention' });
  });

  it('removes the visitor’s name and phone from the visitor log after the period', async () => {
    const visit = await product.ok(DEV_STAFF_OPENID, 'station', 'registerVisitor', {
      date: chinaDate(product.now()),
      receivedBy: 'deputy-lin',
      visitorName: '王阿姨',
      anonymous: false,
      phone: '13900001111',
      items: [],
      answeredOnSpot: true,
      answer: '已当场解释医保异地备案的办理流程。',
      clientRequestId: rid(),
    });
    const visitor = () => product.stack.store.getById('visitors', visit.visitId) as unknown as VisitDoc;
    await retentionTimer();
    expect(visitor()).toMatchObject({ visitorName: '王阿姨', phone: '13900001111' });

    product.advance('P181D');
    expect((await retentionTimer()).visits).toBeGreaterThanOrEqual(1);
    expect(visitor()).toMatchObject({ visitorName: null, phone: null, answeredOnSpot: true });
  });
});

describe('the location’s own consent', () => {
  beforeAll(() => product.setNow('2026-06-01T10:00:00+08:00', { frozen: true }));

  it('stores a location with the consent it was given under, and refuses one sent without it', async () => {
    const refused = await product.call('o-loc', 'resident', 'submit', submission({ locationConsent: false }));
    expect(refused).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { location: '请先同意提供位置信息，或移除位置' },
    });
    expect(product.stack.store.count('cases', { openid: 'o-loc' })).toBe(0);

    const separate = await product.ok('o-loc', 'resident', 'submit', submission({ locationConsent: true }));
    expect(stored(separate.caseId).consent).toEqual({ at: product.now(), location: 'separate' });
    // An app from before the separate consent sends no such field: its notice named the location.
    const { locationConsent: _none, ...old } = submission();
    const older = await product.ok('o-loc', 'resident', 'submit', old);
    expect(stored(older.caseId)).toMatchObject({
      location: { name: '三坊七巷南门' },
      consent: { location: 'notice' },
    });
    const without = await product.ok('o-loc', 'resident', 'submit', submission({ location: null }));
    expect(stored(without.caseId)).toMatchObject({ location: null, consent: { location: null } });
  });
});

describe('a resident’s own data', () => {
  beforeAll(() => product.setNow('2026-06-01T10:00:00+08:00', { frozen: true }));

  it('shows every case with the personal data it holds, the consents, and the roles bound', async () => {
    const { caseId } = await finishedCase('o-see', '满意');
    const view = await product.ok('o-see', 'resident', 'myData', {});
    expect(view).toMatchObject({ openid: 'o-see', roles: [], requests: [], moreCases: 0 });
    expect(view.cases).toEqual([
      expect.objectContaining({
        caseId,
        finished: true,
        contactName: '张先生',
        phone: '13812345678',
        location: expect.objectContaining({ name: '东街口' }),
        photoCount: 2,
        ratingComment: '满意',
        consent: { at: expect.any(Number), location: 'separate' },
        removeBy: stored(caseId).updatedAt + view.retentionDays * 86_400_000,
      }),
    ]);
    const deputy = await product.ok(DEV_DEPUTY_OPENID, 'resident', 'myData', {});
    expect(deputy.roles).toEqual([{ role: 'deputy', deputyId: 'deputy-lin', name: '林晓红' }]);
  });

  it('deletes a finished case’s personal data at once and an open one’s when it is finished', async () => {
    const done = await finishedCase('o-erase');
    const open = await product.ok('o-erase', 'resident', 'submit', submission());
    const other = await product.ok('o-bystander', 'resident', 'submit', submission());

    const requestId = rid();
    const result = await product.ok('o-erase', 'resident', 'eraseMyData', { clientRequestId: requestId });
    expect(result).toMatchObject({ replayed: false, request: { removed: 1, pending: 1 } });
    expect(stored(done.caseId)).toMatchObject({ phone: null, openid: '', redaction: { reason: 'request' } });
    for (const fileID of done.photos) expect(await fileExists(fileID)).toBe(false);
    // The open case keeps what handling needs until it is finished.
    expect(stored(open.caseId)).toMatchObject({
      phone: '13812345678',
      contactName: '张先生',
      erasureRequestedAt: product.now(),
    });
    expect(stored(other.caseId).erasureRequestedAt).toBeUndefined();
    expect(result.data.cases.map((c) => c.caseId)).toEqual([open.caseId]);
    expect(result.data.requests).toEqual([{ at: product.now(), removed: 1, pending: 1 }]);

    // Retried, even many times at once: one request, answered as recorded.
    const retries = await Promise.all(
      Array.from({ length: 10 }, () =>
        product.ok('o-erase', 'resident', 'eraseMyData', { clientRequestId: requestId }),
      ),
    );
    for (const retry of retries)
      expect(retry).toMatchObject({ replayed: true, request: { removed: 1, pending: 1 } });
    expect(product.stack.store.count('privacy_requests', { openid: 'o-erase' })).toBe(1);

    // Finished later: the next run removes it without waiting for the period.
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId: open.caseId,
      content: '已转交街道办理。',
      clientRequestId: rid(),
    });
    await product.ok('o-erase', 'resident', 'rate', {
      caseId: open.caseId,
      rating: 'basically_satisfied',
      clientRequestId: rid(),
    });
    expect(stored(open.caseId).phone).toBe('13812345678');
    expect((await retentionTimer()).cases).toBeGreaterThanOrEqual(1);
    expect(stored(open.caseId)).toMatchObject({
      phone: null,
      openid: '',
      erasureRequestedAt: null,
      redaction: { reason: 'request' },
    });
    expect((await product.ok('o-erase', 'resident', 'myData', {})).cases).toEqual([]);
  });

  it('refuses a request without a valid request id', async () => {
    expect(await product.call('o-erase', 'resident', 'eraseMyData', {})).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { clientRequestId: expect.any(String) },
    });
  });
});
