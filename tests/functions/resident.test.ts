import { CASE_NO_PATTERN } from '../../miniprogram/core/case-number';
import { TEMPLATES } from '../../miniprogram/core/notifications';
import { printableUrl } from '../../cloudfunctions/_lib/codes';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * The resident's path on the real stack: landing, submit, follow. The stack's clock stands on Monday
 * 20 April 2026, so the next reception day is known.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct({ clock: { now: '2026-04-20T10:00:00+08:00' } });
});
afterAll(() => product.close());

const casesOf = (openid: string) => product.stack.store.find('cases', { openid }) as unknown as CaseDoc[];

describe('landing', () => {
  it('shows the deputy reached by a mini-program code, with station, next reception day and categories', async () => {
    const view = await product.ok('o-land', 'resident', 'landing', { scene: encodeURIComponent('d=D00001') });
    expect(view).toMatchObject({
      viewer: { openid: 'o-land' },
      target: 'deputy',
      deputy: { code: 'D00001', name: '林晓红', levelLabel: '市人大代表' },
      station: { name: '鼓楼区人大代表之家' },
    });
    if (view.target !== 'deputy') throw new Error('expected a deputy');
    expect(view.categories.map((c) => c.name)).toContain('道路交通');
    // The station receives on the 10th, postponed past holidays: 10 April has passed, and 10 May 2026
    // is a Sunday, so the next day is Monday 11 May. No roster is published yet.
    expect(view.nextReception).toEqual({
      date: '2026-05-11',
      weekday: '周一',
      stationName: '鼓楼区人大代表之家',
      deputiesOnDuty: [],
    });
  });

  it('shows no next reception day rather than guess one in a year whose holidays are not announced', async () => {
    // After 10 December 2026 the next day is in January 2027, a year the calendar does not cover yet.
    product.setNow('2026-12-20T10:00:00+08:00');
    try {
      const view = await product.ok('o-land', 'resident', 'landing', {
        scene: encodeURIComponent('d=D00001'),
      });
      expect(view).toMatchObject({ target: 'deputy', nextReception: null });
    } finally {
      product.setNow('2026-04-20T10:00:00+08:00');
    }
  });

  it('shows a station reached by a printed QR code, with its deputies', async () => {
    const q = encodeURIComponent(printableUrl({ type: 'station', code: 'S0002' }));
    const view = await product.ok('o-land', 'resident', 'landing', { q });
    expect(view).toMatchObject({
      target: 'station',
      station: { name: '东街街道三坊七巷社区人大代表联络站' },
    });
    if (view.target !== 'station') throw new Error('expected a station');
    expect(view.deputies.map((d) => d.name).sort()).toEqual(['王丽萍', '郑志强']);
  });

  it("shows every deputy's photo at a station with more deputies than one storage request takes", async () => {
    // CloudBase gives temporary URLs for at most 50 files a request; this station has 55 deputies.
    const photos: string[] = [];
    for (let i = 0; i < 55; i++) {
      const { fileID } = await product.admin.uploadFile({
        cloudPath: `deputies/many-${i}.png`,
        fileContent: Buffer.from(`photo ${i}`),
      });
      photos.push(fileID);
    }
    product.stack.store.insert(
      'deputies',
      photos.map((photoFileID, i) => ({
        _id: `deputy-many-${i}`,
        code: `D9${String(i).padStart(4, '0')}`,
        name: `代表${i}`,
        level: 'township',
        stationId: 'station-wenquan',
        title: '乡镇人大代表',
        active: true,
        photoFileID,
      })),
    );
    const q = encodeURIComponent(printableUrl({ type: 'station', code: 'S0003' }));
    const view = await product.ok('o-land', 'resident', 'landing', { q });
    if (view.target !== 'station') throw new Error('expected a station');
    const many = view.deputies.filter((d) => d.id.startsWith('deputy-many-'));
    expect(many).toHaveLength(55);
    for (const d of many) expect(d.photoUrl).toMatch(/^https?:\/\//);
  });

  it('answers malformed, unknown and retired codes clearly', async () => {
    expect(await product.call('o-land', 'resident', 'landing', { scene: 'x=1' })).toMatchObject({
      ok: false,
      code: 'CODE.MALFORMED',
    });
    expect(
      await product.call('o-land', 'resident', 'landing', { type: 'deputy', code: 'D99999' }),
    ).toMatchObject({
      ok: false,
      code: 'CODE.UNKNOWN',
    });
    product.stack.store.update(
      'deputies',
      { code: 'D00006' },
      { $set: { active: false } },
      { multi: false, upsert: false, merge: true },
    );
    const retired = await product.call('o-land', 'resident', 'landing', { type: 'deputy', code: 'D00006' });
    expect(retired).toMatchObject({
      ok: false,
      code: 'CODE.RETIRED',
      message: expect.stringContaining('刘海波'),
    });
  });
});

describe('submit', () => {
  it('stores the appeal with its photos and gives a case number at once', async () => {
    const photos = [await product.uploadPhoto('o-sub', 'a'), await product.uploadPhoto('o-sub', 'b')];
    const result = await product.ok('o-sub', 'resident', 'submit', submission({ photos }));
    expect(result).toMatchObject({
      caseNo: expect.stringMatching(CASE_NO_PATTERN),
      status: 'submitted',
      replayed: false,
    });
    const [doc] = casesOf('o-sub');
    expect(doc).toMatchObject({
      deputyId: 'deputy-lin',
      stationId: 'station-gulou-home',
      categoryName: '道路交通',
      // Adopted under the case, so no id names the resident; WeChat's media check was started for
      // each photo, and its result arrives on its own time.
      photos: [
        {
          fileID: photos[0].replace(/appeals\/o-sub\/202611\//, `cases/${result.caseId}/`),
          traceId: expect.any(String),
        },
        {
          fileID: photos[1].replace(/appeals\/o-sub\/202611\//, `cases/${result.caseId}/`),
          traceId: expect.any(String),
        },
      ],
      events: [{ seq: 1, type: 'submitted', to: 'submitted' }],
      unreadByDeputy: true,
    });
  });

  it('returns the same case for a retried request, even when the retries race', async () => {
    const input = submission();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => product.ok('o-retry', 'resident', 'submit', input)),
    );
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const again = await product.ok('o-retry', 'resident', 'submit', input);
    expect(again).toMatchObject({ caseId: results[0].caseId, replayed: true });
    expect(casesOf('o-retry')).toHaveLength(1);
  });

  it('refuses bad input with field messages in Chinese, and stores nothing', async () => {
    const bad = await product.call('o-bad', 'resident', 'submit', {
      ...submission(),
      consent: false,
      phone: '12345',
      description: '短',
    });
    expect(bad).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: {
        consent: expect.any(String),
        phone: expect.any(String),
        description: expect.stringContaining('至少'),
      },
    });
    expect(
      await product.call('o-bad', 'resident', 'submit', { ...submission(), photos: Array(10).fill('x') }),
    ).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { photos: '最多上传 9 张照片' },
    });
    expect(
      await product.call('o-bad', 'resident', 'submit', submission({ category: 'no_such_category' })),
    ).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { category: expect.any(String) },
    });
    expect(casesOf('o-bad')).toHaveLength(0);
  });

  it("refuses someone else's photo and a photo that was never uploaded", async () => {
    const theirs = await product.uploadPhoto('o-victim', 'private');
    expect(
      await product.call('o-thief', 'resident', 'submit', submission({ photos: [theirs] })),
    ).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { photos: '只能使用您本人上传的照片' },
    });
    const missing = theirs.replace('o-victim', 'o-thief');
    expect(
      await product.call('o-thief', 'resident', 'submit', submission({ photos: [missing] })),
    ).toMatchObject({
      code: 'PHOTO.INVALID',
    });
    expect(casesOf('o-thief')).toHaveLength(0);
  });

  it('refuses text that WeChat finds risky', async () => {
    const risky = await product.call(
      'o-risky',
      'resident',
      'submit',
      submission({ description: '小区门口有人低价代开发票，加微信详谈' }),
    );
    expect(risky).toMatchObject({ ok: false, code: 'CONTENT.RISKY' });
    expect(casesOf('o-risky')).toHaveLength(0);
  });

  it('refuses a call with no WeChat identity', async () => {
    const { result } = await product.admin.callFunction({
      name: 'resident',
      data: { action: 'submit', data: submission() },
    });
    expect(result).toMatchObject({ ok: false, code: 'AUTH.UNIDENTIFIED' });
  });

  it('tells the deputy at once when they allowed it, within WeChat limits, and records "no credit" otherwise', async () => {
    const first = await product.ok('o-notify', 'resident', 'submit', submission());
    await product.grantConsent(DEV_DEPUTY_OPENID, TEMPLATES.caseReceived.id);
    const second = await product.ok(
      'o-notify',
      'resident',
      'submit',
      submission({ description: '楼道里的灯也坏了'.repeat(5) }),
    );
    const sends = (await product.wxCalls('subscribeMessage.send')).filter(
      (c) => c.request.touser === DEV_DEPUTY_OPENID && String(c.request.page).includes(second.caseId),
    );
    expect(sends).toEqual([expect.objectContaining({ errcode: 0 })]);
    const data = sends[0].request.data as Record<string, { value: string }>;
    expect(data.character_string1.value).toBe(second.caseNo);
    expect([...data.thing3.value].length).toBeLessThanOrEqual(20);

    const [a, b] = [first, second].map(
      (r) => product.stack.store.getById('cases', r.caseId) as unknown as CaseDoc,
    );
    expect(a.outbox).toEqual([expect.objectContaining({ status: 'no_credit', to: DEV_DEPUTY_OPENID })]);
    // A delivered first notice is not written back at submit (two round trips): it stays claimed
    // until its lease runs out, and the sweep then records it as sent, without sending again.
    expect(b.outbox).toEqual([expect.objectContaining({ status: 'sending', quietOnSuccess: true })]);
    const { result } = await product.admin.callFunction({
      name: 'timers',
      data: { action: 'outbox', now: Date.now() + 10 * 60_000 },
    });
    expect(result).toMatchObject({ ok: true, data: { sent: 0 } });
    const settled = product.stack.store.getById('cases', second.caseId) as unknown as CaseDoc;
    expect(settled.outbox).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
    expect(settled.outboxDueAt).toBeNull();
    const again = (await product.wxCalls('subscribeMessage.send')).filter((c) =>
      String(c.request.page).includes(second.caseId),
    );
    expect(again).toHaveLength(1);
  });
});

