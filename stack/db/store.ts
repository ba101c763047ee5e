import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { Aggregator, Query } from 'mingo';
import { fromStored, isPlainObject, resolveServerDates, toStored, type Doc } from './codec';
import { getPath, pathTouchesArray } from './paths';
import {
  isIndexableField,
  keyExpression,
  planQuery,
  sqlKeyValue,
  type IndexSpec,
  type IndexState,
} from './planner';
import { applyUpdate, classifyUpdate, seedFromQuery } from './update';
import { CloudBaseError, dbFailed, invalidParam } from '../errors';

/**
 * A durable document database with MongoDB semantics, on SQLite.
 *
 * - One table per collection: `seq` keeps insertion (natural) order, `rev` counts writes for
 *   optimistic transactions, `body` holds the document as JSON.
 * - Every operation runs synchronously inside one SQLite transaction, so concurrent requests are
 *   serialised whole: no torn documents, no lost updates.
 * - WAL with synchronous=FULL: once a call returns, its write survives a crash or SIGKILL.
 * - Declared indexes are SQLite expression indexes; see planner.ts for how queries use them.
 */

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

export interface UpdateOptions {
  multi: boolean;
  upsert: boolean;
  /** false: `update` is a whole replacement (doc().set()); true: operators or fields to merge. */
  merge: boolean;
}

interface CollectionInfo {
  name: string;
  table: string;
  indexes: IndexState[];
}

interface Row {
  seq: number;
  id: string;
  rev: number;
  body: string;
}

interface TxnEntry {
  coll: string;
  id: string;
  /** rev when first touched; 0 when the document did not exist. */
  baseRev: number;
  /** undefined: only read; null: deleted; Doc: the new content. */
  next?: Doc | null;
}

interface Txn {
  id: string;
  touched: Map<string, TxnEntry>;
  /** performance.now(): idleness is real elapsed time, whatever the stack's clock says. */
  lastUsed: number;
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const TXN_IDLE_MS = 30_000;

export function newDocId(): string {
  return randomBytes(16).toString('hex');
}

export class DocumentStore {
  private readonly db: Database.Database;
  private readonly collections = new Map<string, CollectionInfo>();
  private readonly txns = new Map<string, Txn>();
  /** Prepared statements by SQL text: preparing costs more than running most of them. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    file: string,
    /** The stack's clock: what db.serverDate() and collection creation times say. */
    private readonly clock: () => number = Date.now,
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, tbl TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS _indexes (coll TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL,
        multikey INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (coll, name));
    `);
    this.loadCatalog();
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private loadCatalog(): void {
    this.collections.clear();
    const rows = this.sql('SELECT name, tbl FROM _collections').all() as Array<{
      name: string;
      tbl: string;
    }>;
    for (const row of rows) this.collections.set(row.name, { name: row.name, table: row.tbl, indexes: [] });
    const indexes = this.sql('SELECT coll, spec, multikey FROM _indexes').all() as Array<{
      coll: string;
      spec: string;
      multikey: number;
    }>;
    for (const row of indexes) {
      this.collections
        .get(row.coll)
        ?.indexes.push({ ...(JSON.parse(row.spec) as IndexSpec), multikey: row.multikey === 1 });
    }
  }

  // ---- collections and indexes -------------------------------------------------------------

  listCollections(): string[] {
    return [...this.collections.keys()].sort();
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name);
  }

  createCollection(name: string): void {
    if (!COLLECTION_NAME.test(name)) {
      throw invalidParam(`invalid collection name: ${name} (letters, digits, _ and -, at most 64)`);
    }
    if (this.collections.has(name)) {
      throw new CloudBaseError('DATABASE_COLLECTION_ALREADY_EXIST', `collection already exists: ${name}`);
    }
    const tx = this.db.transaction(() => {
      const next = (this.sql('SELECT COUNT(*) AS n FROM _collections').get() as { n: number }).n;
      let table = `c_${next}`;
      for (let i = next; this.tableExists(table); i++) table = `c_${i + 1}`;
      this.db.exec(`CREATE TABLE "${table}" (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
        rev INTEGER NOT NULL DEFAULT 1, body TEXT NOT NULL)`);
      this.db
        .prepare('INSERT INTO _collections (name, tbl, created_at) VALUES (?, ?, ?)')
        .run(name, table, this.clock());
      return table;
    });
    this.collections.set(name, { name, table: tx(), indexes: [] });
  }

  ensureCollection(name: string): void {
    if (!this.collections.has(name)) this.createCollection(name);
  }

  dropCollection(name: string): void {
    const info = this.collection(name);
    this.db.transaction(() => {
      this.db.exec(`DROP TABLE "${info.table}"`);
      this.sql('DELETE FROM _collections WHERE name = ?').run(name);
      this.sql('DELETE FROM _indexes WHERE coll = ?').run(name);
    })();
    this.collections.delete(name);
    this.statements.clear();
  }

  private tableExists(table: string): boolean {
    return this.sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  }

  /** Creates (or keeps) an index. A unique index is refused if existing documents already collide. */
  ensureIndex(collName: string, spec: IndexSpec): void {
    const info = this.collection(collName);
    if (spec.keys.length === 0 || spec.keys.some(([field]) => !isIndexableField(field))) {
      throw invalidParam(`invalid index keys for ${spec.name}`);
    }
    const existing = info.indexes.find((i) => i.name === spec.name);
    if (
      existing &&
      JSON.stringify({ ...existing, multikey: undefined }) ===
        JSON.stringify({ ...spec, multikey: undefined })
    ) {
      return;
    }
    const sqlName = `${info.table}__${spec.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    const columns = spec.keys
      .map(([field, dir]) => `${keyExpression(field)} ${dir === -1 ? 'DESC' : 'ASC'}`)
      .join(', ');
    const state: IndexState = { ...spec, multikey: false };
    this.db.transaction(() => {
      this.db.exec(`DROP INDEX IF EXISTS "${sqlName}"`);
      this.db.exec(`CREATE INDEX "${sqlName}" ON "${info.table}" (${columns})`);
      for (const row of this.allRows(info)) {
        const doc = fromStored(row.body);
        if (spec.keys.some(([field]) => pathTouchesArray(doc, field))) state.multikey = true;
      }
      this.db
        .prepare('INSERT OR REPLACE INTO _indexes (coll, name, spec, multikey) VALUES (?, ?, ?, ?)')
        .run(collName, spec.name, JSON.stringify(spec), state.multikey ? 1 : 0);
      info.indexes = [...info.indexes.filter((i) => i.name !== spec.name), state];
      if (spec.unique) {
        for (const row of this.allRows(info)) this.checkUnique(info, fromStored(row.body));
      }
    })();
  }

