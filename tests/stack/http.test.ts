import { startBareStack, postJson } from '../helpers/local-stack';

/** The stack's answers to bad requests: CloudBase's error codes, never a crash. */

let ctx: Awaited<ReturnType<typeof startBareStack>>;
const auth = { authorization: 'TC3-HMAC-SHA256 any' };

beforeAll(async () => {
  ctx = await startBareStack({ functionTimeoutMs: 300 });
  await ctx.app.database().createCollection('things');
  await ctx.app.database().collection('things').add({ name: 'a', n: 1 });
});
afterAll(() => ctx.close());

describe('admin API bad requests', () => {
  const admin = () => `${ctx.stack.url}/admin`;

  it('answers an unknown action with INVALID_ACTION', async () => {
    const { status, body } = await postJson(admin(), { action: 'database.dropEverything' }, auth);
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: 'INVALID_ACTION' });
    expect(body.requestId).toEqual(expect.any(String));
  });

  it('answers a malformed body with INVALID_PARAM', async () => {
    const { body } = await postJson(admin(), '{"action": "database.getDocument", ', auth);
    expect(body).toMatchObject({ code: 'INVALID_PARAM' });
  });

  it('answers an oversized body with EXCEED_REQUEST_SIZE_LIMIT', async () => {
    const huge = {
      action: 'database.insertDocument',
      collectionName: 'things',
      data: ['x'.repeat(6 * 1024 * 1024)],
    };
    const { body } = await postJson(admin(), huge, auth);
    expect(body).toMatchObject({ code: 'EXCEED_REQUEST_SIZE_LIMIT' });
    expect(await ctx.app.database().collection('things').count()).toMatchObject({ total: 1 });
  });

  it('refuses an unsigned request', async () => {
    const { body } = await postJson(admin(), { action: 'database.getDocument', collectionName: 'things' });
    expect(body).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
  });

  it('answers a query that is not EJSON, and a query with an unknown operator', async () => {
    const raw = await postJson(
      admin(),
      { action: 'database.getDocument', collectionName: 'things', query: '{oops' },
      auth,
    );
    expect(raw.body).toMatchObject({ code: 'INVALID_PARAM' });
    await expect(
      ctx.app
        .database()
        .collection('things')
        .where({ n: { $bogus: 1 } })
        .get(),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });

  it('answers an update that mixes operators and plain fields, and leaves the data as it was', async () => {
    const mixed = await postJson(
      admin(),
      {
        action: 'database.modifyDocument',
        collectionName: 'things',
        query: '{}',
        data: JSON.stringify({ $set: { n: 2 }, name: 'b' }),
        multi: true,
        merge: true,
      },
      auth,
    );
    expect(mixed.body).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    const { data } = await ctx.app.database().collection('things').get();
    expect(data).toEqual([expect.objectContaining({ name: 'a', n: 1 })]);
  });

  it('keeps serving after all of the above', async () => {
    const { data } = await ctx.app.database().collection('things').where({ name: 'a' }).get();
    expect(data).toHaveLength(1);
  });
});

describe('functions', () => {
  it('reports a function that throws, one that does not exist, and one that times out', async () => {
    await expect(ctx.app.callFunction({ name: 'boom', data: {} })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringContaining('boom'),
    });
    await expect(ctx.app.callFunction({ name: 'missing', data: {} })).rejects.toMatchObject({
      code: 'FUNCTION_NOT_FOUND',
    });
    await expect(ctx.app.callFunction({ name: 'slow', data: {} })).rejects.toMatchObject({
      code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
    });
  });

  it('gives an admin call no WeChat identity', async () => {
    const { result } = await ctx.app.callFunction({ name: 'echo', data: { a: 1 } });
    expect(result).toMatchObject({ event: { a: 1 }, openid: null });
  });
});

describe('mini-program endpoint /wx/callFunction', () => {
  const call = (body: unknown, headers: Record<string, string> = {}) =>
    postJson(`${ctx.stack.url}/wx/callFunction`, body, headers);

  it('calls the function as the WeChat user named by X-WX-OPENID, as wx.cloud.callFunction would', async () => {
    const { status, body } = await call(
      { name: 'echo', data: { q: 'x' } },
      { 'X-WX-OPENID': 'o-resident-1' },
    );
    expect(status).toBe(200);
    expect(body.result).toMatchObject({
      openid: 'o-resident-1',
      appid: expect.any(String),
      event: { q: 'x', userInfo: { openId: 'o-resident-1' } },
    });
  });

  it('takes identity from the header, never from the body', async () => {
    const { body } = await call(
      { name: 'echo', data: { openid: 'o-victim', userInfo: { openId: 'o-victim' } } },
      { 'X-WX-OPENID': 'o-attacker' },
    );
    expect(body.result).toMatchObject({
      openid: 'o-attacker',
      event: { userInfo: { openId: 'o-attacker' } },
    });
  });

  it('refuses a call without X-WX-OPENID and reports missing or failing functions', async () => {
    expect((await call({ name: 'echo', data: {} })).status).toBe(401);
    const missing = await call({ name: 'missing', data: {} }, { 'X-WX-OPENID': 'o1' });
    expect(missing.status).toBe(500);
    expect(missing.body).toMatchObject({ errCode: -501000 });
    const boom = await call({ name: 'boom', data: {} }, { 'X-WX-OPENID': 'o1' });
    expect(boom.body).toMatchObject({
      errCode: -504002,
      errMsg: expect.stringContaining('FUNCTIONS_EXECUTE_FAIL'),
    });
  });
});

