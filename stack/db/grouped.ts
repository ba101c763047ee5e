import { isPlainObject, type Doc } from './codec';

/**
 * A `$group` done by SQLite: the aggregation's documents are never parsed in JavaScript one by one.
 *
 * SQLite groups the rows by what the `$group` can see of them — the top-level fields it reads,
 * exactly, and for a field it only compares with number constants (`{ $gt: ['$answeredAt', 0] }`,
 * `{ $lt: [{ $ifNull: ['$dueAt', now] }, now] }`), its JSON type and on which side of each constant
 * it falls. Every row of such a SQL group gives every expression of the `$group` the same value, so
 * one of them (the first in natural order) stands for all: mingo then runs the `$group` and the rest
 * of the pipeline over these representatives, each carrying how many rows it stands for, and
 * counts (`$sum` of a constant, `$count`) are weighted by it. The answer is the one mingo gives over
 * every document; only the work moves.
 *
 * It applies when the pipeline is a `$group` (after a leading `$match` that the index answers
 * exactly, so no document needs testing), whose expressions read top-level fields by name, with no
 * variables (`$$ROOT`, `$$NOW`, `$let`, …), and whose accumulators are `$sum` of a number, `$count`,
 * `$first`, `$min` or `$max`: those give the same answer whether a value comes once or n times.
 * Anything else is run as before, document by document.
 */

export interface GroupedPlan {
  /** What is read of each row (over the table's `body`), as columns v0, v1, … */
  columns: string[];
  /** What puts the rows in their SQL groups (over those columns). */
  groupBy: string[];
  /** The representative's document: the fields the `$group` reads, as JSON text. */
  projection: string;
  /** The field each representative carries its row count in. */
  countField: string;
  /** The pipeline to run over the representatives (without the leading `$match`). */
  pipeline: Doc[];
}

const NAME = /^[A-Za-z0-9_-]+$/;
/** Integers beyond this compare differently as JavaScript numbers: such values group exactly. */
const SAFE = Number.MAX_SAFE_INTEGER;
/** Operators whose operands name fields other than by `$path`, or give a different value each time. */
const OPAQUE = new Set([
  '$getField',
  '$setField',
  '$unsetField',
  '$function',
  '$accumulator',
  '$rand',
  '$let',
]);
const COMPARISONS = new Set(['$gt', '$gte', '$lt', '$lte', '$eq', '$ne', '$cmp']);

class Unsupported extends Error {}

interface Fields {
  /** Fields whose value matters as it is. */
  raw: Set<string>;
  /** Fields only compared with these number constants. */
  compared: Map<string, Set<number>>;
}

