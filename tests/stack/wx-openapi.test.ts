import cloud from 'wx-server-sdk';
import { decodeQr } from '../helpers/zbar';
import { postJson, startBareStack } from '../helpers/local-stack';

/**
 * The WeChat open-API stand-ins, reached the one way WeChat documents for cloud functions: the cloud
 * call (云调用) of the real wx-server-sdk, `cloud.openapi.<category>.<method>`. The SDK encodes the
 * request (protobuf, admin action `wx.openApi`) and decodes the answer; the stand-ins answer as
 * WeChat does (errcodes, result shapes) and record every call.
 */

let ctx: Awaited<ReturnType<typeof startBareStack>>;
type Method = (data: Record<string, unknown>) => Promise<Record<string, unknown>>;
let openapi: Record<string, Record<string, Method>>;

beforeAll(async () => {
  ctx = await startBareStack({ pages: ['pages/home/index', 'pages/deputy/index'] });
  cloud.init({ env: 'local', serviceUrl: `${ctx.stack.url}/admin` } as Parameters<typeof cloud.init>[0]);
  openapi = cloud.openapi as Record<string, Record<string, Method>>;
});
afterAll(() => ctx.close());

/** What the SDK throws for an error code: `{ errCode, errMsg }`. */
async function refusal(call: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await call;
  } catch (error) {
    return error as { errCode: number; errMsg: string };
  }
  throw new Error('expected the call to be refused');
}

async function recorded(api: string) {
  const res = await fetch(`${ctx.stack.url}/local/wx-calls?api=${api}`);
  return ((await res.json()) as { calls: Array<Record<string, unknown>> }).calls;
}

const send = (touser: string, data: Record<string, { value: string }>) =>
  openapi.subscribeMessage.send({ touser, templateId: 'tmpl-reply', page: 'pages/home/index', data });

describe('subscribe messages', () => {
  it('refuses a user who gave no consent (43101), sends once per consent, and records every attempt', async () => {
    const data = {
      thing1: { value: '您反映的问题已答复' },
      character_string2: { value: 'GL-20261121-0001' },
    };
    expect(await refusal(send('o-res', data))).toMatchObject({ errCode: 43101 });

    const grant = await postJson(
      `${ctx.stack.url}/wx/requestSubscribeMessage`,
      { results: { 'tmpl-reply': 'accept', 'tmpl-other': 'reject' } },
      { 'X-WX-OPENID': 'o-res' },
    );
    expect(grant.body.credits).toEqual({ 'tmpl-reply': 1, 'tmpl-other': 0 });

    expect(await send('o-res', data)).toMatchObject({ errCode: 0, msgid: expect.any(Number) });
    expect(await refusal(send('o-res', data))).toMatchObject({ errCode: 43101 });

    const calls = await recorded('subscribeMessage.send');
    expect(calls.map((c) => c.errcode)).toEqual([43101, 0, 43101]);
    // WeChat receives the request as its HTTPS API documents it: snake_case, the template keys as given.
    expect(calls[1]).toMatchObject({ request: { touser: 'o-res', template_id: 'tmpl-reply', data } });
  });

  it('enforces WeChat limits on template values (thing: 20 characters)', async () => {
    const refused = await refusal(
      send('o-res', { thing1: { value: '这是一段超过二十个字符长度限制的诉求答复内容说明文字' } }),
    );
    expect(refused.errCode).toBe(47003);
    expect(refused.errMsg).toContain('thing1');
  });
});

