import type { CaseDetailView } from '../../miniprogram/core/api';
import { photoPrefix } from '../../miniprogram/core/submit';
import { codeImagePaths, printableQrPng } from '../../cloudfunctions/_lib/codes';
import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * Storage as an attacker meets it through the mini-program's own door (/wx/uploadFile): a WeChat
 * user writes only under their own prefix and never over someone else's file, the functions alone
 * write what they make (printed codes), and a case's photos are kept under ids that reveal no one.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

/** OpenIDs shaped like WeChat's, so that finding one in a view cannot be a coincidence. */
const RESIDENT_A = 'oRes1dentA7x9Kq2LmN3pQrS4tUv';
const RESIDENT_B = 'oRes1dentB5wYz8Hj6Gf4Dd2SaQp';
const ATTACKER = 'oAttack3r9Zx8Cv7Bn6Mm5Ll4Kk3J';

const JPEG = (tag: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(tag)]);

async function bytesAt(url: string | null): Promise<Buffer> {
  if (!url) throw new Error('no URL to download');
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const stored = (caseId: string) => product.stack.store.getById('cases', caseId) as unknown as CaseDoc;

describe("a deputy's printed code", () => {
  const target = { type: 'deputy' as const, code: 'D00001' };

  it('cannot be planted before the deputy first opens 我的二维码, nor replaced after', async () => {
    const paths = codeImagePaths(target);
    const forged = Buffer.from('not the deputy code');
    for (const cloudPath of [paths.qr, paths.wxacode['image/png']]) {
      const planted = await product.tryUpload(ATTACKER, cloudPath, forged);
      expect(planted).toMatchObject({
        status: 403,
        errMsg: expect.stringContaining('STORAGE_EXCEED_AUTHORITY'),
      });
    }

    const first = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'myCode', {});
    expect(await bytesAt(first.qrImageUrl)).toEqual(printableQrPng(target));

    // Once the function has made it, the deputy themself cannot overwrite it from the phone either.
    for (const who of [ATTACKER, DEV_DEPUTY_OPENID]) {
      expect(await product.tryUpload(who, paths.qr, forged)).toMatchObject({ status: 403 });
    }
    const again = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'myCode', {});
    expect(await bytesAt(again.qrImageUrl)).toEqual(printableQrPng(target));
    expect(await bytesAt(again.wxacodeImageUrl)).not.toEqual(forged);
  });
});

describe("a resident's case photo", () => {
  it('cannot be overwritten by another resident, before or after it is submitted', async () => {
    const cloudPath = `${photoPrefix(RESIDENT_A)}202611/aPhotoOfTheStreetLamp.jpg`;
    const original = JPEG('resident A: the broken street lamp');
    const fileID = await product.uploadFile(RESIDENT_A, cloudPath, original);

    const overwrite = await product.tryUpload(RESIDENT_B, cloudPath, JPEG('resident B'));
    expect(overwrite).toMatchObject({
      status: 403,
      errMsg: expect.stringContaining('STORAGE_EXCEED_AUTHORITY'),
    });
    // Nor can B plant a file of their own choosing under A's prefix.
    const planted = await product.tryUpload(
      RESIDENT_B,
      `${photoPrefix(RESIDENT_A)}202611/planted.jpg`,
      JPEG('B'),
    );
    expect(planted).toMatchObject({ status: 403 });

    const { caseId } = await product.ok(RESIDENT_A, 'resident', 'submit', submission({ photos: [fileID] }));
    const deputyView = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId });
    expect(deputyView.photos).toHaveLength(1);
    expect(await bytesAt(deputyView.photos[0].url)).toEqual(original);

    // The case's own copy is the functions' file: no phone writes over it.
    const casePath = deputyView.photos[0].fileID.replace(/^cloud:\/\/[^/]+\//, '');
    for (const who of [RESIDENT_B, RESIDENT_A]) {
      expect(await product.tryUpload(who, casePath, JPEG('swapped'))).toMatchObject({ status: 403 });
    }
    const mine = await product.ok(RESIDENT_A, 'resident', 'caseDetail', { caseId });
    expect(await bytesAt(mine.photos[0].url)).toEqual(original);
    expect(
      await bytesAt((await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId })).photos[0].url),
    ).toEqual(original);
  });

  it('refuses a photo that only mentions the caller’s prefix somewhere in its path', async () => {
    // Lies under the functions' own `cases/` path, though the text `/appeals/<openid>/` is in it.
    const { fileID } = await product.admin.uploadFile({
      cloudPath: `cases/elsewhere/${photoPrefix(RESIDENT_A)}x.jpg`,
      fileContent: JPEG('not an upload of A'),
    });
    const result = await product.call(RESIDENT_A, 'resident', 'submit', submission({ photos: [fileID] }));
    expect(result).toMatchObject({
      ok: false,
      code: 'PHOTO.INVALID',
      fields: { photos: expect.any(String) },
    });
  });
});

