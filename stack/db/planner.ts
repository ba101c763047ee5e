import { isDate, isPlainObject, isRegExp, type Doc } from './codec';

/**
 * Index-backed narrowing. The planner never decides what matches: it only picks rows that *may*
 * match, using an index, and mingo then applies the full MongoDB semantics to those rows. So every
 * SQL condition it emits must select a superset of the true matches.
 *
 * That holds for scalar comparisons on a path that never holds an array. An index whose path has
 * ever held an array (multikey) is not used; see Indexes.markMultikey (indexes.ts).
 */

export interface IndexSpec {
  name: string;
  keys: Array<[field: string, direction: 1 | -1]>;
  unique?: boolean;
}

export interface IndexState extends IndexSpec {
  multikey: boolean;
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

function jsonPath(field: string): string {
  return (
    '$' +
    field
      .split('.')
      .map((s) => `."${s}"`)
      .join('')
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

interface FieldBounds {
  in?: Array<string | number>;
  lower?: { value: string | number; inclusive: boolean };
  upper?: { value: string | number; inclusive: boolean };
}

/** Collects the narrowable conditions of the filter's top-level conjunction, per field. */
export function collectBounds(filter: Doc, out = new Map<string, FieldBounds>()): Map<string, FieldBounds> {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) collectBounds(part, out);
      continue;
    }
    if (key.startsWith('$')) continue;
    const bounds = out.get(key) ?? {};
    if (isOperatorObject(condition)) {
      for (const [op, operand] of Object.entries(condition)) {
        if (op === '$eq') setIn(bounds, [operand]);
        else if (op === '$in' && Array.isArray(operand)) setIn(bounds, operand);
        else if (op === '$gt' || op === '$gte') setBound(bounds, 'lower', operand, op === '$gte');
        else if (op === '$lt' || op === '$lte') setBound(bounds, 'upper', operand, op === '$lte');
      }
    } else if (!isRegExp(condition)) {
      setIn(bounds, [condition]);
    }
    if (bounds.in || bounds.lower || bounds.upper) out.set(key, bounds);
  }
  return out;
}

function isOperatorObject(value: unknown): value is Doc {
  return (
    isPlainObject(value) &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every((k) => k.startsWith('$'))
  );
}

function setIn(bounds: FieldBounds, values: unknown[]): void {
  const converted = values.map(sqlKeyValue);
  if (converted.length === 0 || converted.some((v) => v === undefined)) return;
  // Two equality conditions on one field: keep the first; the full filter still applies both.
  if (!bounds.in) bounds.in = converted as Array<string | number>;
}

function setBound(bounds: FieldBounds, side: 'lower' | 'upper', operand: unknown, inclusive: boolean): void {
  const value = sqlKeyValue(operand);
  if (value === undefined || bounds[side]) return;
  bounds[side] = { value, inclusive };
}

export interface Plan {
  where: string;
  params: Array<string | number>;
  index: string;
}

/** Picks the index that narrows best: the longest prefix of equalities, then one range. */
export function planQuery(filter: Doc, indexes: IndexState[]): Plan | undefined {
  const bounds = collectBounds(filter);
  const idBounds = bounds.get('_id');
  if (idBounds?.in && idBounds.in.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return {
      where: `id IN (${idBounds.in.map(() => '?').join(',')})`,
      params: idBounds.in.map(String),
      index: '_id_',
    };
  }
  let best: { score: number; plan: Plan } | undefined;
  for (const index of indexes) {
    if (index.multikey) continue;
    const clauses: string[] = [];
    const params: Array<string | number> = [];
    let score = 0;
    for (const [field] of index.keys) {
      const b = bounds.get(field);
      if (!b) break;
      const expr = keyExpression(field);
      if (b.in) {
        clauses.push(b.in.length === 1 ? `${expr} = ?` : `${expr} IN (${b.in.map(() => '?').join(',')})`);
        params.push(...b.in);
        score += 2;
        continue;
      }
      if (b.lower) {
        clauses.push(`${expr} ${b.lower.inclusive ? '>=' : '>'} ?`);
        params.push(b.lower.value);
      }
      if (b.upper) {
        clauses.push(`${expr} ${b.upper.inclusive ? '<=' : '<'} ?`);
        params.push(b.upper.value);
      }
      score += 1;
      break;
    }
    if (score > 0 && (!best || score > best.score)) {
      best = { score, plan: { where: clauses.join(' AND '), params, index: index.name } };
    }
  }
  return best?.plan;
}
