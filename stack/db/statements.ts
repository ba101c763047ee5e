import type Database from 'better-sqlite3';

/** Statements kept per connection; past this the oldest goes (reads of `$in` lists vary in length). */
const MAX_STATEMENTS = 1000;

/**
 * Prepared statements by SQL text, one cache per connection: preparing costs more than running
 * most of the store's statements, reads through an index included.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      if (this.statements.size >= MAX_STATEMENTS) {
        this.statements.delete(this.statements.keys().next().value as string);
      }
      this.statements.set(text, statement);
    }
    return statement;
  }

  /**
   * A statement to read rows through an iterator: the cached one, or a new one while an open
   * iterator holds it (a statement runs once at a time). Every such iterator must be run to its
   * end or closed (`return()`, as for...of does on break or throw): a cached statement left open
   * would hold its read snapshot for good, and the WAL could no longer be checkpointed past it.
   */
  iterable(text: string): Database.Statement {
    const statement = this.get(text);
    return statement.busy ? this.db.prepare(text) : statement;
  }

  /** Statements name tables: after a table is dropped (or the connection closed) none may linger. */
  clear(): void {
    this.statements.clear();
  }
}
