/**
 * How the mini-program reaches its cloud functions and file storage. Two implementations share one
 * interface: `cloudTransport` (CloudBase through wx.cloud) and `localTransport` (the local stack over
 * HTTP, served by stack/server.ts under `/wx/`). Pages never use either directly; services/ pick one from
 * config so that the same app runs against the cloud or against `npm start`.
 */

export interface UploadFileOptions {
  /** Path inside the storage bucket, e.g. `appeals/2024/abc.jpg`. */
  cloudPath: string;
  /** Local temporary file path from wx.chooseMedia and friends. */
  filePath: string;
  /** Upload progress in percent, 0 to 100. */
  onProgress?: (percent: number) => void;
}

export interface TempFileUrl {
  fileID: string;
  /** Empty when the file cannot be served (deleted, no permission), so one lost photo hides no others. */
  tempFileURL: string;
}

export interface Transport {
  /** Calls a cloud function and answers its return value, as `wx.cloud.callFunction`'s `result`. */
  callFunction<T>(name: string, data: object): Promise<T>;
  uploadFile(options: UploadFileOptions): Promise<{ fileID: string }>;
  /** At most 50 file IDs per call, the limit wx.cloud.getTempFileURL imposes. */
  getTempFileURL(fileIDs: string[]): Promise<TempFileUrl[]>;
  /**
   * Tells the backend which subscribe-message templates the user just accepted. WeChat itself keeps
   * these credits in the cloud, so the cloud transport has nothing to do; the local stack needs to
   * be told, to answer subscribe sends as WeChat would (43101 without a credit).
   */
  reportSubscriptions(results: Record<string, string>): Promise<void>;
}

/**
 * What every transport rejects with, shaped like the errors wx.cloud rejects with so callers handle
 * both alike. `errCode` is the server's code, or one of the `TRANSPORT.*` codes below when the
 * answer never arrived or could not be read.
 */
export interface TransportError extends Error {
  errCode: number | string;
  errMsg: string;
}

export const NETWORK_FAILED = 'TRANSPORT.NETWORK';
export const BAD_RESPONSE = 'TRANSPORT.BAD_RESPONSE';
export const HTTP_FAILED = 'TRANSPORT.HTTP';

/** A plain Error with fields, not a subclass: `instanceof` on Error subclasses breaks under ES5 output. */
export function transportError(errCode: number | string, errMsg: string): TransportError {
  return Object.assign(new Error(`${errMsg} (${String(errCode)})`), {
    name: 'TransportError',
    errCode,
    errMsg,
  });
}

