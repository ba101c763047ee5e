import { isDate, isPlainObject, isRegExp, type Doc } from './codec';

/**
 * Index-backed narrowing. The planner turns a filter into SQL over a collection's table that
 * selects a superset of the matches through an index; mingo then applies the full MongoDB
 * semantics to those rows. Where the SQL selects exactly the matches (`exact`), counts and pages
 * are answered by SQL alone. docs/decisions/0028-query-planner.md has the design.
 *
 * - A conjunction uses the index whose leading keys it binds best: equalities (`$eq`, `$in`), then
 *   one range (`$gt`/`$gte`/`$lt`/`$lte`, either or both bounds).
 * - `$or` uses an index per branch (the rest of the conjunction joined to each) and reads the union
 *   of their rows; if one branch has no index, the whole filter falls back to a scan.
 * - An index on a path that holds arrays (multikey) keeps one entry per element in a side table
 *   (multikey.ts); it narrows by equality or by one bound, never answers exactly, gives no order.
 * - A sort is read in index order when the index's keys after the equality prefix are the sort's
 *   fields and every value the index has seen at them orders in SQL as in MongoDB (`kinds`).
 */

export interface IndexSpec {
  name: string;
  keys: Array<[field: string, direction: 1 | -1]>;
  unique?: boolean;
}

/** Kinds of value seen at an indexed path, as bits: which decide whether SQL orders it right. */
export const KIND = { scalar: 1, boolean: 2, date: 4, other: 8 } as const;

export interface IndexState extends IndexSpec {
  /** Some document held an array on one of the index's paths: entries live in a side table. */
  multikey: boolean;
  /** Per key, the kinds (KIND bits) of every value ever stored there; null and missing add none. */
  kinds?: number[];
}

/** A path's values order in SQL as in MongoDB: null/missing, then numbers, then strings; or one kind. */
export function orderable(kinds: number): boolean {
  return kinds === 0 || kinds === KIND.scalar || kinds === KIND.boolean || kinds === KIND.date;
}

/** The kind of one stored value (undefined and null have none). */
export function kindOf(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return KIND.scalar;
  if (typeof value === 'boolean') return KIND.boolean;
  if (isDate(value) && sqlKeyValue(value) !== undefined) return KIND.date;
  return KIND.other;
}

export function jsonPath(field: string): string {
  return (
    '$' +
    field
      .split('.')
      .map((s) => `."${s}"`)
      .join('')
  );
}

/** The SQL value an indexed path yields; dates compare as their ISO text, booleans as 1/0. */
export function keyExpression(field: string): string {
  const path = jsonPath(field);
  return `(CASE json_type(body, '${path}') WHEN 'object' THEN json_extract(body, '${path}."$date"') ELSE json_extract(body, '${path}') END)`;
}

export function isIndexableField(field: string): boolean {
  return (
    /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/.test(field) && !field.split('.').some((s) => /^\d+$/.test(s))
  );
}

/** Converts a query value to the SQL value of keyExpression, or undefined when it cannot narrow. */
export function sqlKeyValue(value: unknown): string | number | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  // Years 0000–9999 keep ISO text in chronological order; beyond that, do not narrow.
  if (isDate(value) && value.getTime() >= -62167219200000 && value.getTime() <= 253402300799999) {
    return value.toISOString();
  }
  return undefined;
}

type SqlValue = string | number;
type ValueType = 'string' | 'number' | 'boolean' | 'date';

/** The JSON types a value of this type is stored as: a check that makes a SQL comparison exact. */
const STORED_TYPES: Record<ValueType, string> = {
  string: "= 'text'",
  number: "IN ('integer', 'real')",
  boolean: "IN ('true', 'false')",
  date: "= 'object'",
};

interface Key {
  value: SqlValue;
  type: ValueType;
}

function toKey(value: unknown): Key | undefined {
  const sql = sqlKeyValue(value);
  if (sql === undefined) return undefined;
  const type: ValueType =
    typeof value === 'string'
      ? 'string'
      : typeof value === 'number'
        ? 'number'
        : typeof value === 'boolean'
          ? 'boolean'
          : 'date';
  return { value: sql, type };
}

