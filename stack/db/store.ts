import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit';
import { Catalog } from './catalog';
import type { Doc } from './codec';
import { Documents, type ExplainedRead, type FindOptions, type UpdateOptions } from './documents';
import { Indexes } from './indexes';
import type { IndexSpec, IndexState } from './planner';
import { Rows } from './rows';
import { StatementCache } from './statements';
import { Transactions } from './transactions';

/**
 * A durable document database with MongoDB semantics, on SQLite.
 *
 * - One table per collection: `seq` keeps insertion (natural) order, `rev` counts writes for
 *   optimistic transactions, `body` holds the document as JSON.
 * - Every operation runs synchronously inside one SQLite transaction, so concurrent requests are
 *   serialised whole: no torn documents, no lost updates.
 * - WAL with synchronous=FULL: once a call returns, its write survives a crash or SIGKILL; or, for
 *   the stack's server, group commit (group-commit.ts): a write is answered once fsynced with others.
 * - Declared indexes are SQLite expression indexes; see planner.ts for how queries use them.
 *
 * This class is the store's one face: it opens the database and hands each call to the part that
 * holds it (catalog.ts, indexes.ts, documents.ts, transactions.ts), so callers need know no more.
 */

export {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  newDocId,
  type ExplainedRead,
  type FindOptions,
  type UpdateOptions,
} from './documents';

export class DocumentStore {
  private readonly db: Database.Database;
  private readonly statements: StatementCache;
  private readonly catalog: Catalog;
  private readonly indexes: Indexes;
  private readonly documents: Documents;
  private readonly transactions: Transactions;
  private readonly rows: Rows;

  /** Flushes commits to the disk together (group commit), when the store was opened so. */
  private readonly commits: GroupCommit | null = null;
  private totalChanges: Database.Statement | undefined;

  /** The database's data_version when the catalog was last read (read-only connections only). */
  private seenVersion = -1;

  constructor(
    file: string,
    /** The stack's clock: what db.serverDate() and collection creation times say. */
    clock: () => number = Date.now,
    /**
     * A read-only connection to a store another connection writes (the readers of readers.ts): it
     * never writes, and reads the catalog again whenever the writer has committed since (`snapshot`).
     */
    options: {
      readOnly?: boolean;
      /**
       * Group commit (the stack's server): commits do not wait for the disk one by one; `durable()`
       * flushes every commit made so far with one fsync of the WAL, and the server answers a write
       * only after it. Without it each commit is fsynced as it is made (synchronous=FULL).
       */
      groupCommit?: boolean;
    } = {},
  ) {
    this.db = new Database(file, { readonly: options.readOnly === true });
    if (!options.readOnly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(options.groupCommit ? 'synchronous = NORMAL' : 'synchronous = FULL');
      if (options.groupCommit) {
        // SQLite's own checkpoints only as a backstop (64 MB), for writes no one waits on (a bulk load).
        this.db.pragma('wal_autocheckpoint = 16384');
        this.commits = new GroupCommit(
          `${file}-wal`,
          () => this.db.pragma('wal_checkpoint(PASSIVE)'),
          () => this.changes(),
        );
      }
    }
    this.db.pragma('busy_timeout = 5000');
    this.statements = new StatementCache(this.db);
    this.catalog = new Catalog(this.db, this.statements, clock);
    const rows = new Rows(this.db, this.statements);
    this.rows = rows;
    this.indexes = new Indexes(this.db, this.statements, this.catalog, rows);
    this.documents = new Documents(this.db, this.statements, this.catalog, rows, this.indexes, clock);
    this.transactions = new Transactions(this.db, this.catalog, rows, this.indexes, clock);
  }

  /**
   * Resolves once every commit made so far is on the disk. With group commit, the commits of the
   * requests answered in one turn of the event loop share one fsync, and with no commit since the
   * last fsync it resolves at once; otherwise they already are.
   */
  durable(): Promise<void> {
    return this.commits ? this.commits.durable() : Promise.resolve();
  }

  /**
   * Rows this connection has changed since it opened (SQLite's total_changes()): unchanged across a
   * piece of work, that work committed nothing, since every commit changes a row (a collection or an
   * index made is a row of the catalog).
   */
  changes(): number {
    this.totalChanges ??= this.db.prepare('SELECT total_changes()').pluck();
    return this.totalChanges.get() as number;
  }

  close(): void {
    this.commits?.close();
    this.statements.clear();
    this.db.close();
  }

  /**
   * Runs reads in one SQLite read transaction: they all see the database as it was when the first
   * began (WAL keeps that snapshot while the writer goes on), with the catalog as of then.
   */
  snapshot<T>(read: () => T): T {
    return this.db.transaction(() => {
      const version = this.db.pragma('data_version', { simple: true }) as number;
      if (version !== this.seenVersion) {
        this.catalog.reload();
        this.seenVersion = version;
      }
      return read();
    })();
  }

  // ---- collections and indexes -------------------------------------------------------------

  listCollections(): string[] {
    return this.catalog.list();
  }

  hasCollection(name: string): boolean {
    return this.catalog.has(name);
  }

  createCollection(name: string): void {
    this.catalog.create(name);
  }

