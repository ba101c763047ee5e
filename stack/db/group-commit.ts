import { closeSync, fstatSync, fsyncSync, openSync, statSync } from 'node:fs';

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
 */
/** The WAL is copied into the database once it passes this size, at most once per interval. */
const CHECKPOINT_BYTES = 16 * 1024 * 1024;
const CHECKPOINT_EVERY_MS = 1000;

export class GroupCommit {
  private fd: number | null = null;
  private ino = -1;
  private waiting: Array<() => void> = [];
  private scheduled = false;

  private lastCheckpoint = 0;

  constructor(
    private readonly walFile: string,
    /** Copies the WAL into the database as far as readers allow (PRAGMA wal_checkpoint(PASSIVE)). */
    private readonly checkpoint: () => void,
  ) {}

  durable(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (this.scheduled) return;
      this.scheduled = true;
      // After the requests already read in this turn have made their commits, so they share it.
      setImmediate(() => this.flush());
    });
  }

  /** Puts every commit made so far on the disk and answers whoever waits for it. */
  flush(): void {
    this.scheduled = false;
    const waiting = this.waiting;
    this.waiting = [];
    const size = this.sync();
    for (const resolve of waiting) resolve();
    // The store checkpoints here rather than in its commits (its own wait until 64 MB): SQLite's own
    // would try at every commit once the WAL passes 4 MB, and with readers holding snapshots most of
    // those tries copy a little and sync the database file again, a millisecond or more per write.
    const now = Date.now();
    if (size > CHECKPOINT_BYTES && now - this.lastCheckpoint >= CHECKPOINT_EVERY_MS) {
      this.lastCheckpoint = now;
      this.checkpoint();
    }
  }

  /** fsyncs the WAL; answers its size. */
  private sync(): number {
    let ino: number;
    let size: number;
    try {
      ({ ino, size } = statSync(this.walFile));
    } catch {
      return 0; // no WAL yet (nothing written) or none any more (the store is closed): nothing to sync
    }
    if (this.fd !== null && ino !== this.ino) {
      closeSync(this.fd);
      this.fd = null;
    }
    if (this.fd === null) {
      this.fd = openSync(this.walFile, 'r');
      this.ino = fstatSync(this.fd).ino;
    }
    fsyncSync(this.fd);
    return size;
  }

  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
