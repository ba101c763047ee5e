import cloud from 'wx-server-sdk';
import type { TemplateData } from '../../../miniprogram/core/notifications';

/**
 * The WeChat open APIs the product uses, through CloudBase's cloud call (云调用): wx-server-sdk's
 * `cloud.openapi.<category>.<method>`, the one route WeChat documents for cloud functions. No access
 * token: WeChat authenticates the call by the function, which must declare each API it uses in its
 * `config.json` (`permissions.openapi`; a test holds every function to the APIs its bundle calls).
 * Locally the stack answers the same route (stack/wx-openapi.ts) with WeChat's answers and limits.
 *
 * This is the only module that reaches WeChat's open APIs. WeChat's answers with an error code
 * (its refusals: 43101, 45009, …; `-1` busy; the cloud call's own -604101 no permission, …) come
 * back as values: the SDK throws them as `{ errCode, errMsg }` and they are caught here. Anything
 * else (a network failure) throws.
 */

/** The API names, as `permissions.openapi` lists them and the SDK's namespaces spell them. */
export const OPEN_APIS = [
  'security.msgSecCheck',
  'security.mediaCheckAsync',
  'subscribeMessage.send',
  'wxacode.getUnlimited',
] as const;
export type OpenApiName = (typeof OPEN_APIS)[number];

export interface WxAnswer {
  errcode: number;
  errmsg: string;
  [key: string]: unknown;
}

type OpenApiMethod = (data: Record<string, unknown>) => Promise<Record<string, unknown>>;

interface OpenApi {
  security: { msgSecCheck: OpenApiMethod; mediaCheckAsync: OpenApiMethod };
  subscribeMessage: { send: OpenApiMethod };
  wxacode: { getUnlimited: OpenApiMethod };
}

let initialised = false;

/**
 * wx-server-sdk, initialised once per function instance: in CloudBase for the current environment,
 * locally for the stack the environment names (the same variables `app.ts` reads).
 */
function openapi(): OpenApi {
  if (!initialised) {
    const serviceUrl = process.env.CLOUDBASE_SERVICE_URL;
    cloud.init({
      env: process.env.CLOUDBASE_ENV_ID || cloud.DYNAMIC_CURRENT_ENV,
      ...(serviceUrl ? { serviceUrl } : {}),
      timeout: 10000,
    } as Parameters<typeof cloud.init>[0]);
    initialised = true;
  }
  return cloud.openapi as unknown as OpenApi;
}

/** An error code WeChat or the cloud call answered (the SDK throws it as `{ errCode, errMsg }`), or null. */
function refusal(error: unknown): WxAnswer | null {
  const { errCode, errMsg } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown };
  return typeof errCode === 'number' && errCode !== 0
    ? { errcode: errCode, errmsg: String(errMsg ?? '') }
    : null;
}

async function call(run: () => Promise<Record<string, unknown>>): Promise<WxAnswer> {
  try {
    const answer = await run();
    return { ...answer, errcode: 0, errmsg: 'ok' };
  } catch (error) {
    const refused = refusal(error);
    if (refused) return refused;
    throw error;
  }
}

// ---- Content security -----------------------------------------------------------------------------

/**
 * msgSecCheck v2's scenes: 1 资料 (names, addresses, profile-like fields), 2 评论 (comments and
 * replies), 3 论坛 (posts: what a person reports), 4 社交日志 (a log of what happened).
 */
export const TEXT_SCENE = { profile: 1, comment: 2, forum: 3, social: 4 } as const;
export type TextScene = (typeof TEXT_SCENE)[keyof typeof TEXT_SCENE];

export type TextVerdict = 'pass' | 'review' | 'risky';

export interface TextCheck {
  verdict: TextVerdict;
  /** WeChat's label: 100 normal, 10001 ad, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar, 20013 copyright, 21000 other; 0 when unchecked. */
  label: number;
}

