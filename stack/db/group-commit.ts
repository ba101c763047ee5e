import { closeSync, fstatSync, fsync, fsyncSync, openSync, statSync } from 'node:fs';

/**
 * Group commit: the store commits with synchronous=NORMAL (SQLite writes each commit to the WAL
 * without waiting for the disk), and a write is answered only once `durable()` resolves, after one
 * fsync of the WAL has put it — and every commit before it — on the disk. The writes answered in one
 * turn of the event loop share that fsync, where synchronous=FULL spends one per commit. An answered
 * write survives a crash or power loss either way; a write not yet answered may not (its client
 * never heard it was stored). SQLite itself syncs the WAL before a checkpoint copies it into the
 * database, and the database after.
 *
 * On Linux an fsync flushes the file, whichever descriptor wrote it: this one only reads.
 * The fsync runs on libuv's threads, so the request thread goes on serving meanwhile.
 */
/** The WAL is copied into the database once it passes this size, at most once per interval. */
const CHECKPOINT_BYTES = 16 * 1024 * 1024;
const CHECKPOINT_EVERY_MS = 1000;
/**
 * How often the WAL's file is looked at again (its size, for the checkpoint; whether SQLite made it
 * anew): SQLite keeps the file while the writer's connection is open, so between looks the open
 * descriptor stays the one to sync.
 */
const STAT_EVERY_MS = 1000;

export class GroupCommit {
  private fd: number | null = null;
  private ino = -1;
  /** Waiting for the next fsync (their commits are made). */
  private waiting: Array<() => void> = [];
  /** Waiting for the running fsync, which covers every commit they made. */
  private riding: Array<() => void> = [];
  /** The connection's count of changed rows that the last finished fsync covers, and the running one. */
  private onDisk: number;
  private inFlight = -1;
  private scheduled = false;
  /** An fsync is running (on libuv's threads): whoever comes now waits for the next. */
  private syncing = false;
  private closed = false;
  private lastCheckpoint = 0;
  /** When the WAL's file was last looked at, and its size then. */
  private lastStat = -Infinity;
  private size = 0;

  constructor(
    private readonly walFile: string,
    /** Copies the WAL into the database as far as readers allow (PRAGMA wal_checkpoint(PASSIVE)). */
    private readonly checkpoint: () => void,
    /**
     * Rows the writing connection has changed so far (SQLite's total_changes()): every commit
     * changes a row (a collection or index made is a row of the catalog), so while it stays as the
     * last fsync left it, there is nothing to put on the disk.
     */
    private readonly changes: () => number,
  ) {
    this.onDisk = changes();
  }

  /**
   * Resolves once every commit made so far is on the disk: at once when no commit was made since
   * the last fsync, with the running fsync when it covers them all, or after the next one.
   */
  durable(): Promise<void> {
    const changed = this.changes();
    if (changed === this.onDisk || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.syncing && changed === this.inFlight) return void this.riding.push(resolve);
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.syncing || this.closed) return;
    this.scheduled = true;
    // After the requests already read in this turn have made their commits, so they share it.
    setImmediate(() => this.start());
  }

  /**
   * One fsync for every commit made so far, off the request thread: the stack goes on answering
   * reads and committing writes meanwhile, and those writes wait for the next fsync.
   */
  private start(): void {
    this.scheduled = false;
    if (this.closed || this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    const covered = this.changes();
    const target = this.open();
    if (!target) {
      this.onDisk = covered;
      for (const resolve of batch) resolve();
      return;
    }
    this.syncing = true;
    this.inFlight = covered;
    fsync(target.fd, (error) => {
      this.syncing = false;
      if (error) throw error; // the disk refused: nothing may be answered as stored
      this.onDisk = covered;
      const riding = this.riding;
      this.riding = [];
      for (const resolve of batch) resolve();
      for (const resolve of riding) resolve();
      if (this.closed) return this.release();
      this.maybeCheckpoint(target.size);
      if (this.waiting.length > 0) this.schedule();
    });
  }

  /**
   * The store checkpoints here rather than in its commits (SQLite's own waits until 64 MB): SQLite
   * would try at every commit once the WAL passes 4 MB, and with readers holding snapshots most of
   * those tries copy a little and sync the database file again, a millisecond or more per write.
   */
  private maybeCheckpoint(size: number): void {
    const now = Date.now();
    if (size > CHECKPOINT_BYTES && now - this.lastCheckpoint >= CHECKPOINT_EVERY_MS) {
      this.lastCheckpoint = now;
      this.checkpoint();
    }
  }

  /**
   * The WAL's descriptor and size, reopened if SQLite made it anew; null when there is none. The
   * file is looked at once a STAT_EVERY_MS (and whenever asked, `fresh`), not at every fsync.
   */
  private open(fresh = false): { fd: number; size: number } | null {
    const now = Date.now();
    if (this.fd !== null && !fresh && now - this.lastStat < STAT_EVERY_MS) {
      return { fd: this.fd, size: this.size };
    }
    let ino: number;
    let size: number;
    try {
      ({ ino, size } = statSync(this.walFile));
    } catch {
      return null; // no WAL yet (nothing written) or none any more: nothing to sync
    }
    this.lastStat = now;
    this.size = size;
    if (this.fd !== null && ino !== this.ino) {
      closeSync(this.fd);
      this.fd = null;
    }
    if (this.fd === null) {
      this.fd = openSync(this.walFile, 'r');
      this.ino = fstatSync(this.fd).ino;
    }
    return { fd: this.fd, size };
  }

  /** Before the store closes: every commit on the disk, everyone answered, now. */
  close(): void {
    this.closed = true;
    const target = this.open(true);
    if (target) fsyncSync(target.fd);
    const waiting = [...this.waiting, ...this.riding];
    this.waiting = [];
    this.riding = [];
    for (const resolve of waiting) resolve();
    if (!this.syncing) this.release();
  }

  private release(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
