import fs from 'node:fs';
import path from 'node:path';
import type { CaseDetailView } from '../../miniprogram/core/api';
import { photoPrefix } from '../../miniprogram/core/submit';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { derivedId } from '../../cloudfunctions/_lib/platform/request-id';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * 声音留言 on the real stack: recorded on the phone, uploaded under the resident's own prefix like a
 * photo, adopted under the case's path, checked by WeChat as audio, heard by the deputy, staff and
 * the office, withheld when WeChat finds it risky, and deleted with the case's personal data.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

let seq = 0;
const rid = () => `voice-${Date.now().toString(36)}-${++seq}`;
const stored = (caseId: string) => product.stack.store.getById('cases', caseId) as unknown as CaseDoc;

/** A real recording (tests/fixtures/voice), tagged after its last frame so downloads can be told apart. */
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'voice', name));
const MP3 = (tag: string, file = 'three-seconds.mp3') => Buffer.concat([fixture(file), Buffer.from(tag)]);

const uploadVoice = (openid: string, name: string, file?: string) =>
  product.uploadFile(openid, `${photoPrefix(openid)}202611/${name}.mp3`, MP3(name, file));

async function bytesAt(url: string | null): Promise<Buffer> {
  if (!url) throw new Error('no URL to download');
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function fileExists(fileID: string): Promise<boolean> {
  const { fileList } = await product.admin.getTempFileURL({ fileList: [fileID] });
  return fileList[0].code === 'SUCCESS';
}

const durations = (view: CaseDetailView) => (view.voiceNotes ?? []).map((n) => n.durationLabel);

describe('resident.submit with voiceNotes', () => {
  it('stores the notes under the case, for the deputy, staff, the office and the resident to hear', async () => {
    const resident = 'oVoiceResidentA7x9Kq2LmN3pQrS';
    const notes = [
      { fileID: await uploadVoice(resident, 'lamp-first'), duration: 12 },
      { fileID: await uploadVoice(resident, 'lamp-second', 'three-seconds-vbr.mp3'), duration: 60 },
    ];
    const { caseId } = await product.ok(resident, 'resident', 'submit', submission({ voiceNotes: notes }));

    const doc = stored(caseId);
    expect(doc.voiceNotes?.map((n) => n.fileID)).toEqual([
      expect.stringMatching(new RegExp(`/cases/${caseId}/lamp-first\\.mp3$`)),
      expect.stringMatching(new RegExp(`/cases/${caseId}/lamp-second\\.mp3$`)),
    ]);
    // Moved, not copied: the resident's prefix no longer holds them, and no id names the resident.
    for (const note of notes) expect(await fileExists(note.fileID)).toBe(false);
    expect(JSON.stringify(doc.voiceNotes)).not.toContain(resident);

    const views: CaseDetailView[] = [
      await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId }),
      await product.ok(DEV_STAFF_OPENID, 'casework', 'caseDetail', { caseId }),
      await product.ok(DEV_OFFICE_OPENID, 'casework', 'caseDetail', { caseId }),
      await product.ok(resident, 'resident', 'caseDetail', { caseId }),
    ];
    for (const view of views) {
      // The phone said 12 and 60 seconds; the files play 3 seconds each, and that is what is shown.
      expect(durations(view)).toEqual(['3″', '3″']);
      expect(await bytesAt(view.voiceNotes?.[0].url ?? null)).toEqual(MP3('lamp-first'));
    }

    // WeChat was asked to check each note as audio (media_type 1), for the resident who recorded it.
    const checks = (await product.wxCalls('security.mediaCheckAsync')).filter((c) =>
      String(c.request.media_url).includes(`/cases/${caseId}/`),
    );
    expect(checks).toHaveLength(2);
    for (const check of checks) expect(check.request).toMatchObject({ media_type: 1, openid: resident });
  });

  it("refuses someone else's recording, and moves nothing", async () => {
    const owner = 'oVoiceOwner5wYz8Hj6Gf4Dd2SaQp';
    const theirs = await uploadVoice(owner, 'not-yours');
    const refused = await product.call(
      'oVoiceThief9Zx8Cv7Bn6Mm5Ll4Kk3J',
      'resident',
      'submit',
      submission({ voiceNotes: [{ fileID: theirs, duration: 5 }] }),
    );
    expect(refused).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { voiceNotes: '只能使用您本人录的声音留言' },
    });
    expect(await fileExists(theirs)).toBe(true);
  });

  it('refuses a note longer than 60 seconds, one under a second, and a fourth note', async () => {
    const resident = 'o-voice-limits';
    const fileID = await uploadVoice(resident, 'limits');
    const tooLong = await product.call(
      resident,
      'resident',
      'submit',
      submission({ voiceNotes: [{ fileID, duration: 61 }] }),
    );
    expect(tooLong).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { voiceNotes: '每条声音留言最长 60 秒，请删除后分几条录' },
    });
    const tooShort = await product.call(
      resident,
      'resident',
      'submit',
      submission({ voiceNotes: [{ fileID, duration: 0 }] }),
    );
    expect(tooShort).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { voiceNotes: expect.any(String) },
    });
    const four = await Promise.all(['a', 'b', 'c', 'd'].map((n) => uploadVoice(resident, `four-${n}`)));
    const tooMany = await product.call(
      resident,
      'resident',
      'submit',
      submission({ voiceNotes: four.map((id) => ({ fileID: id, duration: 3 })) }),
    );
    expect(tooMany).toMatchObject({ ok: false, fields: { voiceNotes: '最多 3 条声音留言' } });
    expect(await fileExists(fileID)).toBe(true);
  });

  it('measures each note from the stored file: a long or short recording, or no recording, is refused whatever the phone said', async () => {
    const resident = 'o-voice-measured';
    const refusal = async (fileID: string) =>
      product.call(resident, 'resident', 'submit', submission({ voiceNotes: [{ fileID, duration: 30 }] }));
    expect(await refusal(await uploadVoice(resident, 'long', 'sixty-one-seconds.mp3'))).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { voiceNotes: '每条声音留言最长 60 秒，请删除后分几条录' },
    });
    expect(await refusal(await uploadVoice(resident, 'short', 'under-a-second.mp3'))).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { voiceNotes: '有一条声音留言太短，请按住按钮说话后再松开' },
    });
    const text = await product.uploadFile(
      resident,
      `${photoPrefix(resident)}202611/text.mp3`,
      Buffer.from('不是录音'),
    );
    expect(await refusal(text)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { voiceNotes: '有一条声音留言不是可以播放的录音，请删除后重新录制' },
    });
  });

  it('keeps no refused note: neither in the upload area nor under the case it would have joined', async () => {
    const resident = 'o-voice-refused-kept-nowhere';
    const clientRequestId = rid();
    const upload = await uploadVoice(resident, 'too-long', 'sixty-one-seconds.mp3');
    const answer = await product.call(
      resident,
      'resident',
      'submit',
      submission({ clientRequestId, voiceNotes: [{ fileID: upload, duration: 30 }] }),
    );
    expect(answer).toMatchObject({
      ok: false,
      fields: { voiceNotes: expect.stringContaining('最长 60 秒') },
    });
    const underCase = upload.replace(
      `${photoPrefix(resident)}202611/`,
      `cases/${derivedId('c', resident, clientRequestId)}/`,
    );
    expect(underCase).toMatch(/\/cases\/[^/]+\/too-long\.mp3$/);
    expect(await fileExists(upload)).toBe(false);
    expect(await fileExists(underCase)).toBe(false);
  });

  it('answers a retried submission with the same case and its notes once', async () => {
    const resident = 'o-voice-retry';
    const input = submission({
      voiceNotes: [{ fileID: await uploadVoice(resident, 'retry'), duration: 8 }],
    });
    const first = await product.ok(resident, 'resident', 'submit', input);
    const again = await product.ok(resident, 'resident', 'submit', input);
    expect(again).toMatchObject({ caseId: first.caseId, replayed: true });
    expect(stored(first.caseId).voiceNotes).toHaveLength(1);
    const view = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId: first.caseId });
    expect(durations(view)).toEqual(['3″']);
  });

  it("withholds a note WeChat's audio check finds risky, from the deputy and the resident", async () => {
    const resident = 'o-voice-risky';
    const voiceNotes = [
      { fileID: await uploadVoice(resident, 'fine'), duration: 4 },
      { fileID: await uploadVoice(resident, 'risky'), duration: 9 },
    ];
    const { caseId } = await product.ok(resident, 'resident', 'submit', submission({ voiceNotes }));
    const { result } = await product.admin.callFunction({
      name: 'wxevents',
      data: {
        Event: 'wxa_media_check',
        trace_id: stored(caseId).voiceNotes?.[1].traceId,
        result: { suggest: 'risky', label: 20002 },
      },
    });
    expect(result).toMatchObject({ ok: true, data: { matched: true, check: 'risky' } });
    // The stand-in's own verdict (pass) arriving afterwards does not bring it back.
    await product.stack.settled();
    for (const view of [
      await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId }),
      await product.ok(resident, 'resident', 'caseDetail', { caseId }),
    ])
      expect(durations(view)).toEqual(['3″']);
  });
});

