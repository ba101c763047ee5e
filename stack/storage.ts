import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, extname, join, normalize, posix, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { ActionHandler, Params } from './admin-api';
import type { DocumentStore } from './db/store';
import { CloudBaseError, invalidParam } from './errors';

/**
 * Cloud storage on the local disk. File IDs look like CloudBase's
 * (`cloud://<env>.<bucket>/<path>`); uploads follow the SDK's two steps (ask for upload metadata,
 * then PUT the bytes to the URL it was given); temporary URLs are HMAC-signed and expire.
 * Owners (the uploader's OpenID, when a mini-program uploaded) are kept in the `_files` collection.
 */

/**
 * The storage security rule a mini-program user's write must pass, as CloudBase checks its rules on
 * every client request (the admin SDK, which the functions use, is never checked): a user writes
 * only under their own prefix in the areas the app uploads to (`appeals/<openid>/…` photos,
 * `imports/<openid>/…` the office's spreadsheets), and never over a file someone else made. So what
 * the functions make — printed codes, posters, exports, the import template, a case's own photos —
 * only the functions write. docs/deploy.md has the rule as it is pasted into the CloudBase console.
 */
export const USER_WRITE_AREAS = ['appeals', 'imports'] as const;

/** `owner` is the existing file's owner (null: made with the admin SDK), undefined when there is none. */
export function userMayWrite(cloudPath: string, openid: string, owner: string | null | undefined): boolean {
  const own = USER_WRITE_AREAS.some((area) => cloudPath.startsWith(`${area}/${openid}/`));
  return own && (owner === undefined || owner === openid);
}

/** CloudBase takes at most this many files in one request (copy, delete, temporary URLs). */
const MAX_FILES = 50;

/** A batch request's list: non-empty and at most MAX_FILES long, or INVALID_PARAM as CloudBase answers. */
function batchList(value: unknown, name: string): unknown[] {
  const list = Array.isArray(value) ? value : [];
  if (list.length === 0) throw invalidParam(`${name} must be a non-empty array`);
  if (list.length > MAX_FILES)
    throw invalidParam(`${name} holds ${list.length} files; at most ${MAX_FILES} in one request`);
  return list;
}

export const FILES_COLLECTION = '_files';
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.heic': 'image/heic',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface FileRecord {
  _id: string;
  fileID: string;
  cloudPath: string;
  size: number;
  openid: string | null;
  uploadedAt: Date;
}

export class LocalStorage {
  readonly bucket: string;
  private readonly secret: Buffer;

