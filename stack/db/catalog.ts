import type Database from 'better-sqlite3';
import { CloudBaseError, invalidParam } from '../errors';
import { sideTable, type IndexSpec, type IndexState } from './planner';
import type { StatementCache } from './statements';

/**
 * The catalog: which collections exist, the SQLite table behind each, and its declared indexes.
 * It lives in `_collections` and `_indexes` and is mirrored in memory, so every request can find
 * its table and plan its query without reading the catalog tables again.
 */

export interface CollectionInfo {
  name: string;
  table: string;
  indexes: IndexState[];
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export class Catalog {
  private readonly collections = new Map<string, CollectionInfo>();

  constructor(
    private readonly db: Database.Database,
    private readonly statements: StatementCache,
    private readonly clock: () => number,
  ) {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, tbl TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS _indexes (coll TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL,
        multikey INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (coll, name));
    `);
    this.load();
  }

  /**
   * Reads the catalog again: a read-only connection (readers.ts) does so whenever another
   * connection has committed since, so it sees collections and indexes created meanwhile.
   */
  reload(): void {
    this.load();
  }

  private load(): void {
    this.collections.clear();
    const rows = this.statements.get('SELECT name, tbl FROM _collections').all() as Array<{
      name: string;
      tbl: string;
    }>;
    for (const row of rows) this.collections.set(row.name, { name: row.name, table: row.tbl, indexes: [] });
    const indexes = this.statements.get('SELECT coll, spec, multikey FROM _indexes').all() as Array<{
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

  list(): string[] {
    return [...this.collections.keys()].sort();
  }

  has(name: string): boolean {
    return this.collections.has(name);
  }

  /** The collection's entry, or CloudBase's error for a collection that was never created. */
  get(name: string): CollectionInfo {
    const info = this.collections.get(name);
    if (!info) throw new CloudBaseError('DATABASE_COLLECTION_NOT_EXIST', `collection not exists: ${name}`);
    return info;
  }

  create(name: string): void {
    if (!COLLECTION_NAME.test(name)) {
      throw invalidParam(`invalid collection name: ${name} (letters, digits, _ and -, at most 64)`);
    }
    if (this.collections.has(name)) {
      throw new CloudBaseError('DATABASE_COLLECTION_ALREADY_EXIST', `collection already exists: ${name}`);
    }
    const tx = this.db.transaction(() => {
      const next = (this.statements.get('SELECT COUNT(*) AS n FROM _collections').get() as { n: number }).n;
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

  drop(name: string): void {
    const info = this.get(name);
    this.db.transaction(() => {
      this.db.exec(`DROP TABLE "${info.table}"`);
      // A later collection may be given the same table name: no multikey entries may outlive it.
      for (const index of info.indexes)
        this.db.exec(`DROP TABLE IF EXISTS "${sideTable(info.table, index.name)}"`);
      this.statements.get('DELETE FROM _collections WHERE name = ?').run(name);
      this.statements.get('DELETE FROM _indexes WHERE coll = ?').run(name);
    })();
    this.collections.delete(name);
    this.statements.clear();
  }

  private tableExists(table: string): boolean {
    return (
      this.statements.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !==
      undefined
    );
  }
}