interface FieldBounds {
  in?: Key[];
  lower?: { key: Key; inclusive: boolean };
  upper?: { key: Key; inclusive: boolean };
  /** Every condition on the field is expressed by the bounds above. */
  exact: boolean;
}

interface Conjunction {
  fields: Map<string, FieldBounds>;
  /** Every condition of the conjunction is in `fields`. */
  exact: boolean;
}

function isOperatorObject(value: unknown): value is Doc {
  return (
    isPlainObject(value) &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every((k) => k.startsWith('$'))
  );
}

/** Collects the narrowable conditions of the filter's top-level conjunction, per field. */
function collect(filter: Doc, out: Conjunction = { fields: new Map(), exact: true }): Conjunction {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const part of condition) {
        if (isPlainObject(part)) collect(part, out);
        else out.exact = false;
      }
      continue;
    }
    // An `$or` narrows nothing here; planFilter plans it branch by branch.
    if (key.startsWith('$')) {
      out.exact = false;
      continue;
    }
    const bounds = out.fields.get(key) ?? { exact: true };
    if (isOperatorObject(condition)) {
      for (const [op, operand] of Object.entries(condition)) {
        let used = false;
        if (op === '$eq') used = setIn(bounds, [operand]);
        else if (op === '$in' && Array.isArray(operand)) used = setIn(bounds, operand);
        else if (op === '$gt' || op === '$gte') used = setBound(bounds, 'lower', operand, op === '$gte');
        else if (op === '$lt' || op === '$lte') used = setBound(bounds, 'upper', operand, op === '$lte');
        if (!used) bounds.exact = false;
      }
    } else if (isRegExp(condition) || !setIn(bounds, [condition])) {
      bounds.exact = false;
    }
    if (bounds.in && (bounds.lower || bounds.upper)) bounds.exact = false;
    if (bounds.lower && bounds.upper && bounds.lower.key.type !== bounds.upper.key.type) bounds.exact = false;
    out.fields.set(key, bounds);
  }
  return out;
}

function setIn(bounds: FieldBounds, values: unknown[]): boolean {
  const keys = values.map(toKey);
  if (keys.length === 0 || keys.some((k) => k === undefined)) return false;
  // Two equality conditions on one field: keep the first; the full filter still applies both.
  if (bounds.in) return false;
  bounds.in = keys as Key[];
  return true;
}

function setBound(
  bounds: FieldBounds,
  side: 'lower' | 'upper',
  operand: unknown,
  inclusive: boolean,
): boolean {
  const key = toKey(operand);
  if (key === undefined || bounds[side]) return false;
  bounds[side] = { key, inclusive };
  return true;
}

/** How rows are read: SQL over the collection's table that selects a superset of the matches. */
export interface Access {
  /** The index (or indexes, `a | b`, for an `$or`) read; `_id_` for ids. */
  index: string;
  /** A condition on the collection's table (columns seq, id, body). */
  where: string;
  params: SqlValue[];
  /** The condition selects exactly the matches: no document need be tested. */
  exact: boolean;
  /** For one non-multikey index: the index, and how many leading keys are bound to one value. */
  ordered?: { index: IndexState; prefix: number };
  /** How well it narrows (planConjunction); an `$or`'s is its weakest branch's. */
  score: number;
}

/** The first `$or` of the filter's conjunction (top level or inside `$and`), and the rest without it. */
function splitOr(filter: Doc): { or: Doc[]; rest: Doc } | undefined {
  const or = filter.$or;
  if (Array.isArray(or) && or.length > 0 && or.every(isPlainObject)) {
    const rest = { ...filter };
    delete rest.$or;
    return { or, rest };
  }
  const and = filter.$and;
  if (!Array.isArray(and)) return undefined;
  for (const [i, part] of and.entries()) {
    if (!isPlainObject(part)) continue;
    const inner = splitOr(part);
    if (inner)
      return { or: inner.or, rest: { ...filter, $and: and.map((p, j) => (j === i ? inner.rest : p)) } };
  }
  return undefined;
}

