import { BSONRegExp, EJSON } from 'bson';

/**
 * Three representations of a document meet here:
 * - the wire: EJSON strings, as `@cloudbase/database` sends and reads them;
 * - values: plain JS objects with Date, RegExp and bson types, what mingo queries;
 * - storage: JSON text in SQLite, with EJSON wrappers (`{"$date": "…ISO…"}`) only where JSON has no type.
 */

export type Doc = Record<string, unknown>;

/**
 * Type tests that hold across realms: a Date made by another VM context (a test runner's, a
 * structuredClone's) is still a Date to the database, though `instanceof Date` says otherwise.
 */
export const isDate = (value: unknown): value is Date =>
  Object.prototype.toString.call(value) === '[object Date]';
export const isRegExp = (value: unknown): value is RegExp =>
  Object.prototype.toString.call(value) === '[object RegExp]';

/**
 * Values known to be plain JSON throughout (strings, finite numbers, booleans, null, arrays and
 * plain objects; no Date, RegExp or bson value, no field name beginning with `$`), because they were
 * parsed from wire text that held nothing else. Such a document needs none of the walks that look
 * for those (server dates, `$` names, stored types). Only the object itself is marked, and a marked
 * object is never changed in place: a write makes a new document (applyUpdate clones).
 */
const PLAIN_JSON = new WeakSet<object>();

export const isPlainJson = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && PLAIN_JSON.has(value);

/** Marks a document made of plain-JSON parts (a marked document and fields of plain JSON). */
export function markPlainJson<T extends object>(value: T): T {
  PLAIN_JSON.add(value);
  return value;
}

/**
 * A number as `@cloudbase/database` sends it, canonical EJSON (`{"$numberInt":"1"}`), in the form
 * JSON writes it; relaxed EJSON reads each back as that plain number. A `{` followed by an unescaped
 * `"` never lies inside a JSON string, so this matches only whole values.
 */
const WIRE_NUMBER = /\{"\$number(Int|Long|Double)":"(-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)"\}/g;

/**
 * The wire text as plain JSON when it holds nothing EJSON-typed but numbers (which the SDK sends
 * as `$numberInt`, `$numberLong`, `$numberDouble`), else null. A `$numberLong` beyond 2^53 or an
 * escaped `$` (`\u0024`) leaves it to EJSON.
 */
function asPlainJson(text: string): string | null {
  if (text.includes('\\u0024')) return null;
  if (!text.includes('"$')) return text;
  if (!text.includes('"$number')) return null;
  const plain = text.replace(WIRE_NUMBER, (whole, kind: string, digits: string, fraction, exponent) => {
    if (kind === 'Double') return digits;
    if (fraction || exponent) return whole;
    const n = Number(digits);
    return (kind === 'Int' ? n === (n | 0) : Number.isSafeInteger(n)) ? digits : whole;
  });
  return plain.includes('"$') ? null : plain;
}

/**
 * Parses an EJSON string from the wire into values; regular expressions become native RegExp. Wire
 * text of plain JSON and numbers (most documents and queries) is read by JSON.parse alone and its
 * objects marked as plain JSON (`isPlainJson`): the answer is the same as EJSON's.
 */
export function fromWire(text: string): unknown {
  const plain = asPlainJson(text);
  if (plain !== null) {
    const value: unknown = JSON.parse(plain);
    return typeof value === 'object' && value !== null ? markPlainJson(value) : value;
  }
  return toNativeRegExp(EJSON.parse(text, { relaxed: true }));
}

/** An ObjectId as relaxed EJSON writes it; inside a JSON string its quotes would be escaped. */
const WIRE_OBJECT_ID = /\{"\$oid":"([0-9a-f]{24})"\}/g;

/**
 * Serialises a value for the wire (relaxed EJSON keeps plain numbers plain). An ObjectId goes out as
 * its hex text, as CloudBase answers it (its SDK's tests read `db.ObjectId` fields back as strings).
 */
