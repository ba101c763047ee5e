import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collections } from '../cloudfunctions/_lib/platform';
import { seedIfEmpty } from './seed';
import { startStack, type Stack, type StackOptions } from './server';

/**
 * The stack with this project on it: the functions from cloudfunctions/, the collections and
 * indexes from collections.ts, the seed data, and the environment the functions read to find
 * the stack (the same variables a developer would set to run a function against it by hand).
 */

export const ROOT = join(__dirname, '..');

export interface ProjectStackOptions extends Partial<StackOptions> {
  dataDir: string;
  seed?: boolean;
  /**
   * Fire the timer triggers of cloudbaserc.json on their schedule (npm start does; tests drive timers
   * themselves). Either way they can be fired by hand through /local/timers.
   */
  runTimers?: boolean;
}

interface DeployConfig {
  functions: Array<{ name: string; triggers?: Array<{ name: string; type: string; config: string }> }>;
}

/** The timer triggers declared for deployment, so the local stack fires the same ones. */
export function declaredTimers(): Array<{ functionName: string; name: string; cron: string }> {
  const deploy = JSON.parse(readFileSync(join(ROOT, 'cloudbaserc.json'), 'utf8')) as DeployConfig;
  return deploy.functions.flatMap((f) =>
    (f.triggers ?? [])
      .filter((t) => t.type === 'timer')
      .map((t) => ({ functionName: f.name, name: t.name, cron: t.config })),
  );
}

export async function startProjectStack(options: ProjectStackOptions): Promise<Stack> {
  const appJson = JSON.parse(readFileSync(join(ROOT, 'miniprogram', 'app.json'), 'utf8')) as {
    pages?: string[];
    subPackages?: Array<{ root: string; pages: string[] }>;
  };
  const pages = [
    ...(appJson.pages ?? []),
    ...(appJson.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
  ];
  const stack = await startStack({
    functionsDir: join(ROOT, 'cloudfunctions'),
    pages,
    mediaCheckFunction: 'wxevents',
    timers: declaredTimers(),
    scheduleTimers: options.runTimers ?? false,
    ...options,
  });
  process.env.CLOUDBASE_SERVICE_URL = `${stack.url}/admin`;
  process.env.CLOUDBASE_ENV_ID = options.envId ?? 'local';
  // The SDK refuses to sign requests without credentials; the local stack accepts any.
  process.env.TENCENTCLOUD_SECRETID ||= 'local-secret-id';
  process.env.TENCENTCLOUD_SECRETKEY ||= 'local-secret-key';
  // Outside Tencent Cloud the SDK probes a cloud metadata host before every request (~65 ms of
  // failed DNS each time). This switch skips the probe; serviceUrl still decides the destination.
  process.env.TENCENTCLOUD ||= 'true';
  for (const spec of collections) {
    stack.store.ensureCollection(spec.name);
    for (const index of spec.indexes) stack.store.ensureIndex(spec.name, index);
  }
  if (options.seed !== false) seedIfEmpty(stack.store, stack.clock.now);
  return stack;
}
