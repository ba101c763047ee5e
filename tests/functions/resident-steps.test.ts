import type { CaseDetailView } from '../../miniprogram/core/api';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * The resident's own steps on the real stack: 撤回 (withdraw), 补充 (supplement) and 催办 (chase).
 * Each lands in the timeline, tells the deputy through the outbox, answers a retry without doing it
 * twice, and is refused to anyone but the case's own resident. The clock stands on Monday
 * 1 June 2026; a case accepted then is due (10 working days) on Monday 15 June.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `step-${Date.now().toString(36)}-${++seq}`;
const MONDAY = '2026-06-01T10:00:00+08:00';

beforeAll(async () => {
  product = await startProduct({ clock: { now: MONDAY } });
});
afterAll(() => product.close());
beforeEach(() => product.setNow(MONDAY));

const stored = (id: string) => product.stack.store.getById('cases', id) as unknown as CaseDoc;

async function newCase(resident: string, overrides: Parameters<typeof submission>[0] = {}) {
  return (await product.ok(resident, 'resident', 'submit', submission(overrides))).caseId;
}

async function accepted(resident: string) {
  const caseId = await newCase(resident);
  await product.ok(DEV_DEPUTY_OPENID, 'casework', 'act', {
    caseId,
    action: 'accept',
    clientRequestId: rid(),
  });
  return caseId;
}

/** The deputy's jobs owed for the event `type` of the case: who they go to. */
function deputyJobsFor(caseId: string, type: string) {
  const doc = stored(caseId);
  const seqs = doc.events.filter((e) => e.type === type).map((e) => e.seq);
  return doc.outbox.filter((j) => seqs.some((s) => j.id === `${caseId}:${s}:deputy`)).map((j) => j.to);
}

const typesOf = (view: CaseDetailView) => view.timeline.map((e) => e.type);

