import type { App } from './app';
import type { TemplateData } from '../../../miniprogram/core/notifications';

/**
 * The WeChat open APIs the product uses, through CloudBase's cloud call (云调用). In CloudBase the
 * function needs these APIs declared in its config.json (openapi permissions); locally the stack's
 * stand-ins answer them with WeChat's limits and error codes.
 */

export interface WxAnswer {
  errcode: number;
  errmsg: string;
  [key: string]: unknown;
}

async function call(app: App, apiName: string, requestData: Record<string, unknown>): Promise<WxAnswer> {
  const { result } = await app.callWxOpenApi({ apiName, requestData });
  const answer = (typeof result === 'string' ? JSON.parse(result) : result) as Partial<WxAnswer> | undefined;
  return { ...answer, errcode: Number(answer?.errcode ?? 0), errmsg: String(answer?.errmsg ?? 'ok') };
}

export type TextVerdict = 'pass' | 'review' | 'risky';

/**
 * WeChat's text check (msgSecCheck v2). When WeChat cannot be reached the text is accepted for
 * review rather than refused: a resident's appeal must not be lost to an outage.
 */
export async function checkText(app: App, content: string, openid: string): Promise<TextVerdict> {
  try {
    const answer = await call(app, '/wxa/msg_sec_check', { content, version: 2, scene: 1, openid });
    if (answer.errcode !== 0) return 'review';
    const suggest = (answer.result as { suggest?: string } | undefined)?.suggest;
    return suggest === 'risky' ? 'risky' : suggest === 'pass' ? 'pass' : 'review';
  } catch (error) {
    console.warn('[wechat] msgSecCheck unavailable', error);
    return 'review';
  }
}

/** Starts WeChat's asynchronous media check; its result arrives later as a wxa_media_check event. */
export async function startMediaCheck(app: App, mediaUrl: string, openid: string): Promise<string | null> {
  const answer = await call(app, '/wxa/media_check_async', {
    media_url: mediaUrl,
    media_type: 2,
    version: 2,
    scene: 1,
    openid,
  });
  return answer.errcode === 0 && typeof answer.trace_id === 'string' ? answer.trace_id : null;
}

/** Sends one subscribe message. 43101 means the user has no credit left for this template. */
export async function sendSubscribeMessage(
  app: App,
  message: {
    to: string;
    templateId: string;
    page: string;
    data: TemplateData;
    state?: 'developer' | 'trial' | 'formal';
  },
): Promise<WxAnswer> {
  return call(app, '/cgi-bin/message/subscribe/send', {
    touser: message.to,
    template_id: message.templateId,
    page: message.page,
    data: message.data,
    miniprogram_state: message.state ?? 'formal',
    lang: 'zh_CN',
  });
}

export const NO_CREDIT = 43101;
