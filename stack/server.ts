import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { databaseActions, READ_ACTIONS, runAction, type ActionHandler, type Params } from './admin-api';
import { Readers } from './db/readers';
import { DocumentStore } from './db/store';
import { BodyTooLarge, jsonObject, parseJson, readBody, readMultipart } from './bodies';
import { CloudBaseError, invalidParam } from './errors';
import { applyClockRequest, ClockInputError, parseInstant, StackClock, type ClockSetting } from './clock';
import { FunctionRuntime } from './functions';
import { refusedFromAfar } from './loopback';
import { LocalStorage } from './storage';
import { TimerScheduler, type TimerTrigger } from './timers';
import { WX_CALLS_COLLECTION, WxStandIns, type TextRule } from './wx-openapi';
import { answerCloudCall } from './wx-protocol';

/**
 * The local CloudBase stack: one loopback HTTP server that speaks
 * - `/admin`: the CloudBase admin API that `@cloudbase/node-sdk` speaks (database, storage,
 *   functions, WeChat open APIs);
 * - `/storage/…`: the upload and temporary-URL endpoints the storage API hands out;
 * - `/wx/…`: what `wx.cloud` does for the mini-program, the caller's OpenID from `X-WX-OPENID`;
 * - `/local/…`: a look inside (WeChat calls, status, clock, timers); with `/` and `/admin`, loopback only.
 */

export interface StackOptions {
  port?: number;
  host?: string;
  dataDir: string;
  functionsDir: string;
  envId?: string;
  appid?: string;
  functionTimeoutMs?: number;
  /** What the text check's stand-in refuses or sends to review (defaults to TEXT_RULES in wx-openapi.ts). */
  textRules?: readonly TextRule[];
  pages?: string[];
  /** Function that receives WeChat's asynchronous media-check results (message push). */
  mediaCheckFunction?: string;
  /** The timer triggers there are (see timers.ts): fired by hand through /local/timers, and on schedule unless told not to. */
  timers?: TimerTrigger[];
  /** Fire the timers on their schedule (default true); false leaves them to /local/timers. */
  scheduleTimers?: boolean;
  /** Start the stack's clock at this instant instead of real time (see clock.ts). */
  clock?: ClockSetting;
  /**
   * Reader threads for reads outside transactions (db/readers.ts), in each of two lanes: one for
   * aggregations, one for finds and counts, so a long aggregation never holds a short find (default
   * 2 each); 0 runs every read on the request thread.
   */
  readers?: number;
  /** How long such a read may take before it is stopped and answered DATABASE_TIMEOUT (default 9.5 s). */
  readTimeoutMs?: number;
  /**
   * Run the functions on this many threads of their own (function-threads.ts), apart from the
   * thread that serves their requests, as CloudBase runs them apart from its database (`npm start`:
   * 1); 0 (the default) runs them on the request thread.
   */
  functionThreads?: number;
}

