import type Database from 'better-sqlite3';
import type { CollectionInfo } from './catalog';
import type { Doc } from './codec';
import { planQuery } from './planner';
import type { StatementCache } from './statements';

/**
 * Rows of a collection's table as stored: `seq` (natural order), `id`, `rev` (counts writes, for
 * optimistic transactions) and `body` (the document as JSON). Reading them, narrowed by an index
 * where the planner can, and deleting them, which no index check has to guard.
 */

export interface Row {
  seq: number;
  id: string;
  rev: number;
  body: string;
}

/** Told before a document is inserted, replaced or deleted, with its row as it was (if any). */
export type ChangeListener = (info: CollectionInfo, id: string, before: Row | undefined) => void;

export class Rows {
  /** Open transactions keep their snapshots by this (transactions.ts); null when none listens. */
  beforeChange: ChangeListener | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly statements: StatementCache,
  ) {}

  /** Every row in natural order. */
  all(info: CollectionInfo): IterableIterator<Row> {
    return this.db
      .prepare(`SELECT seq, id, rev, body FROM "${info.table}" ORDER BY seq`)
      .iterate() as IterableIterator<Row>;
  }

  /** A superset of the rows matching the filter, in natural order: the caller still tests each. */
  *candidates(info: CollectionInfo, filter: Doc): Generator<Row> {
    const plan = planQuery(filter, info.indexes);
    if (!plan) {
      yield* this.all(info);
      return;
    }
    yield* this.db
      .prepare(`SELECT seq, id, rev, body FROM "${info.table}" WHERE ${plan.where} ORDER BY seq`)
      .iterate(...plan.params) as IterableIterator<Row>;
  }

  byId(info: CollectionInfo, id: string): Row | undefined {
    return this.statements.get(`SELECT seq, id, rev, body FROM "${info.table}" WHERE id = ?`).get(id) as
      Row | undefined;
  }

  delete(info: CollectionInfo, row: Row): void {
    this.beforeChange?.(info, row.id, row);
    this.statements.get(`DELETE FROM "${info.table}" WHERE seq = ?`).run(row.seq);
  }
}
