import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import type { FunctionMain } from './functions';

/**
 * One function thread (function-threads.ts): loads the project's functions as CloudBase loads them
 * into an instance, once, and runs each call it is handed. What a function answers crosses back as
 * JSON, as it does from a CloudBase instance.
 */

export interface FunctionCall {
  id: number;
  name: string;
  event: unknown;
  context: Record<string, unknown>;
  /** Only load the function's module (before its first call's time limit starts). */
  load?: true;
}

export type FunctionAnswer =
  | { id: number; ok: true; json: string }
  /** `detail`: what failed, as `TypeError: boom`; `noMain`: the module exports no main. */
  | { id: number; ok: false; noMain?: true; detail: string };

const { dir } = workerData as { dir: string };
const mains = new Map<string, FunctionMain | null>();

function load(name: string): FunctionMain | null {
  if (!mains.has(name)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(dir, name)) as { main?: unknown };
    mains.set(name, typeof mod.main === 'function' ? (mod.main as FunctionMain) : null);
  }
  return mains.get(name) ?? null;
}

const port = parentPort;
if (!port) throw new Error('function-worker.ts runs as a worker thread');

port.on('message', (call: FunctionCall) => {
  void (async (): Promise<FunctionAnswer> => {
    try {
      const main = load(call.name);
      if (call.load) return { id: call.id, ok: true, json: 'null' };
      if (!main) return { id: call.id, ok: false, noMain: true, detail: '' };
      const result = await main(call.event, call.context);
      return { id: call.id, ok: true, json: JSON.stringify(result ?? null) ?? 'null' };
    } catch (error) {
      console.error(`[stack] function ${call.name} (${String(call.context.request_id)}) failed`, error);
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { id: call.id, ok: false, detail };
    }
  })().then((answer) => port.postMessage(answer));
});
port.postMessage({ ready: true });