  listIndexes(collName: string): IndexState[] {
    return this.collection(collName).indexes.map((i) => ({ ...i }));
  }

  private collection(name: string): CollectionInfo {
    const info = this.collections.get(name);
    if (!info) throw new CloudBaseError('DATABASE_COLLECTION_NOT_EXIST', `collection not exists: ${name}`);
    return info;
  }

  // ---- reads --------------------------------------------------------------------------------

  /** Explains which index a filter would use (tests and benchmarks assert on this). */
  explain(collName: string, filter: Doc): { index: string | null } {
    const plan = planQuery(filter, this.collection(collName).indexes);
    return { index: plan?.index ?? null };
  }

  find(collName: string, filter: Doc, options: FindOptions = {}): Doc[] {
    const info = this.collection(collName);
    const query = compileQuery(filter);
    const limit = clampLimit(options.limit);
    const skip = Math.max(0, options.skip ?? 0);
    const matches: Doc[] = [];
    const hasSort = options.sort && Object.keys(options.sort).length > 0;
    for (const row of this.candidateRows(info, filter)) {
      const doc = fromStored(row.body);
      if (!query.test(doc)) continue;
      matches.push(doc);
      // Without a sort, natural order is the row order: stop as soon as the page is full.
      if (!hasSort && matches.length >= skip + limit) break;
    }
    let page = hasSort ? sortDocs(matches, options.sort!) : matches;
    page = page.slice(skip, skip + limit);
    return options.projection && Object.keys(options.projection).length > 0
      ? project(page, options.projection)
      : page;
  }

  count(collName: string, filter: Doc): number {
    const info = this.collection(collName);
    if (Object.keys(filter).length === 0) {
      return (this.sql(`SELECT COUNT(*) AS n FROM "${info.table}"`).get() as { n: number }).n;
    }
    const query = compileQuery(filter);
    let n = 0;
    for (const row of this.candidateRows(info, filter)) if (query.test(fromStored(row.body))) n++;
    return n;
  }

