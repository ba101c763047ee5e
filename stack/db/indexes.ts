import type Database from 'better-sqlite3';
import { CloudBaseError, invalidParam } from '../errors';
import type { Catalog, CollectionInfo } from './catalog';
import { fromStored, toStored, type Doc } from './codec';
import { getPath, pathTouchesArray } from './paths';
import {
  isIndexableField,
  keyExpression,
  planQuery,
  sqlKeyValue,
  type IndexSpec,
  type IndexState,
} from './planner';
import type { Row, Rows } from './rows';
import type { StatementCache } from './statements';

/**
 * Declared indexes and what keeps them true. An index is a SQLite expression index (planner.ts
 * says how queries use it). Every insert and rewrite of a row goes through insertRow or writeRow
 * here, so unique keys are enforced and multikey paths noted before the row changes.
 */

export class Indexes {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: StatementCache,
    private readonly catalog: Catalog,
    private readonly rows: Rows,
  ) {}

  /** Creates (or keeps) an index. A unique index is refused if existing documents already collide. */
  ensure(collName: string, spec: IndexSpec): void {
    const info = this.catalog.get(collName);
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
      for (const row of this.rows.all(info)) {
        const doc = fromStored(row.body);
        if (spec.keys.some(([field]) => pathTouchesArray(doc, field))) state.multikey = true;
      }
      this.db
        .prepare('INSERT OR REPLACE INTO _indexes (coll, name, spec, multikey) VALUES (?, ?, ?, ?)')
        .run(collName, spec.name, JSON.stringify(spec), state.multikey ? 1 : 0);
      info.indexes = [...info.indexes.filter((i) => i.name !== spec.name), state];
      if (spec.unique) {
        for (const row of this.rows.all(info)) this.checkUnique(info, fromStored(row.body));
      }
    })();
  }

  list(collName: string): IndexState[] {
    return this.catalog.get(collName).indexes.map((i) => ({ ...i }));
  }

  /** Which index a filter would use (tests and benchmarks assert on this). */
  explain(collName: string, filter: Doc): { index: string | null } {
    const plan = planQuery(filter, this.catalog.get(collName).indexes);
    return { index: plan?.index ?? null };
  }

  /** Inserts a new document; its `_id` and unique keys must be free. Returns its id. */
  insertRow(info: CollectionInfo, doc: Doc): string {
    const id = String(doc._id);
    if (this.rows.byId(info, id)) throw duplicate(info.name, '_id_', { _id: doc._id });
    this.checkUnique(info, doc);
    this.markMultikey(info, doc);
    this.rows.beforeChange?.(info, id, undefined);
    this.statements
      .get(`INSERT INTO "${info.table}" (id, rev, body) VALUES (?, 1, ?)`)
      .run(id, toStored(doc));
    return id;
  }

  /** Replaces a row's document and counts the write in its `rev`. */
  writeRow(info: CollectionInfo, row: Row, doc: Doc): void {
    this.checkUnique(info, doc);
    this.markMultikey(info, doc);
    this.rows.beforeChange?.(info, row.id, row);
    this.statements
      .get(`UPDATE "${info.table}" SET body = ?, rev = rev + 1 WHERE seq = ?`)
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
      const clash = this.statements
        .get(`SELECT id FROM "${info.table}" WHERE ${where} AND id <> ? LIMIT 1`)
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
}

export function duplicate(collName: string, index: string, key: Doc): CloudBaseError {
  return new CloudBaseError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collName} index: ${index} dup key: ${JSON.stringify(key)}`,
  );
}
