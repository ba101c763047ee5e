import { randomBytes } from 'node:crypto';
import { caught, openTarget, type Target } from './target';

/** Cloud storage through the SDK: uploadFile, getTempFileURL, downloadFile, deleteFile. */

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
