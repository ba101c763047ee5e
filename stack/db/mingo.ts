import { Context } from 'mingo';
import type * as AggregatorModule from 'mingo/types/aggregator';
import type * as QueryModule from 'mingo/types/query';
import type { AnyObject, Options } from 'mingo/types/types';
import { isPlainObject } from './codec';
import { streamingGroup } from './group';
import { jsonSchemaPredicate } from './json-schema';

/**
 * mingo as the stack runs it: MongoDB's semantics where mingo's own differ from what CloudBase (a
 * MongoDB) answers. Every query and pipeline of the store goes through `Query` and `Aggregator` here.
 *
 * - `$elemMatch` with field conditions (`{ tags: { $elemMatch: { value: … } } }`) matches only
 *   array elements that are documents; mingo also tried the conditions on plain values.
 * - `$jsonSchema` validates with json-schema.ts (mingo needs a validator supplied).
 * - `$substr` / `$substrBytes` take a negative count as "to the end of the string", as MongoDB does.
 * - `$indexOfCP`, missing from mingo, counts code points.
 * - `$group` streams its documents (group.ts), so memory follows the groups.
 * - `$week` counts weeks from the year's first Sunday (days before it are week 0), as MongoDB's
 *   `%U`; mingo answered the ISO week.
 *
 * mingo's package index puts its own operators ahead of any given in options, so the full operator
 * set is assembled here and handed to its core classes, which take it as it is. Those live at
 * subpaths that this project's module resolution cannot type, hence the typed requires.
 */

/** mingo's operator signatures, plainly (its own types are a union too wide to assign to). */
type QueryOperator = (selector: string, value: unknown, options: Options) => (doc: unknown) => boolean;
type ExpressionOperator = (obj: AnyObject, expr: unknown, options: Options) => unknown;
type Operators = Parameters<typeof Context.init>[0];

/* eslint-disable @typescript-eslint/no-require-imports */
const { Query: CoreQuery } = require('mingo/query') as typeof QueryModule;
const { Aggregator: CoreAggregator } = require('mingo/aggregator') as typeof AggregatorModule;
const queryOperators = require('mingo/operators/query') as Record<string, QueryOperator>;
const expressionOperators = require('mingo/operators/expression') as Record<string, ExpressionOperator>;
const { evalExpr } = require('mingo/core') as {
  evalExpr: (obj: unknown, expr: unknown, options: Options) => unknown;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Field conditions, not operators on the element itself (`{ $gt: 2 }`), MongoDB's distinction. */
function isFieldCondition(criteria: unknown): boolean {
  return (
    isPlainObject(criteria) &&
    Object.keys(criteria).some((k) => !k.startsWith('$') || k === '$and' || k === '$or' || k === '$nor')
  );
}

const $elemMatch: QueryOperator = (selector, criteria, options) =>
  queryOperators.$elemMatch(
    selector,
    isFieldCondition(criteria)
      ? { $and: [{ $expr: { $eq: [{ $type: '$$ROOT' }, 'object'] } }, criteria] }
      : criteria,
    options,
  );

/** `$substrBytes` / `$substr`: a negative count takes the rest of the string. */
const $substrBytes: ExpressionOperator = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length !== 3) return expressionOperators.$substrBytes(obj, expr, options);
  const [s, index, count] = evalExpr(obj, expr, options) as [unknown, unknown, unknown];
  const rest =
    typeof s === 'string' && typeof count === 'number' && count < 0 && typeof index === 'number'
      ? Math.max(0, Buffer.byteLength(s, 'utf8') - index)
      : count;
  return expressionOperators.$substrBytes(
    obj,
    [{ $literal: s }, { $literal: index }, { $literal: rest }],
    options,
  );
};

/** `$indexOfCP`: the code-point index of the first occurrence, in [start, end), or -1. */
const $indexOfCP: ExpressionOperator = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4)
    throw new Error('$indexOfCP expects an array of 2 to 4 arguments');
  const [str, search, start = 0, end] = evalExpr(obj, expr, options) as unknown[];
  if (str === null || str === undefined) return null;
  if (typeof str !== 'string') throw new Error('$indexOfCP requires a string as its first argument');
  if (typeof search !== 'string') throw new Error('$indexOfCP requires a string as its second argument');
  const points = Array.from(str);
  const last = end === undefined ? points.length : end;
  if (!Number.isInteger(start) || (start as number) < 0 || !Number.isInteger(last) || (last as number) < 0)
    throw new Error('$indexOfCP start and end must be non-negative integers');
  const needle = Array.from(search);
  for (let i = start as number; i + needle.length <= Math.min(last as number, points.length); i++) {
    if (needle.every((p, j) => points[i + j] === p)) return i;
  }
  return -1;
};

/** `$week`: weeks begin on Sunday; the days before the year's first Sunday are week 0. */
const $week: ExpressionOperator = (obj, expr, options) => {
  const dayOfYear = expressionOperators.$dayOfYear(obj, expr, options) as number | null;
  const dayOfWeek = expressionOperators.$dayOfWeek(obj, expr, options) as number | null; // 1 = Sunday
  if (dayOfYear === null || dayOfWeek === null) return null;
  return Math.floor((dayOfYear - dayOfWeek + 7) / 7);
};

/* eslint-disable @typescript-eslint/no-require-imports */
const pipelineOperators = require('mingo/operators/pipeline') as Record<
  string,
  Parameters<typeof streamingGroup>[0]
>;
/* eslint-enable @typescript-eslint/no-require-imports */

const CONTEXT = Context.init({
  /* eslint-disable @typescript-eslint/no-require-imports */
  accumulator: require('mingo/operators/accumulator'),
  pipeline: { ...pipelineOperators, $group: streamingGroup(pipelineOperators.$group) },
  projection: require('mingo/operators/projection'),
  window: require('mingo/operators/window'),
  /* eslint-enable @typescript-eslint/no-require-imports */
  query: { ...queryOperators, $elemMatch },
  expression: { ...expressionOperators, $substrBytes, $substr: $substrBytes, $indexOfCP, $week },
} as Operators);

function withStackOperators(options: Partial<Options>): Partial<Options> {
  return { ...options, context: CONTEXT, jsonSchemaValidator: jsonSchemaPredicate };
}

export class Query extends CoreQuery {
  constructor(condition: AnyObject, options: Partial<Options> = {}) {
    super(condition, withStackOperators(options));
  }
}

export class Aggregator extends CoreAggregator {
  constructor(pipeline: AnyObject[], options: Partial<Options> = {}) {
    super(pipeline, withStackOperators(options));
  }
}