export interface Stack {
  url: string;
  port: number;
  store: DocumentStore;
  storage: LocalStorage;
  wx: WxStandIns;
  functions: FunctionRuntime;
  /** What time the stack says it is: functions, timers, serverDate() and the WeChat stand-ins follow it. */
  clock: StackClock;
  /** Admin API requests served so far, by action (e.g. how many database round trips a call made). */
  requestCounts(): Record<string, number>;
  /** Reads being answered or waiting on the reader threads. */
  readsInFlight(): number;
  /**
   * Resolves once WeChat's pending pushes (media-check results) are delivered and every function call
   * the stack started by itself has finished: a test measuring one call waits for earlier ones.
   */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const ADMIN_BODY_LIMIT = 5 * 1024 * 1024;
const UPLOAD_BODY_LIMIT = 50 * 1024 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';

export async function startStack(options: StackOptions): Promise<Stack> {
  const host = options.host ?? '127.0.0.1';
  const envId = options.envId ?? 'local';
  const appid = options.appid ?? 'wx0000000000000000';
  const mediaCheckFunction = options.mediaCheckFunction;
  const clock = new StackClock();
  if (options.clock) clock.set(parseInstant(options.clock.now), options.clock.frozen ?? false);
  mkdirSync(options.dataDir, { recursive: true });

  let baseUrl = '';
  // Group commit: a write is answered once it is on the disk, sharing one fsync with the writes
  // answered in the same turn (db/group-commit.ts).
  const store = new DocumentStore(join(options.dataDir, 'db.sqlite'), clock.now, { groupCommit: true });
  const lane = (nice: number) =>
    new Readers({
      file: join(options.dataDir, 'db.sqlite'),
      size: options.readers,
      timeoutMs: options.readTimeoutMs,
      nice,
    });
  // Aggregations run below the request thread's priority: on a machine of two cores, an office's
  // figures take what the submissions leave, not half of it.
  const readers = options.readers === 0 ? null : { aggregations: lane(5), queries: lane(0) };
  // Signed URLs expire in real time: a browser holding one does not live on the stack's clock.
  const storage = new LocalStorage(join(options.dataDir, 'storage'), envId, store, () => baseUrl, Date.now);
  const functions = new FunctionRuntime({
    dir: options.functionsDir,
    envId,
    appid,
    timeoutMs: options.functionTimeoutMs ?? 60_000,
    clock: clock.now,
    threads: options.functionThreads,
  });
  // Function calls the stack starts by itself (timers, media-check results): close() lets them
  // finish while the server still answers their database requests.
  const background = new Set<Promise<unknown>>();
  const inBackground = <T>(call: Promise<T>): Promise<T> => {
    const settled = call.catch(() => undefined);
    background.add(settled);
    void settled.finally(() => background.delete(settled));
    return call;
  };
  const timers = new TimerScheduler(options.timers ?? [], clock.now, (name, event) =>
    inBackground(functions.invoke({ name, event })),
  );
  const wx = new WxStandIns(store, {
    appid,
    textRules: options.textRules,
    pages: options.pages,
    clock: clock.now,
    onMediaCheckResult: mediaCheckFunction
      ? (event) => {
          const openid = typeof event.FromUserName === 'string' ? event.FromUserName : ''; // the sender, as WeChat pushes
          inBackground(functions.invoke({ name: mediaCheckFunction, event, openid })).catch((error) => {
            console.error('[stack] media-check delivery failed', error);
          });
        }
      : undefined,
  });

  const handlers: Record<string, ActionHandler> = {
    ...databaseActions(
      store,
      readers
        ? (params) =>
            (params.action === 'database.aggregateDocuments' ? readers.aggregations : readers.queries).run(
              params,
            )
        : undefined,
    ),
    ...storage.actions(),
    'functions.invokeFunction': async (p: Params) => {
      const name = typeof p.function_name === 'string' ? p.function_name : '';
      const event = parseJson(p.request_data, 'request_data');
      const result = await functions.invoke({ name, event });
      return { data: { response_data: JSON.stringify(result ?? null) } };
    },
  };

  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    route(req, res).catch((error) => {
      console.error('[stack] request failed', error);
      if (!res.headersSent) sendJson(res, 500, { code: 'SYS_ERR', message: 'internal error' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    if (refusedFromAfar(req, res, path)) return;
    if (path === '/admin' || path.startsWith('/admin/')) return adminApi(req, res);
    if (path.startsWith('/storage/upload/') && req.method === 'PUT') {
      const body = await readBody(req, UPLOAD_BODY_LIMIT).catch(() => null);
      if (!body) return sendJson(res, 413, { code: 'EXCEED_REQUEST_SIZE_LIMIT', message: 'file too large' });
      return storage.handleUpload(
        decodePath(path, '/storage/upload/'),
        url.searchParams.get('token') ?? '',
        body,
        res,
      );
    }
    if (path.startsWith('/storage/download/') && (req.method === 'GET' || req.method === 'HEAD')) {
      return storage.handleDownload(
        decodePath(path, '/storage/download/'),
        url.searchParams.get('t') ?? '',
        url.searchParams.get('sign') ?? '',
        res,
        req.method === 'HEAD',
      );
    }
    if (path.startsWith('/wx/') && req.method === 'POST') return miniProgramApi(path, req, res);
    if (path === '/local/wx-calls' && req.method === 'GET') {
      const filter: Record<string, unknown> = {};
      for (const key of ['api', 'request.touser', 'request.template_id']) {
        const value = url.searchParams.get(key);
        if (value) filter[key] = value;
      }
      // The most recent calls (100 unless ?limit=), oldest first, as a log reads.
      const limit = Math.min(Number(url.searchParams.get('limit')) || 100, 1000);
      wx.flushLog();
      const skip = Math.max(0, store.count(WX_CALLS_COLLECTION, filter) - limit);
      const calls = store.find(WX_CALLS_COLLECTION, filter, { skip, limit });
      return sendJson(res, 200, { calls });
    }
    if (path === '/local/wx-faults' && req.method === 'POST') {
      const body = parseJson((await readBody(req, ADMIN_BODY_LIMIT)).toString('utf8'), 'body') as Record<
        string,
        unknown
      >;
      wx.injectFault(String(body.api ?? ''), Number(body.errcode ?? -1), Number(body.times ?? 1));
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/local/clock') return clockEndpoint(req, res);
    if (path === '/local/timers') return timersEndpoint(req, res);
    if ((path === '/' || path === '/local/status') && req.method === 'GET') {
      return sendJson(res, 200, {
        name: 'local CloudBase stack',
        envId,
        adminUrl: `${baseUrl}/admin`,
        functions: functions.list(),
        collections: store.listCollections().map((name) => ({ name, count: store.count(name, {}) })),
      });
    }
    sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${req.method} ${path}` });
  }

  /** GET the clock, PUT `{ now, frozen? }` or `{ advance, frozen? }` or `{ frozen }`, DELETE for real time. */
  async function clockEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET') return sendJson(res, 200, clock.state());
    if (req.method === 'DELETE') {
      clock.reset();
      return sendJson(res, 200, { ...clock.state(), fired: timers.tick() });
    }
    if (req.method !== 'PUT')
      return sendJson(res, 405, { code: 'INVALID_ACTION', message: 'GET, PUT or DELETE' });
    try {
      applyClockRequest(clock, await readLocalJson(req));
    } catch (error) {
      if (error instanceof ClockInputError || error instanceof CloudBaseError)
        return sendJson(res, 400, { code: 'INVALID_PARAM', message: error.message });
      throw error;
    }
    // A jump forward fires the triggers it jumped over now, not at the next tick (timers.ts).
    sendJson(res, 200, { ...clock.state(), fired: timers.tick() });
  }

  /** GET lists the timer triggers; POST `{ function, trigger }` fires one now, by the stack's clock. */
  async function timersEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET')
      return sendJson(res, 200, { scheduled: timers.scheduled, timers: timers.list() });
    if (req.method !== 'POST') return sendJson(res, 405, { code: 'INVALID_ACTION', message: 'GET or POST' });
    let body: Record<string, unknown>;
    try {
      body = (await readLocalJson(req)) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof CloudBaseError)
        return sendJson(res, 400, { code: 'INVALID_PARAM', message: error.message });
      throw error;
    }
    if (typeof body?.function !== 'string' || typeof body.trigger !== 'string') {
      return sendJson(res, 400, {
        code: 'INVALID_PARAM',
        message: 'give the trigger as { "function", "trigger" }',
      });
    }
    const trigger = timers.find(body.function, body.trigger);
    if (!trigger) {
      const declared = timers.list().map((t) => `${t.function}/${t.trigger}`);
      return sendJson(res, 404, {
        code: 'NOT_FOUND',
        message: `no timer trigger ${body.function}/${body.trigger}; there are: ${declared.join(', ') || 'none'}`,
      });
    }
    try {
      sendJson(res, 200, await timers.fire(trigger));
    } catch (error) {
      if (!(error instanceof CloudBaseError)) throw error;
      sendJson(res, 500, { code: error.code, message: error.message });
    }
  }

  /** A /local/ request body: JSON, small. */
  async function readLocalJson(req: IncomingMessage): Promise<unknown> {
    const text = (await readBody(req, ADMIN_BODY_LIMIT).catch(() => null))?.toString('utf8');
    if (text === undefined) throw invalidParam('request body too large');
    if (!text.trim()) throw invalidParam('the body must be JSON');
    return parseJson(text, 'body');
  }

  async function adminApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    if (req.method !== 'POST') {
      return sendJson(res, 405, { code: 'INVALID_ACTION', message: 'the admin API takes POST', requestId });
    }
    if (!req.headers.authorization) {
      await readBody(req, ADMIN_BODY_LIMIT).catch(() => undefined);
      return sendJson(res, 200, {
        code: 'SIGN_PARAM_INVALID',
        message: 'missing Authorization header',
        requestId,
      });
    }
    let params: Params;
    try {
      params = (req.headers['content-type'] ?? '').startsWith('multipart/form-data')
        ? await readMultipart(req, ADMIN_BODY_LIMIT)
        : (jsonObject(
            parseJson((await readBody(req, ADMIN_BODY_LIMIT)).toString('utf8'), 'body'),
            'body',
          ) as Params);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return sendJson(res, 200, {
          code: 'EXCEED_REQUEST_SIZE_LIMIT',
          message: 'request body exceeds 5 MB',
          requestId,
        });
      }
      const message = error instanceof CloudBaseError ? error.message : 'malformed request body';
      return sendJson(res, 200, { code: 'INVALID_PARAM', message, requestId });
    }
    const action = String(params.action);
    counts.set(action, (counts.get(action) ?? 0) + 1);
    if (params.action === 'wx.openApi') {
      const before = store.changes();
      const reply = await answerCloudCall(wx, params, requestId);
      // A consent credit spent is answered once it is on the disk; a call that wrote nothing (a
      // text check: its log is written in batches) has nothing to wait for, as a read has not.
      if (store.changes() !== before) await store.durable();
      res.writeHead(200, { 'Content-Type': reply.contentType, 'Content-Length': reply.body.length });
      return void res.end(reply.body);
    }
    const answer = await runAction(handlers, params, requestId);
    // A write is answered once it is on the disk (reads have nothing to wait for).
    if (!(READ_ACTIONS as readonly string[]).includes(action)) await store.durable();
    sendJson(res, 200, answer);
  }

  async function miniProgramApi(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const openid = String(req.headers['x-wx-openid'] ?? '').trim();
    if (!openid) {
      await readBody(req, ADMIN_BODY_LIMIT).catch(() => undefined);
      return sendJson(res, 401, {
        errCode: -401001,
        errMsg: 'missing X-WX-OPENID header (local mode identifies the caller by it)',
      });
    }
    try {
      if (path === '/wx/uploadFile') {
        const form = await readMultipart(req, UPLOAD_BODY_LIMIT);
        const cloudPath = typeof form.cloudPath === 'string' ? form.cloudPath : '';
        if (!Buffer.isBuffer(form.file)) throw invalidParam('multipart field "file" is required');
        const answer = storage.userUpload(cloudPath, form.file, openid);
        await store.durable();
        return sendJson(res, answer.status, answer.body);
      }
      const body = jsonObject(
        parseJson((await readBody(req, ADMIN_BODY_LIMIT)).toString('utf8'), 'body'),
        'body',
      );
      if (path === '/wx/callFunction') {
        const name = typeof body.name === 'string' ? body.name : '';
        // wx.cloud.callFunction takes an object as `data`, or none.
        const data = body.data === undefined || body.data === null ? {} : jsonObject(body.data, 'data');
        // wx.cloud.callFunction adds userInfo to the event; identity still comes from the context.
        const event = { ...data, userInfo: { appId: appid, openId: openid } };
        const result = await functions.invoke({ name, event, openid });
        return sendJson(res, 200, {
          result: result ?? null,
          requestID: randomUUID(),
          errMsg: 'cloud.callFunction:ok',
        });
      }
      if (path === '/wx/getTempFileURL') {
        const list = Array.isArray(body.fileList) ? body.fileList : [];
        const fileList = list.map((item) => {
          const fileID = String(
            typeof item === 'object' && item ? (item as { fileID?: unknown }).fileID : item,
          );
          const record = storage.record(fileID);
          const cloudPath = storage.pathOf(fileID);
          // Storage rule "only the creator reads": others get photos through a cloud function.
          if (!record || !cloudPath || record.openid !== openid) {
            return { fileID, tempFileURL: '', status: -403003, errMsg: 'STORAGE_EXCEED_AUTHORITY' };
          }
          return { fileID, tempFileURL: storage.tempUrl(cloudPath), maxAge: 3600, status: 0, errMsg: 'ok' };
        });
        return sendJson(res, 200, { fileList, errMsg: 'cloud.getTempFileURL:ok' });
      }
      if (path === '/wx/requestSubscribeMessage') {
        const results = (body.results && typeof body.results === 'object' ? body.results : {}) as Record<
          string,
          string
        >;
        const credits = wx.grantCredits(openid, results);
        await store.durable();
        return sendJson(res, 200, { credits });
      }
      sendJson(res, 404, { errCode: -1, errMsg: `no route for ${path}` });
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return sendJson(res, 413, { errCode: -403001, errMsg: 'file or request too large' });
      if (error instanceof CloudBaseError) {
        const errCode =
          error.code === 'FUNCTION_NOT_FOUND'
            ? -501000
            : error.code.startsWith('FUNCTIONS')
              ? -504002
              : -501007;
        return sendJson(res, error.code === 'INVALID_PARAM' ? 400 : 500, {
          errCode,
          errMsg: `${error.code}: ${error.message}`,
        });
      }
      throw error;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A deep backlog: a burst of parallel connections waits to be accepted rather than being reset.
    server.listen({ port: options.port ?? 3000, host, backlog: 2048 }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;

  if (options.scheduleTimers !== false) timers.start();

  return {
    url: baseUrl,
    port,
    store,
    storage,
    wx,
    functions,
    clock,
    requestCounts: () => Object.fromEntries(counts),
    readsInFlight: () => (readers ? readers.aggregations.inFlight + readers.queries.inFlight : 0),
    async settled() {
      while (wx.deliveriesPending > 0 || background.size > 0) {
        await Promise.all(background);
        if (wx.deliveriesPending > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      timers.stop();
      wx.close();
      // Each is bounded by the functions' time limit.
      await Promise.all(background);
      // Stop accepting, close idle keep-alive connections now, give requests in flight a moment
      // to finish, then close whatever is left: shutdown must not wait on a client's open socket.
      await new Promise<void>((resolve) => {
        const grace = setTimeout(() => server.closeAllConnections(), 2000);
        server.close(() => {
          clearTimeout(grace);
          resolve();
        });
        server.closeIdleConnections();
      });
      await Promise.all([readers?.aggregations.close(), readers?.queries.close(), functions.close()]);
      wx.flushLog();
      store.close();
    },
  };
}

function decodePath(path: string, prefix: string): string {
  try {
    return path.slice(prefix.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    return '';
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
