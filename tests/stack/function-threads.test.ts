import { TEMPLATES } from '../../miniprogram/core/notifications';
import { DEV_DEPUTY_OPENID } from '../../stack/seed';
import { postJson, startBareStack } from '../helpers/local-stack';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * Functions on threads of their own (`functionThreads`, as `npm start` runs them): the same calls,
 * answers and errors as on the request thread, and the product's code reaching the stack through
 * its SDK from there.
 */

describe('functions on a thread of their own', () => {
  let ctx: Awaited<ReturnType<typeof startBareStack>>;
  beforeAll(async () => {
    ctx = await startBareStack({ functionThreads: 1, functionTimeoutMs: 1500 });
  });
  afterAll(() => ctx.close());

  it('get the event, the caller and the stack’s clock, and answer', async () => {
    const admin = await ctx.app.callFunction({ name: 'echo', data: { a: 1 } });
    expect(admin.result).toMatchObject({
      event: { a: 1 },
      openid: null,
      stackNow: expect.any(Number),
    });
    const { status, body } = await postJson(
      `${ctx.stack.url}/wx/callFunction`,
      { name: 'echo', data: { q: 'x' } },
      { 'X-WX-OPENID': 'o-resident-1' },
    );
    expect(status).toBe(200);
    expect(body.result).toMatchObject({
      openid: 'o-resident-1',
      event: { q: 'x', userInfo: { openId: 'o-resident-1' } },
    });
  });

  it('report a function that throws, one that does not exist, and one that times out', async () => {
    await expect(ctx.app.callFunction({ name: 'boom', data: {} })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringContaining('TypeError: boom'),
    });
    await expect(ctx.app.callFunction({ name: 'missing', data: {} })).rejects.toMatchObject({
      code: 'FUNCTION_NOT_FOUND',
    });
    await expect(ctx.app.callFunction({ name: 'slow', data: {} })).rejects.toMatchObject({
      code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
    });
    // The thread still serves.
    expect((await ctx.app.callFunction({ name: 'echo', data: { b: 2 } })).result).toMatchObject({
      event: { b: 2 },
    });
  });
});

describe('the product on function threads', () => {
  let product: Awaited<ReturnType<typeof startProduct>>;
  beforeAll(async () => {
    product = await startProduct({ functionThreads: 1 });
  });
  afterAll(() => product.close());

  it('stores a submission, tells the deputy, and answers a retried request with the same case', async () => {
    await product.grantConsent(DEV_DEPUTY_OPENID, TEMPLATES.caseReceived.id);
    const input = submission();
    const first = await product.ok('oThreadResident000000000001', 'resident', 'submit', input);
    const again = await product.ok('oThreadResident000000000001', 'resident', 'submit', input);
    expect(again.caseId).toBe(first.caseId);
    expect(product.stack.store.count('cases', { openid: 'oThreadResident000000000001' })).toBe(1);
    const sends = (await product.wxCalls('subscribeMessage.send')).filter((c) =>
      String(c.request.page).includes(first.caseId),
    );
    expect(sends).toEqual([expect.objectContaining({ errcode: 0 })]);
  });
});
