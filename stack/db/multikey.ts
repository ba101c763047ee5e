import type Database from 'better-sqlite3';
import type { CollectionInfo } from './catalog';
import { fromStored, isPlainObject, type Doc } from './codec';
import { sideTable, sqlKeyValue, type IndexState } from './planner';
import type { StatementCache } from './statements';

/**
 * Multikey indexes: once a path of an index holds an array, the index keeps one entry per element
 * (as MongoDB does) in a side table `<table>__mk_<index>` of (seq, k0, k1, …), indexed by the keys.
 * A compound index gets the cross product of its fields' values. Only scalars that a query can
 * narrow on are entries (sqlKeyValue); a field with none is one NULL entry, so that a document
 * bound on the other fields is still found. The planner reads the side table for equalities and
 * one bound (planner.ts planMultikey); mingo then decides what matches.
 */

/** Every value a query on the path could compare with: scalars reached through arrays at any depth. */
export function valuesAt(doc: unknown, path: string[], out: Array<string | number> = []): typeof out {
  if (Array.isArray(doc)) {
    for (const item of doc) valuesAt(item, path, out);
    return out;
  }
  if (path.length === 0) {
    const key = sqlKeyValue(doc);
    if (key !== undefined) out.push(key);
    return out;
  }
  if (isPlainObject(doc)) valuesAt(doc[path[0]], path.slice(1), out);
  return out;
}

/** The entries of one document in an index: the cross product of its fields' values. */
export function entriesOf(doc: Doc, index: IndexState): Array<Array<string | number | null>> {
  let entries: Array<Array<string | number | null>> = [[]];
  for (const [field] of index.keys) {
    const values: Array<string | number | null> = [...new Set(valuesAt(doc, field.split('.')))];
    if (values.length === 0) values.push(null);
    entries = entries.flatMap((entry) => values.map((v) => [...entry, v]));
  }
  return entries;
}

export class Multikey {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: StatementCache,
  ) {}

  /** Creates the side table and fills it from every row. */
  build(info: CollectionInfo, index: IndexState): void {
    const table = sideTable(info.table, index.name);
    const columns = index.keys.map((_, i) => `k${i}`);
    this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
    this.db.exec(`CREATE TABLE "${table}" (seq INTEGER NOT NULL, ${columns.join(', ')})`);
    this.db.exec(`CREATE INDEX "${table}__keys" ON "${table}" (${columns.join(', ')}, seq)`);
    this.db.exec(`CREATE INDEX "${table}__seq" ON "${table}" (seq)`);
    this.statements.clear();
    // In chunks: a statement cannot write while another one's iterator is open on the connection.
    const chunk = this.db.prepare(
      `SELECT seq, body FROM "${info.table}" WHERE seq > ? ORDER BY seq LIMIT 500`,
    );
    for (let after = 0; ;) {
      const rows = chunk.all(after) as Array<{ seq: number; body: string }>;
      if (rows.length === 0) break;
      for (const row of rows) this.insert(info, index, row.seq, fromStored(row.body));
      after = rows[rows.length - 1].seq;
    }
  }

  /**
   * Rebuilds any side table a rolled-back write took with it: the flag that an index is multikey
   * is set in memory before the write, and stays set (it is only ever widened).
   */
  ready(info: CollectionInfo): void {
    for (const index of info.indexes) {
      if (!index.multikey) continue;
      const table = sideTable(info.table, index.name);
      const found = this.statements
        .get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
        .get(table);
      if (!found) this.build(info, index);
    }
  }

  drop(info: CollectionInfo, index: IndexState): void {
    this.db.exec(`DROP TABLE IF EXISTS "${sideTable(info.table, index.name)}"`);
    this.statements.clear();
  }

  /** Writes a document's entries in every multikey index of its collection, replacing old ones. */
  write(info: CollectionInfo, seq: number, doc: Doc | null): void {
    if (!info.indexes.some((index) => index.multikey)) return;
    this.ready(info);
    for (const index of info.indexes) {
      if (!index.multikey) continue;
      this.statements.get(`DELETE FROM "${sideTable(info.table, index.name)}" WHERE seq = ?`).run(seq);
      if (doc) this.insert(info, index, seq, doc);
    }
  }

  private insert(info: CollectionInfo, index: IndexState, seq: number, doc: Doc): void {
    const table = sideTable(info.table, index.name);
    const marks = index.keys.map(() => '?').join(', ');
    const statement = this.statements.get(`INSERT INTO "${table}" VALUES (?, ${marks})`);
    for (const entry of entriesOf(doc, index)) statement.run(seq, ...entry);
  }
}
