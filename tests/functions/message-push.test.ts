import type { CaseDoc } from '../../cloudfunctions/_lib/platform';
import { isMessagePush } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * WeChat pushes a photo's media-check verdict to `wxevents` (消息推送 to a cloud function) with the
 * message as the event and its sender, FromUserName, as the caller's OpenID. The function must take
 * such a push, and refuse the same message sent by a phone through wx.cloud.callFunction.
 */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

const RESIDENT = 'o-push-resident';
const SENDER = 'o4_t144jTUSEoxydysUA2E-kh1ck';

/** A case with two photos; its photos' trace ids, which only the functions and WeChat know. */
async function caseWithPhotos() {
  const photos = [await product.uploadPhoto(RESIDENT, 'p1'), await product.uploadPhoto(RESIDENT, 'p2')];
  const { caseId } = await product.ok(RESIDENT, 'resident', 'submit', submission({ photos }));
  const doc = product.stack.store.getById('cases', caseId) as unknown as CaseDoc;
  return { caseId, traceIds: doc.photos.map((photo) => photo.traceId ?? '') };
}

const verdict = (traceId: string, from: string) => ({
  ToUserName: 'gh_0123456789ab',
  FromUserName: from,
  CreateTime: 1764892800,
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: 'wx0000000000000000',
  trace_id: traceId,
  version: 2,
  result: { suggest: 'risky', label: 20002 },
  detail: [{ strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20002, prob: 90 }],
});

const deputySees = async (caseId: string) =>
  (await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'caseDetail', { caseId })).photos.length;

it('takes the verdict WeChat pushes, the sender given as the caller, and withholds the photo', async () => {
  const { caseId, traceIds } = await caseWithPhotos();
  const answer = await product.stack.functions.invoke({
    name: 'wxevents',
    event: verdict(traceIds[1], SENDER),
    openid: SENDER,
  });
  expect(answer).toMatchObject({ ok: true, data: { matched: true, check: 'risky' } });
  expect(await deputySees(caseId)).toBe(1);
});

it('refuses the same message from a phone, and the photo stays', async () => {
  const { caseId, traceIds } = await caseWithPhotos();
  const res = await fetch(`${product.stack.url}/wx/callFunction`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-WX-OPENID': RESIDENT },
    body: JSON.stringify({ name: 'wxevents', data: verdict(traceIds[0], RESIDENT) }),
  });
  expect(((await res.json()) as { result: unknown }).result).toMatchObject({
    ok: false,
    code: 'AUTH.FORBIDDEN',
  });
  expect(await deputySees(caseId)).toBe(2);
});

describe('what counts as a push', () => {
  const caller = (openid: string) => ({ openid, appid: 'wx0000000000000000' });

  it('a message whose sender is the caller, with no userInfo', () => {
    expect(isMessagePush(verdict('t', SENDER), caller(SENDER))).toBe(true);
  });

  it('a call with no caller at all (the console, a script)', () => {
    expect(isMessagePush({ Event: 'wxa_media_check' }, caller(''))).toBe(true);
  });

  it('not a call from the mini-program, which always carries userInfo', () => {
    const fromPhone = {
      ...verdict('t', RESIDENT),
      userInfo: { appId: 'wx0000000000000000', openId: RESIDENT },
    };
    expect(isMessagePush(fromPhone, caller(RESIDENT))).toBe(false);
  });

  it('not a message whose sender is someone else, nor one that is no event', () => {
    expect(isMessagePush(verdict('t', SENDER), caller(RESIDENT))).toBe(false);
    expect(isMessagePush({ ...verdict('t', RESIDENT), MsgType: 'text' }, caller(RESIDENT))).toBe(false);
  });
});
