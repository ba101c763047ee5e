/**
 * Creates the product's collections and indexes in a CloudBase environment, from the declaration
 * in `cloudfunctions/_lib/collections.ts` (the same one the local stack uses), and sets who may
 * touch them from a phone (cloud-permissions.ts): every collection admin-only, storage the app's
 * custom rule. Each permission is read back after it is set; a mismatch stops the script.
 *
 *   ENV_ID=… TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run setup:cloud
 *   npm run setup:cloud -- --dry-run      # print the plan; needs no account
 *
 * Safe to run again: an existing collection is kept, an existing index with the same definition
 * is left alone. Collections are created with `@cloudbase/node-sdk` (`db.createCollection`).
 * Indexes are not in node-sdk: they are created with `@cloudbase/manager-node`
 * (`database.updateCollection` with `CreateIndexes`, i.e. the CloudBase API action UpdateTable).
 *
 * The plan (what to do) is a pure function, tested without a cloud account; `executePlan` runs it
 * against ports that the real CloudBase clients implement.
 */
import { collections, type CollectionSpec, type IndexSpec } from '../cloudfunctions/_lib/platform';
import {
  ACL_LABELS,
  COLLECTION_ACL,
  describeStorage,
  sameStorageRule,
  STORAGE_RULE,
  storageRuleJson,
  type AclTag,
  type StoragePermission,
  type StorageRule,
} from './cloud-permissions';

export type SetupOperation =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: IndexSpec }
  | { kind: 'collectionAcl'; collection: string; acl: AclTag }
  | { kind: 'storageRule'; rule: StorageRule };

/** What CloudBase's DescribeTable reports for an index, reduced to what setup compares. */
export interface ExistingIndex {
  name: string;
  keys: Array<[field: string, direction: number]>;
  unique: boolean;
}

/** The three cloud calls setup needs; the real ones wrap node-sdk and manager-node. */
export interface CloudPorts {
  /** Resolves 'exists' when the collection was already there. */
  createCollection(collection: string): Promise<'created' | 'exists'>;
  listIndexes(collection: string): Promise<ExistingIndex[]>;
  createIndex(collection: string, index: IndexSpec): Promise<void>;
  /** The collection's simple permission (DescribeDatabaseACL's AclTag). */
  getCollectionAcl(collection: string): Promise<string>;
  setCollectionAcl(collection: string, acl: AclTag): Promise<void>;
  getStoragePermission(): Promise<StoragePermission>;
  setStorageRule(rule: StorageRule): Promise<void>;
}

export interface SetupReport {
  collectionsCreated: string[];
  collectionsExisting: string[];
  indexesCreated: string[];
  indexesPresent: string[];
  /** Indexes whose name exists with another definition: left untouched, reported for a person to decide. */
  conflicts: string[];
  /** Collections whose permission was changed to the declared one (and read back). */
  aclsSet: string[];
  aclsPresent: string[];
  storageRule: 'set' | 'present' | 'not planned';
}

export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

/**
 * Mistakes in the declaration that CloudBase would reject halfway through, or accept wrongly. Takes
 * any names, not only the declared ones: it is the check, not the declaration.
 */
export function validateCollections(
  specs: ReadonlyArray<Omit<CollectionSpec, 'name'> & { name: string }>,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (!/^[a-z][a-z0-9_]*$/.test(spec.name))
      problems.push(`${spec.name}: collection names are lowercase snake_case`);
    if (seen.has(spec.name)) problems.push(`${spec.name}: declared twice`);
    seen.add(spec.name);
    const indexNames = new Set<string>();
    for (const index of spec.indexes) {
      const label = `${spec.name}.${index.name}`;
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(index.name))
        problems.push(`${label}: index names are letters, digits and "_"`);
      if (indexNames.has(index.name)) problems.push(`${label}: index name used twice`);
      indexNames.add(index.name);
      if (index.keys.length === 0) problems.push(`${label}: no keys`);
      const fields = index.keys.map(([field]) => field);
      if (new Set(fields).size !== fields.length) problems.push(`${label}: a field appears twice`);
    }
  }
  return problems;
}

/**
 * Every operation that brings an environment to the declared state, in order: each collection,
 * then its indexes. Executing an operation that is already satisfied changes nothing.
 */
