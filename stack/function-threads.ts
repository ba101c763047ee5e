import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CloudBaseError } from './errors';
import type { FunctionAnswer, FunctionCall } from './function-worker';

/**
 * Function threads: the project's functions run on threads of their own (function-worker.ts), as
 * CloudBase runs them in instances apart from its database, so their work — the function's code,
 * its SDK building and signing requests and reading the answers — is not done on the thread that
 * serves those requests. Each thread takes many calls at once, as one warm instance does; a call
 * goes to the thread with the fewest in hand. The threads start with the first call, with the
 * environment variables as they are then (the SDK finds the stack through them).
 *
 * A thread that dies (an exception no call caught) fails the calls it held and is replaced.
 */

const BOOT = `require('tsx/cjs/api').register(); require(require('node:worker_threads').workerData.entry);`;

interface Thread {
  worker: Worker;
  ready: Promise<void>;
  /** The functions it has loaded (or is loading). */
  loaded: Map<string, Promise<void>>;
  calls: Map<
    number,
    { name: string; resolve: (json: string) => void; reject: (error: CloudBaseError) => void }
  >;
}

export class FunctionThreads {
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly size: number,
  ) {}

  /**
   * Resolves once every thread has booted and loaded function `name` (started now if need be): a
   * call's time limit runs from then, as a CloudBase instance's cold start is not the function's
   * time, and as on the request thread, where the module is loaded before the clock starts.
   */
  async loaded(name: string): Promise<void> {
    while (!this.closed && this.threads.length < this.size) this.spawn();
    await Promise.all(
      this.threads.map((thread) => {
        let loading = thread.loaded.get(name);
        if (!loading) {
          const call = { id: this.nextId++, name, event: null, context: {}, load: true } as const;
          // A module that fails to load is tried again at the next call, as on the request thread.
          loading = this.post(thread, call).then(
            () => undefined,
            (error: unknown) => {
              thread.loaded.delete(name);
              throw error;
            },
          );
          thread.loaded.set(name, loading);
        }
        return loading;
      }),
    );
  }

  /** Runs `main(event, context)` of function `name` on a thread; its answer as JSON text. */
  run(name: string, event: unknown, context: Record<string, unknown>): Promise<string> {
    if (this.closed) return Promise.reject(new CloudBaseError('SYS_ERR', 'the stack is closing'));
    while (this.threads.length < this.size) this.spawn();
    const thread = this.threads.reduce((a, b) => (b.calls.size < a.calls.size ? b : a));
    return this.post(thread, { id: this.nextId++, name, event, context });
  }

  private post(thread: Thread, call: FunctionCall): Promise<string> {
    return new Promise((resolve, reject) => {
      thread.calls.set(call.id, { name: call.name, resolve, reject });
      void thread.ready.then(() => thread.worker.postMessage(call));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
  }

  private spawn(): Thread {
    const worker = new Worker(BOOT, {
      eval: true,
      // The environment as the stack set it by the first call (the SDK finds the stack through it).
      env: { ...process.env },
      workerData: { entry: join(__dirname, 'function-worker.ts'), dir: this.dir },
    });
    let started: () => void = () => undefined;
    const thread: Thread = {
      worker,
      loaded: new Map(),
      calls: new Map(),
      ready: new Promise<void>((r) => (started = r)),
    };
    worker.on('message', (message: FunctionAnswer | { ready: true }) => {
      if ('ready' in message) return started();
      const call = thread.calls.get(message.id);
      if (!call) return;
      thread.calls.delete(message.id);
      if (message.ok) call.resolve(message.json);
      else
        call.reject(
          new CloudBaseError(
            'FUNCTIONS_EXECUTE_FAIL',
            message.noMain
              ? `function ${call.name} does not export main`
              : `functions execute fail | ${message.detail}`,
          ),
        );
    });
    worker.on('error', (error) => {
      console.error('[stack] a function thread stopped', error);
      this.drop(thread, `functions execute fail | ${error.name}: ${error.message}`);
    });
    worker.on('exit', () => this.drop(thread, 'functions execute fail | the function thread stopped'));
    worker.unref();
    this.threads.push(thread);
    return thread;
  }

  private drop(thread: Thread, message: string): void {
    const index = this.threads.indexOf(thread);
    if (index >= 0) this.threads.splice(index, 1);
    for (const call of thread.calls.values())
      call.reject(new CloudBaseError('FUNCTIONS_EXECUTE_FAIL', message));
    thread.calls.clear();
  }
}