describe('撤回 resident.withdraw', () => {
  it('withdraws a case not yet accepted: final, in the timeline, the deputy told, counted apart', async () => {
    const caseId = await newCase('o-withdraw');
    const view = await product.ok('o-withdraw', 'resident', 'withdraw', {
      caseId,
      reason: '物业已经修好了',
      clientRequestId: rid(),
    });
    expect(view).toMatchObject({
      status: 'withdrawn',
      statusLabel: '已撤回',
      residentSteps: { withdraw: false, supplement: false, chase: null },
    });
    expect(view.timeline.at(-1)).toMatchObject({ type: 'withdrawn', note: '物业已经修好了' });
    expect(deputyJobsFor(caseId, 'withdrawn')).toEqual([DEV_DEPUTY_OPENID]);
    expect(stored(caseId).unreadByDeputy).toBe(true);

    const deputyView = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId });
    expect(deputyView.timeline.at(-1)).toMatchObject({ label: '群众撤回', note: '物业已经修好了' });
    const done = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab: 'done' });
    expect(done.items.map((i) => i.id)).toContain(caseId);
    const fresh = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab: 'new' });
    expect(fresh.items.map((i) => i.id)).not.toContain(caseId);

    const figures = await product.ok(DEV_OFFICE_OPENID, 'office', 'figures', {
      from: '2026-06-01',
      to: '2026-06-01',
    });
    const { accepted, replied, inProgress, declined, merged, withdrawn } = figures.total;
    expect(withdrawn).toBeGreaterThanOrEqual(1);
    expect(accepted).toBe(replied + inProgress + declined + merged + withdrawn);
  });

  it('answers a retry with the case as it is, withdrawing once', async () => {
    const caseId = await newCase('o-withdraw-retry');
    const input = { caseId, clientRequestId: rid() };
    const [a, b] = await Promise.all([
      product.call('o-withdraw-retry', 'resident', 'withdraw', input),
      product.call('o-withdraw-retry', 'resident', 'withdraw', input),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(await product.ok('o-withdraw-retry', 'resident', 'withdraw', input)).toMatchObject({
      status: 'withdrawn',
    });
    expect(stored(caseId).events.filter((e) => e.type === 'withdrawn')).toHaveLength(1);
    expect(deputyJobsFor(caseId, 'withdrawn')).toHaveLength(1);
  });

  it("refuses someone else's case as if it did not exist, and a case already accepted", async () => {
    const caseId = await accepted('o-withdraw-late');
    expect(
      await product.call('o-stranger', 'resident', 'withdraw', { caseId, clientRequestId: rid() }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(
      await product.call('o-withdraw-late', 'resident', 'withdraw', { caseId, clientRequestId: rid() }),
    ).toMatchObject({
      ok: false,
      code: 'CASE.TRANSITION_FORBIDDEN',
      message: expect.stringContaining('已受理'),
    });
    expect(stored(caseId).status).toBe('accepted');
  });

  it('refuses a reason of the wrong shape or too long', async () => {
    const caseId = await newCase('o-withdraw-shape');
    expect(
      await product.call('o-withdraw-shape', 'resident', 'withdraw', {
        caseId,
        reason: 12,
        clientRequestId: rid(),
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { reason: expect.any(String) } });
    expect(
      await product.call('o-withdraw-shape', 'resident', 'withdraw', {
        caseId,
        reason: '长'.repeat(201),
        clientRequestId: rid(),
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { reason: expect.any(String) } });
    expect(stored(caseId).status).toBe('submitted');
  });
});

describe('补充 resident.supplement', () => {
  it('adds text and a photo, adopted under the case like submit’s, which the deputy sees', async () => {
    const resident = 'o-supplement';
    const caseId = await accepted(resident);
    const photo = await product.uploadPhoto(resident, 'later-photo');
    const view = await product.ok(resident, 'resident', 'supplement', {
      caseId,
      note: '今天又有老人在这里摔倒了',
      photos: [photo],
      clientRequestId: rid(),
    });
    expect(view.status).toBe('accepted');
    expect(view.timeline.at(-1)).toMatchObject({
      type: 'supplemented',
      note: expect.stringContaining('摔倒'),
    });
    expect(view.photos).toHaveLength(1);
    expect(view.photos[0].fileID).toContain(`/cases/${caseId}/`);
    expect(view.photos[0].fileID).not.toContain(resident);
    const doc = stored(caseId);
    expect(doc.photos[0]).toMatchObject({
      seq: doc.events.at(-1)?.seq,
      check: expect.stringMatching(/pending|unchecked/),
    });
    expect(deputyJobsFor(caseId, 'supplemented')).toEqual([DEV_DEPUTY_OPENID]);

    const deputyView = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId });
    expect(deputyView.photos.map((p) => p.fileID)).toEqual([view.photos[0].fileID]);
    expect(deputyView.timeline.at(-1)).toMatchObject({ label: '群众补充' });
  });

  it('stores a retried supplement once', async () => {
    const resident = 'o-supplement-retry';
    const caseId = await newCase(resident);
    const input = {
      caseId,
      photos: [await product.uploadPhoto(resident, 'retry-photo')],
      clientRequestId: rid(),
    };
    await product.ok(resident, 'resident', 'supplement', input);
    const again = await product.ok(resident, 'resident', 'supplement', input);
    expect(again.photos).toHaveLength(1);
    expect(typesOf(again).filter((t) => t === 'supplemented')).toHaveLength(1);
  });

  it("refuses someone else's case, someone else's photo, an empty supplement, and a finished case", async () => {
    const resident = 'o-supplement-refused';
    const caseId = await newCase(resident);
    expect(
      await product.call('o-stranger', 'resident', 'supplement', {
        caseId,
        note: '我也看到了',
        clientRequestId: rid(),
      }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const theirs = await product.uploadPhoto('o-stranger', 'not-yours');
    expect(
      await product.call(resident, 'resident', 'supplement', {
        caseId,
        photos: [theirs],
        clientRequestId: rid(),
      }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { photos: '只能使用您本人上传的照片' } });
    expect(
      await product.call(resident, 'resident', 'supplement', { caseId, note: ' ', clientRequestId: rid() }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { note: expect.any(String) } });

    await product.ok(resident, 'resident', 'withdraw', { caseId, clientRequestId: rid() });
    const late = await product.uploadPhoto(resident, 'too-late');
    expect(
      await product.call(resident, 'resident', 'supplement', {
        caseId,
        photos: [late],
        clientRequestId: rid(),
      }),
    ).toMatchObject({ ok: false, code: 'CASE.TRANSITION_FORBIDDEN' });
    // Refused before any photo moved: the case holds none.
    expect(stored(caseId).photos).toEqual([]);
  });

  it('keeps a case to 18 photos in all', async () => {
    const resident = 'o-supplement-full';
    const upload = (prefix: string, n: number) =>
      Promise.all(Array.from({ length: n }, (_, i) => product.uploadPhoto(resident, `${prefix}-${i}`)));
    const caseId = await newCase(resident, { photos: await upload('first', 9) });
    await product.ok(resident, 'resident', 'supplement', {
      caseId,
      photos: await upload('second', 9),
      clientRequestId: rid(),
    });
    const refused = await product.call(resident, 'resident', 'supplement', {
      caseId,
      photos: await upload('third', 1),
      clientRequestId: rid(),
    });
    expect(refused).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { photos: '这条诉求最多 18 张照片，还能添加 0 张' },
    });
    expect(stored(caseId).photos).toHaveLength(18);
  });
});

describe('催办 resident.chase', () => {
  it('is refused before acceptance and before the due date, with the date named', async () => {
    const resident = 'o-chase-early';
    const fresh = await newCase(resident);
    expect(
      await product.call(resident, 'resident', 'chase', { caseId: fresh, clientRequestId: rid() }),
    ).toMatchObject({ ok: false, code: 'CASE.TRANSITION_FORBIDDEN' });
    const caseId = await accepted(resident);
    const view = await product.ok(resident, 'resident', 'caseDetail', { caseId });
    expect(view.residentSteps?.chase).toMatchObject({ allowed: false, nextDate: '2026-06-16' });
    expect(
      await product.call(resident, 'resident', 'chase', { caseId, clientRequestId: rid() }),
    ).toMatchObject({ ok: false, code: 'CASE.CHASE_LIMITED', message: expect.stringContaining('6月15日') });
  });

  it('chases an overdue case at most three times, three working days apart, told to the deputy', async () => {
    const resident = 'o-chase';
    const caseId = await accepted(resident);
    product.setNow('2026-06-16T09:00:00+08:00');
    const first = { caseId, clientRequestId: rid() };
    const view = await product.ok(resident, 'resident', 'chase', first);
    expect(view.timeline.at(-1)).toMatchObject({ type: 'chased' });
    expect(view.residentSteps?.chase).toMatchObject({ allowed: false, remaining: 2, nextDate: '2026-06-22' });
    expect(deputyJobsFor(caseId, 'chased')).toEqual([DEV_DEPUTY_OPENID]);
    // A retry is the same chase; a new one the same day is too soon.
    await product.ok(resident, 'resident', 'chase', first);
    expect(
      await product.call(resident, 'resident', 'chase', { caseId, clientRequestId: rid() }),
    ).toMatchObject({ ok: false, code: 'CASE.CHASE_LIMITED', message: expect.stringContaining('6月22日') });
    expect(stored(caseId).events.filter((e) => e.type === 'chased')).toHaveLength(1);

    product.setNow('2026-06-22T09:00:00+08:00');
    await product.ok(resident, 'resident', 'chase', { caseId, clientRequestId: rid() });
    product.setNow('2026-06-25T09:00:00+08:00');
    const third = await product.ok(resident, 'resident', 'chase', { caseId, clientRequestId: rid() });
    expect(third.residentSteps?.chase).toMatchObject({ allowed: false, remaining: 0 });
    product.setNow('2026-07-06T09:00:00+08:00');
    expect(
      await product.call(resident, 'resident', 'chase', { caseId, clientRequestId: rid() }),
    ).toMatchObject({ ok: false, code: 'CASE.CHASE_LIMITED', message: expect.stringContaining('3 次') });
    expect(deputyJobsFor(caseId, 'chased')).toHaveLength(3);

    const deputyView = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId });
    expect(deputyView.timeline.filter((e) => e.label === '群众催办')).toHaveLength(3);
  });

  it("refuses someone else's case as if it did not exist", async () => {
    const caseId = await accepted('o-chase-owner');
    product.setNow('2026-06-16T09:00:00+08:00');
    expect(
      await product.call('o-stranger', 'resident', 'chase', { caseId, clientRequestId: rid() }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(stored(caseId).events.some((e) => e.type === 'chased')).toBe(false);
  });
});
