/**
 * The wire format of CloudBase's cloud call (云调用), as wx-server-sdk speaks it: the function sends
 * admin action `wx.openApi` (multipart) with `apiName` (`security.msgSecCheck`, …) and `requestData`,
 * a protobuf `CommApiData` whose `openapiData.pairs` are the request's top-level fields, each value
 * JSON-encoded; it gets back a protobuf `CommOpenApiResp`: WeChat's body (`respData`) and its
 * `contentType`, or a system `errorCode` (-604100 API not found, -604101 no permission, …).
 *
 * Field numbers are those of wx-server-sdk's `src/protobuf/openapi.js`; the conformance test
 * drives the real SDK against this codec. Only what the cloud call uses is read or written.
 */

import { CloudBaseError } from './errors';
import { API_NOT_FOUND, type WxStandIns } from './wx-openapi';

export interface OpenApiPair {
  key: string;
  value: Buffer;
  contentType?: string;
  filename?: string;
}

export interface CommApiData {
  /** 0 OPEN_API (what `cloud.openapi.*` sends), 1 INNER_API, 2 SVRKIT_API, 3 TOKEN_API. */
  apiType: number;
  pairs: OpenApiPair[];
  appid: string;
}

export interface CommOpenApiResp {
  respData?: Buffer;
  contentType?: string;
  errorCode?: number;
  httpCode?: number;
}

export class ProtocolError extends Error {}

class Reader {
  private pos = 0;
  constructor(private readonly bytes: Buffer) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.bytes.length) throw new ProtocolError('truncated varint');
      const byte = this.bytes[this.pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw new ProtocolError('varint too long');
  }

  bytesField(): Buffer {
    const length = Number(this.varint());
    if (this.pos + length > this.bytes.length) throw new ProtocolError('truncated field');
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** Each field as (number, wire type, value); fields of other wire types are skipped. */
  *fields(): Generator<{ field: number; wire: number; varint?: bigint; bytes?: Buffer }> {
    while (!this.done) {
      const tag = Number(this.varint());
      const field = tag >>> 3;
      const wire = tag & 7;
      if (wire === 0) yield { field, wire, varint: this.varint() };
      else if (wire === 2) yield { field, wire, bytes: this.bytesField() };
      else if (wire === 1) this.skip(8);
      else if (wire === 5) this.skip(4);
      else throw new ProtocolError(`unsupported wire type ${wire}`);
    }
  }

  private skip(n: number): void {
    if (this.pos + n > this.bytes.length) throw new ProtocolError('truncated field');
    this.pos += n;
  }
}

function decodePair(bytes: Buffer): OpenApiPair {
  const pair: OpenApiPair = { key: '', value: Buffer.alloc(0) };
  for (const f of new Reader(bytes).fields()) {
    if (f.field === 1 && f.bytes) pair.key = f.bytes.toString('utf8');
    else if (f.field === 2 && f.bytes) pair.value = Buffer.from(f.bytes);
    else if (f.field === 3 && f.bytes) pair.contentType = f.bytes.toString('utf8');
    else if (f.field === 4 && f.bytes) pair.filename = f.bytes.toString('utf8');
  }
  return pair;
}

export function decodeCommApiData(bytes: Buffer): CommApiData {
  const data: CommApiData = { apiType: 0, pairs: [], appid: '' };
  for (const f of new Reader(bytes).fields()) {
    if (f.field === 1 && f.varint !== undefined) data.apiType = Number(BigInt.asIntN(32, f.varint));
    else if (f.field === 2 && f.bytes) {
      for (const inner of new Reader(f.bytes).fields()) {
        if (inner.field === 1 && inner.bytes) data.pairs.push(decodePair(inner.bytes));
      }
    } else if (f.field === 6 && f.bytes) data.appid = f.bytes.toString('utf8');
  }
  return data;
}

function varint(value: bigint): Buffer {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return Buffer.from(out);
}

const tag = (field: number, wire: number) => varint(BigInt((field << 3) | wire));
const bytesField = (field: number, value: Buffer) =>
  Buffer.concat([tag(field, 2), varint(BigInt(value.length)), value]);

export function encodeCommOpenApiResp(resp: CommOpenApiResp): Buffer {
  const parts: Buffer[] = [];
  if (resp.respData) parts.push(bytesField(1, resp.respData));
  if (resp.contentType) parts.push(bytesField(2, Buffer.from(resp.contentType, 'utf8')));
  if (resp.errorCode) parts.push(tag(3, 0), varint(BigInt(resp.errorCode)));
  if (resp.httpCode) parts.push(tag(4, 0), varint(BigInt(resp.httpCode)));
  return Buffer.concat(parts);
}

/** The request's JSON body from the pairs, as WeChat's HTTPS API would receive it. */
export function bodyOf(pairs: OpenApiPair[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const pair of pairs) {
    try {
      body[pair.key] = JSON.parse(pair.value.toString('utf8'));
    } catch {
      throw new ProtocolError(`pair ${pair.key} is not JSON`);
    }
  }
  return body;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Admin action `wx.openApi`, the cloud call as wx-server-sdk makes it: `apiName` is the API's name
 * (`security.msgSecCheck`), `requestData` a protobuf CommApiData. The answer is a protobuf
 * CommOpenApiResp carrying WeChat's body and content type, or the cloud call's own errorCode
 * (-604100 for a name it does not know, such as a raw URL path); a malformed request is answered
 * as CloudBase answers one, in JSON.
 */
export async function answerCloudCall(
  wx: WxStandIns,
  params: Record<string, unknown>,
  requestId: string,
): Promise<{ contentType: string; body: Buffer }> {
  try {
    const raw = params.requestData;
    if (!Buffer.isBuffer(raw)) throw new ProtocolError('requestData must be the CommApiData bytes');
    const request = decodeCommApiData(raw);
    if (request.apiType !== 0) throw new ProtocolError(`apiType ${request.apiType} is not answered locally`);
    const reply = await wx.call(String(params.apiName ?? ''), bodyOf(request.pairs));
    const resp = !reply
      ? { errorCode: API_NOT_FOUND }
      : reply.image
        ? { respData: reply.image, contentType: 'image/png', httpCode: 200 }
        : { respData: Buffer.from(JSON.stringify(reply.json)), contentType: JSON_TYPE, httpCode: 200 };
    return { contentType: 'application/octet-stream', body: encodeCommOpenApiResp(resp) };
  } catch (error) {
    const code =
      error instanceof CloudBaseError
        ? error.code
        : error instanceof ProtocolError
          ? 'INVALID_PARAM'
          : 'SYS_ERR';
    const body = Buffer.from(JSON.stringify({ code, message: (error as Error).message, requestId }));
    return { contentType: JSON_TYPE, body };
  }
}