export function isTransportError(value: unknown): value is TransportError {
  return value instanceof Error && 'errCode' in value && 'errMsg' in value;
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** Normalises what wx.cloud rejects with (an Error or a plain `{ errCode?, errMsg }`). */
function fromCloudError(error: unknown): TransportError {
  const fields = asObject(error) ?? {};
  const errCode =
    typeof fields.errCode === 'number' || typeof fields.errCode === 'string' ? fields.errCode : -1;
  const errMsg =
    typeof fields.errMsg === 'string'
      ? fields.errMsg
      : error instanceof Error
        ? error.message
        : String(error);
  return transportError(errCode, errMsg);
}

/** Reads one `{ fileID, tempFileURL, status }` entry as both wx.cloud and the local stack answer it. */
function toTempFileUrl(entry: unknown): TempFileUrl {
  const fields = asObject(entry) ?? {};
  const fileID = typeof fields.fileID === 'string' ? fields.fileID : '';
  const served = fields.status === 0 && typeof fields.tempFileURL === 'string';
  return { fileID, tempFileURL: served ? (fields.tempFileURL as string) : '' };
}

export function cloudTransport(envId: string): Transport {
  wx.cloud.init({ env: envId, traceUser: true });

  return {
    async reportSubscriptions(): Promise<void> {
      // WeChat keeps subscription credits itself.
    },

    async callFunction<T>(name: string, data: object): Promise<T> {
      try {
        const response = await wx.cloud.callFunction({ name, data });
        // The function's return value is untyped on the wire; callers check it against the API contract.
        return response.result as T;
      } catch (error) {
        throw fromCloudError(error);
      }
    },

    uploadFile({ cloudPath, filePath, onProgress }) {
      return new Promise((resolve, reject) => {
        // The callback form is the one that hands back the UploadTask needed for progress events.
        const task = wx.cloud.uploadFile({
          cloudPath,
          filePath,
          success: (response) => resolve({ fileID: response.fileID }),
          fail: (error) => reject(fromCloudError(error)),
        });
        if (onProgress) task.onProgressUpdate((update) => onProgress(update.progress));
      });
    },

    async getTempFileURL(fileIDs) {
      try {
        const response = await wx.cloud.getTempFileURL({ fileList: fileIDs });
        return response.fileList.map(toTempFileUrl);
      } catch (error) {
        throw fromCloudError(error);
      }
    },
  };
}

/**
 * Talks to the local stack's WeChat stand-in (`/wx/callFunction`, `/wx/uploadFile`,
 * `/wx/getTempFileURL`). There is no WeChat login locally, so the caller's identity travels in the
 * `X-WX-OPENID` header, which the stack accepts in local mode only.
 */
export function localTransport(baseUrl: string, openid: string): Transport {
  const root = baseUrl.replace(/\/+$/, '');
  const identity = { 'X-WX-OPENID': openid };

  /** Failures answer a non-200 status with `{ errCode, errMsg }`; anything else unreadable is ours. */
  const failureOf = (statusCode: number, body: Json | undefined): TransportError => {
    const errCode = body?.errCode;
    if ((typeof errCode === 'number' || typeof errCode === 'string') && typeof body?.errMsg === 'string') {
      return transportError(errCode, body.errMsg);
    }
    return transportError(HTTP_FAILED, `HTTP ${statusCode}`);
  };

  const postJson = (path: string, payload: Json): Promise<Json> =>
    new Promise((resolve, reject) => {
      wx.request({
        url: `${root}${path}`,
        method: 'POST',
        data: payload,
        dataType: 'json',
        header: { 'content-type': 'application/json', ...identity },
        success: ({ statusCode, data }) => {
          const body = asObject(data);
          if (statusCode !== 200) reject(failureOf(statusCode, body));
          else if (!body) reject(transportError(BAD_RESPONSE, `${path} answered no JSON object`));
          else resolve(body);
        },
        fail: (error) => reject(transportError(NETWORK_FAILED, error.errMsg)),
      });
    });

  return {
    async reportSubscriptions(results: Record<string, string>): Promise<void> {
      await postJson('/wx/requestSubscribeMessage', { results });
    },

    async callFunction<T>(name: string, data: object): Promise<T> {
      const body = await postJson('/wx/callFunction', { name, data });
      // `{ result }` mirrors wx.cloud.callFunction; a function that returns nothing answers `{}`.
      return body.result as T;
    },

    uploadFile({ cloudPath, filePath, onProgress }) {
      return new Promise((resolve, reject) => {
        const task = wx.uploadFile({
          url: `${root}/wx/uploadFile`,
          filePath,
          name: 'file',
          formData: { cloudPath },
          header: identity,
          success: ({ statusCode, data }) => {
            // wx.uploadFile never parses the answer: it is always the raw response text.
            let body: Json | undefined;
            try {
              body = asObject(JSON.parse(data));
            } catch {
              body = undefined;
            }
            if (statusCode !== 200) reject(failureOf(statusCode, body));
            else if (typeof body?.fileID !== 'string') {
              reject(transportError(BAD_RESPONSE, '/wx/uploadFile answered no fileID'));
            } else resolve({ fileID: body.fileID });
          },
          fail: (error) => reject(transportError(NETWORK_FAILED, error.errMsg)),
        });
        if (onProgress) task.onProgressUpdate((update) => onProgress(update.progress));
      });
    },

    async getTempFileURL(fileIDs) {
      const body = await postJson('/wx/getTempFileURL', { fileList: fileIDs });
      if (!Array.isArray(body.fileList)) {
        throw transportError(BAD_RESPONSE, '/wx/getTempFileURL answered no fileList');
      }
      return body.fileList.map(toTempFileUrl);
    },
  };
}
