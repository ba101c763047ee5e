import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collections, type CollectionSpec, type IndexSpec } from '../../cloudfunctions/_lib/platform';
import { STORAGE_RULE, type StoragePermission } from '../../scripts/cloud-permissions';
import {
  compareIndex,
  executePlan,
  planSetup,
  readCredentials,
  saysCollectionExists,
  toCloudIndex,
  validateCollections,
  type CloudPorts,
  type ExistingIndex,
} from '../../scripts/setup-cloud';

const ROOT = join(__dirname, '..', '..');

/**
 * An in-memory CloudBase: collections with their indexes and permissions, and storage's permission,
 * recording the calls setup makes. A new collection is readable by everyone and writable by its
 * creator, as a collection made in the console by default is not admin-only.
 */
function fakeCloud(initial: Record<string, ExistingIndex[]> = {}) {
  const tables = new Map(Object.entries(initial).map(([name, indexes]) => [name, [...indexes]]));
  const acls = new Map<string, string>([...tables.keys()].map((name) => [name, 'READONLY']));
  let storage: StoragePermission = { acl: 'PRIVATE' };
  const calls: string[] = [];
  const ports: CloudPorts = {
    async createCollection(collection) {
      calls.push(`createCollection ${collection}`);
      if (tables.has(collection)) return 'exists';
      tables.set(collection, []);
      return 'created';
    },
    async listIndexes(collection) {
      return [...(tables.get(collection) ?? [])];
    },
    async createIndex(collection, index) {
      calls.push(`createIndex ${collection}.${index.name}`);
      tables.get(collection)?.push({ name: index.name, keys: index.keys, unique: Boolean(index.unique) });
    },
    async getCollectionAcl(collection) {
      return acls.get(collection) ?? (tables.has(collection) ? 'READONLY' : '');
    },
    async setCollectionAcl(collection, acl) {
      calls.push(`setCollectionAcl ${collection} ${acl}`);
      acls.set(collection, acl);
    },
    async getStoragePermission() {
      return storage;
    },
    async setStorageRule(rule) {
      calls.push('setStorageRule');
      storage = { acl: 'CUSTOM', rule: { ...rule } };
    },
  };
  return { ports, calls, tables, acls, storage: () => storage };
}

describe('the cloud setup plan', () => {
  const plan = planSetup();

  it('creates every declared collection', () => {
    const created = plan.filter((op) => op.kind === 'createCollection').map((op) => op.collection);
    expect(created).toEqual(collections.map((spec) => spec.name));
  });

  it('creates every declared index, on its own collection, after the collection', () => {
    for (const spec of collections) {
      const collectionStep = plan.findIndex(
        (op) => op.kind === 'createCollection' && op.collection === spec.name,
      );
      for (const index of spec.indexes) {
        const indexStep = plan.findIndex(
          (op) => op.kind === 'createIndex' && op.collection === spec.name && op.index === index,
        );
        expect(indexStep).toBeGreaterThan(collectionStep);
      }
    }
    const indexSteps = plan.filter((op) => op.kind === 'createIndex');
    expect(indexSteps).toHaveLength(collections.reduce((sum, spec) => sum + spec.indexes.length, 0));
  });

  it('sends CloudBase the index fields in order, directions as strings, and the unique flag', () => {
    const index: IndexSpec = {
      name: 'deputyId_status_createdAt',
      keys: [
        ['deputyId', 1],
        ['status', 1],
        ['createdAt', -1],
      ],
    };
    expect(toCloudIndex(index)).toEqual({
      IndexName: 'deputyId_status_createdAt',
      MgoKeySchema: {
        MgoIndexKeys: [
          { Name: 'deputyId', Direction: '1' },
          { Name: 'status', Direction: '1' },
          { Name: 'createdAt', Direction: '-1' },
        ],
        MgoIsUnique: false,
      },
    });
    expect(
      toCloudIndex({ name: 'code_unique', keys: [['code', 1]], unique: true }).MgoKeySchema.MgoIsUnique,
    ).toBe(true);
  });
});

describe('the declared indexes the product relies on', () => {
  const index = (collection: string, name: string) =>
    collections
      .find((spec) => spec.name === collection)
      ?.indexes.find((candidate) => candidate.name === name);

  it('makes a retried submission find the first case instead of creating a second', () => {
    expect(index('cases', 'openid_clientRequestId_unique')).toEqual({
      name: 'openid_clientRequestId_unique',
      keys: [
        ['openid', 1],
        ['clientRequestId', 1],
      ],
      unique: true,
    });
  });

  it('serves the deputy inbox newest first', () => {
    expect(index('cases', 'deputyId_status_createdAt')?.keys).toEqual([
      ['deputyId', 1],
      ['status', 1],
      ['createdAt', -1],
    ]);
  });

  it('keeps case numbers, deputy codes, openids and submission request ids unique, and indexes the outbox sweep', () => {
    expect(index('cases', 'caseNo_unique')?.unique).toBe(true);
    expect(index('deputies', 'code_unique')?.unique).toBe(true);
    expect(index('users', 'openid_unique')?.unique).toBe(true);
    expect(index('cases', 'openid_clientRequestId_unique')?.unique).toBe(true);
    expect(index('cases', 'outboxDueAt')?.keys).toEqual([['outboxDueAt', 1]]);
  });

  it('is a valid declaration', () => {
    expect(validateCollections(collections)).toEqual([]);
  });
});

