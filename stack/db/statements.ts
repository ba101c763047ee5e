import type Database from 'better-sqlite3';

/**
 * Prepared statements by SQL text, one cache per connection: preparing costs more than running
 * most of the store's statements. Rows read through an iterator are prepared where they are read
 * instead, since a statement with an open iterator cannot run again until the iterator closes.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Statements name tables: after a table is dropped (or the connection closed) none may linger. */
  clear(): void {
    this.statements.clear();
  }
}