export function planSetup(specs: readonly CollectionSpec[] = collections): SetupOperation[] {
  const problems = validateCollections(specs);
  if (problems.length > 0) throw new SetupError(`collections.ts is invalid:\n- ${problems.join('\n- ')}`);
  return [
    ...specs.flatMap((spec): SetupOperation[] => [
      { kind: 'createCollection', collection: spec.name },
      ...spec.indexes.map((index): SetupOperation => ({ kind: 'createIndex', collection: spec.name, index })),
      { kind: 'collectionAcl', collection: spec.name, acl: COLLECTION_ACL },
    ]),
    { kind: 'storageRule', rule: STORAGE_RULE },
  ];
}

/**
 * Whether a declared index still has to be created. CloudBase's UpdateTable drops and rebuilds an
 * index whose name already exists, so an existing index is never sent again: if it matches there is
 * nothing to do, and if it differs, rebuilding (possibly a unique index on live data) is a decision
 * for a person in the console, not for a script.
 */
export function compareIndex(
  desired: IndexSpec,
  existing: ExistingIndex | undefined,
): 'create' | 'present' | 'conflict' {
  if (!existing) return 'create';
  const sameKeys =
    existing.keys.length === desired.keys.length &&
    desired.keys.every(
      ([field, direction], i) => existing.keys[i][0] === field && existing.keys[i][1] === direction,
    );
  return sameKeys && existing.unique === Boolean(desired.unique) ? 'present' : 'conflict';
}

/** The request body CloudBase's UpdateTable expects in CreateIndexes (directions are strings). */
export function toCloudIndex(index: IndexSpec) {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: index.keys.map(([field, direction]) => ({ Name: field, Direction: String(direction) })),
      MgoIsUnique: Boolean(index.unique),
    },
  };
}

/** One line per index, in the terms the CloudBase console's "add index" form uses. */
export function describeIndex(
  collection: string,
  index: { name: string; keys: ReadonlyArray<readonly [string, number]>; unique?: boolean },
) {
  const fields = index.keys.map(
    ([field, direction]) => `${field} ${direction === 1 ? '升序 asc' : '降序 desc'}`,
  );
  return `${collection}.${index.name}: ${fields.join(', ')}${index.unique ? ' — 唯一 unique' : ''}`;
}

/** The dry run's listing: each collection, its indexes and its permission, then storage's rule. */
export function formatPlan(plan: readonly SetupOperation[]): string {
  return plan
    .map((op) => {
      switch (op.kind) {
        case 'createCollection':
          return `collection ${op.collection}`;
        case 'createIndex':
          return `  index ${describeIndex(op.collection, op.index)}`;
        case 'collectionAcl':
          return `  permission ${op.acl} ${ACL_LABELS[op.acl]}`;
        case 'storageRule':
          return `storage permission CUSTOM ${ACL_LABELS.CUSTOM}:\n${storageRuleJson(op.rule)}`;
      }
    })
    .join('\n');
}