  aggregate(collName: string, pipeline: Doc[]): Doc[] {
    const info = this.collection(collName);
    for (const stage of pipeline) {
      const keys = Object.keys(stage);
      if (keys.length !== 1 || !keys[0].startsWith('$'))
        throw dbFailed('each pipeline stage must have exactly one $stage');
    }
    const first = pipeline[0];
    const source: Doc[] = [];
    if (first && isPlainObject(first.$match)) {
      const query = compileQuery(first.$match);
      for (const row of this.candidateRows(info, first.$match)) {
        const doc = fromStored(row.body);
        if (query.test(doc)) source.push(doc);
      }
    } else {
      for (const row of this.allRows(info)) source.push(fromStored(row.body));
    }
    try {
      const aggregator = new Aggregator(pipeline, {
        collectionResolver: (name: string) =>
          this.collections.has(name)
            ? [...this.allRows(this.collection(name))].map((r) => fromStored(r.body))
            : [],
      });
      return aggregator.run(source) as Doc[];
    } catch (error) {
      if (error instanceof CloudBaseError) throw error;
      throw dbFailed((error as Error).message);
    }
  }

  private *candidateRows(info: CollectionInfo, filter: Doc): Generator<Row> {
    const plan = planQuery(filter, info.indexes);
    if (!plan) {
      yield* this.allRows(info);
      return;
    }
    yield* this.db
      .prepare(`SELECT seq, id, rev, body FROM "${info.table}" WHERE ${plan.where} ORDER BY seq`)
      .iterate(...plan.params) as IterableIterator<Row>;
  }

  private allRows(info: CollectionInfo): IterableIterator<Row> {
    return this.db
      .prepare(`SELECT seq, id, rev, body FROM "${info.table}" ORDER BY seq`)
      .iterate() as IterableIterator<Row>;
  }

  private rowById(info: CollectionInfo, id: string): Row | undefined {
    return this.sql(`SELECT seq, id, rev, body FROM "${info.table}" WHERE id = ?`).get(id) as Row | undefined;
  }

  getById(collName: string, id: string): Doc | null {
    const row = this.rowById(this.collection(collName), id);
    return row ? fromStored(row.body) : null;
  }

  // ---- writes -------------------------------------------------------------------------------

  insert(collName: string, docs: Doc[]): string[] {
    const info = this.collection(collName);
    const now = this.clock();
    return this.db.transaction(() => docs.map((doc) => this.insertOne(info, prepareNew(doc, now))))();
  }

  private insertOne(info: CollectionInfo, doc: Doc): string {
    const id = String(doc._id);
    if (this.rowById(info, id)) throw duplicate(info.name, '_id_', { _id: doc._id });
    this.checkUnique(info, doc);
    this.markMultikey(info, doc);
    this.sql(`INSERT INTO "${info.table}" (id, rev, body) VALUES (?, 1, ?)`).run(id, toStored(doc));
    return id;
  }

  update(
    collName: string,
    filter: Doc,
    rawUpdate: Doc,
    options: UpdateOptions,
  ): { matched: number; updated: number; upsertedId?: string } {
    const info = this.collection(collName);
    const now = this.clock();
    const update = resolveServerDates(rawUpdate, now);
    const kind = options.merge ? classifyUpdate(update) : 'replacement';
    const query = compileQuery(filter);
    return this.db.transaction(() => {
      let matched = 0;
      let updated = 0;
      for (const row of [...this.candidateRows(info, filter)]) {
        const doc = fromStored(row.body);
        if (!query.test(doc)) continue;
        matched++;
        const result = applyUpdate(doc, update, kind);
        if (result.changed) {
          this.writeRow(info, row, result.doc);
          updated++;
        }
        if (!options.multi) break;
      }
      if (matched === 0 && options.upsert) {
        const seed = seedFromQuery(filter);
        const base: Doc = {
          ...seed,
          _id: typeof seed._id === 'string' || typeof seed._id === 'number' ? seed._id : newDocId(),
        };
        const { doc } = applyUpdate(base, update, kind);
        const id = this.insertOne(info, doc);
        return { matched: 0, updated: 0, upsertedId: id };
      }
      return { matched, updated };
    })();
  }

  /** Updates the first matching document and returns it as it is after the update (or null). */
  updateAndReturn(collName: string, filter: Doc, rawUpdate: Doc): { updated: number; doc: Doc | null } {
    const info = this.collection(collName);
    const update = resolveServerDates(rawUpdate, this.clock());
    const kind = classifyUpdate(update);
    const query = compileQuery(filter);
    return this.db.transaction(() => {
      for (const row of [...this.candidateRows(info, filter)]) {
        const doc = fromStored(row.body);
        if (!query.test(doc)) continue;
        const result = applyUpdate(doc, update, kind);
        if (result.changed) this.writeRow(info, row, result.doc);
        return { updated: result.changed ? 1 : 0, doc: result.doc };
      }
      return { updated: 0, doc: null };
    })();
  }

