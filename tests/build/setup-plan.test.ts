import { collections, type CollectionSpec, type IndexSpec } from '../../cloudfunctions/_lib/platform';
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

/** An in-memory CloudBase: collections with their indexes, recording the calls setup makes. */
function fakeCloud(initial: Record<string, ExistingIndex[]> = {}) {
  const tables = new Map(Object.entries(initial).map(([name, indexes]) => [name, [...indexes]]));
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
  };
  return { ports, calls, tables };
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
    expect(cloud.calls).toEqual(['createCollection users']);
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
