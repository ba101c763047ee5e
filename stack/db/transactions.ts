import type Database from 'better-sqlite3';
import { CloudBaseError } from '../errors';
import type { Catalog, CollectionInfo } from './catalog';
import { cloneDoc, fromStored, resolveServerDates, type Doc } from './codec';
import { compileQuery, newDocId, prepareNew, shapePage, type FindOptions } from './documents';
import { duplicate, type Indexes } from './indexes';
import type { Row, Rows } from './rows';
import { applyUpdate, classifyUpdate } from './update';

/**
 * Multi-request transactions as CloudBase's (MongoDB's) behave:
 *
 * - Snapshot reads: a transaction reads every document as it was at its first operation (MongoDB
 *   takes the snapshot then, not at startTransaction), plus its own writes. When someone else changes a document while transactions are open, each of them
 *   keeps the document's earlier row (its pre-image) and reads that instead.
 * - Writes are buffered in memory until commit. A write is refused at once with
 *   DATABASE_TRANSACTION_CONFLICT when another open transaction holds an uncommitted write to the
 *   same document, or when the document changed after this transaction's snapshot; MongoDB then aborts
 *   the transaction, and so does the stack.
 * - Commit applies every write in one SQLite transaction, after checking that no document written
 *   changed since (a write outside any transaction is not held back, so it is caught here), or fails
 *   with DATABASE_TRANSACTION_CONFLICT and leaves no trace. What was only read is not checked: as in
 *   MongoDB, snapshot isolation allows write skew.
 * - A committed, aborted, unknown or expired transaction answers DATABASE_TRANSACTION_FAIL with
 *   CloudBase's message.
 */

/** A row's identity and write count: it changes with every write, and when a document is re-created. */
type Version = string;
const versionOf = (row: Row | undefined): Version => (row ? `${row.seq}:${row.rev}` : '');

interface TxnEntry {
  coll: string;
  id: string;
  /** The version this transaction saw (its snapshot's); a written entry must still have it at commit. */
  base: Version;
  /** undefined: only read; null: deleted; Doc: the new content. */
  next?: Doc | null;
}

interface PreImage {
  version: Version;
  /** The stored body, or null when the document did not exist. */
  body: string | null;
}

interface Txn {
  id: string;
  touched: Map<string, TxnEntry>;
  /** Documents others changed since this transaction's snapshot, as they were before. */
  preImages: Map<string, PreImage>;
  /** Whether the snapshot is taken: from the transaction's first operation on. */
  started: boolean;
  /** performance.now(): idleness is real elapsed time, whatever the stack's clock says. */
  lastUsed: number;
}

const TXN_IDLE_MS = 30_000;

const keyOf = (collName: string, id: string) => `${collName}\u0000${id}`;

const notFound = () =>
  new CloudBaseError(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
  );

const conflict = () =>
  new CloudBaseError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  );

export class Transactions {
  private readonly txns = new Map<string, Txn>();

  constructor(
    private readonly db: Database.Database,
    private readonly catalog: Catalog,
    private readonly rows: Rows,
    private readonly indexes: Indexes,
    private readonly clock: () => number,
  ) {
    rows.beforeChange = (info, id, before) => this.keepPreImage(info, id, before);
  }

  /** Before anyone changes a document, every open transaction that has not yet seen a change to it keeps it. */
  private keepPreImage(info: CollectionInfo, id: string, before: Row | undefined): void {
    if (this.txns.size === 0) return;
    const key = keyOf(info.name, id);
    for (const txn of this.txns.values()) {
      if (txn.started && !txn.preImages.has(key))
        txn.preImages.set(key, { version: versionOf(before), body: before?.body ?? null });
    }
  }

  begin(): string {
    this.expire();
    const id = newDocId();
    this.txns.set(id, {
      id,
      touched: new Map(),
      preImages: new Map(),
      started: false,
      lastUsed: performance.now(),
    });
    return id;
  }

  private txn(id: string): Txn {
    this.expire();
    const txn = this.txns.get(id);
    if (!txn) throw notFound();
    txn.started = true;
    txn.lastUsed = performance.now();
    return txn;
  }

  private expire(): void {
    const now = performance.now();
    for (const [id, txn] of this.txns) if (now - txn.lastUsed > TXN_IDLE_MS) this.txns.delete(id);
  }

  private currentRow(collName: string, id: string): Row | undefined {
    return this.rows.byId(this.catalog.get(collName), id);
  }

  private touch(txn: Txn, collName: string, id: string): TxnEntry {
    const key = keyOf(collName, id);
    let entry = txn.touched.get(key);
    if (!entry) {
      const kept = txn.preImages.get(key);
      entry = { coll: collName, id, base: kept ? kept.version : versionOf(this.currentRow(collName, id)) };
      txn.touched.set(key, entry);
    }
    return entry;
  }

  /** The document as this transaction sees it: its own write, else its snapshot. */
  private view(txn: Txn, entry: TxnEntry): Doc | null {
    if (entry.next !== undefined) return entry.next === null ? null : cloneDoc(entry.next);
    const kept = txn.preImages.get(keyOf(entry.coll, entry.id));
    if (kept) return kept.body === null ? null : fromStored(kept.body);
    const row = this.currentRow(entry.coll, entry.id);
    return row ? fromStored(row.body) : null;
  }

