import { fromWire, isPlainObject, toWire, type Doc } from './db/codec';
import type { DocumentStore, FindOptions } from './db/store';
import { CloudBaseError, dbFailed, invalidParam } from './errors';

/**
 * The database half of the CloudBase admin API, as `@cloudbase/database` speaks it: every request
 * is `{ action: 'database.<verb>', collectionName, query, data, … }` with EJSON strings inside, and
 * every answer is `{ requestId, data: … }` (or `{ code, message, requestId }` on failure).
 */

export type Params = Record<string, unknown>;
export type ActionHandler = (params: Params) => unknown | Promise<unknown>;

function requireString(params: Params, key: string): string {
  const value = params[key];
  if (typeof value !== 'string' || value === '') throw invalidParam(`missing parameter: ${key}`);
  return value;
}

function parseDoc(params: Params, key: string, fallback?: Doc): Doc {
  const raw = params[key];
  if (raw === undefined || raw === null || raw === '') {
    if (fallback) return fallback;
    throw invalidParam(`missing parameter: ${key}`);
  }
  let value: unknown;
  try {
    value = typeof raw === 'string' ? fromWire(raw) : raw;
  } catch {
    throw invalidParam(`${key} is not valid EJSON`);
  }
  if (!isPlainObject(value)) throw invalidParam(`${key} must be an object`);
  return value;
}

function parseOrder(params: Params): Record<string, 1 | -1> | undefined {
  if (params.order === undefined) return undefined;
  const raw = typeof params.order === 'string' ? fromWire(params.order) : params.order;
  // Older SDKs send [{ field, direction }]; newer ones send { field: 1 | -1 }.
  const entries: Array<[string, unknown]> = Array.isArray(raw)
    ? raw.map((o: { field?: string; direction?: string }) => [String(o.field), o.direction])
    : isPlainObject(raw)
      ? Object.entries(raw)
      : [];
  const sort: Record<string, 1 | -1> = {};
  for (const [field, direction] of entries) {
    sort[field] = direction === -1 || direction === 'desc' ? -1 : 1;
  }
  return sort;
}

function nonNegativeInt(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw invalidParam(`${name} must be a non-negative integer`);
  return n;
}

function docIdFromQuery(query: Doc): string {
  const id = query._id;
  if (typeof id !== 'string' && typeof id !== 'number') throw invalidParam('a document operation needs _id');
  return String(id);
}

/** doc(id).get(): a query on `_id` alone, by a string or number. */
function isByIdOnly(query: Doc): boolean {
  const keys = Object.keys(query);
  return keys.length === 1 && (typeof query._id === 'string' || typeof query._id === 'number');
}

function findOptions(p: Params): FindOptions {
  return {
    sort: parseOrder(p),
    skip: nonNegativeInt(p.offset, 'offset'),
    limit: nonNegativeInt(p.limit, 'limit'),
    projection: p.projection === undefined ? undefined : parseDoc(p, 'projection'),
  };
}

const txnId = (p: Params) =>
  typeof p.transactionId === 'string' && p.transactionId ? p.transactionId : undefined;

/** The reads that run outside transactions, as the readers (readers.ts) run them on their own connections. */
export type ReadAction =
  'database.getDocument' | 'database.calculateDocument' | 'database.aggregateDocuments';
export const READ_ACTIONS: readonly ReadAction[] = [
  'database.getDocument',
  'database.calculateDocument',
  'database.aggregateDocuments',
];

/** Runs a read elsewhere (a reader thread) and answers what the handler would have. */
export type OffThread = (params: Params) => Promise<unknown>;

/** Reads outside any transaction: the same code on the request thread or a reader's. */
export function readActions(store: DocumentStore): Record<ReadAction, ActionHandler> {
  return {
    'database.getDocument': (p) => {
      const coll = requireString(p, 'collectionName');
      const query = parseDoc(p, 'query', {});
      return { data: { list: store.find(coll, query, findOptions(p)).map(toWire) } };
    },

    'database.calculateDocument': (p) => ({
      data: { total: store.count(requireString(p, 'collectionName'), parseDoc(p, 'query', {})) },
    }),

    'database.aggregateDocuments': (p) => {
      const coll = requireString(p, 'collectionName');
      if (!Array.isArray(p.stages)) throw invalidParam('stages must be an array');
      const pipeline = p.stages.map((stage: unknown) => {
        if (
          !isPlainObject(stage) ||
          typeof stage.stageKey !== 'string' ||
          typeof stage.stageValue !== 'string'
        ) {
          throw invalidParam('each stage needs stageKey and stageValue');
        }
        let value: unknown;
        try {
          value = fromWire(stage.stageValue);
        } catch {
          throw invalidParam(`stage ${stage.stageKey} is not valid EJSON`);
        }
        const key = stage.stageKey.startsWith('$') ? stage.stageKey : `$${stage.stageKey}`;
        return { [key]: value } as Doc;
      });
      return { data: { list: store.aggregate(coll, pipeline).map(toWire) } };
    },
  };
}

/**
 * The database actions. Reads outside transactions go to `readers` when there are any; a document by
 * its id, or a lookup (a few documents an index gives exactly, store.isLookup), stays here: it is
 * quicker to read than to hand over. Transactions and writes run here.
 */
