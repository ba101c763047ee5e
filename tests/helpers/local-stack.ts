import tcb from '@cloudbase/node-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack, type StackOptions } from '../../stack/server';

export const FIXTURE_FUNCTIONS = join(__dirname, '..', 'fixtures', 'functions');

/** A bare stack (no project schema or seed) in a temp directory, plus an SDK app pointed at it. */
export async function startBareStack(options: Partial<StackOptions> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'stack-'));
  const stack: Stack = await startStack({ port: 0, dataDir, functionsDir: FIXTURE_FUNCTIONS, ...options });
  const app = tcb.init({ env: 'local', serviceUrl: `${stack.url}/admin`, secretId: 'id', secretKey: 'key' });
  // What the functions' own SDK handles read to find the stack (as stack/project.ts sets them), so
  // library code under test, WeChat's cloud call included, reaches this stack.
  process.env.CLOUDBASE_SERVICE_URL = `${stack.url}/admin`;
  process.env.CLOUDBASE_ENV_ID = 'local';
  process.env.TENCENTCLOUD_SECRETID ||= 'local-secret-id';
  process.env.TENCENTCLOUD_SECRETKEY ||= 'local-secret-key';
  process.env.TENCENTCLOUD ||= 'true';
  return {
    stack,
    app,
    async close() {
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs JSON and returns status and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