  remove(collName: string, filter: Doc, options: { multi: boolean }): number {
    const info = this.collection(collName);
    const query = compileQuery(filter);
    return this.db.transaction(() => {
      let deleted = 0;
      for (const row of [...this.candidateRows(info, filter)]) {
        if (!query.test(fromStored(row.body))) continue;
        this.sql(`DELETE FROM "${info.table}" WHERE seq = ?`).run(row.seq);
        deleted++;
        if (!options.multi) break;
      }
      return deleted;
    })();
  }

  private writeRow(info: CollectionInfo, row: Row, doc: Doc): void {
    this.checkUnique(info, doc);
    this.markMultikey(info, doc);
    this.db
      .prepare(`UPDATE "${info.table}" SET body = ?, rev = rev + 1 WHERE seq = ?`)
      .run(toStored(doc), row.seq);
  }

  /** MongoDB unique-index semantics: a missing field counts as null, so two documents missing it collide. */
  private checkUnique(info: CollectionInfo, doc: Doc): void {
    for (const index of info.indexes) {
      if (!index.unique) continue;
      const values = index.keys.map(([field]) => getPath(doc, field));
      if (values.some((v) => Array.isArray(v))) continue;
      const params = values.map((v) =>
        v === undefined || v === null ? null : (sqlKeyValue(v) ?? JSON.stringify(v)),
      );
      const where = index.keys.map(([field]) => `${keyExpression(field)} IS ?`).join(' AND ');
      const clash = this.db
        .prepare(`SELECT id FROM "${info.table}" WHERE ${where} AND id <> ? LIMIT 1`)
        .get(...params, String(doc._id));
      if (clash) {
        const key: Doc = {};
        index.keys.forEach(([field], i) => (key[field] = values[i] ?? null));
        throw duplicate(info.name, index.name, key);
      }
    }
  }

  /** Once an indexed path holds an array, the index stops narrowing queries (see planner.ts). */
  private markMultikey(info: CollectionInfo, doc: Doc): void {
    for (const index of info.indexes) {
      if (index.multikey || !index.keys.some(([field]) => pathTouchesArray(doc, field))) continue;
      index.multikey = true;
      this.db
        .prepare('UPDATE _indexes SET multikey = 1 WHERE coll = ? AND name = ?')
        .run(info.name, index.name);
    }
  }

  // ---- transactions -------------------------------------------------------------------------
  // Optimistic: a transaction buffers its writes and remembers the rev of every document it
  // touched. Commit re-checks those revs and applies everything in one SQLite transaction, or
  // fails with DATABASE_TRANSACTION_CONFLICT and leaves no trace.

  beginTransaction(): string {
    this.expireTransactions();
    const id = newDocId();
    this.txns.set(id, { id, touched: new Map(), lastUsed: performance.now() });
    return id;
  }

  private txn(id: string): Txn {
    this.expireTransactions();
    const txn = this.txns.get(id);
    if (!txn)
      throw new CloudBaseError('DATABASE_TRANSACTION_FAIL', `transaction not found or expired: ${id}`);
    txn.lastUsed = performance.now();
    return txn;
  }

  private expireTransactions(): void {
    const now = performance.now();
    for (const [id, txn] of this.txns) if (now - txn.lastUsed > TXN_IDLE_MS) this.txns.delete(id);
  }

  private touch(txn: Txn, collName: string, id: string): TxnEntry {
    const key = `${collName}\u0000${id}`;
    let entry = txn.touched.get(key);
    if (!entry) {
      const row = this.rowById(this.collection(collName), id);
      entry = { coll: collName, id, baseRev: row?.rev ?? 0 };
      txn.touched.set(key, entry);
    }
    return entry;
  }

  private txnCurrent(entry: TxnEntry): Doc | null {
    if (entry.next !== undefined) return entry.next === null ? null : structuredClone(entry.next);
    return this.getById(entry.coll, entry.id);
  }

