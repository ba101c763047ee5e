import { randomBytes } from 'node:crypto';
import { caught, openTarget, type Target } from './target';

/** Cloud storage through the SDK: uploadFile, getTempFileURL, downloadFile, deleteFile, copyFile. */

let t: Target;
const uploaded = new Set<string>();

async function upload(cloudPath: string, content: Buffer): Promise<string> {
  const { fileID } = await t.app.uploadFile({ cloudPath, fileContent: content });
  uploaded.add(fileID);
  return fileID;
}

async function tempUrl(fileID: string): Promise<{ code: string; tempFileURL: string; fileID: string }> {
  const res = await t.app.getTempFileURL({ fileList: [fileID] });
  expect(res.fileList).toHaveLength(1);
  return res.fileList[0] as { code: string; tempFileURL: string; fileID: string };
}

/** downloadFile's content, which the SDK types as string | Buffer and answers as a Buffer. */
async function download(fileID: string): Promise<Buffer> {
  const { fileContent } = await t.app.downloadFile({ fileID });
  expect(Buffer.isBuffer(fileContent)).toBe(true);
  return fileContent as Buffer;
}

async function fetchBytes(url: string): Promise<{ status: number; body: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

/** A file ID of this environment and bucket that names a file nobody uploaded. */
function missingFileId(existing: string): string {
  return existing.replace(/\/[^/]+$/, `/missing-${randomBytes(6).toString('hex')}.txt`);
}

beforeAll(async () => {
  t = await openTarget();
});

afterAll(async () => {
  if (t && uploaded.size > 0) await t.app.deleteFile({ fileList: [...uploaded] }).catch(() => undefined);
  await t?.close();
});

describe('a text file', () => {
  const content = Buffer.from('代表码 conformance: hello\n', 'utf8');
  let fileID: string;

  beforeAll(async () => {
    fileID = await upload(`${t.prefix}/docs/hello.txt`, content);
  });

  it('uploadFile returns a cloud:// fileID that ends with the cloud path', () => {
    expect(fileID).toMatch(/^cloud:\/\/.+/);
    expect(fileID.endsWith(`/${t.prefix}/docs/hello.txt`)).toBe(true);
  });

  it('getTempFileURL answers SUCCESS and a URL that serves exactly the bytes', async () => {
    const item = await tempUrl(fileID);
    expect(item.code).toBe('SUCCESS');
    expect(item.fileID).toBe(fileID);
    expect(item.tempFileURL).toMatch(/^https?:\/\//);
    const { status, body } = await fetchBytes(item.tempFileURL);
    expect(status).toBe(200);
    expect(body.equals(content)).toBe(true);
  });

  it('getTempFileURL takes { fileID, maxAge } items too', async () => {
    const res = await t.app.getTempFileURL({ fileList: [{ fileID, maxAge: 120 }] });
    expect(res.fileList[0].code).toBe('SUCCESS');
    const { body } = await fetchBytes(res.fileList[0].tempFileURL);
    expect(body.equals(content)).toBe(true);
  });

  it('downloadFile returns the bytes', async () => {
    const fileContent = await download(fileID);
    expect(fileContent.equals(content)).toBe(true);
  });

  it('uploading to the same path replaces the content and keeps the fileID', async () => {
    const path = `${t.prefix}/docs/replaced.txt`;
    const first = await upload(path, Buffer.from('first version'));
    const second = await upload(path, Buffer.from('second'));
    expect(second).toBe(first);
    const fileContent = await download(second);
    expect(fileContent.toString('utf8')).toBe('second');
  });
});

describe('deleteFile', () => {
  it('answers SUCCESS, after which the file is gone', async () => {
    const fileID = await upload(`${t.prefix}/tmp/delete-me.txt`, Buffer.from('bye'));
    const res = await t.app.deleteFile({ fileList: [fileID] });
    expect(res.fileList).toEqual([expect.objectContaining({ fileID, code: 'SUCCESS' })]);
    uploaded.delete(fileID);

    const item = await tempUrl(fileID);
    expect(item.code).toBe('STORAGE_FILE_NONEXIST');
    const error = await caught(() => t.app.downloadFile({ fileID }));
    expect(error.code).toBe('STORAGE_FILE_NONEXIST');
  });
});

describe('a file that does not exist', () => {
  it('getTempFileURL answers STORAGE_FILE_NONEXIST for it, and SUCCESS for the others in the list', async () => {
    const existing = await upload(`${t.prefix}/exists.txt`, Buffer.from('here'));
    const missing = missingFileId(existing);
    const res = await t.app.getTempFileURL({ fileList: [missing, existing] });
    expect(res.fileList.map((f: { fileID: string; code: string }) => [f.fileID, f.code])).toEqual([
      [missing, 'STORAGE_FILE_NONEXIST'],
      [existing, 'SUCCESS'],
    ]);
  });

  it('downloadFile rejects with STORAGE_FILE_NONEXIST', async () => {
    const existing = await upload(`${t.prefix}/exists-2.txt`, Buffer.from('here'));
    const error = await caught(() => t.app.downloadFile({ fileID: missingFileId(existing) }));
    expect(error.code).toBe('STORAGE_FILE_NONEXIST');
  });
});

describe('content and paths', () => {
  it('binary content round-trips byte for byte', async () => {
    const content = randomBytes(256 * 1024);
    const fileID = await upload(`${t.prefix}/bin/random.bin`, content);
    const fileContent = await download(fileID);
    expect(fileContent.equals(content)).toBe(true);
    const { body } = await fetchBytes((await tempUrl(fileID)).tempFileURL);
    expect(body.equals(content)).toBe(true);
  });

  it('an empty file round-trips', async () => {
    const fileID = await upload(`${t.prefix}/bin/empty.bin`, Buffer.alloc(0));
    const { body, status } = await fetchBytes((await tempUrl(fileID)).tempFileURL);
    expect(status).toBe(200);
    expect(body.length).toBe(0);
  });

  it('a path with spaces round-trips, through the URL and through downloadFile', async () => {
    const content = Buffer.from('spaced out', 'utf8');
    const cloudPath = `${t.prefix}/with space/a b.txt`;
    const fileID = await upload(cloudPath, content);
    expect(fileID.endsWith(`/${cloudPath}`)).toBe(true);
    const { status, body } = await fetchBytes((await tempUrl(fileID)).tempFileURL);
    expect(status).toBe(200);
    expect(body.equals(content)).toBe(true);
    const fileContent = await download(fileID);
    expect(fileContent.equals(content)).toBe(true);
  });

  it('a path with Chinese segments round-trips, through the URL and through downloadFile', async () => {
    const content = Buffer.from('照片内容', 'utf8');
    const cloudPath = `${t.prefix}/照片/代表 接待日.txt`;
    const fileID = await upload(cloudPath, content);
    expect(fileID.endsWith(`/${cloudPath}`)).toBe(true);
    const item = await tempUrl(fileID);
    expect(item.code).toBe('SUCCESS');
    const { status, body } = await fetchBytes(item.tempFileURL);
    expect(status).toBe(200);
    expect(body.equals(content)).toBe(true);
    const fileContent = await download(fileID);
    expect(fileContent.equals(content)).toBe(true);
  });
});

describe('copyFile', () => {
  type CopyItem = { fileId?: string; code?: string; message?: string };
  const copy = async (fileList: Parameters<Target['app']['copyFile']>[0]['fileList']) =>
    (await t.app.copyFile({ fileList })).fileList as CopyItem[];
  const codeOf = async (fileID: string) => (await tempUrl(fileID)).code;

  it('copies each file to its new path, keeping the name, and answers the new fileID', async () => {
    const a = await upload(`${t.prefix}/copy/src/a.txt`, Buffer.from('A'));
    const b = await upload(`${t.prefix}/copy/src/b.txt`, Buffer.from('B'));
    const items = await copy([
      { srcPath: `${t.prefix}/copy/src/a.txt`, dstPath: `${t.prefix}/copy/dst/a.txt` },
      { srcPath: `${t.prefix}/copy/src/b.txt`, dstPath: `${t.prefix}/copy/dst/b.txt` },
    ]);
    expect(items).toHaveLength(2);
    const copied = items.map((item) => item.fileId ?? '');
    copied.forEach((id) => uploaded.add(id));
    expect(copied[0].endsWith(`/${t.prefix}/copy/dst/a.txt`)).toBe(true);
    expect(copied[0].slice(0, -`${t.prefix}/copy/dst/a.txt`.length)).toBe(
      a.slice(0, -`${t.prefix}/copy/src/a.txt`.length),
    );
    expect((await download(copied[0])).toString()).toBe('A');
    expect((await download(copied[1])).toString()).toBe('B');
    // A copy leaves the original where it was.
    expect(await codeOf(b)).toBe('SUCCESS');
  });

  it('with removeOriginal moves the file: the original is gone afterwards', async () => {
    const src = await upload(`${t.prefix}/move/src/m.txt`, Buffer.from('moved'));
    const [item] = await copy([
      { srcPath: `${t.prefix}/move/src/m.txt`, dstPath: `${t.prefix}/move/dst/m.txt`, removeOriginal: true },
    ]);
    uploaded.add(item.fileId ?? '');
    uploaded.delete(src);
    expect((await download(item.fileId ?? '')).toString()).toBe('moved');
    expect(await codeOf(src)).toBe('STORAGE_FILE_NONEXIST');
  });

  it('reports a missing source per file, creating nothing, while the others are copied', async () => {
    await upload(`${t.prefix}/partial/src/here.txt`, Buffer.from('here'));
    const items = await copy([
      { srcPath: `${t.prefix}/partial/src/gone.txt`, dstPath: `${t.prefix}/partial/dst/gone.txt` },
      { srcPath: `${t.prefix}/partial/src/here.txt`, dstPath: `${t.prefix}/partial/dst/here.txt` },
    ]);
    expect(items[0].code).toEqual(expect.any(String));
    expect(items[0].code).not.toBe('SUCCESS');
    expect(items[1].fileId).toEqual(expect.any(String));
    uploaded.add(items[1].fileId ?? '');
    const missing = (items[1].fileId ?? '').replace(/here\.txt$/, 'gone.txt');
    expect(await codeOf(missing)).toBe('STORAGE_FILE_NONEXIST');
  });

  it('with overwrite: false leaves an existing destination as it was, and the source too', async () => {
    const src = await upload(`${t.prefix}/keep/src/k.txt`, Buffer.from('new'));
    const dst = await upload(`${t.prefix}/keep/dst/k.txt`, Buffer.from('old'));
    const [item] = await copy([
      {
        srcPath: `${t.prefix}/keep/src/k.txt`,
        dstPath: `${t.prefix}/keep/dst/k.txt`,
        overwrite: false,
        removeOriginal: true,
      },
    ]);
    expect(item.code).toEqual(expect.any(String));
    expect(item.code).not.toBe('SUCCESS');
    expect((await download(dst)).toString()).toBe('old');
    expect((await download(src)).toString()).toBe('new');
  });

  it('is refused by the SDK when the name would change or the paths are the same', async () => {
    const renamed = await caught(() =>
      copy([{ srcPath: `${t.prefix}/x/a.txt`, dstPath: `${t.prefix}/y/b.txt` }]),
    );
    expect(renamed.code).toBe('INVALID_PARAM');
    const same = await caught(() =>
      copy([{ srcPath: `${t.prefix}/x/a.txt`, dstPath: `${t.prefix}/x/a.txt` }]),
    );
    expect(same.code).toBe('INVALID_PARAM');
  });
});

describe('the 50-file limit of one request', () => {
  // The 51st ID names a file that exists, so a stack that took the whole list would touch it.
  const fiftyOne = (keep: string) => [
    ...Array.from({ length: 50 }, (_, i) => missingFileId(keep).replace('missing-', `missing-${i}-`)),
    keep,
  ];

  it('deleteFile refuses 51 file IDs with INVALID_PARAM and deletes none of them', async () => {
    const fileID = await upload(`${t.prefix}/limit/delete-51.txt`, Buffer.from('stays'));
    const error = await caught(() => t.app.deleteFile({ fileList: fiftyOne(fileID) }));
    expect(error.code).toBe('INVALID_PARAM');
    expect((await download(fileID)).toString()).toBe('stays');
  });

  it('deleteFile takes 50', async () => {
    const fileID = await upload(`${t.prefix}/limit/delete-50.txt`, Buffer.from('goes'));
    const res = await t.app.deleteFile({ fileList: fiftyOne(fileID).slice(1) });
    expect(res.fileList).toHaveLength(50);
    expect((await tempUrl(fileID)).code).toBe('STORAGE_FILE_NONEXIST');
  });

  it('getTempFileURL refuses 51 file IDs with INVALID_PARAM and takes 50', async () => {
    const fileID = await upload(`${t.prefix}/limit/url.txt`, Buffer.from('url'));
    const error = await caught(() => t.app.getTempFileURL({ fileList: fiftyOne(fileID) }));
    expect(error.code).toBe('INVALID_PARAM');
    const res = await t.app.getTempFileURL({ fileList: fiftyOne(fileID).slice(1) });
    expect(res.fileList).toHaveLength(50);
    expect(res.fileList[49]).toMatchObject({ fileID, code: 'SUCCESS' });
  });
});