describe('running the plan', () => {
  it('creates everything in an empty environment', async () => {
    const cloud = fakeCloud();
    const report = await executePlan(planSetup(), cloud.ports);
    expect(report.collectionsCreated).toEqual(collections.map((spec) => spec.name));
    expect(report.indexesCreated).toHaveLength(
      collections.reduce((sum, spec) => sum + spec.indexes.length, 0),
    );
    expect(report.conflicts).toEqual([]);
  });

  it('changes nothing when run a second time', async () => {
    const cloud = fakeCloud();
    await executePlan(planSetup(), cloud.ports);
    cloud.calls.length = 0;
    const report = await executePlan(planSetup(), cloud.ports);
    expect(cloud.calls.filter((call) => call.startsWith('createIndex'))).toEqual([]);
    expect(report.collectionsCreated).toEqual([]);
    expect(report.collectionsExisting).toHaveLength(collections.length);
    expect(report.indexesCreated).toEqual([]);
  });

  it('leaves an index that differs from the declaration alone and reports it', async () => {
    const specs: CollectionSpec[] = [
      { name: 'users', indexes: [{ name: 'openid_unique', keys: [['openid', 1]], unique: true }] },
    ];
    const cloud = fakeCloud({ users: [{ name: 'openid_unique', keys: [['openid', 1]], unique: false }] });
    const report = await executePlan(planSetup(specs), cloud.ports);
    expect(cloud.calls.filter((call) => !call.startsWith('set'))).toEqual(['createCollection users']);
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatch(/^users\.openid_unique exists with another definition/);
  });

  it('names the step that failed', async () => {
    const cloud = fakeCloud();
    cloud.ports.createIndex = async () => {
      throw Object.assign(new Error('[ResourceUnavailable] index build failed'), { code: 'X' });
    };
    await expect(executePlan(planSetup(), cloud.ports)).rejects.toThrow(
      /creating index deputies\.code_unique failed: \[ResourceUnavailable\] index build failed/,
    );
  });
});

describe('comparing a declared index with what the cloud has', () => {
  const declared: IndexSpec = {
    name: 'status_dueAt',
    keys: [
      ['status', 1],
      ['dueAt', 1],
    ],
  };

  it('creates a missing index', () => {
    expect(compareIndex(declared, undefined)).toBe('create');
  });

  it('accepts the same fields, order, directions and uniqueness', () => {
    expect(
      compareIndex(declared, {
        name: 'status_dueAt',
        keys: [
          ['status', 1],
          ['dueAt', 1],
        ],
        unique: false,
      }),
    ).toBe('present');
  });

  it.each<[string, ExistingIndex]>([
    [
      'another field order',
      {
        name: 'status_dueAt',
        keys: [
          ['dueAt', 1],
          ['status', 1],
        ],
        unique: false,
      },
    ],
    [
      'another direction',
      {
        name: 'status_dueAt',
        keys: [
          ['status', 1],
          ['dueAt', -1],
        ],
        unique: false,
      },
    ],
    [
      'a unique flag',
      {
        name: 'status_dueAt',
        keys: [
          ['status', 1],
          ['dueAt', 1],
        ],
        unique: true,
      },
    ],
    ['fewer fields', { name: 'status_dueAt', keys: [['status', 1]], unique: false }],
  ])('flags %s as a conflict', (_label, existing) => {
    expect(compareIndex(declared, existing)).toBe('conflict');
  });
});

describe('declaration mistakes are caught before anything is created', () => {
  it('rejects duplicate collections and index names and empty keys', () => {
    const problems = validateCollections([
      { name: 'cases', indexes: [{ name: 'a', keys: [] }] },
      { name: 'cases', indexes: [] },
      {
        name: 'Users',
        indexes: [
          { name: 'x', keys: [['openid', 1]] },
          { name: 'x', keys: [['openid', -1]] },
        ],
      },
    ]);
    expect(problems).toEqual([
      'cases.a: no keys',
      'cases: declared twice',
      'Users: collection names are lowercase snake_case',
      'Users.x: index name used twice',
    ]);
    expect(() =>
      planSetup([
        { name: 'cases', indexes: [] },
        { name: 'cases', indexes: [] },
      ]),
    ).toThrow(/declared twice/);
  });
});

