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
  /** What the text check answers for what (stands in for WeChat's model); defaults to TEXT_RULES. */
  textRules?: readonly TextRule[];
  /** Pages that exist in the mini-program; getUnlimited with check_path refuses others. */
  pages?: string[];
  /** Delivers the asynchronous media-check result, as WeChat's message push would. */
  onMediaCheckResult?: (event: Record<string, unknown>) => void;
  clock?: () => number;
}

/** The APIs the stand-ins answer, by the names the cloud call (云调用) uses. */
export const STAND_IN_APIS = [
  'subscribeMessage.send',
  'security.msgSecCheck',
  'security.mediaCheckAsync',
  'wxacode.getUnlimited',
] as const;

/** How long after mediaCheckAsync the stand-in pushes its verdict. */
const MEDIA_CHECK_DELAY_MS = 500;

/** The cloud call's answer for an API name it does not know (a raw URL path, a typo). */
export const API_NOT_FOUND = -604100;

/**
 * One rule of the text check's stand-in. WeChat's model judges what the text itself does, not what
 * it mentions: advertising, fraud, abuse and offers of what is illegal are `risky`; a report of
 * illegal activity ("有人在小区里组织赌博") passes, and a few touchy subjects go to human `review`.
 * The list is short and documented (docs/local-stack.md) so a test or a demo can use it.
 */
export interface TextRule {
  phrase: string;
  suggest: 'risky' | 'review';
  /** WeChat's labels: 10001 ad, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar. */
  label: number;
}

export const TEXT_RULES: readonly TextRule[] = [
  { phrase: '代开发票', suggest: 'risky', label: 10001 },
  { phrase: '加微信领红包', suggest: 'risky', label: 10001 },
  { phrase: '刷单返利', suggest: 'risky', label: 20008 },
  { phrase: '出售枪支', suggest: 'risky', label: 20006 },
  { phrase: '办理假证', suggest: 'risky', label: 20006 },
  { phrase: '约炮', suggest: 'risky', label: 20002 },
  { phrase: '傻逼', suggest: 'risky', label: 20003 },
  { phrase: '去死吧', suggest: 'risky', label: 20003 },
  { phrase: '吸毒', suggest: 'review', label: 20006 },
  { phrase: '高利贷', suggest: 'review', label: 20006 },
];

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

/** The call log is written at most this long after a call, or at once when this many wait. */
const LOG_DELAY_MS = 20;
const LOG_BATCH = 200;

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export class WxStandIns {
  private readonly clock: () => number;
  /** Deliveries of asynchronous results still waiting, cancelled when the stack closes. */
  private readonly pending = new Set<NodeJS.Timeout>();

  /** Asynchronous results (media checks) not yet pushed. */
  get deliveriesPending(): number {
    return this.pending.size;
  }

  close(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    this.flushLog();
  }

  /** Scripted failures: the next `times` calls of an API answer this errcode (for tests and demos). */
  private readonly faults = new Map<string, { errcode: number; times: number }>();

  injectFault(apiName: string, errcode: number, times: number): void {
    this.faults.set(apiName, { errcode, times });
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

  /** Answers one cloud call of `api` with its JSON body; an API the cloud call does not know is null. */
  async call(api: string, body: Record<string, unknown>): Promise<WxReply | null> {
    if (!(STAND_IN_APIS as readonly string[]).includes(api)) {
      this.record(api, body, API_NOT_FOUND, { errorCode: API_NOT_FOUND });
      return null;
    }
    const fault = this.faults.get(api);
    let reply: WxReply;
    if (fault && fault.times > 0) {
      fault.times -= 1;
      reply = error(fault.errcode, 'injected fault');
    } else {
      reply = await this.answer(api, body);
    }
    this.record(
      api,
      body,
      Number(reply.json ? (reply.json.errcode ?? 0) : 0),
      reply.json ?? { image: `${reply.image?.length ?? 0} bytes` },
    );
    return reply;
  }

  /** Calls recorded and not yet written: written together, in one commit, a moment later. */
  private log: Array<Record<string, unknown>> = [];
  private logTimer: NodeJS.Timeout | null = null;

  private record(api: string, request: unknown, errcode: number, response: unknown): void {
    this.log.push({ api, request, errcode, response, at: new Date(this.clock()) });
    if (this.log.length >= LOG_BATCH) this.flushLog();
    else this.logTimer ??= setTimeout(() => this.flushLog(), LOG_DELAY_MS);
  }

  /**
   * Writes the calls recorded so far to `_wx_calls`, in one commit: a busy stack's calls cost a
   * commit per batch rather than one each. Whatever reads the log flushes it first.
   */
  flushLog(): void {
    if (this.logTimer) clearTimeout(this.logTimer);
    this.logTimer = null;
    if (this.log.length === 0) return;
    const batch = this.log;
    this.log = [];
    this.store.insert(WX_CALLS_COLLECTION, batch);
  }

  private async answer(api: string, body: Record<string, unknown>): Promise<WxReply> {
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
        return { json: { errcode: 40001, errmsg: `api not available on the local stack: ${api}` } };
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
    // Read and spent in one turn of the one request thread: no other request comes between.
    const credits = this.store.getById(WX_CREDITS_COLLECTION, creditId)?.credits;
    if (typeof credits !== 'number' || !(credits > 0)) return error(43101, 'user refuse to accept the msg');
    this.store.update(
      WX_CREDITS_COLLECTION,
      { _id: creditId },
      { $inc: { credits: -1 } },
      { multi: false, upsert: false, merge: true },
    );
    return { json: { errcode: 0, errmsg: 'ok', msgid: Number(BigInt('0x' + newDocId().slice(0, 12))) } };
  }

  /** msgSecCheck v2: the caller's openid and a scene (1 资料, 2 评论, 3 论坛, 4 社交日志) are required. */
  private msgSecCheck(body: Record<string, unknown>): WxReply {
    const { content, version, scene, openid } = body;
    if (version !== 2) return error(47001, 'data format error: only version 2 is answered');
    if (typeof openid !== 'string' || !/^[\w-]{1,64}$/.test(openid)) return error(40003, 'invalid openid');
    if (scene !== 1 && scene !== 2 && scene !== 3 && scene !== 4) return error(40129, 'invalid scene');
    if (typeof content !== 'string' || content === '') return error(44002, 'empty post data');
    if ([...content].length > 2500) return error(47001, 'data format error: content longer than 2500');
    const rules = this.options.textRules ?? TEXT_RULES;
    const hits = rules.filter((rule) => content.includes(rule.phrase));
    const hit = hits.find((rule) => rule.suggest === 'risky') ?? hits[0];
    const suggest = hit?.suggest ?? 'pass';
    const label = hit?.label ?? 100;
    return {
      json: {
        errcode: 0,
        errmsg: 'ok',
        trace_id: newDocId(),
        result: { suggest, label },
        detail: [
          { strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 },
          hit
            ? { strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword: hit.phrase }
            : { strategy: 'keyword', errcode: 0 },
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
      // WeChat's verdict comes seconds to minutes later; half a second keeps it after the case that
      // started the check is stored, as in WeChat, even on a busy machine.
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        deliver(event);
      }, MEDIA_CHECK_DELAY_MS);
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
