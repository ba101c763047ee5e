import QRCode from 'qrcode';
import type { DocumentStore } from './db/store';
import { newDocId } from './db/store';

/**
 * Local stand-ins for the WeChat open APIs the product uses. Each call is answered the way WeChat
 * answers (errcode/errmsg, the same limits) and recorded in the `_wx_calls` collection, so a
 * developer or a test can see every message that would have been sent.
 */

export const WX_CALLS_COLLECTION = '_wx_calls';
export const WX_CREDITS_COLLECTION = '_wx_subscribe_credits';

/** What WeChat answers: JSON, or (mini-program codes) an image. */
export type WxReply =
  { json: Record<string, unknown>; image?: undefined } | { image: Buffer; json?: undefined };

export interface WxOptions {
  appid: string;
  /** Words the text check treats as risky (stands in for WeChat's model). */
  riskyWords: string[];
  /** Pages that exist in the mini-program; getUnlimited with check_path refuses others. */
  pages?: string[];
  /** Delivers the asynchronous media-check result, as WeChat's message push would. */
  onMediaCheckResult?: (event: Record<string, unknown>) => void;
  clock?: () => number;
}

const ALIASES: Record<string, string> = {
  '/cgi-bin/message/subscribe/send': 'subscribeMessage.send',
  '/wxa/msg_sec_check': 'security.msgSecCheck',
  '/wxa/media_check_async': 'security.mediaCheckAsync',
  '/wxa/getwxacodeunlimit': 'wxacode.getUnlimited',
};

export function canonicalApiName(apiName: string): string {
  const path = apiName.split('?')[0];
  return ALIASES[path] ?? apiName;
}