  /**
   * Takes the right to write a document, or refuses at once: when another transaction holds an
   * uncommitted write to it, or it changed since this transaction's snapshot. A refused transaction
   * is aborted, as MongoDB aborts it.
   */
  private claim(txn: Txn, entry: TxnEntry): void {
    const key = keyOf(entry.coll, entry.id);
    const heldElsewhere = [...this.txns.values()].some(
      (other) => other !== txn && other.touched.get(key)?.next !== undefined,
    );
    if (heldElsewhere || versionOf(this.currentRow(entry.coll, entry.id)) !== entry.base) {
      this.txns.delete(txn.id);
      throw conflict();
    }
  }

  get(txnId: string, collName: string, id: string): Doc | null {
    const txn = this.txn(txnId);
    return this.view(txn, this.touch(txn, collName, id));
  }

  insert(txnId: string, collName: string, raw: Doc): string {
    const txn = this.txn(txnId);
    const doc = prepareNew(raw, this.clock());
    const entry = this.touch(txn, collName, String(doc._id));
    if (this.view(txn, entry)) throw duplicate(collName, '_id_', { _id: doc._id });
    this.claim(txn, entry);
    entry.next = doc;
    return String(doc._id);
  }

  /** doc().set() and doc().update() inside a transaction. */
  update(
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
    const current = this.view(txn, entry);
    if (!current) {
      if (!options.upsert) return { updated: 0 };
      const doc = applyUpdate({ _id: id }, update, kind).doc;
      this.claim(txn, entry);
      entry.next = doc;
      return { updated: 0, upsertedId: id };
    }
    const result = applyUpdate(current, update, kind);
    this.claim(txn, entry);
    if (result.changed) entry.next = result.doc;
    // As outside a transaction: a replacement counts the document even when nothing changed.
    return { updated: result.changed || kind === 'replacement' ? 1 : 0 };
  }

  /**
   * The documents matching a filter as this transaction sees them, each with its entry: the rows that
   * match now, then what this transaction wrote and what its snapshot holds otherwise.
   */
  private *matching(txn: Txn, collName: string, filter: Doc): Generator<{ entry: TxnEntry; doc: Doc }> {
    const info = this.catalog.get(collName);
    const query = compileQuery(filter);
    const ids = new Set<string>();
    for (const row of this.rows.candidates(info, filter)) ids.add(row.id);
    const prefix = keyOf(collName, '');
    for (const key of [...txn.touched.keys(), ...txn.preImages.keys()])
      if (key.startsWith(prefix)) ids.add(key.slice(prefix.length));
    for (const id of ids) {
      const entry = this.touch(txn, collName, id);
      const doc = this.view(txn, entry);
      if (doc && query.test(doc)) yield { entry, doc };
    }
  }

  /** where().get() inside a transaction. */
  find(txnId: string, collName: string, filter: Doc, options: FindOptions): Doc[] {
    const txn = this.txn(txnId);
    return shapePage(
      [...this.matching(txn, collName, filter)].map((m) => m.doc),
      options,
    );
  }

  /**
   * where().updateAndReturn() inside a transaction: the first document matching the filter as this
   * transaction sees it, updated in the transaction; null when none matches.
   */
  updateAndReturn(
    txnId: string,
    collName: string,
    filter: Doc,
    rawUpdate: Doc,
  ): { updated: number; doc: Doc | null } {
    const txn = this.txn(txnId);
    const update = resolveServerDates(rawUpdate, this.clock());
    const kind = classifyUpdate(update);
    for (const { entry, doc } of this.matching(txn, collName, filter)) {
      const result = applyUpdate(doc, update, kind);
      this.claim(txn, entry);
      if (result.changed) entry.next = result.doc;
      return { updated: 1, doc: result.doc };
    }
    return { updated: 0, doc: null };
  }

  remove(txnId: string, collName: string, id: string): number {
    const txn = this.txn(txnId);
    const entry = this.touch(txn, collName, id);
    if (!this.view(txn, entry)) return 0;
    this.claim(txn, entry);
    entry.next = null;
    return 1;
  }

  commit(txnId: string): void {
    const txn = this.txn(txnId);
    this.txns.delete(txnId);
    const writes = [...txn.touched.values()].filter((entry) => entry.next !== undefined);
    this.db.transaction(() => {
      for (const entry of writes) {
        if (versionOf(this.currentRow(entry.coll, entry.id)) !== entry.base) throw conflict();
      }
      for (const { coll, id, next } of writes) {
        const info = this.catalog.get(coll);
        const row = this.rows.byId(info, id);
        if (!next) {
          if (row) this.rows.delete(info, row);
        } else if (row) {
          this.indexes.writeRow(info, row, next);
        } else {
          this.indexes.insertRow(info, next);
        }
      }
    })();
  }

  abort(txnId: string): void {
    this.txn(txnId);
    this.txns.delete(txnId);
  }
}