export function toWire(value: unknown): string {
  const text = EJSON.stringify(value as Doc, { relaxed: true });
  return text.includes('"$oid"') ? text.replace(WIRE_OBJECT_ID, '"$1"') : text;
}

/** A bson ObjectId, from any copy of the bson package. */
export const isObjectId = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  /^ObjectI[dD]$/.test(String((value as { _bsontype?: unknown })._bsontype));

/**
 * A deep copy of a document that keeps its values' types: Dates, regular expressions and bson values
 * (ObjectId, Decimal128, …), which structuredClone turns into plain objects, are kept (they are
 * never changed in place).
 */
export function cloneDoc<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneDoc) as T;
  if (isDate(value)) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneDoc(v);
    return out as T;
  }
  return value;
}

/** The path of the first field name that begins with `$` (MongoDB refuses them in a stored document). */
export function dollarField(value: unknown, path = ''): string | null {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = dollarField(item, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (!isPlainObject(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.startsWith('$')) return here;
    const found = dollarField(item, here);
    if (found) return found;
  }
  return null;
}

/**
 * Storage is plain JSON with EJSON wrappers where JSON has no type. Dates are always written as
 * `{"$date": "<ISO>"}` (bson's relaxed mode switches to `$numberLong` before 1970), so that their
 * stored text sorts in time order and index ranges on dates stay correct.
 */
export function toStored(doc: Doc): string {
  if (PLAIN_JSON.has(doc)) return JSON.stringify(doc);
  return JSON.stringify(doc, function (this: Doc, key: string, value: unknown) {
    const raw = this[key];
    if (isDate(raw)) return Number.isNaN(raw.getTime()) ? null : { $date: raw.toISOString() };
    if (isRegExp(raw)) return { $regularExpression: { pattern: raw.source, options: raw.flags } };
    if (raw && typeof raw === 'object' && '_bsontype' in raw) return EJSON.serialize(raw, { relaxed: true });
    return value;
  });
}

export function fromStored(text: string): Doc {
  // Most documents are plain JSON; only pay for the EJSON reviver when a wrapper is present.
  return (text.includes('"$') ? EJSON.parse(text, { relaxed: true }) : JSON.parse(text)) as Doc;
}

const JS_REGEXP_FLAGS = new Set(['i', 'm', 's', 'u', 'g', 'y']);

function toNativeRegExp(value: unknown): unknown {
  if (value instanceof BSONRegExp) {
    const flags = [...value.options].filter((f) => JS_REGEXP_FLAGS.has(f)).join('');
    return new RegExp(value.pattern, flags);
  }
  if (Array.isArray(value)) return value.map(toNativeRegExp);
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) out[k] = toNativeRegExp(v);
    // db.RegExp({ regexp, options }) arrives as { $regex, $options } in raw mode.
    if (typeof out.$regex === 'string' && Object.keys(out).every((k) => k === '$regex' || k === '$options')) {
      return new RegExp(out.$regex, String(out.$options ?? '').replace(/[^imsu]/g, ''));
    }
    return out;
  }
  return value;
}

export function isPlainObject(value: unknown): value is Doc {
  if (typeof value !== 'object' || value === null) return false;
  // Plain in any realm: the prototype is null or some realm's Object.prototype (whose own prototype is null).
  const proto = Object.getPrototypeOf(value);
  return (
    proto === null ||
    (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]')
  );
}

/**
 * Replaces `db.serverDate()` placeholders (`{ $tcb_server_date: { offset } }`) with the server's
 * clock, as CloudBase does when it stores the document.
 */
export function resolveServerDates<T>(value: T, now: number): T {
  if (isPlainJson(value)) return value;
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now)) as T;
  if (isPlainObject(value)) {
    const marker = value.$tcb_server_date;
    if (marker !== undefined && Object.keys(value).length === 1) {
      const offset = isPlainObject(marker) && typeof marker.offset === 'number' ? marker.offset : 0;
      return new Date(now + offset) as T;
    }
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveServerDates(v, now);
    return out as T;
  }
  return value;
}