  constructor(
    private readonly root: string,
    private readonly envId: string,
    private readonly store: DocumentStore,
    private readonly baseUrl: () => string,
    private readonly clock: () => number = Date.now,
  ) {
    mkdirSync(root, { recursive: true });
    this.bucket = `${Buffer.from(envId).toString('hex').slice(0, 8)}-${envId}-1250000000`;
    const secretFile = join(root, '.url-secret');
    if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32));
    this.secret = readFileSync(secretFile);
    store.ensureCollection(FILES_COLLECTION);
    store.ensureIndex(FILES_COLLECTION, { name: 'fileID_1', keys: [['fileID', 1]], unique: true });
  }

  fileIdFor(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`;
  }

  /** Maps a file ID back to its cloud path, or undefined when it is not one of ours. */
  pathOf(fileID: string): string | undefined {
    const prefix = `cloud://${this.envId}.${this.bucket}/`;
    if (!fileID.startsWith(prefix)) return undefined;
    const cloudPath = fileID.slice(prefix.length);
    return validCloudPath(cloudPath) ? cloudPath : undefined;
  }

  private diskPath(cloudPath: string): string {
    return join(this.root, 'objects', ...cloudPath.split('/'));
  }

  private sign(purpose: string, cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${cloudPath}\n${expires}`).digest('hex');
  }

  private verify(purpose: string, cloudPath: string, expires: number, signature: string): boolean {
    const expected = Buffer.from(this.sign(purpose, cloudPath, expires), 'hex');
    const given = Buffer.from(signature, 'hex');
    return (
      given.length === expected.length && timingSafeEqual(given, expected) && expires * 1000 >= this.clock()
    );
  }

  uploadUrl(cloudPath: string, ttlSeconds = 900): { url: string; token: string } {
    const expires = Math.floor(this.clock() / 1000) + ttlSeconds;
    const token = `${expires}.${this.sign('put', cloudPath, expires)}`;
    return { url: `${this.baseUrl()}/storage/upload/${encodePath(cloudPath)}?token=${token}`, token };
  }

  /**
   * Temporary URLs carry the path unencoded, as CloudBase's do: the SDK applies encodeURI itself
   * before downloading, and cloud paths may not contain the characters that would break that.
   */
  tempUrl(cloudPath: string, maxAgeSeconds = 3600): string {
    const expires = Math.floor(this.clock() / 1000) + Math.max(1, Math.min(maxAgeSeconds, 86400));
    const sign = this.sign('get', cloudPath, expires);
    return `${this.baseUrl()}/storage/download/${cloudPath}?t=${expires}&sign=${sign}`;
  }

  /** Stores bytes durably (temp file, fsync, rename) and records the owner. */
  save(cloudPath: string, content: Buffer, openid: string | null): FileRecord {
    if (!validCloudPath(cloudPath)) throw invalidParam(`invalid cloudPath: ${cloudPath}`);
    if (content.length > MAX_UPLOAD_BYTES)
      throw new CloudBaseError('EXCEED_REQUEST_SIZE_LIMIT', 'file too large');
    const target = this.diskPath(cloudPath);
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(4).toString('hex')}.part`;
    const fd = openSync(temp, 'w');
    try {
      writeFileSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    const fileID = this.fileIdFor(cloudPath);
    const record: FileRecord = {
      _id: fileID,
      fileID,
      cloudPath,
      size: content.length,
      openid,
      uploadedAt: new Date(this.clock()),
    };
    this.store.update(FILES_COLLECTION, { _id: fileID }, record as unknown as Record<string, unknown>, {
      multi: false,
      upsert: true,
      merge: false,
    });
    return record;
  }

  /**
   * `wx.cloud.uploadFile` as the user `openid` (POST /wx/uploadFile): the storage rule first, then
   * the bytes. Answers what to send back; a path that cannot be stored at all throws INVALID_PARAM.
   */
  userUpload(cloudPath: string, content: Buffer, openid: string): { status: number; body: object } {
    if (!validCloudPath(cloudPath)) throw invalidParam(`invalid cloudPath: ${cloudPath}`);
    const owner = this.exists(cloudPath)
      ? (this.record(this.fileIdFor(cloudPath))?.openid ?? null)
      : undefined;
    if (!userMayWrite(cloudPath, openid, owner)) {
      return {
        status: 403,
        body: {
          errCode: -501023,
          errMsg: `cloud.uploadFile:fail permission denied, STORAGE_EXCEED_AUTHORITY: the storage rule lets a user write only their own files under ${USER_WRITE_AREAS.map((a) => `${a}/<openid>/`).join(' or ')}, not ${cloudPath}`,
        },
      };
    }
    const record = this.save(cloudPath, content, openid);
    return { status: 200, body: { fileID: record.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' } };
  }

  /**
   * One item of `storage.batchCopyFile` (node-sdk copyFile). The copy keeps the original's owner,
   * as CloudBase's copy keeps a file's permissions; with removeOriginal it is a move. A missing
   * source, or an existing destination with overwrite: false, is answered for that item alone.
   */
  private copy(item: { src: string; dst: string; overwrite: boolean; removeOriginal: boolean }): object {
    if (!this.exists(item.src)) {
      return { code: 'STORAGE_FILE_NONEXIST', message: `source file not exists: ${item.src}` };
    }
    if (!item.overwrite && this.exists(item.dst)) {
      return { code: 'STORAGE_KEY_ALREADY_EXISTS', message: `destination already exists: ${item.dst}` };
    }
    const source = this.fileIdFor(item.src);
    const owner = this.record(source)?.openid ?? null;
    const { fileID } = this.save(item.dst, readFileSync(this.diskPath(item.src)), owner);
    if (item.removeOriginal) this.delete(source);
    return { fileId: fileID };
  }

  record(fileID: string): FileRecord | null {
    return this.store.getById(FILES_COLLECTION, fileID) as FileRecord | null;
  }

  exists(cloudPath: string): boolean {
    return existsSync(this.diskPath(cloudPath));
  }

  delete(fileID: string): 'SUCCESS' | 'STORAGE_FILE_NONEXIST' {
    const cloudPath = this.pathOf(fileID);
    if (!cloudPath || !this.exists(cloudPath)) return 'STORAGE_FILE_NONEXIST';
    rmSync(this.diskPath(cloudPath));
    this.store.remove(FILES_COLLECTION, { _id: fileID }, { multi: false });
    return 'SUCCESS';
  }

  /** Handles `PUT /storage/upload/<path>?token=…` (the second step of uploadFile). */
  handleUpload(cloudPath: string, token: string, body: Buffer, res: ServerResponse): void {
    const [expires, signature] = token.split('.');
    if (
      !validCloudPath(cloudPath) ||
      !signature ||
      !this.verify('put', cloudPath, Number(expires), signature)
    ) {
      sendXmlError(res, 403, 'AccessDenied', 'upload token invalid or expired');
      return;
    }
    this.save(cloudPath, body, null);
    res.writeHead(200, { 'Content-Length': 0 });
    res.end();
  }

  /** Handles `GET /storage/download/<path>?t=…&sign=…` (temporary URLs). */
  handleDownload(
    cloudPath: string,
    expires: string,
    signature: string,
    res: ServerResponse,
    headOnly: boolean,
  ): void {
    if (!validCloudPath(cloudPath) || !this.verify('get', cloudPath, Number(expires), signature ?? '')) {
      sendXmlError(res, 403, 'AccessDenied', 'signature invalid or expired');
      return;
    }
    const file = this.diskPath(cloudPath);
    if (!existsSync(file)) {
      sendXmlError(res, 404, 'NoSuchKey', 'the specified key does not exist');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(cloudPath).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'private, max-age=60',
    });
    if (headOnly) res.end();
    else createReadStream(file).pipe(res);
  }

  actions(): Record<string, ActionHandler> {
    return {
      'storage.getUploadMetadata': (p: Params) => {
        const cloudPath = typeof p.path === 'string' ? p.path : '';
        if (!validCloudPath(cloudPath)) throw invalidParam(`invalid cloudPath: ${cloudPath}`);
        const { url, token } = this.uploadUrl(cloudPath);
        const fileId = this.fileIdFor(cloudPath);
        return {
          data: {
            url,
            token,
            authorization: token,
            fileId,
            // The SDK sends this in an HTTP header, so it must be ASCII whatever the path is.
            cosFileId: createHmac('sha1', 'cos-file-id').update(fileId).digest('hex'),
            download_url: this.tempUrl(cloudPath),
          },
        };
      },
      'storage.batchGetDownloadUrl': (p: Params) => {
        const list = batchList(p.file_list, 'file_list') as Array<{ fileid?: unknown; max_age?: unknown }>;
        return {
          data: {
            download_list: list.map((item) => {
              const fileID = String(item?.fileid ?? '');
              const cloudPath = this.pathOf(fileID);
              if (!cloudPath || !this.exists(cloudPath)) {
                return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file not exists' };
              }
              const maxAge = Number(item.max_age) > 0 ? Number(item.max_age) : 3600;
              return { fileID, tempFileURL: this.tempUrl(cloudPath, maxAge), code: 'SUCCESS' };
            }),
          },
        };
      },
      'storage.batchCopyFile': (p: Params) => {
        const list = batchList(p.file_list, 'file_list') as Array<{
          src_path?: unknown;
          dst_path?: unknown;
          overwrite?: unknown;
          remove_original?: unknown;
        }>;
        const items = list.map((raw) => {
          const src = typeof raw?.src_path === 'string' ? raw.src_path : '';
          const dst = typeof raw?.dst_path === 'string' ? raw.dst_path : '';
          if (!validCloudPath(src) || !validCloudPath(dst))
            throw invalidParam(`invalid path: ${src} → ${dst}`);
          if (src === dst) throw invalidParam('srcPath and dstPath must differ');
          if (posix.basename(src) !== posix.basename(dst)) throw invalidParam('a copy keeps the file name');
          return {
            src,
            dst,
            overwrite: raw.overwrite !== false,
            removeOriginal: raw.remove_original === true,
          };
        });
        return { data: { copy_list: items.map((item) => this.copy(item)) } };
      },
      'storage.batchDeleteFile': (p: Params) => {
        const list = batchList(p.fileid_list, 'fileid_list');
        return {
          data: {
            delete_list: list.map((fileID) => ({
              fileID: String(fileID),
              code: this.delete(String(fileID)),
            })),
          },
        };
      },
    };
  }
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what it rejects
const UNSAFE_PATH_CHARS = /[?#%\\\u0000-\u001f\u007f]/;

/**
 * Relative, no `..`, no empty segments: a path that cannot escape the root. No `?`, `#`, `%`,
 * backslashes or control characters, which would not survive a URL unencoded.
 */
export function validCloudPath(cloudPath: string): boolean {
  if (
    !cloudPath ||
    cloudPath.length > 850 ||
    cloudPath.startsWith('/') ||
    UNSAFE_PATH_CHARS.test(cloudPath)
  ) {
    return false;
  }
  const segments = cloudPath.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.endsWith('.part'))) return false;
  return normalize(cloudPath).split(sep).join('/') === cloudPath;
}

function encodePath(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/');
}

function sendXmlError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