describe('an anonymous case', () => {
  it('shows the deputy, staff, office and the unit photo ids and URLs that reveal no one', async () => {
    const photos = [
      await product.uploadPhoto(RESIDENT_A, 'anonA1'),
      await product.uploadPhoto(RESIDENT_A, 'anonA2'),
    ];
    const { caseId } = await product.ok(
      RESIDENT_A,
      'resident',
      'submit',
      submission({ anonymous: true, phone: undefined, contactName: undefined, photos }),
    );
    const views: Array<[string, CaseDetailView]> = [
      ['deputy', await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId })],
      ['deputy (casework)', await product.ok(DEV_DEPUTY_OPENID, 'casework', 'caseDetail', { caseId })],
      ['staff', await product.ok(DEV_STAFF_OPENID, 'casework', 'caseDetail', { caseId })],
      ['office', await product.ok(DEV_OFFICE_OPENID, 'casework', 'caseDetail', { caseId })],
    ];
    await product.ok(DEV_DEPUTY_OPENID, 'casework', 'act', {
      caseId,
      action: 'accept',
      clientRequestId: 'anon-accept-1',
    });
    await product.ok(DEV_DEPUTY_OPENID, 'casework', 'act', {
      caseId,
      action: 'route',
      route: 'assign',
      unitId: 'dept-dongjie-street',
      clientRequestId: 'anon-route-1',
    });
    views.push(['unit', await product.ok(DEV_UNIT_OPENID, 'casework', 'caseDetail', { caseId })]);

    for (const [who, view] of views) {
      expect([who, view.photos.length]).toEqual([who, 2]);
      for (const photo of view.photos) {
        expect([who, photo.fileID]).toEqual([who, expect.not.stringContaining(RESIDENT_A)]);
        expect([who, photo.url]).toEqual([who, expect.not.stringContaining(RESIDENT_A)]);
        expect(await bytesAt(photo.url)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]));
      }
      expect([who, JSON.stringify(view)]).toEqual([who, expect.not.stringContaining(RESIDENT_A)]);
    }
    // The resident still sees their own photos.
    const mine = await product.ok(RESIDENT_A, 'resident', 'caseDetail', { caseId });
    expect(mine.photos.map((p) => p.fileID)).toEqual(views[0][1].photos.map((p) => p.fileID));
  });
});