/** Runs the plan in order, stopping at the first failing call (an error names the operation). */
export async function executePlan(
  plan: readonly SetupOperation[],
  ports: CloudPorts,
  log: (line: string) => void = () => undefined,
): Promise<SetupReport> {
  const report: SetupReport = {
    collectionsCreated: [],
    collectionsExisting: [],
    indexesCreated: [],
    indexesPresent: [],
    conflicts: [],
    aclsSet: [],
    aclsPresent: [],
    storageRule: 'not planned',
  };
  const existingByCollection = new Map<string, Map<string, ExistingIndex>>();
  const step = async <T>(label: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw new SetupError(`${label} failed: ${errorText(error)}`);
    }
  };

  for (const op of plan) {
    if (op.kind === 'collectionAcl') {
      const label = `permission of ${op.collection}`;
      const before = await step(`reading the ${label}`, () => ports.getCollectionAcl(op.collection));
      if (before === op.acl) {
        report.aclsPresent.push(op.collection);
        log(`  permission ${op.collection}: already ${op.acl}`);
        continue;
      }
      await step(`setting the ${label} to ${op.acl}`, () => ports.setCollectionAcl(op.collection, op.acl));
      const after = await step(`reading back the ${label}`, () => ports.getCollectionAcl(op.collection));
      if (after !== op.acl)
        throw new SetupError(`the ${label} reads back as ${after || '(none)'} after setting ${op.acl}`);
      report.aclsSet.push(op.collection);
      log(`  permission ${op.collection}: ${before || '(none)'} → ${op.acl}`);
      continue;
    }
    if (op.kind === 'storageRule') {
      const before = await step('reading the storage permission', () => ports.getStoragePermission());
      if (sameStorageRule(before, op.rule)) {
        report.storageRule = 'present';
        log('storage permission: already the custom rule');
        continue;
      }
      await step('setting the storage rule', () => ports.setStorageRule(op.rule));
      const after = await step('reading back the storage permission', () => ports.getStoragePermission());
      if (!sameStorageRule(after, op.rule))
        throw new SetupError(
          `the storage permission reads back as ${describeStorage(after)}, not the rule just set:\n${storageRuleJson(op.rule)}`,
        );
      report.storageRule = 'set';
      log(`storage permission: ${describeStorage(before)} → the custom rule`);
      continue;
    }
    if (op.kind === 'createCollection') {
      const outcome = await step(`creating collection ${op.collection}`, () =>
        ports.createCollection(op.collection),
      );
      (outcome === 'created' ? report.collectionsCreated : report.collectionsExisting).push(op.collection);
      log(`collection ${op.collection}: ${outcome === 'created' ? 'created' : 'already exists'}`);
      continue;
    }
    let existing = existingByCollection.get(op.collection);
    if (!existing) {
      const listed = await step(`reading the indexes of ${op.collection}`, () =>
        ports.listIndexes(op.collection),
      );
      existing = new Map(listed.map((index) => [index.name, index]));
      existingByCollection.set(op.collection, existing);
    }
    const label = `${op.collection}.${op.index.name}`;
    const found = existing.get(op.index.name);
    const verdict = compareIndex(op.index, found);
    if (verdict === 'present') {
      report.indexesPresent.push(label);
      log(`  index ${label}: already present`);
    } else if (verdict === 'conflict' && found) {
      report.conflicts.push(
        `${label} exists with another definition.\n    in the cloud: ${describeIndex(op.collection, found)}\n    declared:     ${describeIndex(op.collection, op.index)}`,
      );
      log(`  index ${label}: DIFFERS from the declaration, left untouched`);
    } else {
      await step(`creating index ${label}`, () => ports.createIndex(op.collection, op.index));
      report.indexesCreated.push(label);
      log(`  index ${label}: created`);
    }
  }
  return report;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code || message) return [code, message].filter(Boolean).join(': ');
  }
  return String(error);
}

export interface Credentials {
  envId: string;
  secretId: string;
  secretKey: string;
  /** Only for temporary credentials (STS). */
  sessionToken?: string;
  /** Only when the environment is not in CloudBase's default region. */
  region?: string;
}

/** Reads the credentials from the environment, or names the variables that are missing. */
export function readCredentials(
  env: Record<string, string | undefined>,
): { ok: true; credentials: Credentials } | { ok: false; missing: string[] } {
  const value = (key: string) => env[key]?.trim() ?? '';
  const envId = value('ENV_ID');
  const secretId = value('TENCENTCLOUD_SECRETID');
  const secretKey = value('TENCENTCLOUD_SECRETKEY');
  const missing = Object.entries({
    ENV_ID: envId,
    TENCENTCLOUD_SECRETID: secretId,
    TENCENTCLOUD_SECRETKEY: secretKey,
  })
    .filter(([, given]) => !given)
    .map(([key]) => key);
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    credentials: {
      envId,
      secretId,
      secretKey,
      sessionToken: value('TENCENTCLOUD_SESSIONTOKEN') || undefined,
      region: value('CLOUDBASE_REGION') || undefined,
    },
  };
}

/**
 * Whether a CloudBase error says the collection already exists, which setup counts as success.
 * The wording varies by API path (DATABASE_COLLECTION_ALREADY_EXIST, ResourceUnavailable.ResourceExist,
 * "Table exist"); the numeric code that accompanies it (-501001) also covers other failures, so
 * it is not enough on its own.
 */
export function saysCollectionExists(text: string): boolean {
  return /ALREADY_EXIST|COLLECTION_EXIST|ResourceExist|Table exist/i.test(text);
}

