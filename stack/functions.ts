import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CloudBaseError } from './errors';
import { FunctionThreads } from './function-threads';

/**
 * Runs the project's cloud functions in-process, as CloudBase would run them: `main(event, context)`
 * with the caller's WeChat identity in `context.environment`, a time limit, and errors reported with
 * CloudBase's codes. The function code is the same that is deployed; only the environment differs.
 */

/**
 * The one field of the context CloudBase does not have: the stack's clock (clock.ts) when the call
 * started, in milliseconds. Functions read it through cloudfunctions/_lib/clock.ts; in CloudBase it is
 * absent and they take real time.
 */
export const STACK_NOW_FIELD = 'local_stack_now_ms';

export type FunctionMain = (event: unknown, context: Record<string, unknown>) => unknown;

export interface Invocation {
  name: string;
  event: unknown;
  /** Present when a mini-program user is calling (wx.cloud.callFunction); absent for admin calls. */
  openid?: string;
}

export interface FunctionRuntimeOptions {
  dir: string;
  envId: string;
  appid: string;
  timeoutMs: number;
  /** The stack's clock, passed to every call as STACK_NOW_FIELD. */
  clock?: () => number;
  /**
   * Run the functions on this many threads of their own (function-threads.ts), as CloudBase runs
   * them apart from its database; 0 (the default) runs them in the stack's own thread.
   */
  threads?: number;
}

export class FunctionRuntime {
  private readonly cache = new Map<string, FunctionMain>();
  private readonly threads: FunctionThreads | null;
  /** Functions found to exist (when they run on threads, their code is loaded there). */
  private readonly known = new Set<string>();

  constructor(private readonly options: FunctionRuntimeOptions) {
    this.threads = options.threads ? new FunctionThreads(options.dir, options.threads) : null;
  }

  /** Stops the function threads, if any (calls still running on them fail). */
  async close(): Promise<void> {
    await this.threads?.close();
  }

  /** Whether `name` is a function there is: FUNCTION_NOT_FOUND otherwise. */
  private check(name: string): void {
    if (!/^[a-z][a-z0-9_-]*$/.test(name) || !this.list().includes(name)) {
      throw new CloudBaseError('FUNCTION_NOT_FOUND', `function not found: ${name}`);
    }
  }

  /** Function names: the folders of the functions directory that have an index and no leading underscore. */
  list(): string[] {
    if (!existsSync(this.options.dir)) return [];
    return readdirSync(this.options.dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
      .filter((d) => ['index.ts', 'index.js'].some((f) => existsSync(join(this.options.dir, d.name, f))))
      .map((d) => d.name)
      .sort();
  }

  private load(name: string): FunctionMain {
    const cached = this.cache.get(name);
    if (cached) return cached;
    this.check(name);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(this.options.dir, name)) as { main?: FunctionMain };
    if (typeof mod.main !== 'function') {
      throw new CloudBaseError('FUNCTIONS_EXECUTE_FAIL', `function ${name} does not export main`);
    }
    this.cache.set(name, mod.main);
    return mod.main;
  }

  async invoke({ name, event, openid }: Invocation): Promise<unknown> {
    const threads = this.threads;
    let run: (event: unknown, context: Record<string, unknown>) => unknown;
    if (threads) {
      if (!this.known.has(name)) {
        this.check(name);
        this.known.add(name);
      }
      run = async (e, c) => JSON.parse(await threads.run(name, e, c)) as unknown;
      await threads.loaded(name);
    } else run = this.load(name);
    const requestId = randomUUID();
    const wx = openid ? { WX_OPENID: openid, WX_APPID: this.options.appid, WX_UNIONID: '' } : {};
    const context = {
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      namespace: this.options.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: this.options.timeoutMs,
      environment: JSON.stringify({
        ...wx,
        WX_CONTEXT_KEYS: openid ? 'WX_OPENID,WX_APPID,WX_UNIONID' : '',
        TCB_ENV: this.options.envId,
        SCF_NAMESPACE: this.options.envId,
      }),
      [STACK_NOW_FIELD]: (this.options.clock ?? Date.now)(),
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new CloudBaseError(
              'FUNCTIONS_TIME_LIMIT_EXCEEDED',
              `function ${name} timed out after ${this.options.timeoutMs} ms`,
            ),
          ),
        this.options.timeoutMs,
      );
    });
    try {
      return await Promise.race([Promise.resolve().then(() => run(event, context)), timeout]);
    } catch (error) {
      if (error instanceof CloudBaseError) throw error;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      console.error(`[stack] function ${name} (${requestId}) failed`, error);
      throw new CloudBaseError('FUNCTIONS_EXECUTE_FAIL', `functions execute fail | ${message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