describe('content security (msgSecCheck v2)', () => {
  const check = (content: string, scene = 3, openid = 'o1') =>
    openapi.security.msgSecCheck({ content, version: 2, scene, openid });

  it('passes ordinary text, and a report of illegal activity: what the text mentions is not what it does', async () => {
    expect(await check('小区门口路灯坏了，晚上很黑')).toMatchObject({
      errCode: 0,
      traceId: expect.any(String),
      result: { suggest: 'pass', label: 100 },
    });
    expect(await check('有人在小区里组织赌博，天天很吵')).toMatchObject({ result: { suggest: 'pass' } });
  });

  it('answers risky for text that itself advertises, defrauds or abuses, with its label', async () => {
    expect(await check('低价代开发票，联系我', 2)).toMatchObject({
      result: { suggest: 'risky', label: 10001 },
    });
    expect(await check('你们这些傻逼', 1)).toMatchObject({
      result: { suggest: 'risky', label: 20003 },
      detail: expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '傻逼' })]),
    });
  });

  it('sends a touchy subject to review', async () => {
    expect(await check('楼下有人放高利贷')).toMatchObject({ result: { suggest: 'review', label: 20006 } });
  });

  it("refuses a call without the user's openid or a valid scene, as v2 requires", async () => {
    expect(await refusal(check('路灯坏了', 3, ''))).toMatchObject({ errCode: 40003 });
    expect(await refusal(check('路灯坏了', 5))).toMatchObject({ errCode: 40129 });
    expect(
      await refusal(openapi.security.msgSecCheck({ content: '路灯坏了', openid: 'o1', scene: 1 })),
    ).toMatchObject({ errCode: 47001 });
  });

  it('accepts an asynchronous media check and answers with a trace id', async () => {
    const answer = await openapi.security.mediaCheckAsync({
      mediaUrl: 'http://x/a.jpg',
      mediaType: 2,
      version: 2,
      scene: 1,
      openid: 'o1',
    });
    expect(answer).toMatchObject({ errCode: 0, traceId: expect.any(String) });
    const [call] = await recorded('security.mediaCheckAsync');
    expect(call.request).toEqual({
      media_url: 'http://x/a.jpg',
      media_type: 2,
      version: 2,
      scene: 1,
      openid: 'o1',
    });
  });
});

describe('mini-program codes', () => {
  it('answers getUnlimited with a PNG that decodes to the page and scene', async () => {
    const answer = (await openapi.wxacode.getUnlimited({
      scene: 'd=D00001',
      page: 'pages/deputy/index',
      width: 430,
    })) as { contentType: string; buffer: Buffer };
    expect(answer.contentType).toBe('image/png');
    expect(answer.buffer.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(decodeQr(answer.buffer)).toBe('wxacode:pages/deputy/index?scene=d%3DD00001');
  });

  it('refuses a scene longer than 32 characters and a page the app does not have', async () => {
    expect(
      await refusal(openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33), page: 'pages/home/index' })),
    ).toMatchObject({ errCode: 40097 });
    expect(
      await refusal(openapi.wxacode.getUnlimited({ scene: 'd=1', page: 'pages/nowhere/index' })),
    ).toMatchObject({ errCode: 41030 });
  });
});

describe('the route itself', () => {
  it('answers an API the cloud call does not know as WeChat does (-604100), raw URL paths included', async () => {
    expect(await refusal(openapi.wxa.msg_sec_check({ content: 'x' }))).toMatchObject({ errCode: -604100 });
    expect(await refusal(openapi.security.noSuchApi({}))).toMatchObject({ errCode: -604100 });
  });

  it('no longer answers the raw-path routes the functions used before the cloud call', async () => {
    await expect(
      ctx.app.callWxOpenApi({
        apiName: '/wxa/msg_sec_check',
        requestData: { content: '路灯坏了', version: 2, scene: 1, openid: 'o1' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ACTION' });
    // The same action the cloud call uses, with the JSON a raw path carried instead of CommApiData.
    const raw = await ctx.app
      .callCompatibleWxOpenApi({
        apiName: '/wxa/getwxacodeunlimit',
        requestData: Buffer.from(JSON.stringify({ scene: 'd=1', page: 'pages/home/index' })),
      })
      .catch((error: unknown) => error);
    expect(Buffer.isBuffer(raw)).toBe(false);
    expect(await recorded('/wxa/getwxacodeunlimit')).toHaveLength(0);
  });
});
