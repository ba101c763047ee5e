import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CloudBaseError } from './errors';

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
}

export class FunctionRuntime {
  private readonly cache = new Map<string, FunctionMain>();

  constructor(private readonly options: FunctionRuntimeOptions) {}

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
    if (!/^[a-z][a-z0-9_-]*$/.test(name) || !this.list().includes(name)) {
      throw new CloudBaseError('FUNCTION_NOT_FOUND', `function not found: ${name}`);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(this.options.dir, name)) as { main?: FunctionMain };
    if (typeof mod.main !== 'function') {
      throw new CloudBaseError('FUNCTIONS_EXECUTE_FAIL', `function ${name} does not export main`);
    }
    this.cache.set(name, mod.main);
    return mod.main;
  }

  async invoke({ name, event, openid }: Invocation): Promise<unknown> {
    const main = this.load(name);
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
      return await Promise.race([Promise.resolve().then(() => main(event, context)), timeout]);
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
