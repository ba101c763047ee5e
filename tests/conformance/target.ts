/**
 * Where the conformance suite runs: the local stack (default) or a real CloudBase environment.
 *
 * The suite drives the unmodified `@cloudbase/node-sdk` only (no /wx endpoints, no stack internals,
 * no raw HTTP to the stack), so a test means the same thing on both targets: a test that passes on
 * CloudBase and fails locally is a bug in the stack.
 *
 * Local (default):
 *   npx jest tests/conformance
 * Each test file starts its own stack in-process on a free port with a fresh data directory.
 *
 * Real CloudBase:
 *   CONFORMANCE_ENV_ID=<env id> TENCENTCLOUD_SECRETID=<id> TENCENTCLOUD_SECRETKEY=<key> \
 *     npx jest tests/conformance --runInBand
 * All three variables must be set, otherwise the local stack is used. Needs:
 * - an API key (CAM) allowed to use the environment's database, storage and functions;
 * - the project's `admin` function deployed to that environment (`npm run build`, then deploy it;
 *   functions.test.ts calls it), and its `stations` collection created (`npm run setup:cloud`);
 * - nothing else: every test file creates its own collections, named `conf_<random>_<name>`, and
 *   storage paths under `conf_<random>_/`, so runs never collide with each other or with real data.
 *   The collections are dropped afterwards (through @cloudbase/manager-node, best effort) and the
 *   files deleted; anything left by an interrupted run is safe to delete by its `conf_` prefix.
 * Expect a real run to take minutes rather than seconds: every call is a round trip to CloudBase.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startProjectStack } from '../../stack/project';

export type App = ReturnType<typeof tcb.init>;
export type Database = ReturnType<App['database']>;
export type Collection = ReturnType<Database['collection']>;

/**
 * The transaction object of `db.startTransaction()` / `db.runTransaction()` (the SDK types both as
 * `any`). Its documents answer `get()` with `{ data: doc | null }` rather than an array.
 */
export interface Transaction {
  collection(name: string): Collection;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export interface Target {
  app: App;
  db: Database;
  kind: 'local' | 'cloud';
  /** Run-unique prefix (`conf_<random>_`) for collection names and storage paths. */
  prefix: string;
  /** A run-unique collection name, created with db.createCollection. */
  collection(name: string): Promise<string>;
  /** A run-unique collection name that is never created. */
  missingCollection(name: string): string;
  startTransaction(): Promise<Transaction>;
  runTransaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface CloudCredentials {
  envId: string;
  secretId: string;
  secretKey: string;
}

function cloudCredentials(): CloudCredentials | undefined {
  const envId = process.env.CONFORMANCE_ENV_ID;
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  return envId && secretId && secretKey ? { envId, secretId, secretKey } : undefined;
}

// Against CloudBase every call is a network round trip; fixtures of a thousand documents take a while.
if (cloudCredentials()) jest.setTimeout(120_000);

export async function openTarget(): Promise<Target> {
  const prefix = `conf_${randomBytes(4).toString('hex')}_`;
  const created: string[] = [];
  const cloud = cloudCredentials();

  let app: App;
  let cleanup: () => Promise<void>;
  if (cloud) {
    app = tcb.init({
      env: cloud.envId,
      secretId: cloud.secretId,
      secretKey: cloud.secretKey,
      timeout: 30_000,
    });
    cleanup = () => dropCloudCollections(cloud, created);
  } else {
    // Outside Tencent Cloud the SDK probes metadata.tencentyun.com before every request (a failed
    // probe is not cached), which costs tens of milliseconds per call and leaves DNS lookups running
    // after the tests end. This declares the platform instead; with serviceUrl set, requests still
    // go to the stack. Jest gives each test file its own process.env, so nothing leaks.
    process.env.TENCENTCLOUD = 'true';
    const dataDir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const stack = await startProjectStack({ port: 0, dataDir, seed: false });
    app = tcb.init({
      env: 'local',
      serviceUrl: `${stack.url}/admin`,
      secretId: 'conformance-secret-id',
      secretKey: 'conformance-secret-key',
    });
    cleanup = async () => {
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const db = app.database();

  return {
    app,
    db,
    kind: cloud ? 'cloud' : 'local',
    prefix,
    async collection(name) {
      const full = `${prefix}${name}`;
      await db.createCollection(full);
      created.push(full);
      return full;
    },
    missingCollection: (name) => `${prefix}missing_${name}`,
    startTransaction: () => db.startTransaction() as Promise<Transaction>,
    runTransaction: (callback) => db.runTransaction(callback),
    close: cleanup,
  };
}

/** Best effort: a leftover `conf_` collection is harmless, so a failed cleanup only warns. */
async function dropCloudCollections(cloud: CloudCredentials, names: string[]): Promise<void> {
  if (names.length === 0) return;
  try {
    const { default: CloudBaseManager } = await import('@cloudbase/manager-node');
    const manager = new CloudBaseManager({
      envId: cloud.envId,
      secretId: cloud.secretId,
      secretKey: cloud.secretKey,
    });
    for (const name of names) await manager.database.deleteCollection(name);
  } catch (error) {
    console.warn(`[conformance] could not drop ${names.join(', ')}: ${(error as Error).message}`);
  }
}

/** Runs `fn` and returns what it threw (failing the test if it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<{ code?: string; message?: string }> {
  try {
    await fn();
  } catch (error) {
    return error as { code?: string; message?: string };
  }
  throw new Error('expected the call to throw, and it did not');
}

/** Inserts documents in batches (CloudBase caps the size of one request). */
export async function insertMany(
  db: Database,
  collection: string,
  docs: object[],
  batch = 100,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < docs.length; i += batch) {
    const res = await db.collection(collection).add(docs.slice(i, i + batch));
    ids.push(...(res.ids ?? []));
  }
  return ids;
}