describe('adopting the photos of a new case', () => {
  it('moves each upload under the case, copies nothing twice on a retry, and the media check finds it', async () => {
    const photos = [
      await product.uploadPhoto(RESIDENT_B, 'keep1'),
      await product.uploadPhoto(RESIDENT_B, 'keep2'),
    ];
    const input = submission({ photos });
    const copies = () => product.stack.requestCounts()['storage.batchCopyFile'] ?? 0;
    const before = copies();
    const first = await product.ok(RESIDENT_B, 'resident', 'submit', input);
    // One copy call moved both photos.
    expect(copies() - before).toBe(1);
    const retries = await Promise.all(
      [1, 2, 3].map(() => product.ok(RESIDENT_B, 'resident', 'submit', input)),
    );
    expect(retries).toEqual(
      retries.map(() => expect.objectContaining({ caseId: first.caseId, replayed: true })),
    );
    // The retries found the photos moved and copied nothing.
    expect(copies() - before).toBe(1);
    const results = [first];

    const doc = stored(results[0].caseId);
    expect(doc.photos.map((p) => p.fileID)).toEqual([
      expect.stringMatching(new RegExp(`/cases/${doc._id}/keep1\\.jpg$`)),
      expect.stringMatching(new RegExp(`/cases/${doc._id}/keep2\\.jpg$`)),
    ]);
    // The uploads are gone from the resident's prefix: the case holds the only copy.
    const { fileList } = await product.admin.getTempFileURL({ fileList: photos });
    expect(fileList.map((f: { code: string }) => f.code)).toEqual([
      'STORAGE_FILE_NONEXIST',
      'STORAGE_FILE_NONEXIST',
    ]);

    // WeChat's verdict on the second photo reaches the adopted photo by its trace id.
    const { result } = await product.admin.callFunction({
      name: 'wxevents',
      data: {
        Event: 'wxa_media_check',
        trace_id: doc.photos[1].traceId,
        result: { suggest: 'risky', label: 20002 },
      },
    });
    expect(result).toMatchObject({ ok: true, data: { matched: true, check: 'risky' } });
    const view = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId: doc._id });
    expect(view.photos.map((p) => p.fileID)).toEqual([doc.photos[0].fileID]);
  });

  it('stores one case with its photos when the first attempt races its own retries', async () => {
    const photos = [
      await product.uploadPhoto(RESIDENT_B, 'race1'),
      await product.uploadPhoto(RESIDENT_B, 'race2'),
    ];
    const input = submission({ photos });
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => product.ok(RESIDENT_B, 'resident', 'submit', input)),
    );
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const view = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId: results[0].caseId });
    expect(view.photos).toHaveLength(2);
    for (const photo of view.photos) expect(await bytesAt(photo.url)).toHaveLength(8);
  });

  it('costs the submission no database round trip more than one without photos', async () => {
    const databaseCalls = async (photos: string[]) => {
      const before = product.stack.requestCounts();
      await product.ok(RESIDENT_B, 'resident', 'submit', submission({ photos }));
      const after = product.stack.requestCounts();
      return Object.entries(after)
        .filter(([action]) => action.startsWith('database.'))
        .reduce((sum, [action, n]) => sum + n - (before[action] ?? 0), 0);
    };
    // WeChat's media-check results arrive on their own and are recorded by another function: let
    // those of earlier cases land, and have WeChat decline this case's checks, so that only the
    // submission is counted.
    await product.stack.settled();
    await databaseCalls([]); // a warm instance: the categories are cached
    const without = await databaseCalls([]);
    const photos = [
      await product.uploadPhoto(RESIDENT_B, 'count1'),
      await product.uploadPhoto(RESIDENT_B, 'count2'),
    ];
    product.stack.wx.injectFault('security.mediaCheckAsync', -1, photos.length);
    const withPhotos = await databaseCalls(photos);
    expect(withPhotos).toBe(without);
  });

  it('moves nothing when the submission is refused, so the draft can be sent again', async () => {
    const photo = await product.uploadPhoto(RESIDENT_B, 'draft-kept');
    const refused = await product.call(
      RESIDENT_B,
      'resident',
      'submit',
      submission({ photos: [photo, photo.replace(/draft-kept/, 'never-uploaded')] }),
    );
    expect(refused).toMatchObject({ ok: false, code: 'PHOTO.INVALID' });
    const unknown = await product.call(
      RESIDENT_B,
      'resident',
      'submit',
      submission({ photos: [photo], category: 'no_such_category' }),
    );
    expect(unknown).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    const { fileList } = await product.admin.getTempFileURL({ fileList: [photo] });
    expect(fileList[0].code).toBe('SUCCESS');
    const sent = await product.ok(RESIDENT_B, 'resident', 'submit', submission({ photos: [photo] }));
    expect(stored(sent.caseId).photos).toHaveLength(1);
  });

  it('finishes a submission interrupted after its photos were moved, when the phone sends it again', async () => {
    const photo = await product.uploadPhoto(RESIDENT_B, 'interrupted');
    const input = submission({ photos: [photo] });
    // An attempt that moved the photo and then died before storing the case: the photo is under the
    // case's path and no longer under the resident's.
    const first = await product.ok(RESIDENT_B, 'resident', 'submit', input);
    const moved = stored(first.caseId);
    product.stack.store.remove('cases', { _id: first.caseId }, { multi: false });

    const retried = await product.ok(RESIDENT_B, 'resident', 'submit', input);
    expect(retried).toMatchObject({ caseId: first.caseId, replayed: false });
    const doc = stored(retried.caseId);
    expect(doc.photos.map((p) => p.fileID)).toEqual(moved.photos.map((p) => p.fileID));
    const view = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId: doc._id });
    expect(await bytesAt(view.photos[0].url)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]));
  });
});

describe('a visitor registered at the desk', () => {
  it("keeps the staff member's photos under each case, with no OpenID in their ids", async () => {
    const photos = [
      await product.uploadPhoto(DEV_STAFF_OPENID, 'desk-a'),
      await product.uploadPhoto(DEV_STAFF_OPENID, 'desk-b'),
    ];
    const today = new Date(product.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const visit = await product.ok(DEV_STAFF_OPENID, 'station', 'registerVisitor', {
      date: today,
      receivedBy: 'deputy-lin',
      anonymous: true,
      answeredOnSpot: false,
      items: [
        {
          kind: 'help',
          category: 'elderly',
          description: '小区老年食堂停办了，希望恢复。',
          photos: [photos[0]],
        },
        {
          kind: 'suggestion',
          category: 'parking',
          description: '建议在菜市场旁边划出临时停车位。',
          photos: [photos[1]],
        },
      ],
      clientRequestId: 'visit-photos-0001',
    });
    const ids = visit.cases.map((c) => stored(c.caseId).photos.map((p) => p.fileID));
    expect(ids).toEqual([
      [expect.stringMatching(new RegExp(`/cases/${visit.cases[0].caseId}/desk-a\\.jpg$`))],
      [expect.stringMatching(new RegExp(`/cases/${visit.cases[1].caseId}/desk-b\\.jpg$`))],
    ]);
    const view = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', {
      caseId: visit.cases[0].caseId,
    });
    expect(view.photos[0].url).not.toContain(DEV_STAFF_OPENID);
    expect(await bytesAt(view.photos[0].url)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]));
  });
});