/** The `$group` of this pipeline as SQL, or null when it cannot be (see above). */
export function planGrouped(pipeline: Doc[], leadingMatchExact: boolean): GroupedPlan | null {
  let rest = pipeline;
  if (rest[0] && '$match' in rest[0]) {
    if (!leadingMatchExact) return null;
    rest = rest.slice(1);
  }
  const group = rest[0]?.$group;
  if (!isPlainObject(group) || !('_id' in group)) return null;
  const fields: Fields = { raw: new Set(), compared: new Map() };
  const accumulators: Doc = {};
  try {
    walk(group._id, fields);
    for (const [name, spec] of Object.entries(group)) {
      if (name === '_id') continue;
      if (!isPlainObject(spec) || Object.keys(spec).length !== 1) return null;
      const [op, operand] = Object.entries(spec)[0];
      // Integers only: n × a fraction need not equal the fraction added n times.
      if (op === '$sum' && Number.isSafeInteger(operand)) continue;
      if (op === '$count' && isPlainObject(operand) && Object.keys(operand).length === 0) continue;
      if (op !== '$first' && op !== '$min' && op !== '$max') return null;
      walk(operand, fields);
      accumulators[name] = spec;
    }
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  for (const name of fields.raw) fields.compared.delete(name);
  const names = [...fields.raw, ...fields.compared.keys()].sort();
  let countField = '__n';
  while (names.includes(countField)) countField = `_${countField}`;
  const weighted: Doc = { _id: group._id };
  for (const [name, spec] of Object.entries(group)) {
    if (name === '_id') continue;
    const [op, operand] = Object.entries(spec as Doc)[0];
    if (op === '$sum' && typeof operand === 'number')
      weighted[name] = {
        $sum: operand === 1 ? `$${countField}` : { $multiply: [operand, `$${countField}`] },
      };
    else if (op === '$count') weighted[name] = { $sum: `$${countField}` };
    else weighted[name] = accumulators[name];
  }
  // Each field is looked up in the document once (its JSON text, NULL when missing); the groups are
  // then formed from those short texts (SQLite parses each document once, for all its lookups).
  const columns = names.map((n) => `body -> '${path(n)}'`);
  const groupBy: string[] = [];
  names.forEach((name, i) => {
    const v = `v${i}`;
    const constants = fields.compared.get(name);
    if (!constants) {
      groupBy.push(v);
      return;
    }
    const number = `${v} GLOB '[-0-9]*'`;
    // A value that is not a number, or a number too large for JavaScript to compare as SQLite does,
    // groups by itself; a number by which side of each constant it falls.
    groupBy.push(`iif(${number} AND abs(${v} + 0) <= ${SAFE}, 'n', ${v})`);
    for (const c of [...constants].sort((a, b) => a - b))
      groupBy.push(`iif(${number}, (${v} + 0 > ${literal(c)}) - (${v} + 0 < ${literal(c)}), NULL)`);
  });
  const projection =
    names.length === 0
      ? `'{}'`
      : `'{' || concat_ws(',', ${names.map((n) => `'"${n}":' || (body -> '${path(n)}')`).join(', ')}) || '}'`;
  return { columns, groupBy, projection, countField, pipeline: [{ $group: weighted }, ...rest.slice(1)] };
}

function path(name: string): string {
  return `$."${name}"`;
}

/** A number as SQL text: integers exactly, others as JavaScript writes them. */
function literal(n: number): string {
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

/** Collects the fields an expression reads; throws Unsupported for what cannot be grouped in SQL. */
function walk(expr: unknown, fields: Fields): void {
  if (typeof expr === 'string') {
    if (expr.startsWith('$$')) throw new Unsupported();
    if (expr.startsWith('$')) fields.raw.add(topField(expr));
    return;
  }
  if (Array.isArray(expr)) {
    for (const item of expr) walk(item, fields);
    return;
  }
  if (!isPlainObject(expr)) {
    if (expr === undefined || expr === null || ['number', 'boolean'].includes(typeof expr)) return;
    // Dates, regular expressions, ObjectIds: constants, but nothing to reason about.
    throw new Unsupported();
  }
  const keys = Object.keys(expr);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const [op] = keys;
    const operand = expr[op];
    if (op === '$literal') return;
    if (OPAQUE.has(op)) throw new Unsupported();
    if (COMPARISONS.has(op) && Array.isArray(operand) && operand.length === 2) {
      const [a, b] = operand as unknown[];
      const side = comparedField(a, b) ?? comparedField(b, a);
      if (side) {
        const constants = fields.compared.get(side.field) ?? new Set<number>();
        constants.add(side.constant);
        fields.compared.set(side.field, constants);
        return;
      }
    }
  }
  for (const value of Object.values(expr)) walk(value, fields);
}

/** `'$f'` or `{ $ifNull: ['$f', number] }` against a number constant: the field and the constant. */
function comparedField(expr: unknown, other: unknown): { field: string; constant: number } | null {
  if (typeof other !== 'number' || !Number.isFinite(other) || Math.abs(other) > SAFE) return null;
  let target = expr;
  if (isPlainObject(target) && Object.keys(target).length === 1 && Array.isArray(target.$ifNull)) {
    const [value, fallback] = target.$ifNull as unknown[];
    if ((target.$ifNull as unknown[]).length !== 2 || typeof fallback !== 'number') return null;
    target = value;
  }
  if (typeof target !== 'string' || !target.startsWith('$') || target.startsWith('$$')) return null;
  const field = target.slice(1);
  return NAME.test(field) ? { field, constant: other } : null;
}

function topField(ref: string): string {
  const top = ref.slice(1).split('.')[0];
  if (!NAME.test(top)) throw new Unsupported();
  return top;
}
