import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { readActions, type Params, type ReadAction } from '../admin-api';
import { CloudBaseError } from '../errors';
import { DocumentStore } from './store';

/**
 * One reader (readers.ts): a read-only connection to the stack's database on a thread of its own,
 * answering the admin API's reads with the same code the request thread would run, each in one
 * SQLite read transaction (a snapshot, while the writer goes on).
 */

export interface ReadJob {
  id: number;
  params: Params;
}

export type ReadAnswer =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; code: CloudBaseError['code']; message: string };

const { file, nice } = workerData as { file: string; nice: number };
// On Linux a nice value set from a thread applies to that thread alone: this reader, not the stack.
if (nice) {
  try {
    setPriority(nice);
  } catch {
    // Not permitted here: the reader runs at the stack's priority.
  }
}
const store = new DocumentStore(file, Date.now, { readOnly: true });
const handlers = readActions(store);
const port = parentPort;

port?.on('message', (job: ReadJob) => {
  let answer: ReadAnswer;
  try {
    const handler = handlers[job.params.action as ReadAction];
    if (!handler) throw new CloudBaseError('INVALID_ACTION', `not a read: ${String(job.params.action)}`);
    answer = { id: job.id, ok: true, result: store.snapshot(() => handler(job.params)) };
  } catch (error) {
    answer =
      error instanceof CloudBaseError
        ? { id: job.id, ok: false, code: error.code, message: error.message }
        : {
            id: job.id,
            ok: false,
            code: 'DATABASE_REQUEST_FAILED',
            message: (error as Error).message ?? 'read failed',
          };
  }
  port.postMessage(answer);
});

port?.postMessage({ ready: true });
