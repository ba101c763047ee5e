import type { Db } from './app';
import type { CollectionName, Documents } from './collections';

/**
 * Typed access to the database. Every read and write names its collection through `collection()`,
 * so the name is checked against platform/collections.ts and the documents come back typed. The
 * interfaces below are the part of the SDK's query builder the product uses, typed by document; the
 * objects are the SDK's own (no wrapper at run time).
 *
 * Conditions (`where`) and updates stay plain objects built with `db.command`, as the SDK takes them.
 */

export interface Query<T> {
  where(condition: object): Query<T>;
  orderBy(field: string, direction: 'asc' | 'desc'): Query<T>;
  limit(count: number): Query<T>;
  skip(count: number): Query<T>;
  /** A projection: name the shape that comes back (`_id` always does). */
  field<P = T>(projection: Record<string, boolean>): Query<P>;
  get(): Promise<{ data: T[] }>;
  count(): Promise<{ total: number }>;
  update(changes: object): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number }>;
}

export interface DocumentRef<T> {
  get(): Promise<{ data: T[] }>;
  /** Replaces the whole document (creating it if missing). */
  set(document: Omit<T, '_id'>): Promise<{ updated?: number; upsertedId?: string | null }>;
  update(changes: object): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number }>;
}

export interface Collection<T> extends Query<T> {
  doc(id: string): DocumentRef<T>;
  add(document: T): Promise<{ id: string }>;
}

export function collection<N extends CollectionName>(db: Db, name: N): Collection<Documents[N]> {
  return db.collection(name) as unknown as Collection<Documents[N]>;
}

/** A collection inside a transaction (`db.startTransaction()`): reads and writes by id. */
export interface TransactionCollection<T> {
  doc(id: string): {
    get(): Promise<{ data: T | null }>;
    set(document: Omit<T, '_id'>): Promise<unknown>;
    update(changes: object): Promise<{ updated: number }>;
    delete(): Promise<unknown>;
  };
}

export interface Transaction {
  collection(name: string): unknown;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export function inTransaction<N extends CollectionName>(
  transaction: Transaction,
  name: N,
): TransactionCollection<Documents[N]> {
  return transaction.collection(name) as TransactionCollection<Documents[N]>;
}

/** One document by id, or null (also for a null id). */
export async function getById<N extends CollectionName>(
  db: Db,
  name: N,
  id: string | null | undefined,
): Promise<Documents[N] | null> {
  if (!id) return null;
  const { data } = await collection(db, name).doc(id).get();
  return data[0] ?? null;
}

/** The first document matching `where`, or null. */
export async function findOne<N extends CollectionName>(
  db: Db,
  name: N,
  where: object,
): Promise<Documents[N] | null> {
  const { data } = await collection(db, name).where(where).limit(1).get();
  return data[0] ?? null;
}

/** One read's page size: CloudBase's server SDK answers at most 1000 documents a read. */
export const READ_PAGE = 1000;

/** Ids per `_.in` condition: keeps every query small whatever the caller passes. */
const IDS_PER_QUERY = 100;

/** Documents by id, as a map (ids not found are left out). */
export async function byIds<N extends CollectionName>(
  db: Db,
  name: N,
  ids: Iterable<string>,
): Promise<Map<string, Documents[N]>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, Documents[N]>();
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
    const chunk = unique.slice(i, i + IDS_PER_QUERY);
    const { data } = await collection(db, name)
      .where({ _id: db.command.in(chunk) })
      .limit(chunk.length)
      .get();
    for (const doc of data) found.set(doc._id, doc);
  }
  return found;
}

/**
 * Pages through a query by _id, up to `max` documents; answers null when there are more, so that
 * the caller says so rather than computing from a part. `fields` limits what is read (with _id).
 */
export async function readAll<N extends CollectionName, P extends { _id: string } = Documents[N]>(
  db: Db,
  name: N,
  where: object,
  options: { max: number; fields?: Record<string, true> },
): Promise<P[] | null> {
  const _ = db.command;
  const out: P[] = [];
  let after: string | null = null;
  for (;;) {
    const query = collection(db, name)
      .where(after === null ? where : { ...where, _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(READ_PAGE);
    const { data } = await (
      options.fields ? query.field<P>({ _id: true, ...options.fields }) : (query as unknown as Query<P>)
    ).get();
    out.push(...data);
    if (data.length < READ_PAGE) return out;
    if (out.length >= options.max) return null;
    after = out[out.length - 1]._id;
  }
}

/**
 * The unique index an insert collided with (`_id_`, `caseNo_unique`, …), or null for any other
 * error. CloudBase (and the local stack) answer DATABASE_DUPLICATE_WRITE naming the index.
 */
export function duplicateIndex(error: unknown): string | null {
  const e = error as { code?: string; message?: string } | null;
  if (e?.code !== 'DATABASE_DUPLICATE_WRITE') return null;
  return /index: (\S+)/.exec(e.message ?? '')?.[1] ?? 'unknown';
}
