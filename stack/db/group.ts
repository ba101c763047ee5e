import type * as LazyModule from 'mingo/types/lazy';
import type { Options } from 'mingo/types/types';
import type * as UtilModule from 'mingo/types/util';
import { isPlainObject, type Doc } from './codec';

/**
 * `$group` streamed: documents are read one at a time and folded into their group's running
 * values, so memory follows the groups, not the documents (mingo's own `$group` first collects
 * every document). Each accumulator folds exactly as mingo computes it over the whole group
 * (mingo/operators/accumulator); a stage using any other accumulator is left to mingo.
 */

/* eslint-disable @typescript-eslint/no-require-imports */
const { Lazy } = require('mingo/lazy') as typeof LazyModule;
const { compare, HashMap, isNil, isNumber, unique } = require('mingo/util') as typeof UtilModule;
const { evalExpr } = require('mingo/core') as {
  evalExpr: (obj: unknown, expr: unknown, options: Options) => unknown;
};
/* eslint-enable @typescript-eslint/no-require-imports */

type Source = { next: () => { value?: unknown; done?: boolean } };
type PipelineOperator = (coll: Source, expr: unknown, options: Options) => unknown;

interface Fold {
  add(doc: unknown): void;
  value(): unknown;
}

type FoldMaker = (expr: unknown, options: Options) => Fold;

const valueOf = (doc: unknown, expr: unknown, options: Options): unknown =>
  evalExpr(doc, expr, options) ?? null;

const FOLDS: Record<string, FoldMaker> = {
  $sum: (expr, options) => {
    let count = 0;
    let sum = 0;
    return {
      add(doc) {
        count++;
        if (isNumber(expr)) return;
        const v = valueOf(doc, expr, options);
        if (isNumber(v)) sum += v;
      },
      value: () => (isNumber(expr) ? count * expr : sum),
    };
  },
  $count: () => {
    let count = 0;
    return { add: () => void count++, value: () => count };
  },
  $avg: (expr, options) => {
    let count = 0;
    let sum = 0;
    return {
      add(doc) {
        const v = valueOf(doc, expr, options);
        if (isNumber(v)) {
          count++;
          sum += v;
        }
      },
      value: () => (count === 0 ? null : sum / count),
    };
  },
  // mingo sorts the values (stably) and takes the first non-nil, or the last.
  $min: (expr, options) => {
    let min: unknown = undefined;
    return {
      add(doc) {
        const v = valueOf(doc, expr, options);
        if (!isNil(v) && (min === undefined || compare(v, min) < 0)) min = v;
      },
      value: () => (isNil(min) ? null : min),
    };
  },
  $max: (expr, options) => {
    let max: unknown = undefined;
    let seen = false;
    return {
      add(doc) {
        const v = valueOf(doc, expr, options);
        if (!seen || compare(v, max) >= 0) max = v;
        seen = true;
      },
      value: () => (isNil(max) ? null : max),
    };
  },
  $first: (expr, options) => {
    let first: { v: unknown } | undefined;
    return {
      add(doc) {
        first ??= { v: valueOf(doc, expr, options) };
      },
      value: () => first?.v ?? null,
    };
  },
  $last: (expr, options) => {
    let last: unknown = null;
    return {
      add(doc) {
        last = valueOf(doc, expr, options);
      },
      value: () => last,
    };
  },
  $push: (expr, options) => {
    const values: unknown[] = [];
    return {
      add: (doc) => void values.push(isNil(expr) ? doc : valueOf(doc, expr, options)),
      value: () => values,
    };
  },
  $addToSet: (expr, options) => {
    const values: unknown[] = [];
    return {
      add: (doc) => void values.push(isNil(expr) ? doc : valueOf(doc, expr, options)),
      value: () => unique(values),
    };
  },
};

/** The accumulator of one output field (`{ $sum: 1 }`), when it can be folded. */
function accumulatorOf(spec: unknown): [FoldMaker, unknown] | undefined {
  if (!isPlainObject(spec)) return undefined;
  const keys = Object.keys(spec);
  if (keys.length !== 1 || !Object.hasOwn(FOLDS, keys[0])) return undefined;
  return [FOLDS[keys[0]], spec[keys[0]]];
}

/** Wraps mingo's `$group`, streaming whenever every accumulator can be folded. */
export function streamingGroup(mingoGroup: PipelineOperator): PipelineOperator {
  return (coll, expr, options) => {
    if (!isPlainObject(expr) || !Object.hasOwn(expr, '_id')) return mingoGroup(coll, expr, options);
    const fields = Object.keys(expr).filter((k) => k !== '_id');
    const makers = fields.map((f) => accumulatorOf(expr[f]));
    if (makers.some((m) => m === undefined)) return mingoGroup(coll, expr, options);
    const folds = makers as Array<[FoldMaker, unknown]>;
    let results: Doc[] | null = null;
    let i = 0;
    const compute = (): Doc[] => {
      const groups = HashMap.init() as Map<unknown, Fold[]>;
      for (let item = coll.next(); !item.done; item = coll.next()) {
        const doc = item.value;
        const key = evalExpr(doc, expr._id, options) ?? null;
        let state = groups.get(key);
        if (!state) {
          state = folds.map(([make, arg]) => make(arg, options));
          groups.set(key, state);
        }
        for (const fold of state) fold.add(doc);
      }
      return [...groups.entries()].map(([key, state]) => {
        const out: Doc = { _id: key };
        fields.forEach((f, j) => (out[f] = state[j].value()));
        return out;
      });
    };
    return Lazy(() => {
      results ??= compute();
      return i < results.length ? { value: results[i++], done: false } : { value: undefined, done: true };
    });
  };
}