/** WeChat's per-type limits for subscribe-message template values. */
const VALUE_RULES: Array<{ prefix: string; max: number; pattern?: RegExp }> = [
  { prefix: 'thing', max: 20 },
  { prefix: 'number', max: 32, pattern: /^[\d.]+$/ },
  { prefix: 'letter', max: 32, pattern: /^[A-Za-z]+$/ },
  { prefix: 'symbol', max: 5 },
  { prefix: 'character_string', max: 32, pattern: /^[\w\-.#:/ ]+$/ },
  { prefix: 'time', max: 64 },
  { prefix: 'date', max: 64 },
  { prefix: 'amount', max: 32 },
  { prefix: 'phone_number', max: 17, pattern: /^[\d+\- ]+$/ },
  { prefix: 'car_number', max: 8 },
  { prefix: 'name', max: 20 },
  { prefix: 'phrase', max: 5 },
];

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export class WxStandIns {
  private readonly clock: () => number;
  /** Deliveries of asynchronous results still waiting, cancelled when the stack closes. */
  private readonly pending = new Set<NodeJS.Timeout>();

  close(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }

  /** Scripted failures: the next `times` calls of an API answer this errcode (for tests and demos). */
  private readonly faults = new Map<string, { errcode: number; times: number }>();

  injectFault(apiName: string, errcode: number, times: number): void {
    this.faults.set(canonicalApiName(apiName), { errcode, times });
  }

  constructor(
    private readonly store: DocumentStore,
    private readonly options: WxOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    store.ensureCollection(WX_CALLS_COLLECTION);
    store.ensureCollection(WX_CREDITS_COLLECTION);
    store.ensureIndex(WX_CALLS_COLLECTION, {
      name: 'api_1_at_1',
      keys: [
        ['api', 1],
        ['at', 1],
      ],
    });
  }

  /** Records subscription consent the mini-program obtained (wx.requestSubscribeMessage). */
  grantCredits(openid: string, results: Record<string, string>): Record<string, number> {
    const balances: Record<string, number> = {};
    for (const [templateId, decision] of Object.entries(results)) {
      const id = `${openid}:${templateId}`;
      if (decision === 'accept') {
        this.store.update(
          WX_CREDITS_COLLECTION,
          { _id: id },
          { $inc: { credits: 1 }, $set: { openid, templateId } },
          {
            multi: false,
            upsert: true,
            merge: true,
          },
        );
      }
      balances[templateId] = Number(this.store.getById(WX_CREDITS_COLLECTION, id)?.credits ?? 0);
    }
    return balances;
  }

  async call(apiName: string, body: Record<string, unknown>): Promise<WxReply> {
    const api = canonicalApiName(apiName);
    const fault = this.faults.get(api);
    let reply: WxReply;
    if (fault && fault.times > 0) {
      fault.times -= 1;
      reply = error(fault.errcode, 'injected fault');
    } else {
      reply = await this.answer(api, apiName, body);
    }
    this.store.insert(WX_CALLS_COLLECTION, [
      {
        api,
        request: body,
        errcode: reply.json ? (reply.json.errcode ?? 0) : 0,
        response: reply.json ?? { image: `${reply.image?.length ?? 0} bytes` },
        at: new Date(this.clock()),
      },
    ]);
    return reply;
  }

  private async answer(api: string, apiName: string, body: Record<string, unknown>): Promise<WxReply> {
    switch (api) {
      case 'subscribeMessage.send':
        return this.subscribeSend(body);
      case 'security.msgSecCheck':
        return this.msgSecCheck(body);
      case 'security.mediaCheckAsync':
        return this.mediaCheckAsync(body);
      case 'wxacode.getUnlimited':
        return this.getUnlimited(body);
      default:
        return { json: { errcode: 40001, errmsg: `api not available on the local stack: ${apiName}` } };
    }
  }

  private subscribeSend(body: Record<string, unknown>): WxReply {
    const {
      touser,
      template_id: templateId,
      data,
    } = body as { touser?: unknown; template_id?: unknown; data?: unknown };
    if (typeof touser !== 'string' || !touser) return error(40003, 'invalid openid');
    if (typeof templateId !== 'string' || !templateId) return error(40037, 'invalid template_id');
    if (!data || typeof data !== 'object') return error(47003, 'argument invalid! data is empty');
    for (const [key, entry] of Object.entries(data as Record<string, { value?: unknown }>)) {
      const value = entry?.value;
      const rule = VALUE_RULES.find((r) => key.startsWith(r.prefix));
      if (typeof value !== 'string' || value.length === 0)
        return error(47003, `argument invalid! data.${key}.value is empty`);
      if (rule && ([...value].length > rule.max || (rule.pattern && !rule.pattern.test(value)))) {
        return error(47003, `argument invalid! data.${key}.value invalid`);
      }
    }
    const creditId = `${touser}:${templateId}`;
    const spent = this.store.update(
      WX_CREDITS_COLLECTION,
      { _id: creditId, credits: { $gt: 0 } },
      { $inc: { credits: -1 } },
      { multi: false, upsert: false, merge: true },
    );
    if (spent.updated === 0) return error(43101, 'user refuse to accept the msg');
    return { json: { errcode: 0, errmsg: 'ok', msgid: Number(BigInt('0x' + newDocId().slice(0, 12))) } };
  }

  private msgSecCheck(body: Record<string, unknown>): WxReply {
    const content = body.content;
    if (typeof content !== 'string') return error(40097, 'invalid args: content');
    if ([...content].length > 2500) return error(87014, 'content too long');
    const hit = this.options.riskyWords.find((w) => content.includes(w));
    return {
      json: {
        errcode: 0,
        errmsg: 'ok',
        trace_id: newDocId(),
        result: { suggest: hit ? 'risky' : 'pass', label: hit ? 20006 : 100 },
        detail: [
          {
            strategy: 'content_model',
            errcode: 0,
            suggest: hit ? 'risky' : 'pass',
            label: hit ? 20006 : 100,
            keyword: hit ?? '',
          },
        ],
      },
    };
  }

  private mediaCheckAsync(body: Record<string, unknown>): WxReply {
    if (typeof body.media_url !== 'string' || !body.media_url) return error(40097, 'invalid args: media_url');
    const traceId = newDocId();
    const deliver = this.options.onMediaCheckResult;
    if (deliver) {
      const event = {
        ToUserName: this.options.appid,
        FromUserName: String(body.openid ?? ''),
        CreateTime: Math.floor(this.clock() / 1000),
        MsgType: 'event',
        Event: 'wxa_media_check',
        appid: this.options.appid,
        trace_id: traceId,
        version: 2,
        result: { suggest: 'pass', label: 100 },
        detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }],
      };
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        deliver(event);
      }, 50);
      this.pending.add(timer);
    }
    return { json: { errcode: 0, errmsg: 'ok', trace_id: traceId } };
  }

  private async getUnlimited(body: Record<string, unknown>): Promise<WxReply> {
    const scene = body.scene;
    if (typeof scene !== 'string' || !SCENE.test(scene)) return error(40097, 'invalid args: scene');
    const page = typeof body.page === 'string' ? body.page : '';
    if (page && body.check_path !== false && this.options.pages && !this.options.pages.includes(page)) {
      return error(41030, 'invalid page rid: local');
    }
    const width = Math.max(280, Math.min(Number(body.width) || 430, 1280));
    // A real mini-program code is a proprietary round image; a QR code carrying the same page and
    // scene is a faithful stand-in for everything the product does with it.
    const image = await QRCode.toBuffer(
      `wxacode:${page || 'pages/index/index'}?scene=${encodeURIComponent(scene)}`,
      {
        type: 'png',
        width,
        margin: 2,
      },
    );
    return { image };
  }
}

function error(errcode: number, errmsg: string): WxReply {
  return { json: { errcode, errmsg: `${errmsg} rid: local` } };
}
