import type { Doc } from './codec';
import { isDate, isPlainObject, isRegExp } from './codec';

/** Reads a dotted path without array traversal (callers that care about arrays check for them). */
export function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Doc)[segment];
  }
  return current;
}

/** True when the path passes through or ends at an array: a multikey value in MongoDB's terms. */
export function pathTouchesArray(doc: unknown, path: string): boolean {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (Array.isArray(current)) return true;
    if (current === null || typeof current !== 'object') return false;
    current = (current as Doc)[segment];
  }
  return Array.isArray(current);
}

/** Deep equality for stored values (plain data, Dates, RegExps, bson values with `equals`). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();
  if (isRegExp(a) && isRegExp(b)) return a.source === b.source && a.flags === b.flags;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual(a[k], b[k]));
  }
  if (a && b && typeof a === 'object' && typeof (a as { equals?: unknown }).equals === 'function') {
    return (a as { equals: (o: unknown) => boolean }).equals(b);
  }
  return false;
}
