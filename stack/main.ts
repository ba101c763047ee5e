import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startProjectStack } from './project';

/**
 * `npm start`: the whole product on one machine, no cloud account.
 *   PORT (default 3000), DATA_DIR (default .data), --reset (start from empty data).
 *   `npm run stack:reset` wipes the data and exits.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  const args = new Set(process.argv.slice(2));
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  if (args.has('--reset') || args.has('--reset-only')) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`reset: removed ${dataDir}`);
    if (args.has('--reset-only')) return;
  }
  const stack = await startProjectStack({ port, dataDir, runTimers: true });
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
  console.log(`local CloudBase stack ready at ${stack.url}`);
  console.log(`  admin API (for @cloudbase/node-sdk serviceUrl): ${stack.url}/admin`);
  console.log(`  mini-program calls: POST ${stack.url}/wx/callFunction (header X-WX-OPENID)`);
  console.log(`  functions: ${stack.functions.list().join(', ')}  data: ${dataDir}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