/** Ports backed by the real CloudBase clients; loaded lazily so the plan needs neither package. */
async function cloudPorts(credentials: Credentials): Promise<CloudPorts> {
  const { default: tcb } = await import('@cloudbase/node-sdk');
  const { default: CloudBaseManager } = await import('@cloudbase/manager-node');
  const db = tcb
    .init({
      env: credentials.envId,
      secretId: credentials.secretId,
      secretKey: credentials.secretKey,
      sessionToken: credentials.sessionToken,
      region: credentials.region,
    })
    .database();
  const manager = new CloudBaseManager({
    envId: credentials.envId,
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
    token: credentials.sessionToken,
    region: credentials.region,
  });
  const tcbApi = manager.commonService('tcb', '2018-06-08');

  return {
    async createCollection(collection) {
      let result: unknown;
      try {
        result = await db.createCollection(collection);
      } catch (error) {
        const text = `${(error as { code?: string }).code ?? ''} ${errorText(error)}`;
        if (saysCollectionExists(text)) return 'exists';
        throw error;
      }
      // node-sdk may answer a failure as a value carrying a code instead of throwing.
      const { code, message } = (result ?? {}) as { code?: string; message?: string };
      if (code) {
        if (saysCollectionExists(`${code} ${message ?? ''}`)) return 'exists';
        throw new Error(`${code}: ${message ?? ''}`);
      }
      return 'created';
    },
    async listIndexes(collection) {
      const table = await manager.database.describeCollection(collection);
      return (table.Indexes ?? []).map((index) => ({
        name: index.Name,
        keys: index.Keys.map((key): [string, number] => [key.Name ?? '', Number(key.Direction)]),
        unique: Boolean(index.Unique),
      }));
    },
    async createIndex(collection, index) {
      await manager.database.updateCollection(collection, { CreateIndexes: [toCloudIndex(index)] });
    },
    // manager-node has no method for a collection's permission: the CloudBase API actions, as its
    // documentation for security rules says, go through commonService.
    async getCollectionAcl(collection) {
      const answer = (await tcbApi.call({
        Action: 'DescribeDatabaseACL',
        Param: { EnvId: credentials.envId, CollectionName: collection },
      })) as { AclTag?: string };
      return answer.AclTag ?? '';
    },
    async setCollectionAcl(collection, acl) {
      await tcbApi.call({
        Action: 'ModifyDatabaseACL',
        Param: { EnvId: credentials.envId, CollectionName: collection, AclTag: acl },
      });
    },
    async getStoragePermission() {
      return manager.storage.getStorageAcl({ withRule: true });
    },
    async setStorageRule(rule) {
      await manager.storage.setStorageAcl('CUSTOM', rule);
    },
  };
}

const USAGE = `Usage:
  ENV_ID=<env id> TENCENTCLOUD_SECRETID=<id> TENCENTCLOUD_SECRETKEY=<key> npm run setup:cloud
  npm run setup:cloud -- --dry-run     print the collections, indexes and permissions, connect to nothing

ENV_ID is the environment ID shown in the CloudBase console (云开发控制台).
The API key pair comes from https://console.cloud.tencent.com/cam/capi (an account or sub-account
allowed to manage this CloudBase environment). Optional: TENCENTCLOUD_SESSIONTOKEN for temporary
credentials, CLOUDBASE_REGION (e.g. ap-guangzhou) when the environment is not in ap-shanghai.`;

async function main(argv: readonly string[]): Promise<number> {
  const plan = planSetup();
  if (argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  if (argv.includes('--dry-run')) {
    console.log(`${formatPlan(plan)}\n\n(dry run: nothing was created or changed)`);
    return 0;
  }
  const read = readCredentials(process.env);
  if (!read.ok) {
    console.error(`setup:cloud needs ${read.missing.join(', ')} in the environment.\n\n${USAGE}`);
    return 1;
  }
  console.log(`Setting up environment ${read.credentials.envId}`);
  const report = await executePlan(plan, await cloudPorts(read.credentials), (line) => console.log(line));
  console.log(
    `\n${report.collectionsCreated.length} collection(s) created, ${report.collectionsExisting.length} already there; ` +
      `${report.indexesCreated.length} index(es) created, ${report.indexesPresent.length} already there; ` +
      `${report.aclsSet.length} collection permission(s) set to ${COLLECTION_ACL}, ${report.aclsPresent.length} already so; ` +
      `storage rule ${report.storageRule === 'set' ? 'set' : 'already in place'}. Every permission was read back.`,
  );
  if (report.conflicts.length > 0) {
    console.error(
      `\n${report.conflicts.length} index(es) differ from collections.ts and were not changed:\n  ${report.conflicts.join('\n  ')}\n` +
        'Delete them in the CloudBase console (数据库 → 集合 → 索引管理) and run setup:cloud again, or change the declaration.',
    );
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error(error instanceof SetupError ? `setup:cloud: ${error.message}` : error);
      process.exitCode = 1;
    });
}