describe('mini-program uploads and temporary URLs', () => {
  async function upload(openid: string, cloudPath: string, bytes: Buffer) {
    const form = new FormData();
    form.append('cloudPath', cloudPath);
    form.append('file', new Blob([bytes]), 'photo.jpg');
    const res = await fetch(`${ctx.stack.url}/wx/uploadFile`, {
      method: 'POST',
      body: form,
      headers: { 'X-WX-OPENID': openid },
    });
    return { status: res.status, body: (await res.json()) as { fileID?: string; errCode?: number } };
  }

  it('stores the upload with its owner; only the owner gets a temporary URL from the mini-program side', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const { body } = await upload('o-owner', 'appeals/o-owner/p1.jpg', bytes);
    expect(body.fileID).toMatch(/^cloud:\/\/local\..+\/appeals\/o-owner\/p1\.jpg$/);
    expect(ctx.stack.storage.record(body.fileID!)).toMatchObject({ openid: 'o-owner', size: bytes.length });

    const mine = await postJson(
      `${ctx.stack.url}/wx/getTempFileURL`,
      { fileList: [body.fileID] },
      { 'X-WX-OPENID': 'o-owner' },
    );
    const [entry] = mine.body.fileList as Array<{ tempFileURL: string; status: number }>;
    expect(entry.status).toBe(0);
    const download = await fetch(entry.tempFileURL);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);

    const theirs = await postJson(
      `${ctx.stack.url}/wx/getTempFileURL`,
      { fileList: [body.fileID] },
      { 'X-WX-OPENID': 'o-other' },
    );
    expect(theirs.body.fileList).toEqual([expect.objectContaining({ status: -403003, tempFileURL: '' })]);
  });

  it('refuses a path that could escape the storage root', async () => {
    const { status, body } = await upload('o-owner', '../etc/passwd', Buffer.from('x'));
    expect(status).toBe(400);
    expect(body.errCode).toBeDefined();
  });

  describe('the storage rule: a user writes only under their own prefix, never over a file someone else made', () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9]);

    it('accepts an upload under the caller’s own prefix, and the caller replacing their own file', async () => {
      for (const cloudPath of ['appeals/o-me/202611/a.jpg', 'imports/o-me/list.xlsx']) {
        expect((await upload('o-me', cloudPath, bytes)).status).toBe(200);
        expect((await upload('o-me', cloudPath, Buffer.from('again'))).status).toBe(200);
      }
    });

    it.each([
      ['another user’s prefix', 'appeals/o-victim/202611/a.jpg'],
      ['a prefix that only starts like the caller’s', 'appeals/o-me-too/a.jpg'],
      ['a printed code', 'codes/deputy/D00001-qr-0000.png'],
      ['a case’s own photo', 'cases/c123/a.jpg'],
      ['the import template', 'templates/directory-template.xlsx'],
      ['a name in the uploads area that is not the caller’s', 'imports/template/directory-template.xlsx'],
      ['the bucket’s root', 'a.jpg'],
      ['an area the app does not upload to', 'exports/o-me/ledger.xlsx'],
    ])('refuses %s, as CloudBase refuses it, and stores nothing', async (_what, cloudPath) => {
      const { status, body } = await upload('o-me', cloudPath, bytes);
      expect(status).toBe(403);
      expect(body).toMatchObject({
        errCode: -501023,
        errMsg: expect.stringContaining('STORAGE_EXCEED_AUTHORITY'),
      });
      expect(ctx.stack.storage.exists(cloudPath)).toBe(false);
    });

    it('refuses an upload over a file the functions made, even under the caller’s prefix', async () => {
      const cloudPath = 'appeals/o-me/made-by-a-function.jpg';
      await ctx.app.uploadFile({ cloudPath, fileContent: Buffer.from('admin') });
      const { status } = await upload('o-me', cloudPath, bytes);
      expect(status).toBe(403);
      const { fileList } = await ctx.app.getTempFileURL({
        fileList: [ctx.stack.storage.fileIdFor(cloudPath)],
      });
      expect(Buffer.from(await (await fetch(fileList[0].tempFileURL)).arrayBuffer()).toString()).toBe(
        'admin',
      );
    });
  });

  it('copies at most 50 files in one request, as CloudBase does', async () => {
    const fileList = Array.from({ length: 51 }, (_, i) => ({
      srcPath: `many/${i}.txt`,
      dstPath: `more/${i}.txt`,
    }));
    await expect(ctx.app.copyFile({ fileList })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  });

  it('refuses a tampered temporary URL', async () => {
    const { fileID } = await ctx.app.uploadFile({
      cloudPath: 'docs/a.txt',
      fileContent: Buffer.from('hello'),
    });
    const { fileList } = await ctx.app.getTempFileURL({ fileList: [fileID] });
    const url = new URL(fileList[0].tempFileURL);
    expect((await fetch(url)).status).toBe(200);
    url.searchParams.set('t', String(Number(url.searchParams.get('t')) + 3600));
    expect((await fetch(url)).status).toBe(403);
  });
});