describe('credentials', () => {
  it('names every missing variable instead of failing later inside the SDK', () => {
    expect(readCredentials({ ENV_ID: 'prod-1', TENCENTCLOUD_SECRETID: ' ' })).toEqual({
      ok: false,
      missing: ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'],
    });
  });

  it('reads them from the environment', () => {
    expect(
      readCredentials({ ENV_ID: 'prod-1', TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' }),
    ).toEqual({ ok: true, credentials: { envId: 'prod-1', secretId: 'id', secretKey: 'key' } });
  });
});

describe('an existing collection is not an error', () => {
  it.each([
    'DATABASE_COLLECTION_ALREADY_EXIST: collection already exists',
    'createCollection:fail -501001 resource system error. [ResourceUnavailable.ResourceExist] Table exist.',
  ])('recognises %s', (text) => {
    expect(saysCollectionExists(text)).toBe(true);
  });

  it('does not mistake another failure with the same numeric code for it', () => {
    expect(saysCollectionExists('-501001 resource system error. [ResourceUnavailable] quota exceeded')).toBe(
      false,
    );
    expect(
      saysCollectionExists('AuthFailure.SignatureFailure: The provided credentials could not be validated'),
    ).toBe(false);
  });
});

describe('permissions: nothing reaches the database or storage from a phone but what the app needs', () => {
  it('makes every collection admin-only and storage the custom rule, in an empty environment', async () => {
    const cloud = fakeCloud();
    const report = await executePlan(planSetup(), cloud.ports);
    expect(Object.fromEntries(cloud.acls)).toEqual(
      Object.fromEntries(collections.map((spec) => [spec.name, 'ADMINONLY'])),
    );
    expect(cloud.storage()).toEqual({ acl: 'CUSTOM', rule: STORAGE_RULE });
    expect(report.aclsSet).toEqual(collections.map((spec) => spec.name));
    expect(report.storageRule).toBe('set');
  });

  it('corrects a collection left client-readable, and changes nothing the second time', async () => {
    const cloud = fakeCloud({ users: [] });
    await executePlan(planSetup(), cloud.ports);
    expect(cloud.acls.get('users')).toBe('ADMINONLY');
    cloud.calls.length = 0;
    const again = await executePlan(planSetup(), cloud.ports);
    expect(cloud.calls.filter((call) => call.startsWith('set'))).toEqual([]);
    expect(again.aclsPresent).toHaveLength(collections.length);
    expect(again.storageRule).toBe('present');
  });

  it('fails loudly when a collection permission does not read back as set', async () => {
    const cloud = fakeCloud();
    cloud.ports.setCollectionAcl = async () => undefined; // accepted, never applied
    await expect(executePlan(planSetup(), cloud.ports)).rejects.toThrow(
      /permission of deputies reads back as READONLY after setting ADMINONLY/,
    );
  });

  it('fails loudly when the storage rule reads back as something else', async () => {
    const cloud = fakeCloud();
    cloud.ports.setStorageRule = async () => undefined;
    await expect(executePlan(planSetup(), cloud.ports)).rejects.toThrow(
      /storage permission reads back as PRIVATE, not the rule just set/,
    );
    const halfway = fakeCloud();
    halfway.ports.getStoragePermission = async () => ({
      acl: 'CUSTOM',
      rule: { read: STORAGE_RULE.read, write: 'resource.openid == auth.openid' },
    });
    await expect(executePlan(planSetup(), halfway.ports)).rejects.toThrow(/reads back as CUSTOM/);
  });

  it('sets the very rule docs/deploy.md shows, which tests/docs/storage-rule.test.ts holds to the app', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8');
    const section = doc.slice(doc.indexOf('**Storage permission.**'));
    const block = /```json\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
    expect(JSON.parse(block)).toEqual(STORAGE_RULE);
  });
});

describe('npm run setup:cloud -- --dry-run', () => {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/setup-cloud.ts', '--dry-run'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    timeout: 60_000,
  });
  const blocks = output.split(/^(?=collection |storage )/m);

  it.each(collections.map((spec) => [spec.name, spec] as const))(
    'lists %s with its indexes and its admin-only permission',
    (name, spec) => {
      const block = blocks.find((text) => text.startsWith(`collection ${name}\n`)) ?? '';
      for (const index of spec.indexes) expect(block).toContain(`  index ${name}.${index.name}: `);
      expect(block).toContain('  permission ADMINONLY 仅管理员可读写');
    },
  );

  it('prints the storage rule to paste, and says it touched nothing, without credentials', () => {
    const storage = blocks.find((text) => text.startsWith('storage permission CUSTOM')) ?? '';
    const json = storage.slice(storage.indexOf('{'), storage.lastIndexOf('}') + 1);
    expect(JSON.parse(json)).toEqual(STORAGE_RULE);
    expect(output).toContain('(dry run: nothing was created or changed)');
  });
});
