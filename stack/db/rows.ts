import type Database from 'better-sqlite3';
import type { CollectionInfo } from './catalog';
import type { Doc } from './codec';
import type { GroupedPlan } from './grouped';
import { Multikey } from './multikey';
import { orderFor, planFilter } from './planner';
import type { StatementCache } from './statements';

/**
 * Rows of a collection's table as stored: `seq` (natural order), `id`, `rev` (counts writes, for
 * optimistic transactions) and `body` (the document as JSON). Reading them, narrowed by an index
 * where the planner can (planner.ts), and deleting them, which no index check has to guard.
 */

export interface Row {
  seq: number;
  id: string;
  rev: number;
  body: string;
}

/** Told before a document is inserted, replaced or deleted, with its row as it was (if any). */
export type ChangeListener = (info: CollectionInfo, id: string, before: Row | undefined) => void;

export interface ReadOptions {
  sort?: Record<string, 1 | -1> | null;
  skip?: number;
  limit?: number;
}

/** How a read is answered: its SQL, and what the SQL already did of the caller's work. */
export interface ReadPlan {
  sql: string;
  params: Array<string | number>;
  /** The index read (`a | b` for an `$or`), or null for a full scan. */
  index: string | null;
  /** The rows are exactly the matches: no document need be tested. */
  exact: boolean;
  /** The rows come in the sort's order ('index': read in index order; 'sql': sorted by SQLite). */
  sort: 'index' | 'sql' | null;
  /** Skip and limit were applied in SQL. */
  paged: boolean;
}

const COLUMNS = 'seq, id, rev, body';

/** A group of rows as `grouped` reads it. */
export interface GroupedRow {
  seq: number;
  n: number;
  body: string;
}