export function databaseActions(store: DocumentStore, readers?: OffThread): Record<string, ActionHandler> {
  const reads = readActions(store);
  const offThread = (p: Params, here: ActionHandler) => {
    if (!readers) return here(p);
    if (p.action !== 'database.getDocument') return readers(p);
    const query = parseDoc(p, 'query', {});
    if (isByIdOnly(query)) return here(p);
    const coll = p.collectionName;
    return typeof coll === 'string' && store.isLookup(coll, query, findOptions(p)) ? here(p) : readers(p);
  };

  return {
    'database.addCollection': (p) => {
      store.createCollection(requireString(p, 'collectionName'));
      return {};
    },

    'database.insertDocument': (p) => {
      const coll = requireString(p, 'collectionName');
      if (!Array.isArray(p.data) || p.data.length === 0) throw invalidParam('data must be a non-empty array');
      const docs = p.data.map((item) => parseDoc({ item }, 'item'));
      const tx = txnId(p);
      const insertedIds = tx ? docs.map((d) => store.txnInsert(tx, coll, d)) : store.insert(coll, docs);
      return { data: { insertedIds } };
    },

    'database.getDocument': (p) => {
      const tx = txnId(p);
      if (!tx) return offThread(p, reads['database.getDocument']);
      const coll = requireString(p, 'collectionName');
      const query = parseDoc(p, 'query', {});
      if (isByIdOnly(query)) {
        const doc = store.txnGet(tx, coll, docIdFromQuery(query));
        return { data: { list: doc ? [toWire(doc)] : [] } };
      }
      return { data: { list: store.txnFind(tx, coll, query, findOptions(p)).map(toWire) } };
    },

    'database.calculateDocument': (p) => offThread(p, reads['database.calculateDocument']),

    'database.modifyDocument': (p) => {
      const coll = requireString(p, 'collectionName');
      const query = parseDoc(p, 'query', {});
      const data = parseDoc(p, 'data');
      const merge = p.merge !== false;
      const upsert = p.upsert === true;
      const tx = txnId(p);
      if (tx) {
        const result = store.txnUpdate(tx, coll, docIdFromQuery(query), data, { merge, upsert });
        return { data: { updated: result.updated, upsert_id: result.upsertedId } };
      }
      const result = store.update(coll, query, data, { multi: p.multi === true, merge, upsert });
      return { data: { updated: result.updated, matched: result.matched, upsert_id: result.upsertedId } };
    },

    'database.modifyAndReturnDoc': (p) => {
      const coll = requireString(p, 'collectionName');
      const tx = txnId(p);
      const query = parseDoc(p, 'query', {});
      const data = parseDoc(p, 'data');
      const result = tx
        ? store.txnUpdateAndReturn(tx, coll, query, data)
        : store.updateAndReturn(coll, query, data);
      return { data: { updated: result.updated, doc: result.doc ? toWire(result.doc) : null } };
    },

    'database.removeDocument': (p) => {
      const coll = requireString(p, 'collectionName');
      const query = parseDoc(p, 'query', {});
      const tx = txnId(p);
      const deleted = tx
        ? store.txnRemove(tx, coll, docIdFromQuery(query))
        : store.remove(coll, query, { multi: p.multi === true });
      return { data: { deleted } };
    },

    'database.aggregateDocuments': (p) => offThread(p, reads['database.aggregateDocuments']),

    'database.startTransaction': () => ({ transactionId: store.beginTransaction() }),
    'database.commitTransaction': (p) => {
      store.commit(requireString(p, 'transactionId'));
      return {};
    },
    'database.abortTransaction': (p) => {
      store.abort(requireString(p, 'transactionId'));
      return {};
    },

    // The older transaction API (db.startTransaction() in earlier SDKs) uses these three.
    'database.getInTransaction': (p) => {
      const doc = store.txnGet(
        requireString(p, 'transactionId'),
        requireString(p, 'collectionName'),
        String(p._id),
      );
      return { data: toWire(doc ?? null) };
    },
    'database.updateDocInTransaction': (p) => {
      const data = parseDoc(p, 'data');
      const upsert = p.upsert === true;
      const result = store.txnUpdate(
        requireString(p, 'transactionId'),
        requireString(p, 'collectionName'),
        String(p._id),
        data,
        {
          merge: !upsert,
          upsert,
        },
      );
      return {
        updated: toWire(result.updated),
        upserted: result.upsertedId ? JSON.stringify([{ _id: result.upsertedId }]) : undefined,
      };
    },
    'database.deleteDocInTransaction': (p) => {
      const deleted = store.txnRemove(
        requireString(p, 'transactionId'),
        requireString(p, 'collectionName'),
        String(p._id),
      );
      return { deleted: toWire(deleted) };
    },
  };
}

/** Runs one action and shapes the answer; errors become CloudBase error bodies, never a crash. */
export async function runAction(
  handlers: Record<string, ActionHandler>,
  params: Params,
  requestId: string,
): Promise<Record<string, unknown>> {
  const action = params.action;
  if (typeof action !== 'string' || !handlers[action]) {
    return { code: 'INVALID_ACTION', message: `unsupported action: ${String(action)}`, requestId };
  }
  try {
    const result = (await handlers[action](params)) as Record<string, unknown> | undefined;
    return { ...(result ?? {}), requestId };
  } catch (error) {
    if (error instanceof CloudBaseError) return { code: error.code, message: error.message, requestId };
    console.error(`[stack] ${action} failed`, error);
    const wrapped = dbFailed((error as Error).message ?? 'internal error');
    return {
      code: action.startsWith('database.') ? wrapped.code : 'SYS_ERR',
      message: wrapped.message,
      requestId,
    };
  }
}