/** Names the side table holding a multikey index's entries. */
export function sideTable(table: string, index: string): string {
  return `${table}__mk_${index.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** Plans a filter over a table with these indexes; undefined means a full scan. */
export function planFilter(
  filter: Doc,
  indexes: IndexState[],
  table: string,
  sort?: Record<string, 1 | -1> | null,
): Access | undefined {
  const conj = collect(filter);
  const direct = planConjunction(conj, conj.exact, indexes, table, filter, sort);
  const split = splitOr(filter);
  if (!split) return direct;
  // `$or`: each branch with the rest of the conjunction, through an index, or nothing is; used when
  // its weakest branch narrows better than the rest of the conjunction alone.
  const branches: Access[] = [];
  for (const branch of split.or) {
    const access = planFilter({ $and: [split.rest, branch] }, indexes, table);
    if (!access) return direct;
    branches.push(access);
  }
  const score = Math.min(...branches.map((b) => b.score));
  if (direct && direct.score >= score) return direct;
  const names = [...new Set(branches.map((b) => b.index))];
  return {
    score,
    index: names.join(' | '),
    where: `seq IN (${branches.map((b) => `SELECT seq FROM "${table}" WHERE ${b.where}`).join(' UNION ALL ')})`,
    params: branches.flatMap((b) => b.params),
    exact: branches.every((b) => b.exact),
  };
}

function planConjunction(
  conj: Conjunction,
  wholeFilter: boolean,
  indexes: IndexState[],
  table: string,
  filter: Doc,
  sort?: Record<string, 1 | -1> | null,
): Access | undefined {
  const { fields } = conj;
  const ids = fields.get('_id')?.in;
  if (ids && ids.every((k) => k.type === 'string' || k.type === 'number')) {
    return {
      index: '_id_',
      where: `id IN (${ids.map(() => '?').join(',')})`,
      params: ids.map((k) => String(k.value)),
      exact: false,
      score: 100,
    };
  }
  let best: { score: number; access: Access } | undefined;
  for (const index of indexes) {
    const access = index.multikey ? planMultikey(fields, index, table) : planIndex(conj, wholeFilter, index);
    if (!access) continue;
    // Between equals, one that answers exactly, then one that gives the sort's order.
    const ordered = sort && access.ordered && givesOrder(Object.entries(sort), access.ordered, filter);
    const score =
      access.params.length > 0 ? scoreOf(fields, index) + (access.exact ? 0.5 : 0) + (ordered ? 0.3 : 0) : 0;
    if (score > 0 && (!best || score > best.score)) best = { score, access: { ...access, score } };
  }
  return best?.access;
}

/** Two points per leading equality, one for a following range; multikey indexes score lower on ties. */
function scoreOf(fields: Map<string, FieldBounds>, index: IndexState): number {
  let score = 0;
  for (const [field] of index.keys) {
    const b = fields.get(field);
    if (b?.in) score += 2;
    else if (b?.lower || b?.upper) return score + 1;
    else break;
  }
  return index.multikey ? score - 0.25 : score;
}

function planIndex(conj: Conjunction, wholeFilter: boolean, index: IndexState): Access | undefined {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  const used = new Set<string>();
  let prefix = 0;
  let exact = true;
  let equalities = true;
  for (const [field] of index.keys) {
    const b = conj.fields.get(field);
    if (!b || (!b.in && !b.lower && !b.upper)) break;
    used.add(field);
    // Dates beyond the years 0000–9999 are stored as text that does not order: never exact.
    exact &&= b.exact && ![...(b.in ?? []), b.lower?.key, b.upper?.key].some((k) => k?.type === 'date');
    const expr = keyExpression(field);
    const typeOf = `json_type(body, '${jsonPath(field)}')`;
    if (b.in) {
      const types = new Set(b.in.map((k) => k.type));
      clauses.push(b.in.length === 1 ? `${expr} = ?` : `${expr} IN (${b.in.map(() => '?').join(',')})`);
      params.push(...b.in.map((k) => k.value));
      if (types.size === 1) clauses.push(`${typeOf} ${STORED_TYPES[b.in[0].type]}`);
      else exact = false;
      if (equalities && b.in.length === 1) prefix++;
      else equalities = false;
      if (b.lower || b.upper) break;
      continue;
    }
    const bound = b.lower ?? b.upper;
    if (b.lower) {
      clauses.push(`${expr} ${b.lower.inclusive ? '>=' : '>'} ?`);
      params.push(b.lower.key.value);
    }
    if (b.upper) {
      clauses.push(`${expr} ${b.upper.inclusive ? '<=' : '<'} ?`);
      params.push(b.upper.key.value);
    }
    if (bound) clauses.push(`${typeOf} ${STORED_TYPES[bound.key.type]}`);
    break;
  }
  if (clauses.length === 0) return undefined;
  exact &&= wholeFilter && [...conj.fields.keys()].every((f) => used.has(f));
  return {
    index: index.name,
    where: clauses.join(' AND '),
    params,
    exact,
    ordered: { index, prefix },
    score: 0,
  };
}

/** A multikey index: entries per element in its side table; equalities, then one bound. */
function planMultikey(
  fields: Map<string, FieldBounds>,
  index: IndexState,
  table: string,
): Access | undefined {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  for (const [i, [field]] of index.keys.entries()) {
    const b = fields.get(field);
    if (!b) break;
    if (b.in) {
      clauses.push(`k${i} IN (${b.in.map(() => '?').join(',')})`);
      params.push(...b.in.map((k) => k.value));
      continue;
    }
    // Two bounds on an array may be met by two different elements: only one narrows.
    const bound = b.lower ?? b.upper;
    if (bound) {
      const op = b.lower ? (bound.inclusive ? '>=' : '>') : bound.inclusive ? '<=' : '<';
      clauses.push(`k${i} ${op} ?`);
      params.push(bound.key.value);
    }
    break;
  }
  if (clauses.length === 0) return undefined;
  return {
    index: index.name,
    where: `seq IN (SELECT seq FROM "${sideTable(table, index.name)}" WHERE ${clauses.join(' AND ')})`,
    params,
    exact: false,
    score: 0,
  };
}

/**
 * The ORDER BY that gives a sort's order in SQL, or undefined when SQL cannot: a sort field must be
 * a key of a non-multikey index whose values there order in SQL as in MongoDB. Ties keep natural
 * order (seq), as the store's in-memory sort does. `byIndex` names the index that gives the
 * order (so SQLite reads it in order instead of sorting).
 */
export function orderFor(
  sort: Record<string, 1 | -1>,
  access: Access | undefined,
  indexes: IndexState[],
  filter: Doc,
): { orderBy: string; byIndex: string | null } | undefined {
  const entries = Object.entries(sort);
  if (entries.length === 0) return undefined;
  for (const [field, dir] of entries) {
    if (dir !== 1 && dir !== -1) return undefined;
    const known = indexes.some((index) =>
      index.keys.some(
        ([f], i) => f === field && !index.multikey && orderable(index.kinds?.[i] ?? KIND.other),
      ),
    );
    if (!known) return undefined;
  }
  const orderBy =
    entries.map(([field, dir]) => `${keyExpression(field)} ${dir === 1 ? 'ASC' : 'DESC'}`).join(', ') +
    ', seq ASC';
  const byIndex = access
    ? access.ordered && givesOrder(entries, access.ordered, filter)
      ? access.index
      : null
    : (indexes.find((index) => !index.multikey && givesOrder(entries, { index, prefix: 0 }, filter))?.name ??
      null);
  return { orderBy, byIndex };
}

/** The access's index lists the sort's fields right after its equality prefix, all one way or reversed. */
function givesOrder(entries: Array<[string, 1 | -1]>, ordered: Access['ordered'], filter: Doc): boolean {
  if (!ordered) return false;
  const { index, prefix } = ordered;
  const fixed = new Set(index.keys.slice(0, prefix).map(([f]) => f));
  const conj = collect(filter);
  const wanted = entries.filter(([f]) => !(fixed.has(f) && conj.fields.get(f)?.exact));
  const rest = index.keys.slice(prefix);
  if (wanted.length === 0 || wanted.length > rest.length) return wanted.length === 0;
  const flip = wanted[0][1] !== rest[0][1];
  return wanted.every(([f, d], i) => rest[i][0] === f && (flip ? d === -rest[i][1] : d === rest[i][1]));
}