export class Rows {
  /** Open transactions keep their snapshots by this (transactions.ts); null when none listens. */
  beforeChange: ChangeListener | null = null;
  /** The side tables of multikey indexes, kept with the rows (multikey.ts). */
  readonly multikey: Multikey;
  /** Told of every planned read (tests check that the product's queries use indexes). */
  onRead: ((collection: string, plan: ReadPlan) => void) | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly statements: StatementCache,
  ) {
    this.multikey = new Multikey(db, statements);
  }

  /** Every row in natural order. */
  all(info: CollectionInfo): IterableIterator<Row> {
    return this.statements
      .iterable(`SELECT ${COLUMNS} FROM "${info.table}" ORDER BY seq`)
      .iterate() as IterableIterator<Row>;
  }

  /** A superset of the rows matching the filter, in natural order: the caller still tests each. */
  candidates(info: CollectionInfo, filter: Doc): IterableIterator<Row> {
    return this.read(info, this.plan(info, filter));
  }

  /**
   * Plans a read of the rows matching the filter: through an index where one narrows, in the
   * sort's order where SQL can give it, and paged in SQL when the rows are exactly the matches.
   * Without `options` the rows come in natural order, unpaged.
   */
  plan(info: CollectionInfo, filter: Doc, options: ReadOptions = {}): ReadPlan {
    const access = planFilter(filter, info.indexes, info.table, options.sort);
    const everything = Object.keys(filter).length === 0;
    const exact = everything || (access?.exact ?? false);
    const where = access ? ` WHERE ${access.where}` : '';
    const params = access ? [...access.params] : [];
    let orderBy = ' ORDER BY seq';
    let sort: ReadPlan['sort'] = null;
    let index = access?.index ?? null;
    if (options.sort && Object.keys(options.sort).length > 0) {
      const order = orderFor(options.sort, access, info.indexes, filter);
      // Without an index to narrow, SQL sorts only when an index gives the order (no sort of every row).
      if (order && (access || order.byIndex)) {
        orderBy = ` ORDER BY ${order.orderBy}`;
        sort = order.byIndex ? 'index' : 'sql';
        // Every row, read in an index's order, as far as the page: a read of that index.
        if (everything) index ??= order.byIndex;
      } else {
        return {
          sql: `SELECT ${COLUMNS} FROM "${info.table}"${where}${orderBy}`,
          params,
          index: access?.index ?? null,
          exact,
          sort: null,
          paged: false,
        };
      }
    }
    let paged = false;
    let page = '';
    if (exact && options.limit !== undefined) {
      page = ' LIMIT ? OFFSET ?';
      params.push(options.limit, Math.max(0, options.skip ?? 0));
      paged = true;
    }
    return {
      sql: `SELECT ${COLUMNS} FROM "${info.table}"${where}${orderBy}${page}`,
      params,
      index,
      exact,
      sort,
      paged,
    };
  }

  read(info: CollectionInfo, plan: ReadPlan): IterableIterator<Row> {
    this.onRead?.(info.name, plan);
    this.multikey.ready(info);
    return this.statements.iterable(plan.sql).iterate(...plan.params) as IterableIterator<Row>;
  }

  /** How many rows match, or undefined when the index cannot say exactly (the caller tests rows). */
  exactCount(info: CollectionInfo, filter: Doc): number | undefined {
    const plan = this.plan(info, filter);
    if (!plan.exact) return undefined;
    this.onRead?.(info.name, plan);
    this.multikey.ready(info);
    const sql = plan.sql
      .replace(`SELECT ${COLUMNS} FROM`, 'SELECT COUNT(*) AS n FROM')
      .replace(/ ORDER BY seq$/, '');
    return (this.statements.get(sql).get(...plan.params) as { n: number }).n;
  }

  /**
   * The rows a plan reads, grouped by SQLite as `grouped` says: per group, its first row's projected
   * document (`body`), its row count and its first `seq`, in the order of those first rows. Only for
   * a plan that reads exactly the matches.
   */
  grouped(info: CollectionInfo, plan: ReadPlan, grouped: GroupedPlan): IterableIterator<GroupedRow> {
    if (!plan.exact || plan.paged) throw new Error('a grouped read needs an exact, unpaged plan');
    this.onRead?.(info.name, plan);
    this.multikey.ready(info);
    const from = plan.sql.replace(`SELECT ${COLUMNS} FROM`, 'FROM').replace(/ ORDER BY [^)]*$/, '');
    // The inner select reads each row's values once (LIMIT keeps SQLite from folding it into the
    // grouping, which would look each value up again per use); the groups come in order of their
    // first rows, and each group's first row gives its document.
    const values = grouped.columns.map((c, i) => `, ${c} AS v${i}`).join('');
    const sql =
      `SELECT min(seq) AS seq, count(*) AS n FROM (SELECT seq${values} ${from} LIMIT -1)` +
      (grouped.groupBy.length > 0 ? ` GROUP BY ${grouped.groupBy.join(', ')}` : '') +
      ' ORDER BY seq';
    const first = this.statements.get(
      `SELECT ${grouped.projection} AS body FROM "${info.table}" WHERE seq = ?`,
    );
    const groups = this.statements.iterable(sql).iterate(...plan.params) as IterableIterator<{
      seq: number | null;
      n: number;
    }>;
    // The caller closes this (return()) if it stops early: that closes the rows' iterator too.
    return (function* () {
      for (const group of groups) {
        if (group.n === 0 || group.seq === null) continue;
        const { body } = first.get(group.seq) as { body: string };
        yield { seq: group.seq, n: group.n, body };
      }
    })();
  }

  /** SQLite's own account of how it runs a plan (EXPLAIN QUERY PLAN), for tests and benchmarks. */
  sqlitePlan(info: CollectionInfo, plan: ReadPlan): string[] {
    this.multikey.ready(info);
    return (
      this.db.prepare(`EXPLAIN QUERY PLAN ${plan.sql}`).all(...plan.params) as Array<{ detail: string }>
    ).map((r) => r.detail);
  }

  byId(info: CollectionInfo, id: string): Row | undefined {
    return this.statements.get(`SELECT ${COLUMNS} FROM "${info.table}" WHERE id = ?`).get(id) as
      Row | undefined;
  }

  delete(info: CollectionInfo, row: Row): void {
    this.beforeChange?.(info, row.id, row);
    this.statements.get(`DELETE FROM "${info.table}" WHERE seq = ?`).run(row.seq);
    this.multikey.write(info, row.seq, null);
  }
}
