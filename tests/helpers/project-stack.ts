import tcb from '@cloudbase/node-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ActionInput,
  ActionName,
  ActionOutput,
  FunctionName,
  SubmitInput,
} from '../../miniprogram/core/api';
import type { Result } from '../../miniprogram/core/result';
import { photoPrefix } from '../../miniprogram/core/submit';
import { parseDuration, parseInstant, type ClockSetting } from '../../stack/clock';
import { startProjectStack } from '../../stack/project';
import type { Stack } from '../../stack/server';

/**
 * The whole product on an in-process stack (seeded), and calls made the way the mini-program makes
 * them: POST /wx/callFunction as a WeChat user. `clock` puts the stack on a chosen day (ISO text
 * without an offset is China time), so a test that depends on the date says which date.
 */
export async function startProduct(
  options: { clock?: ClockSetting; readers?: number; functionThreads?: number } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'product-'));
  const stack: Stack = await startProjectStack({
    port: 0,
    dataDir,
    clock: options.clock,
    readers: options.readers,
    functionThreads: options.functionThreads,
  });
  const admin = tcb.init({
    env: 'local',
    serviceUrl: `${stack.url}/admin`,
    secretId: 'id',
    secretKey: 'key',
  });

  async function call<F extends FunctionName, A extends ActionName<F>>(
    openid: string,
    fn: F,
    action: A,
    data: ActionInput<F, A> | Record<string, unknown>,
  ): Promise<Result<ActionOutput<F, A>>> {
    const res = await fetch(`${stack.url}/wx/callFunction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-WX-OPENID': openid },
      body: JSON.stringify({ name: fn, data: { action, data } }),
    });
    if (res.status !== 200)
      throw new Error(`callFunction ${fn}.${action}: HTTP ${res.status} ${await res.text()}`);
    return ((await res.json()) as { result: Result<ActionOutput<F, A>> }).result;
  }

  /** Like `call`, but the test expects success and wants the data. */
  async function ok<F extends FunctionName, A extends ActionName<F>>(
    openid: string,
    fn: F,
    action: A,
    data: ActionInput<F, A> | Record<string, unknown>,
  ): Promise<ActionOutput<F, A>> {
    const result = await call(openid, fn, action, data);
    if (!result.ok) throw new Error(`${fn}.${action} failed: ${result.code} ${result.message}`);
    return result.data;
  }

  /** Tries an upload as the mini-program makes it (wx.cloud.uploadFile, straight to storage). */
  async function tryUpload(openid: string, cloudPath: string, bytes: Uint8Array) {
    const form = new FormData();
    form.append('cloudPath', cloudPath);
    form.append('file', new Blob([bytes]), cloudPath.slice(cloudPath.lastIndexOf('/') + 1));
    const res = await fetch(`${stack.url}/wx/uploadFile`, {
      method: 'POST',
      body: form,
      headers: { 'X-WX-OPENID': openid },
    });
    const body = (await res.json()) as { fileID?: string; errCode?: number | string; errMsg?: string };
    return { status: res.status, ...body };
  }

  /** Uploads a file the test expects storage to accept; its file ID. */
  async function uploadFile(openid: string, cloudPath: string, bytes: Uint8Array) {
    const answer = await tryUpload(openid, cloudPath, bytes);
    if (answer.status !== 200 || !answer.fileID)
      throw new Error(`upload of ${cloudPath} refused: ${answer.status} ${answer.errMsg}`);
    return answer.fileID;
  }

  /** Uploads a photo as the mini-program does, under the caller's prefix. */
  const uploadPhoto = (
    openid: string,
    name: string,
    bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]),
  ) => uploadFile(openid, `${photoPrefix(openid)}202611/${name}.jpg`, bytes);

  /** Subscription consent, as WeChat records it when the user taps 允许. */
  async function grantConsent(openid: string, templateId: string) {
    await fetch(`${stack.url}/wx/requestSubscribeMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-WX-OPENID': openid },
      body: JSON.stringify({ results: { [templateId]: 'accept' } }),
    });
  }

  async function wxCalls(api: string) {
    const res = await fetch(`${stack.url}/local/wx-calls?api=${api}&limit=1000`);
    return ((await res.json()) as { calls: Array<{ request: Record<string, unknown>; errcode: number }> })
      .calls;
  }

  return {
    stack,
    admin,
    /** The stack's now (what the functions see as ctx.now). */
    now: () => stack.clock.now(),
    /** Sets the stack's clock: running on from `now`, or frozen there. */
    setNow: (now: number | string, { frozen = false } = {}) => stack.clock.set(parseInstant(now), frozen),
    /** Moves the stack's clock forward by milliseconds or an ISO 8601 duration (P3D, PT2H). */
    advance: (by: number | string) => stack.clock.advance(parseDuration(by)),
    call,
    ok,
    tryUpload,
    uploadFile,
    uploadPhoto,
    grantConsent,
    wxCalls,
    async close() {
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** A valid submission to deputy D00001; a test overrides only what matters to it. */
export function submission(overrides: Partial<SubmitInput> = {}): SubmitInput {
  counter += 1;
  return {
    target: { type: 'deputy', code: 'D00001' },
    kind: 'help',
    category: 'road_traffic',
    description: '小区门口的路灯坏了两个星期，晚上出行很不方便，希望尽快修复。',
    photos: [],
    location: { latitude: 26.08, longitude: 119.3, name: '三坊七巷南门' },
    phone: '13812345678',
    contactName: '张先生',
    anonymous: false,
    consent: true,
    clientRequestId: `req-${Date.now().toString(36)}-${counter}-abcdef`,
    ...overrides,
  };
}