describe('a handling unit', () => {
  it('sees the problem and its photos but hears no voice note: a voice is the person', async () => {
    const resident = 'o-voice-unit';
    const { caseId } = await product.ok(
      resident,
      'resident',
      'submit',
      submission({
        photos: [await product.uploadPhoto(resident, 'unit-photo')],
        voiceNotes: [{ fileID: await uploadVoice(resident, 'unit-voice'), duration: 10 }],
      }),
    );
    for (const step of [
      { action: 'accept' },
      { action: 'route', route: 'assign', unitId: 'dept-dongjie-street' },
    ] as const)
      await product.ok(DEV_DEPUTY_OPENID, 'casework', 'act', { caseId, ...step, clientRequestId: rid() });
    const unit = await product.ok(DEV_UNIT_OPENID, 'casework', 'caseDetail', { caseId });
    expect(unit.photos).toHaveLength(1);
    expect(unit.voiceNotes).toEqual([]);
    expect(JSON.stringify(unit)).not.toContain('.mp3');
    const deputy = await product.ok(DEV_DEPUTY_OPENID, 'casework', 'caseDetail', { caseId });
    expect(durations(deputy)).toEqual(['3″']);
  });
});

describe('resident.supplement with voiceNotes', () => {
  it('adds notes to the open case once, however often it is retried, and refuses a foreign one', async () => {
    const resident = 'o-voice-supplement';
    const { caseId } = await product.ok(resident, 'resident', 'submit', submission());
    const input = {
      caseId,
      voiceNotes: [{ fileID: await uploadVoice(resident, 'later'), duration: 20 }],
      clientRequestId: rid(),
    };
    const view = await product.ok(resident, 'resident', 'supplement', input);
    expect(durations(view)).toEqual(['3″']);
    expect(view.timeline.at(-1)).toMatchObject({ type: 'supplemented' });
    await product.ok(resident, 'resident', 'supplement', input);
    expect(stored(caseId).voiceNotes).toEqual([
      expect.objectContaining({ duration: 3, seq: view.timeline.at(-1)?.seq }),
    ]);
    const deputy = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId });
    expect(durations(deputy)).toEqual(['3″']);

    const foreign = await product.call(resident, 'resident', 'supplement', {
      caseId,
      voiceNotes: [{ fileID: await uploadVoice('o-voice-other', 'other'), duration: 5 }],
      clientRequestId: rid(),
    });
    expect(foreign).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { voiceNotes: expect.any(String) },
    });
  });
});

describe("a case's personal data", () => {
  it('takes the voice notes with it when the resident asks for it to be erased', async () => {
    const resident = 'o-voice-erase';
    const { caseId } = await product.ok(
      resident,
      'resident',
      'submit',
      submission({ voiceNotes: [{ fileID: await uploadVoice(resident, 'erase'), duration: 6 }] }),
    );
    await product.ok(resident, 'resident', 'withdraw', { caseId, clientRequestId: rid() });
    const adopted = stored(caseId).voiceNotes?.[0].fileID ?? '';
    expect(await fileExists(adopted)).toBe(true);
    const held = await product.ok(resident, 'resident', 'myData', {});
    expect(held.cases).toEqual([expect.objectContaining({ caseId, voiceNoteCount: 1 })]);

    await product.ok(resident, 'resident', 'eraseMyData', { clientRequestId: rid() });
    expect(stored(caseId)).toMatchObject({
      voiceNotes: [],
      redaction: { removed: expect.arrayContaining(['voiceNotes']) },
    });
    expect(await fileExists(adopted)).toBe(false);
  });
});