/**
 * WeChat's text check (msgSecCheck v2) for text `openid` typed. When WeChat cannot be reached or
 * refuses the call, the text is accepted for review rather than refused: a resident's appeal must
 * not be lost to an outage.
 */
export async function checkText(content: string, openid: string, scene: TextScene): Promise<TextCheck> {
  try {
    const answer = await call(() => openapi().security.msgSecCheck({ content, version: 2, scene, openid }));
    if (answer.errcode !== 0) {
      console.warn('[wechat] msgSecCheck refused the call', answer.errcode, answer.errmsg);
      return { verdict: 'review', label: 0 };
    }
    const result = (answer.result ?? {}) as { suggest?: unknown; label?: unknown };
    const verdict: TextVerdict =
      result.suggest === 'risky' ? 'risky' : result.suggest === 'pass' ? 'pass' : 'review';
    return { verdict, label: Number(result.label) || 0 };
  } catch (error) {
    console.warn('[wechat] msgSecCheck unavailable', error);
    return { verdict: 'review', label: 0 };
  }
}

/** WeChat's media types for the check: 1 audio, 2 image. */
export const MEDIA_TYPE = { audio: 1, image: 2 } as const;

/** Starts WeChat's asynchronous media check; its result arrives later as a wxa_media_check event. */
export async function startMediaCheck(
  mediaUrl: string,
  openid: string,
  mediaType: (typeof MEDIA_TYPE)[keyof typeof MEDIA_TYPE] = MEDIA_TYPE.image,
): Promise<string | null> {
  const answer = await call(() =>
    openapi().security.mediaCheckAsync({ mediaUrl, mediaType, version: 2, scene: 1, openid }),
  );
  return answer.errcode === 0 && typeof answer.traceId === 'string' ? answer.traceId : null;
}

// ---- Subscribe messages ---------------------------------------------------------------------------

/** Sends one subscribe message. 43101 means the user has no credit left for this template. */
export async function sendSubscribeMessage(message: {
  to: string;
  templateId: string;
  page: string;
  data: TemplateData;
  state?: 'developer' | 'trial' | 'formal';
}): Promise<WxAnswer> {
  return call(() =>
    openapi().subscribeMessage.send({
      touser: message.to,
      templateId: message.templateId,
      page: message.page,
      data: message.data,
      miniprogramState: message.state ?? 'formal',
      lang: 'zh_CN',
    }),
  );
}

export const NO_CREDIT = 43101;

// ---- Mini-program codes ---------------------------------------------------------------------------

export interface UnlimitedCodeRequest {
  scene: string;
  page: string;
  checkPath: boolean;
  envVersion: 'release' | 'trial' | 'develop';
  width: number;
}

export type UnlimitedCode =
  { ok: true; image: Buffer; contentType: string } | { ok: false; errcode: number; errmsg: string };

/**
 * WeChat's mini-program code for a scene (wxacode.getUnlimited). Every failure, WeChat's refusals
 * (41030 page not found, 45009 rate limit, 40097 bad scene) and CloudBase's alike, is a value: a
 * code that cannot be made now is made on a later request.
 */
export async function unlimitedCode(request: UnlimitedCodeRequest): Promise<UnlimitedCode> {
  try {
    const answer = await call(() => openapi().wxacode.getUnlimited({ ...request }));
    if (answer.errcode !== 0) return { ok: false, errcode: answer.errcode, errmsg: answer.errmsg };
    const { buffer, contentType } = answer as { buffer?: unknown; contentType?: unknown };
    if (!ArrayBuffer.isView(buffer)) {
      return { ok: false, errcode: -1, errmsg: 'wxacode.getUnlimited answered no image' };
    }
    const image = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    return { ok: true, image, contentType: String(contentType ?? '') };
  } catch (error) {
    return { ok: false, errcode: -1, errmsg: error instanceof Error ? error.message : String(error) };
  }
}
