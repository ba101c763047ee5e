import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { clockFromCommandLine } from './clock';
import { startProjectStack } from './project';

/**
 * `npm start`: the whole product on one machine, no cloud account.
 *   PORT (default 3000), DATA_DIR (default .data), --reset (start from empty data),
 *   --now <time> or STACK_NOW (start the stack's clock there), --frozen or STACK_FROZEN=1 (and keep it there),
 *   STACK_FUNCTION_THREADS (default 1: the functions run on a thread apart from the one serving requests; 0: on it).
 *   `npm run stack:reset` wipes the data and exits.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  const argv = process.argv.slice(2);
  const args = new Set(argv);
  const clock = clockFromCommandLine(argv, process.env);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  if (args.has('--reset') || args.has('--reset-only')) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`reset: removed ${dataDir}`);
    if (args.has('--reset-only')) return;
  }
  const functionThreads = Number(process.env.STACK_FUNCTION_THREADS ?? 1);
  if (!Number.isInteger(functionThreads) || functionThreads < 0)
    throw new Error(`STACK_FUNCTION_THREADS must be 0 or more, got ${process.env.STACK_FUNCTION_THREADS}`);
  const stack = await startProjectStack({ port, dataDir, runTimers: true, clock, functionThreads });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: shutting down`);
    stack.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Before "ready", which is what scripts wait for: by then everything about the start is said.
  if (clock) {
    const { chinaTime, mode } = stack.clock.state();
    console.log(`clock: ${chinaTime} China time, ${mode} (PUT /local/clock to change it)`);
  }
  console.log(`local CloudBase stack ready at ${stack.url}`);
  console.log(`  admin API (for @cloudbase/node-sdk serviceUrl): ${stack.url}/admin`);
  console.log(`  mini-program calls: POST ${stack.url}/wx/callFunction (header X-WX-OPENID)`);
  console.log(`  functions: ${stack.functions.list().join(', ')}  data: ${dataDir}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