  ensureCollection(name: string): void {
    if (!this.catalog.has(name)) this.catalog.create(name);
  }

  dropCollection(name: string): void {
    this.catalog.drop(name);
  }

  /** Creates (or keeps) an index. A unique index is refused if existing documents already collide. */
  ensureIndex(collName: string, spec: IndexSpec): void {
    this.indexes.ensure(collName, spec);
  }

  listIndexes(collName: string): IndexState[] {
    return this.indexes.list(collName);
  }

  // ---- reads --------------------------------------------------------------------------------

  /** Explains which index a filter would use (tests and benchmarks assert on this). */
  explain(collName: string, filter: Doc): { index: string | null } {
    return this.indexes.explain(collName, filter);
  }

  /**
   * Which index an aggregation reads through: its leading `$match`, when it has one, narrows the
   * rows read exactly as `find` does; a `$sort` right after it (or leading) is read in index order
   * when an index gives it (`sort`, as in explainFind). Without a `$match`, every row is read.
   */
  explainAggregate(
    collName: string,
    pipeline: Doc[],
  ): { index: string | null; sort?: ExplainedRead['sort'] } {
    return this.documents.explainAggregate(collName, pipeline);
  }

  /** Whether SQLite groups an aggregation's rows for its `$group` (grouped.ts), never parsing each. */
  groupsInSql(collName: string, pipeline: Doc[]): boolean {
    return this.documents.groupsInSql(collName, pipeline);
  }

  /** Whether a find reads no more rows than it answers, at most a few (Documents.isLookup). */
  isLookup(collName: string, filter: Doc, options: FindOptions = {}): boolean {
    return this.documents.isLookup(collName, filter, options);
  }

  /** How a find reads: the index, whether SQL sorts, pages and counts it (see ExplainedRead). */
  explainFind(collName: string, filter: Doc, options: FindOptions = {}): ExplainedRead {
    return this.documents.explainFind(collName, filter, options);
  }

  /**
   * Tells `listener` which index every read uses (null: a full scan) until the returned function
   * is called: tests check the product's own queries with it.
   */
  observeReads(
    listener: (collection: string, read: { index: string | null; exact: boolean }) => void,
  ): () => void {
    this.rows.onRead = (collection, plan) => listener(collection, { index: plan.index, exact: plan.exact });
    return () => {
      this.rows.onRead = null;
    };
  }

  find(collName: string, filter: Doc, options: FindOptions = {}): Doc[] {
    return this.documents.find(collName, filter, options);
  }

  count(collName: string, filter: Doc): number {
    return this.documents.count(collName, filter);
  }

  aggregate(collName: string, pipeline: Doc[]): Doc[] {
    return this.documents.aggregate(collName, pipeline);
  }

  getById(collName: string, id: string): Doc | null {
    return this.documents.getById(collName, id);
  }

  // ---- writes -------------------------------------------------------------------------------

  insert(collName: string, docs: Doc[]): string[] {
    return this.documents.insert(collName, docs);
  }

  update(
    collName: string,
    filter: Doc,
    rawUpdate: Doc,
    options: UpdateOptions,
  ): { matched: number; updated: number; upsertedId?: string } {
    return this.documents.update(collName, filter, rawUpdate, options);
  }

  /** Updates the first matching document and returns it as it is after the update (or null). */
  updateAndReturn(collName: string, filter: Doc, rawUpdate: Doc): { updated: number; doc: Doc | null } {
    return this.documents.updateAndReturn(collName, filter, rawUpdate);
  }

  remove(collName: string, filter: Doc, options: { multi: boolean }): number {
    return this.documents.remove(collName, filter, options);
  }

  // ---- transactions (snapshot reads, buffered writes; see transactions.ts) ------------------

  beginTransaction(): string {
    return this.transactions.begin();
  }

  txnGet(txnId: string, collName: string, id: string): Doc | null {
    return this.transactions.get(txnId, collName, id);
  }

  txnInsert(txnId: string, collName: string, raw: Doc): string {
    return this.transactions.insert(txnId, collName, raw);
  }

  /** doc().set() and doc().update() inside a transaction. */
  txnUpdate(
    txnId: string,
    collName: string,
    id: string,
    rawUpdate: Doc,
    options: { merge: boolean; upsert: boolean },
  ): { updated: number; upsertedId?: string } {
    return this.transactions.update(txnId, collName, id, rawUpdate, options);
  }

  /** where().get() inside a transaction. */
  txnFind(txnId: string, collName: string, filter: Doc, options: FindOptions = {}): Doc[] {
    return this.transactions.find(txnId, collName, filter, options);
  }

  /** where().updateAndReturn() inside a transaction. */
  txnUpdateAndReturn(
    txnId: string,
    collName: string,
    filter: Doc,
    rawUpdate: Doc,
  ): { updated: number; doc: Doc | null } {
    return this.transactions.updateAndReturn(txnId, collName, filter, rawUpdate);
  }

  txnRemove(txnId: string, collName: string, id: string): number {
    return this.transactions.remove(txnId, collName, id);
  }

  commit(txnId: string): void {
    this.transactions.commit(txnId);
  }

  abort(txnId: string): void {
    this.transactions.abort(txnId);
  }
}
