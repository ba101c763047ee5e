import { cloneDoc, isPlainObject, isRegExp, type Doc } from './codec';
import { dbFailed } from '../errors';
import { deepEqual, getPath } from './paths';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$currentDate',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
]);

/**
 * mingo's update operators, taken once: each, given its expression, answers a function that applies
 * it to a document in place and names the fields it changed. mingo's own `update()` assembles an
 * operator context afresh on every call, which cost more than the update itself.
 */
type UpdateOperator = (expr: unknown) => (doc: Doc) => string[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MINGO_UPDATE = require('mingo/operators/update') as Record<string, UpdateOperator>;

export type UpdateKind = 'operators' | 'replacement';

/** An update document is either all operators or a whole replacement; mixing them is an error. */
export function classifyUpdate(update: Doc): UpdateKind {
  const keys = Object.keys(update);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length === 0) return 'replacement';
  if (operators.length !== keys.length) throw dbFailed('update document mixes operators and plain fields');
  for (const op of operators) {
    if (!UPDATE_OPERATORS.has(op)) throw dbFailed(`unknown update operator: ${op}`);
    if (!isPlainObject(update[op])) throw dbFailed(`${op} expects an object of field paths`);
  }
  return 'operators';
}

/**
 * Applies an update to a copy of `doc` and tells whether anything changed (CloudBase's `updated`
 * counts documents whose content changed, as MongoDB's nModified does).
 */
export function applyUpdate(doc: Doc, update: Doc, kind: UpdateKind): { doc: Doc; changed: boolean } {
  if (kind === 'replacement') {
    if ('_id' in update && !deepEqual(update._id, doc._id))
      throw dbFailed('the _id field cannot be modified');
    const next: Doc = { _id: doc._id, ...stripId(update) };
    return { doc: next, changed: !deepEqual(next, doc) };
  }
  for (const op of Object.keys(update)) {
    for (const path of Object.keys(update[op] as Doc)) {
      if (path === '_id' || path.startsWith('_id.')) throw dbFailed('the _id field cannot be modified');
      const current = getPath(doc, path);
      if (op === '$inc' || op === '$mul') {
        if (current !== undefined && current !== null && typeof current !== 'number') {
          throw dbFailed(`cannot apply ${op} to a value of non-numeric type at '${path}'`);
        }
        if (typeof (update[op] as Doc)[path] !== 'number')
          throw dbFailed(`${op} requires a numeric argument`);
      }
      if (ARRAY_OPERATORS.has(op) && current !== undefined && !Array.isArray(current)) {
        throw dbFailed(`cannot apply ${op} to a non-array field '${path}'`);
      }
    }
  }
  const operators = withAddToSetAsSet(doc, update);
  refuseConflicts(operators);
  const next = cloneDoc(doc);
  try {
    let changed = false;
    for (const op of Object.keys(operators)) {
      if (MINGO_UPDATE[op](operators[op])(next).length > 0) changed = true;
    }
    return { doc: next, changed: changed && !deepEqual(next, doc) };
  } catch (error) {
    throw dbFailed((error as Error).message);
  }
}

/** MongoDB refuses an update that names a path, or a path and one inside it, twice. */
function refuseConflicts(update: Doc): void {
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, value] of Object.entries(fields as Doc)) {
      paths.push(path);
      if (op === '$rename' && typeof value === 'string') paths.push(value);
    }
  }
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (a === b || b.startsWith(`${a}.`))
      throw dbFailed(`Updating the path '${b}' would create a conflict at '${a}'`);
  }
}

const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

/**
 * MongoDB's $addToSet appends each value that is not already in the array (in order, once) and
 * never touches what is already there, duplicates included. mingo dedupes the whole array, so the
 * engine computes the new array itself and hands it on as a $set.
 */
function withAddToSetAsSet(doc: Doc, update: Doc): Doc {
  const addToSet = update.$addToSet as Doc | undefined;
  if (!addToSet) return update;
  const set: Doc = { ...((update.$set as Doc | undefined) ?? {}) };
  for (const [path, spec] of Object.entries(addToSet)) {
    if (path in set) throw dbFailed(`updating the path '${path}' would create a conflict`);
    const values = isPlainObject(spec) && Array.isArray(spec.$each) ? spec.$each : [spec];
    const array = [...((getPath(doc, path) as unknown[] | undefined) ?? [])];
    for (const value of values) if (!array.some((item) => deepEqual(item, value))) array.push(value);
    set[path] = array;
  }
  const { $addToSet: _handled, ...rest } = update;
  return { ...rest, $set: set };
}

function stripId(doc: Doc): Doc {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/** The document an upsert starts from: the query's plain equality fields (MongoDB does the same). */
export function seedFromQuery(query: Doc): Doc {
  const seed: Doc = {};
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('$')) continue;
    if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if ('$eq' in value) seed[key] = value.$eq;
      continue;
    }
    if (isRegExp(value)) continue;
    if (key.includes('.')) continue;
    seed[key] = value;
  }
  return seed;
}
