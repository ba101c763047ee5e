import { isDate, isObjectId, isPlainObject, isRegExp, type Doc } from './codec';
import { deepEqual } from './paths';

/**
 * `$jsonSchema` as MongoDB reads it: JSON Schema draft 4 plus `bsonType`, without `$ref`, `format`,
 * `default`, `definitions`, `id` or `$schema` (which MongoDB refuses, and so does this). A schema is
 * checked once, when the query is compiled; a keyword it does not know is an error, never ignored.
 */

type Check = (value: unknown) => boolean;

const JSON_TYPES: Record<string, Check> = {
  object: (v) => isPlainObject(v),
  array: (v) => Array.isArray(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
};

const isInt32 = (v: unknown) => Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 31;

const BSON_TYPES: Record<string, Check> = {
  ...JSON_TYPES,
  double: (v) => typeof v === 'number',
  int: isInt32,
  long: (v) => Number.isInteger(v),
  decimal: (v) =>
    typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'Decimal128',
  number: (v) => typeof v === 'number',
  bool: (v) => typeof v === 'boolean',
  date: isDate,
  regex: isRegExp,
  objectId: isObjectId,
};

const IGNORED = new Set(['title', 'description']);

function typeCheck(names: unknown, table: Record<string, Check>, keyword: string): Check {
  const list = Array.isArray(names) ? names : [names];
  const checks = list.map((name) => {
    const check = typeof name === 'string' ? table[name] : undefined;
    if (!check) throw new Error(`$jsonSchema: unknown ${keyword} ${JSON.stringify(name)}`);
    return check;
  });
  return (v) => checks.some((c) => c(v));
}

function numberOf(schema: Doc, key: string): number {
  const n = schema[key];
  if (typeof n !== 'number') throw new Error(`$jsonSchema: ${key} must be a number`);
  return n;
}

function schemaList(schema: Doc, key: string): Check[] {
  const list = schema[key];
  if (!Array.isArray(list) || list.length === 0)
    throw new Error(`$jsonSchema: ${key} must be a non-empty array`);
  return list.map(compile);
}

/** Each keyword as a check on the values it applies to; the schema holds when every check does. */
function compile(schema: unknown): Check {
  if (!isPlainObject(schema)) throw new Error('$jsonSchema: a schema must be an object');
  const checks: Check[] = [];
  const on = (applies: Check, check: Check) => checks.push((v) => !applies(v) || check(v));
  const always: Check = () => true;
  const isNumber: Check = (v) => typeof v === 'number';
  const isString: Check = (v) => typeof v === 'string';
  for (const [key, arg] of Object.entries(schema)) {
    if (IGNORED.has(key)) continue;
    switch (key) {
      case 'type':
        checks.push(typeCheck(arg, JSON_TYPES, 'type'));
        break;
      case 'bsonType':
        checks.push(typeCheck(arg, BSON_TYPES, 'bsonType'));
        break;
      case 'enum': {
        if (!Array.isArray(arg)) throw new Error('$jsonSchema: enum must be an array');
        checks.push((v) => arg.some((a) => deepEqual(a, v)));
        break;
      }
      case 'minimum': {
        const n = numberOf(schema, key);
        on(isNumber, (v) => (schema.exclusiveMinimum === true ? (v as number) > n : (v as number) >= n));
        break;
      }
      case 'maximum': {
        const n = numberOf(schema, key);
        on(isNumber, (v) => (schema.exclusiveMaximum === true ? (v as number) < n : (v as number) <= n));
        break;
      }
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        if (typeof arg !== 'boolean') throw new Error(`$jsonSchema: ${key} must be a boolean`);
        break;
      case 'multipleOf': {
        const n = numberOf(schema, key);
        on(isNumber, (v) => Number.isInteger((v as number) / n));
        break;
      }
      case 'minLength':
        on(isString, (v) => Array.from(v as string).length >= numberOf(schema, key));
        break;
      case 'maxLength':
        on(isString, (v) => Array.from(v as string).length <= numberOf(schema, key));
        break;
      case 'pattern': {
        if (typeof arg !== 'string') throw new Error('$jsonSchema: pattern must be a string');
        const re = new RegExp(arg, 'u');
        on(isString, (v) => re.test(v as string));
        break;
      }
      case 'required': {
        if (!Array.isArray(arg)) throw new Error('$jsonSchema: required must be an array');
        on(JSON_TYPES.object, (v) => arg.every((name) => Object.hasOwn(v as Doc, String(name))));
        break;
      }
      case 'minProperties':
        on(JSON_TYPES.object, (v) => Object.keys(v as Doc).length >= numberOf(schema, key));
        break;
      case 'maxProperties':
        on(JSON_TYPES.object, (v) => Object.keys(v as Doc).length <= numberOf(schema, key));
        break;
      case 'properties':
      case 'patternProperties':
      case 'additionalProperties':
        break; // together, below
      case 'items': {
        const itemChecks = Array.isArray(arg) ? arg.map(compile) : [compile(arg)];
        const extra = schema.additionalItems;
        const extraCheck =
          extra === undefined || extra === true ? always : extra === false ? () => false : compile(extra);
        on(JSON_TYPES.array, (v) =>
          (v as unknown[]).every((item, i) =>
            Array.isArray(arg)
              ? i < itemChecks.length
                ? itemChecks[i](item)
                : extraCheck(item)
              : itemChecks[0](item),
          ),
        );
        break;
      }
      case 'additionalItems':
        break; // with items
      case 'minItems':
        on(JSON_TYPES.array, (v) => (v as unknown[]).length >= numberOf(schema, key));
        break;
      case 'maxItems':
        on(JSON_TYPES.array, (v) => (v as unknown[]).length <= numberOf(schema, key));
        break;
      case 'uniqueItems':
        if (arg === true)
          on(JSON_TYPES.array, (v) =>
            (v as unknown[]).every((a, i, all) => all.findIndex((b) => deepEqual(a, b)) === i),
          );
        break;
      case 'allOf': {
        const list = schemaList(schema, key);
        checks.push((v) => list.every((c) => c(v)));
        break;
      }
      case 'anyOf': {
        const list = schemaList(schema, key);
        checks.push((v) => list.some((c) => c(v)));
        break;
      }
      case 'oneOf': {
        const list = schemaList(schema, key);
        checks.push((v) => list.filter((c) => c(v)).length === 1);
        break;
      }
      case 'not': {
        const inner = compile(arg);
        checks.push((v) => !inner(v));
        break;
      }
      case 'dependencies': {
        if (!isPlainObject(arg)) throw new Error('$jsonSchema: dependencies must be an object');
        const deps = Object.entries(arg).map(([name, dep]) => {
          const check: Check = Array.isArray(dep)
            ? (v) => dep.every((d) => Object.hasOwn(v as Doc, String(d)))
            : compile(dep);
          return { name, check };
        });
        on(JSON_TYPES.object, (v) => deps.every((d) => !Object.hasOwn(v as Doc, d.name) || d.check(v)));
        break;
      }
      default:
        throw new Error(`$jsonSchema keyword '${key}' is not supported`);
    }
  }
  const properties = compileProperties(schema);
  if (properties) on(JSON_TYPES.object, properties);
  return (v) => checks.every((c) => c(v));
}

/** properties, patternProperties and additionalProperties, which decide together which keys are extra. */
function compileProperties(schema: Doc): Check | null {
  const { properties, patternProperties, additionalProperties } = schema;
  if (properties === undefined && patternProperties === undefined && additionalProperties === undefined)
    return null;
  if (properties !== undefined && !isPlainObject(properties))
    throw new Error('$jsonSchema: properties must be an object');
  if (patternProperties !== undefined && !isPlainObject(patternProperties))
    throw new Error('$jsonSchema: patternProperties must be an object');
  const named = new Map(Object.entries(properties ?? {}).map(([k, s]) => [k, compile(s)]));
  const patterns = Object.entries(patternProperties ?? {}).map(([p, s]) => ({
    re: new RegExp(p, 'u'),
    check: compile(s),
  }));
  const extra =
    additionalProperties === undefined || additionalProperties === true
      ? null
      : additionalProperties === false
        ? () => false
        : compile(additionalProperties);
  return (v) =>
    Object.entries(v as Doc).every(([key, value]) => {
      const own = named.get(key);
      const matching = patterns.filter((p) => p.re.test(key));
      if (own && !own(value)) return false;
      if (!matching.every((p) => p.check(value))) return false;
      return own || matching.length > 0 || !extra ? true : extra(value);
    });
}

/** mingo's `jsonSchemaValidator`: the schema compiled once, a predicate on documents. */
export function jsonSchemaPredicate(schema: Doc): (doc: unknown) => boolean {
  return compile(schema);
}
