import type Database from 'better-sqlite3';
import { CloudBaseError, invalidParam } from '../errors';
import type { Catalog, CollectionInfo } from './catalog';
import { fromStored, toStored, type Doc } from './codec';
import { getPath, pathTouchesArray } from './paths';
import {
  isIndexableField,
  keyExpression,
  KIND,
  kindOf,
  planFilter,
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

/** Bumped when the SQL behind an index changes, so that ensure() rebuilds indexes of older databases. */
const LAYOUT = 2;

type StoredIndex = IndexState & { layout?: number };

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
    const existing = info.indexes.find((i) => i.name === spec.name) as StoredIndex | undefined;
    if (existing && existing.layout === LAYOUT && sameSpec(existing, spec)) return;
    const kinds = spec.keys.map(() => 0);
    const state: StoredIndex = {
      name: spec.name,
      keys: spec.keys,
      ...(spec.unique ? { unique: true } : {}),
      multikey: false,
      kinds,
      layout: LAYOUT,
    };
    this.db.transaction(() => {
      if (existing) this.rows.multikey.drop(info, existing);
      this.db.exec(`DROP INDEX IF EXISTS "${sqlIndexName(info, spec.name)}"`);
      for (const row of this.rows.all(info)) {
        const doc = fromStored(row.body);
        state.keys.forEach(([field], i) => {
          if (pathTouchesArray(doc, field)) state.multikey = true;
          else kinds[i] |= kindOf(getPath(doc, field));
        });
      }
      info.indexes = [...info.indexes.filter((i) => i.name !== spec.name), state];
      if (state.multikey) this.rows.multikey.build(info, state);
      else this.createSqlIndex(info, state);
      this.persist(info, state);
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
    const info = this.catalog.get(collName);
    const plan = planFilter(filter, info.indexes, info.table);
    return { index: plan?.index ?? null };
  }

  /** Inserts a new document; its `_id` and unique keys must be free. Returns its id. */
  insertRow(info: CollectionInfo, doc: Doc): string {
    const id = String(doc._id);
    if (this.rows.byId(info, id)) throw duplicate(info.name, '_id_', { _id: doc._id });
    this.checkUnique(info, doc);
    this.noteValues(info, doc);
    this.rows.beforeChange?.(info, id, undefined);
    const { lastInsertRowid } = this.statements
      .get(`INSERT INTO "${info.table}" (id, rev, body) VALUES (?, 1, ?)`)
      .run(id, toStored(doc));
    this.rows.multikey.write(info, Number(lastInsertRowid), doc);
    return id;
  }

  /** Replaces a row's document and counts the write in its `rev`. */
  writeRow(info: CollectionInfo, row: Row, doc: Doc): void {
    this.checkUnique(info, doc);
    this.noteValues(info, doc);
    this.rows.beforeChange?.(info, row.id, row);
    this.statements
      .get(`UPDATE "${info.table}" SET body = ?, rev = rev + 1 WHERE seq = ?`)
      .run(toStored(doc), row.seq);
    this.rows.multikey.write(info, row.seq, doc);
  }

  /**
   * Notes what a document holds at each index's paths before it is written: the kinds of value
   * (whether SQL can order the path, planner.ts orderFor), and arrays, which turn the index
   * multikey: its expression index is dropped and its entries move to a side table (multikey.ts).
   */
  private noteValues(info: CollectionInfo, doc: Doc): void {
    for (const index of info.indexes) {
      let changed = false;
      const kinds = index.kinds ?? index.keys.map(() => KIND.other);
      index.keys.forEach(([field], i) => {
        if (index.multikey) return;
        if (pathTouchesArray(doc, field)) {
          index.multikey = true;
          changed = true;
          return;
        }
        const kind = kindOf(getPath(doc, field));
        if ((kinds[i] | kind) !== kinds[i]) {
          kinds[i] |= kind;
          changed = true;
        }
      });
      if (!changed) continue;
      index.kinds = kinds;
      if (index.multikey) {
        this.db.exec(`DROP INDEX IF EXISTS "${sqlIndexName(info, index.name)}"`);
        this.statements.clear();
        this.rows.multikey.build(info, index);
      }
      this.persist(info, index);
    }
  }

  private createSqlIndex(info: CollectionInfo, index: IndexState): void {
    const columns = index.keys
      .map(([field, dir]) => `${keyExpression(field)} ${dir === -1 ? 'DESC' : 'ASC'}`)
      .join(', ');
    this.db.exec(`CREATE INDEX "${sqlIndexName(info, index.name)}" ON "${info.table}" (${columns})`);
  }

  private persist(info: CollectionInfo, index: IndexState): void {
    const { multikey, ...spec } = index;
    this.statements
      .get('INSERT OR REPLACE INTO _indexes (coll, name, spec, multikey) VALUES (?, ?, ?, ?)')
      .run(info.name, index.name, JSON.stringify(spec), multikey ? 1 : 0);
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
}

function sameSpec(a: IndexSpec, b: IndexSpec): boolean {
  return JSON.stringify(a.keys) === JSON.stringify(b.keys) && Boolean(a.unique) === Boolean(b.unique);
}

function sqlIndexName(info: CollectionInfo, name: string): string {
  return `${info.table}__${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

export function duplicate(collName: string, index: string, key: Doc): CloudBaseError {
  return new CloudBaseError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collName} index: ${index} dup key: ${JSON.stringify(key)}`,
  );
}
