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

/** Parses an EJSON string from the wire into values; regular expressions become native RegExp. */
export function fromWire(text: string): unknown {
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