describe('photo checks', () => {
  it("withholds a photo WeChat's asynchronous check finds risky, from the resident and the deputy", async () => {
    const [ok, bad] = [
      await product.uploadPhoto('o-media', 'ok'),
      await product.uploadPhoto('o-media', 'bad'),
    ];
    const { caseId } = await product.ok('o-media', 'resident', 'submit', submission({ photos: [ok, bad] }));
    const traceId = (product.stack.store.getById('cases', caseId) as unknown as CaseDoc).photos[1].traceId;
    const { result } = await product.admin.callFunction({
      name: 'wxevents',
      data: { Event: 'wxa_media_check', trace_id: traceId, result: { suggest: 'risky', label: 20002 } },
    });
    expect(result).toMatchObject({ ok: true, data: { matched: true, check: 'risky' } });
    const adoptedOk = ok.replace(/appeals\/o-media\/202611\//, `cases/${caseId}/`);
    const view = await product.ok('o-media', 'resident', 'caseDetail', { caseId });
    expect(view.photos.map((p) => p.fileID)).toEqual([adoptedOk]);
    const deputyView = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId });
    expect(deputyView.photos.map((p) => p.fileID)).toEqual([adoptedOk]);
  });
});

describe('following a case', () => {
  it("lists the resident's own cases only, newest first, and pages through them", async () => {
    for (let i = 0; i < 3; i++)
      await product.ok(
        'o-list',
        'resident',
        'submit',
        submission({ description: `第${i}件：人行道的地砖松动了` }),
      );
    const page1 = await product.ok('o-list', 'resident', 'myCases', { limit: 2 });
    expect(page1.items.map((i) => i.summary)).toEqual([
      expect.stringContaining('第2件'),
      expect.stringContaining('第1件'),
    ]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await product.ok('o-list', 'resident', 'myCases', { limit: 2, cursor: page1.nextCursor });
    expect(page2.items.map((i) => i.summary)).toEqual([expect.stringContaining('第0件')]);
    expect(page2.nextCursor).toBeNull();
    expect((await product.ok('o-stranger', 'resident', 'myCases', {})).items).toEqual([]);
  });

  it('shows the detail to its resident with photo URLs, and to nobody else', async () => {
    const photo = await product.uploadPhoto('o-detail', 'p');
    const { caseId } = await product.ok('o-detail', 'resident', 'submit', submission({ photos: [photo] }));
    const view = await product.ok('o-detail', 'resident', 'caseDetail', { caseId });
    expect(view).toMatchObject({
      status: 'submitted',
      statusLabel: '待受理',
      phone: '13812345678',
      deputy: { name: '林晓红' },
      timeline: [{ label: '提交诉求', actorName: '张先生' }],
    });
    expect(view.photos[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/download\//);
    expect(await product.call('o-stranger', 'resident', 'caseDetail', { caseId })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });
  it('tells the resident the date an answer is due once the deputy accepts, and none after the answer', async () => {
    const { caseId } = await product.ok('o-due', 'resident', 'submit', submission({ kind: 'inquiry' }));
    expect((await product.ok('o-due', 'resident', 'caseDetail', { caseId })).answerDueDate).toBeNull();

    await product.ok(DEV_DEPUTY_OPENID, 'casework', 'act', {
      caseId,
      action: 'accept',
      clientRequestId: 'due-accept-1',
    });
    const handler = await product.ok(DEV_DEPUTY_OPENID, 'casework', 'caseDetail', { caseId });
    const view = await product.ok('o-due', 'resident', 'caseDetail', { caseId });
    expect(handler.deadline?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(view.answerDueDate).toBe(handler.deadline?.dueDate);

    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId,
      content: '已联系社区，下周修复。',
      outcome: 'planned',
      clientRequestId: 'due-reply-1',
    });
    expect((await product.ok('o-due', 'resident', 'caseDetail', { caseId })).answerDueDate).toBeNull();
  });
});
