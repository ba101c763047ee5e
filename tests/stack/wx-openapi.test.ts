import { decodeQr } from '../helpers/zbar';
import { postJson, startBareStack } from '../helpers/local-stack';

/** The WeChat open-API stand-ins: WeChat's answers and limits, and a record of every call. */

let ctx: Awaited<ReturnType<typeof startBareStack>>;
beforeAll(async () => {
  ctx = await startBareStack({ pages: ['pages/home/index', 'pages/deputy/index'] });
});
afterAll(() => ctx.close());

const send = (touser: string, data: Record<string, { value: string }>) =>
  ctx.app.callWxOpenApi({
    apiName: '/cgi-bin/message/subscribe/send',
    requestData: { touser, template_id: 'tmpl-reply', page: 'pages/home/index', data },
  });

async function recorded(api: string) {
  const res = await fetch(`${ctx.stack.url}/local/wx-calls?api=${api}`);
  return ((await res.json()) as { calls: Array<Record<string, unknown>> }).calls;
}

describe('subscribe messages', () => {
  it('refuses a user who gave no consent (43101), sends once per consent, and records every attempt', async () => {
    const data = {
      thing1: { value: '您反映的问题已答复' },
      character_string2: { value: 'GL-20261121-0001' },
    };
    expect((await send('o-res', data)).result).toMatchObject({ errcode: 43101 });

    const grant = await postJson(
      `${ctx.stack.url}/wx/requestSubscribeMessage`,
      { results: { 'tmpl-reply': 'accept', 'tmpl-other': 'reject' } },
      { 'X-WX-OPENID': 'o-res' },
    );
    expect(grant.body.credits).toEqual({ 'tmpl-reply': 1, 'tmpl-other': 0 });

    expect((await send('o-res', data)).result).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect((await send('o-res', data)).result).toMatchObject({ errcode: 43101 });

    const calls = await recorded('subscribeMessage.send');
    expect(calls.map((c) => c.errcode)).toEqual([43101, 0, 43101]);
    expect(calls[1]).toMatchObject({ request: { touser: 'o-res', template_id: 'tmpl-reply', data } });
  });

  it('enforces WeChat limits on template values (thing: 20 characters)', async () => {
    const { result } = await send('o-res', {
      thing1: { value: '这是一段超过二十个字符长度限制的诉求答复内容说明文字' },
    });
    expect(result).toMatchObject({ errcode: 47003 });
    expect(result.errmsg).toContain('thing1');
  });
});

describe('content security', () => {
  it('passes ordinary text and flags risky text', async () => {
    const check = (content: string) =>
      ctx.app.callWxOpenApi({
        apiName: '/wxa/msg_sec_check',
        requestData: { content, version: 2, scene: 1, openid: 'o1' },
      });
    expect((await check('小区门口路灯坏了，晚上很黑')).result).toMatchObject({
      errcode: 0,
      result: { suggest: 'pass' },
    });
    expect((await check('有人在楼下组织赌博')).result).toMatchObject({
      errcode: 0,
      result: { suggest: 'risky' },
    });
  });

  it('accepts an asynchronous media check and answers with a trace id', async () => {
    const { result } = await ctx.app.callWxOpenApi({
      apiName: '/wxa/media_check_async',
      requestData: { media_url: 'http://x/a.jpg', media_type: 2, version: 2, scene: 1, openid: 'o1' },
    });
    expect(result).toMatchObject({ errcode: 0, trace_id: expect.any(String) });
  });
});

describe('mini-program codes', () => {
  it('answers getUnlimited with a PNG that decodes to the page and scene', async () => {
    const png = (await ctx.app.callCompatibleWxOpenApi({
      apiName: '/wxa/getwxacodeunlimit',
      requestData: Buffer.from(JSON.stringify({ scene: 'd=D00001', page: 'pages/deputy/index', width: 430 })),
    })) as Buffer;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(decodeQr(png)).toBe('wxacode:pages/deputy/index?scene=d%3DD00001');
  });

  it('refuses a scene longer than 32 characters and a page the app does not have', async () => {
    const call = (body: object) =>
      ctx.app.callCompatibleWxOpenApi({
        apiName: '/wxa/getwxacodeunlimit',
        requestData: Buffer.from(JSON.stringify(body)),
      });
    expect(await call({ scene: 'x'.repeat(33), page: 'pages/home/index' })).toMatchObject({ errcode: 40097 });
    expect(await call({ scene: 'd=1', page: 'pages/nowhere/index' })).toMatchObject({ errcode: 41030 });
  });
});
