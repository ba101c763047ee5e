import type Database from 'better-sqlite3';
import { CloudBaseError } from '../errors';
import type { Catalog } from './catalog';
import { cloneDoc, fromStored, resolveServerDates, type Doc } from './codec';
import { newDocId, prepareNew } from './documents';
import { duplicate, type Indexes } from './indexes';
import type { Rows } from './rows';
import { applyUpdate, classifyUpdate } from './update';

/**
 * Multi-request transactions, optimistic: a transaction buffers its writes in memory and remembers
 * the rev of every document it touched. Commit re-checks those revs and applies everything in one
 * SQLite transaction, or fails with DATABASE_TRANSACTION_CONFLICT and leaves no trace.
 */

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

const TXN_IDLE_MS = 30_000;

export class Transactions {
  private readonly txns = new Map<string, Txn>();

  constructor(
    private readonly db: Database.Database,
    private readonly catalog: Catalog,
    private readonly rows: Rows,
    private readonly indexes: Indexes,
    private readonly clock: () => number,
  ) {}

  begin(): string {
    this.expire();
    const id = newDocId();
    this.txns.set(id, { id, touched: new Map(), lastUsed: performance.now() });
    return id;
  }

  private txn(id: string): Txn {
    this.expire();
    const txn = this.txns.get(id);
    if (!txn)
      throw new CloudBaseError('DATABASE_TRANSACTION_FAIL', `transaction not found or expired: ${id}`);
    txn.lastUsed = performance.now();
    return txn;
  }

  private expire(): void {
    const now = performance.now();
    for (const [id, txn] of this.txns) if (now - txn.lastUsed > TXN_IDLE_MS) this.txns.delete(id);
  }

  private touch(txn: Txn, collName: string, id: string): TxnEntry {
    const key = `${collName}\u0000${id}`;
    let entry = txn.touched.get(key);
    if (!entry) {
      const row = this.rows.byId(this.catalog.get(collName), id);
      entry = { coll: collName, id, baseRev: row?.rev ?? 0 };
      txn.touched.set(key, entry);
    }
    return entry;
  }

  /** The document as this transaction sees it: its own buffered write, else what is stored. */
  private current(entry: TxnEntry): Doc | null {
    if (entry.next !== undefined) return entry.next === null ? null : cloneDoc(entry.next);
    const row = this.rows.byId(this.catalog.get(entry.coll), entry.id);
    return row ? fromStored(row.body) : null;
  }

  get(txnId: string, collName: string, id: string): Doc | null {
    const entry = this.touch(this.txn(txnId), collName, id);
    const doc = this.current(entry);
    if (doc && entry.next === undefined) {
      // Pin what was read: a later change by someone else must fail this transaction's commit.
      const row = this.rows.byId(this.catalog.get(collName), id);
      if (row && row.rev !== entry.baseRev) {
        throw new CloudBaseError('DATABASE_TRANSACTION_CONFLICT', 'document changed during the transaction');
      }
    }
    return doc;
  }

  insert(txnId: string, collName: string, raw: Doc): string {
    const txn = this.txn(txnId);
    const doc = prepareNew(raw, this.clock());
    const entry = this.touch(txn, collName, String(doc._id));
    if (this.current(entry)) throw duplicate(collName, '_id_', { _id: doc._id });
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
    const current = this.current(entry);
    if (!current) {
      if (!options.upsert) return { updated: 0 };
      entry.next = applyUpdate({ _id: id }, update, kind).doc;
      return { updated: 0, upsertedId: id };
    }
    const result = applyUpdate(current, update, kind);
    if (result.changed) entry.next = result.doc;
    // As outside a transaction: a replacement counts the document even when nothing changed.
    return { updated: result.changed || kind === 'replacement' ? 1 : 0 };
  }

  remove(txnId: string, collName: string, id: string): number {
    const entry = this.touch(this.txn(txnId), collName, id);
    if (!this.current(entry)) return 0;
    entry.next = null;
    return 1;
  }

  commit(txnId: string): void {
    const txn = this.txn(txnId);
    this.txns.delete(txnId);
    this.db.transaction(() => {
      for (const entry of txn.touched.values()) {
        const info = this.catalog.get(entry.coll);
        const row = this.rows.byId(info, entry.id);
        if ((row?.rev ?? 0) !== entry.baseRev) {
          throw new CloudBaseError(
            'DATABASE_TRANSACTION_CONFLICT',
            'a document was changed by another writer; retry',
          );
        }
      }
      for (const entry of txn.touched.values()) {
        if (entry.next === undefined) continue;
        const info = this.catalog.get(entry.coll);
        const row = this.rows.byId(info, entry.id);
        if (entry.next === null) {
          if (row) this.rows.delete(info, row);
        } else if (row) {
          this.indexes.writeRow(info, row, entry.next);
        } else {
          this.indexes.insertRow(info, entry.next);
        }
      }
    })();
  }

  abort(txnId: string): void {
    this.txn(txnId);
    this.txns.delete(txnId);
  }
}
