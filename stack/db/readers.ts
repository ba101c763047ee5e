import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Params } from '../admin-api';
import { CloudBaseError } from '../errors';
import type { ReadAnswer, ReadJob } from './reader-worker';

/**
 * Readers: the admin API's reads outside transactions (find, count, aggregate), each run on a
 * worker thread with a read-only connection of its own (reader-worker.ts), so that a long read —
 * an office aggregation over 150,000 cases — holds neither the request thread nor the writes.
 * SQLite's WAL lets every reader keep its snapshot while the one writer (the request thread)
 * commits; a read sees every write answered before it was asked.
 *
 * Limits: at most `size` reads at once, the rest wait their turn in order; a read still unanswered
 * `timeoutMs` after its reader took it up is abandoned — its reader is stopped and replaced — and
 * answered `DATABASE_TIMEOUT`, having changed nothing; a read whose reader runs out of its
 * `memoryMb` heap is answered `DATABASE_REQUEST_FAILED` and its reader replaced.
 */

export interface ReadersOptions {
  /** The stack's database file (WAL). */
  file: string;
  /** Reads at once, each on its own thread (default 2). */
  size?: number;
  /** How long a read may run on its reader before it is abandoned (default 9.5 s, within the 10 s the functions' SDK waits). */
  timeoutMs?: number;
  /** Each reader's heap limit (default 384 MB). */
  memoryMb?: number;
  /**
   * The readers' scheduling priority, as a nice value (default 0; higher yields the cores sooner):
   * a lane of long aggregations runs below the request thread, so the cores go to submissions first.
   */
  nice?: number;
}

interface Pending {
  id: number;
  params: Params;
  resolve: (value: unknown) => void;
  reject: (error: CloudBaseError) => void;
  timer?: NodeJS.Timeout;
  reader?: Reader;
}

interface Reader {
  worker: Worker;
  ready: Promise<void>;
  job: Pending | null;
}

/**
 * The worker's source is TypeScript, like the rest of the stack: the thread registers tsx (already
 * how `npm start` runs) before loading it.
 */
const BOOT = `require('tsx/cjs/api').register(); require(require('node:worker_threads').workerData.entry);`;

export class Readers {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly memoryMb: number;
  private readonly readers: Reader[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ReadersOptions) {
    this.size = Math.max(1, options.size ?? 2);
    this.timeoutMs = options.timeoutMs ?? 9500;
    this.memoryMb = options.memoryMb ?? 384;
  }

  /** Reads being answered or waiting. */
  get inFlight(): number {
    return this.queue.length + this.readers.filter((r) => r.job).length;
  }

  /** Answers one read action (its params as the admin API received them). */
  run(params: Params): Promise<unknown> {
    if (this.closed) return Promise.reject(new CloudBaseError('SYS_ERR', 'the stack is closing'));
    return new Promise((resolve, reject) => {
      const job: Pending = {
        id: this.nextId++,
        params,
        resolve,
        reject,
      };
      this.queue.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      this.fail(job, new CloudBaseError('SYS_ERR', 'the stack is closing'));
    await Promise.all(this.readers.splice(0).map((r) => r.worker.terminate()));
  }

  private dispatch(): void {
    // The first read starts every reader of the lane, and a stopped one is replaced at once (drop),
    // so a read seldom waits for a thread to boot (loading the store's code takes a second or two).
    while (this.readers.length < this.size) this.spawn();
    while (this.queue.length > 0) {
      let reader = this.readers.find((r) => !r.job);
      if (!reader && this.readers.length < this.size) reader = this.spawn();
      if (!reader) return;
      const job = this.queue.shift() as Pending;
      reader.job = job;
      job.reader = reader;
      const ready = reader;
      void ready.ready.then(() => {
        if (ready.job !== job) return;
        job.timer = setTimeout(() => this.expire(job), this.timeoutMs);
        ready.worker.postMessage({ id: job.id, params: job.params } satisfies ReadJob);
      });
    }
  }

  private spawn(): Reader {
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: {
        entry: join(__dirname, 'reader-worker.ts'),
        file: this.options.file,
        nice: this.options.nice ?? 0,
      },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb },
    });
    let started: () => void = () => undefined;
    const reader: Reader = { worker, job: null, ready: new Promise<void>((r) => (started = r)) };
    worker.on('message', (message: ReadAnswer | { ready: true }) => {
      if ('ready' in message) return started();
      const job = reader.job;
      if (!job || job.id !== message.id) return;
      reader.job = null;
      if (job.timer) clearTimeout(job.timer);
      if (message.ok) job.resolve(message.result);
      else job.reject(new CloudBaseError(message.code, message.message));
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const job = reader.job;
      this.drop(reader);
      if (job) {
        const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        this.fail(
          job,
          new CloudBaseError(
            'DATABASE_REQUEST_FAILED',
            outOfMemory
              ? `the read needs more than ${this.memoryMb} MB; narrow it (a $match on indexed fields, a $group)`
              : `the read failed: ${error.message}`,
          ),
        );
      }
      this.dispatch();
    });
    worker.unref();
    this.readers.push(reader);
    return reader;
  }

  /** A read that took too long: its reader is stopped (a read changes nothing) and replaced. */
  private expire(job: Pending): void {
    const reader = job.reader;
    if (reader && reader.job === job) {
      this.drop(reader);
      void reader.worker.terminate();
    }
    this.fail(
      job,
      new CloudBaseError(
        'DATABASE_TIMEOUT',
        `the read took longer than ${this.timeoutMs} ms and was stopped; nothing was changed`,
      ),
    );
    this.dispatch();
  }

  /** A reader stopped or failed: it is replaced at once (dispatch then finds it booting). */
  private drop(reader: Reader): void {
    reader.job = null;
    const index = this.readers.indexOf(reader);
    if (index >= 0) this.readers.splice(index, 1);
    if (!this.closed && this.readers.length < this.size) this.spawn();
  }

  private fail(job: Pending, error: CloudBaseError): void {
    if (job.timer) clearTimeout(job.timer);
    job.reject(error);
  }
}