  txnGet(txnId: string, collName: string, id: string): Doc | null {
    const entry = this.touch(this.txn(txnId), collName, id);
    const doc = this.txnCurrent(entry);
    if (doc && entry.next === undefined) {
      // Pin what was read: a later change by someone else must fail this transaction's commit.
      const row = this.rowById(this.collection(collName), id);
      if (row && row.rev !== entry.baseRev) {
        throw new CloudBaseError('DATABASE_TRANSACTION_CONFLICT', 'document changed during the transaction');
      }
    }
    return doc;
  }

  txnInsert(txnId: string, collName: string, raw: Doc): string {
    const txn = this.txn(txnId);
    const doc = prepareNew(raw, this.clock());
    const entry = this.touch(txn, collName, String(doc._id));
    if (this.txnCurrent(entry)) throw duplicate(collName, '_id_', { _id: doc._id });
    entry.next = doc;
    return String(doc._id);
  }

  /** doc().set() and doc().update() inside a transaction. */
  txnUpdate(
    txnId: string,
    collName: string,
    id: string,
    rawUpdate: Doc,
    options: { merge: boolean; upsert: boolean },
  ): { updated: number; upsertedId?: string } {
    const txn = this.txn(txnId);
    const entry = this.touch(txn, collName, id);
    const update = resolveServerDates(rawUpdate, this.clock());
    const kind = options.merge ? classifyUpdate(update) : 'replacement';
    const current = this.txnCurrent(entry);
    if (!current) {
      if (!options.upsert) return { updated: 0 };
      entry.next = applyUpdate({ _id: id }, update, kind).doc;
      return { updated: 0, upsertedId: id };
    }
    const result = applyUpdate(current, update, kind);
    if (result.changed) entry.next = result.doc;
    return { updated: result.changed ? 1 : 0 };
  }

  txnRemove(txnId: string, collName: string, id: string): number {
    const entry = this.touch(this.txn(txnId), collName, id);
    if (!this.txnCurrent(entry)) return 0;
    entry.next = null;
    return 1;
  }

  commit(txnId: string): void {
    const txn = this.txn(txnId);
    this.txns.delete(txnId);
    this.db.transaction(() => {
      for (const entry of txn.touched.values()) {
        const info = this.collection(entry.coll);
        const row = this.rowById(info, entry.id);
        if ((row?.rev ?? 0) !== entry.baseRev) {
          throw new CloudBaseError(
            'DATABASE_TRANSACTION_CONFLICT',
            'a document was changed by another writer; retry',
          );
        }
      }
      for (const entry of txn.touched.values()) {
        if (entry.next === undefined) continue;
        const info = this.collection(entry.coll);
        const row = this.rowById(info, entry.id);
        if (entry.next === null) {
          if (row) this.sql(`DELETE FROM "${info.table}" WHERE seq = ?`).run(row.seq);
        } else if (row) {
          this.writeRow(info, row, entry.next);
        } else {
          this.insertOne(info, entry.next);
        }
      }
    })();
  }

  abort(txnId: string): void {
    this.txn(txnId);
    this.txns.delete(txnId);
  }
}

function prepareNew(raw: Doc, now: number): Doc {
  if (!isPlainObject(raw)) throw invalidParam('a document must be an object');
  const doc = resolveServerDates(raw, now);
  if (doc._id === undefined || doc._id === null) return { _id: newDocId(), ...doc };
  if (typeof doc._id !== 'string' && typeof doc._id !== 'number')
    throw invalidParam('_id must be a string or a number');
  return doc;
}

function duplicate(collName: string, index: string, key: Doc): CloudBaseError {
  return new CloudBaseError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collName} index: ${index} dup key: ${JSON.stringify(key)}`,
  );
}

function compileQuery(filter: Doc): Query {
  try {
    const query = new Query(filter, {});
    // mingo compiles lazily for some operators: probe once so malformed filters fail here, cleanly.
    query.test({});
    return query;
  } catch (error) {
    throw dbFailed(`invalid query: ${(error as Error).message}`);
  }
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || limit === null || limit <= 0) return DEFAULT_LIMIT;
  return Math.min(limit, MAX_LIMIT);
}

function sortDocs(docs: Doc[], sort: Record<string, 1 | -1>): Doc[] {
  try {
    return new Aggregator([{ $sort: sort }]).run(docs) as Doc[];
  } catch (error) {
    throw dbFailed(`invalid sort: ${(error as Error).message}`);
  }
}

function project(docs: Doc[], projection: Doc): Doc[] {
  try {
    return new Aggregator([{ $project: projection }]).run(docs) as Doc[];
  } catch (error) {
    throw dbFailed(`invalid projection: ${(error as Error).message}`);
  }
}
