import { caught, openTarget, type Target } from './target';

/** Create, read, update and delete through `@cloudbase/node-sdk`, and the values it stores. */

let t: Target;
let coll: string;
const col = () => t.db.collection(coll);

beforeAll(async () => {
  t = await openTarget();
  coll = await t.collection('crud');
});

afterAll(async () => {
  await t?.close();
});

describe('add', () => {
  it('adds one document and returns its generated id', async () => {
    const res = await col().add({ kind: 'single', n: 1 });
    expect(typeof res.id).toBe('string');
    expect(res.id).not.toBe('');
    const { data } = await col().doc(res.id!).get();
    expect(data).toEqual([{ _id: res.id, kind: 'single', n: 1 }]);
  });

  it('adds a batch and returns one id per document, in order', async () => {
    const res = await col().add([
      { kind: 'batch', n: 1 },
      { kind: 'batch', n: 2 },
      { kind: 'batch', n: 3 },
    ]);
    expect(res.ids).toHaveLength(3);
    expect(new Set(res.ids).size).toBe(3);
    for (const [i, id] of res.ids!.entries()) {
      const { data } = await col().doc(id).get();
      expect(data).toEqual([{ _id: id, kind: 'batch', n: i + 1 }]);
    }
  });

  it('keeps a custom _id', async () => {
    const res = await col().add({ _id: 'custom-id-1', kind: 'custom' });
    expect(res.id).toBe('custom-id-1');
    const { data } = await col().doc('custom-id-1').get();
    expect(data).toEqual([{ _id: 'custom-id-1', kind: 'custom' }]);
  });

  it('refuses a duplicate _id with DATABASE_DUPLICATE_WRITE and keeps the original', async () => {
    await col().add({ _id: 'dup-1', v: 'first' });
    const error = await caught(() => col().add({ _id: 'dup-1', v: 'second' }));
    expect(error.code).toBe('DATABASE_DUPLICATE_WRITE');
    const { data } = await col().doc('dup-1').get();
    expect(data).toEqual([{ _id: 'dup-1', v: 'first' }]);
  });
});

describe('doc()', () => {
  it('get() of an existing document answers an array of one', async () => {
    await col().add({ _id: 'get-1', a: 1 });
    const res = await col().doc('get-1').get();
    expect(res.data).toEqual([{ _id: 'get-1', a: 1 }]);
  });

  it('get() of a missing document answers an empty array', async () => {
    const res = await col().doc('no-such-document').get();
    expect(res.data).toEqual([]);
  });

  it('set() creates a missing document and reports its id as upsertedId', async () => {
    const res = await col().doc('set-new').set({ a: 1, b: 'x' });
    expect(res.upsertedId).toBe('set-new');
    expect(res.updated).toBe(0);
    const { data } = await col().doc('set-new').get();
    expect(data).toEqual([{ _id: 'set-new', a: 1, b: 'x' }]);
  });

  it('set() replaces an existing document: fields not in the new data disappear', async () => {
    await col().add({ _id: 'set-old', a: 1, b: 2, nested: { x: 1, y: 2 } });
    const res = await col()
      .doc('set-old')
      .set({ a: 10, nested: { x: 5 } });
    expect(res.updated).toBe(1);
    const { data } = await col().doc('set-old').get();
    expect(data).toEqual([{ _id: 'set-old', a: 10, nested: { x: 5 } }]);
  });

  it('update() merges the given fields, nested objects included, and keeps the rest', async () => {
    await col().add({ _id: 'upd-1', a: 1, b: 2, nested: { x: 1, y: 2 } });
    const res = await col()
      .doc('upd-1')
      .update({ b: 3, c: 4, nested: { y: 20 } });
    expect(res.updated).toBe(1);
    const { data } = await col().doc('upd-1').get();
    expect(data).toEqual([{ _id: 'upd-1', a: 1, b: 3, c: 4, nested: { x: 1, y: 20 } }]);
  });

  it('update() of a missing document updates nothing and creates nothing', async () => {
    const res = await col().doc('upd-missing').update({ a: 1 });
    expect(res.updated).toBe(0);
    expect((await col().doc('upd-missing').get()).data).toEqual([]);
  });

  it('remove() deletes once: deleted 1, then 0', async () => {
    await col().add({ _id: 'rm-1', a: 1 });
    expect((await col().doc('rm-1').remove()).deleted).toBe(1);
    expect((await col().doc('rm-1').get()).data).toEqual([]);
    expect((await col().doc('rm-1').remove()).deleted).toBe(0);
  });
});

describe('where()', () => {
  let multi: string;
  const m = () => t.db.collection(multi);

  beforeAll(async () => {
    multi = await t.collection('crud_multi');
    await m().add([
      { _id: 'm1', group: 'g1', n: 1 },
      { _id: 'm2', group: 'g1', n: 2 },
      { _id: 'm3', group: 'g1', n: 3 },
      { _id: 'm4', group: 'g2', n: 4 },
      { _id: 'm5', group: 'g3', n: 5 },
      { _id: 'm6', group: 'g3', n: 6 },
    ]);
  });

  it('update() changes every matching document and counts them', async () => {
    const res = await m().where({ group: 'g1' }).update({ touched: true });
    expect(res.updated).toBe(3);
    const touched = await m().where({ touched: true }).orderBy('_id', 'asc').get();
    expect(touched.data.map((d: { _id: string }) => d._id)).toEqual(['m1', 'm2', 'm3']);
    expect((await m().doc('m4').get()).data).toEqual([{ _id: 'm4', group: 'g2', n: 4 }]);
  });

  it('update() that matches nothing reports updated 0', async () => {
    const res = await m().where({ group: 'no-such-group' }).update({ touched: true });
    expect(res.updated).toBe(0);
  });

  it('count() counts all documents, or those matching where()', async () => {
    expect((await m().count()).total).toBe(6);
    expect((await m().where({ group: 'g1' }).count()).total).toBe(3);
    expect((await m().where({ group: 'nobody' }).count()).total).toBe(0);
  });

  it('remove() deletes every matching document and counts them', async () => {
    const res = await m().where({ group: 'g3' }).remove();
    expect(res.deleted).toBe(2);
    expect((await m().count()).total).toBe(4);
    expect((await m().where({ group: 'g3' }).count()).total).toBe(0);
    expect((await m().where({ group: 'g3' }).remove()).deleted).toBe(0);
  });

  it('updateAndReturn() updates one document and returns it as it is after the update', async () => {
    const _ = t.db.command;
    const res = await m()
      .where({ _id: 'm4' })
      .updateAndReturn({ n: _.inc(10), label: 'four' });
    expect(res.updated).toBe(1);
    expect(res.doc).toEqual({ _id: 'm4', group: 'g2', n: 14, label: 'four' });
    expect((await m().doc('m4').get()).data).toEqual([{ _id: 'm4', group: 'g2', n: 14, label: 'four' }]);
  });

  it('updateAndReturn() that matches nothing answers updated 0 and no document', async () => {
    const res = await m().where({ _id: 'no-such-document' }).updateAndReturn({ label: 'x' });
    expect(res.updated).toBe(0);
    expect(res.doc).toBeNull();
  });
});

describe('values', () => {
  it('db.serverDate() is stored as a Date of the server clock, with its offset', async () => {
    const before = Date.now();
    const { id } = await col().add({ at: t.db.serverDate(), later: t.db.serverDate({ offset: 3_600_000 }) });
    const [doc] = (await col().doc(id!).get()).data;
    expect(doc.at).toBeInstanceOf(Date);
    expect(doc.later).toBeInstanceOf(Date);
    // Clocks of client and server differ a little; a wrong unit or epoch would be far off.
    expect(Math.abs(doc.at.getTime() - before)).toBeLessThan(10 * 60_000);
    expect(Math.abs(doc.later.getTime() - doc.at.getTime() - 3_600_000)).toBeLessThan(5_000);
  });

  it('db.serverDate() works in update() too', async () => {
    await col().add({ _id: 'sd-upd', at: null });
    await col().doc('sd-upd').update({ at: t.db.serverDate() });
    const [doc] = (await col().doc('sd-upd').get()).data;
    expect(doc.at).toBeInstanceOf(Date);
    expect(Math.abs(doc.at.getTime() - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('Dates round-trip to the millisecond, top-level, nested and in arrays', async () => {
    const when = new Date('2024-02-29T12:34:56.789Z');
    const old = new Date('1969-07-20T20:17:40.000Z');
    await col().add({ _id: 'dates', when, nested: { old }, list: [when, old] });
    const [doc] = (await col().doc('dates').get()).data;
    expect(doc.when).toBeInstanceOf(Date);
    expect(doc.when.getTime()).toBe(when.getTime());
    expect(doc.nested.old).toBeInstanceOf(Date);
    expect(doc.nested.old.getTime()).toBe(old.getTime());
    expect(doc.list.map((d: Date) => d.getTime())).toEqual([when.getTime(), old.getTime()]);
  });

  it('nested objects and arrays round-trip unchanged', async () => {
    const value = {
      _id: 'nested',
      profile: { name: '张三', address: { city: '北京', lines: ['朝阳区', '1号'] } },
      matrix: [
        [1, 2],
        [3, 4],
      ],
      people: [
        { name: 'a', tags: ['x'] },
        { name: 'b', tags: [] },
      ],
      empty: {},
      emptyList: [],
    };
    await col().add(value);
    expect((await col().doc('nested').get()).data).toEqual([value]);
  });

  it('numbers keep their value and type: integers, negatives, floats, large and tiny', async () => {
    const value = {
      _id: 'numbers',
      int: 42,
      zero: 0,
      negative: -7,
      float: 3.14159,
      sum: 0.1 + 0.2,
      large: 2 ** 40 + 1,
      maxSafe: Number.MAX_SAFE_INTEGER,
      tiny: 1e-7,
      negFloat: -2.5,
    };
    await col().add(value);
    const [doc] = (await col().doc('numbers').get()).data;
    expect(doc).toEqual(value);
    for (const key of Object.keys(value).filter((k) => k !== '_id')) expect(typeof doc[key]).toBe('number');
  });

  it('null and booleans round-trip, and are queryable', async () => {
    await col().add([
      { _id: 'nb-1', kind: 'nb', flag: true, maybe: null },
      { _id: 'nb-2', kind: 'nb', flag: false, maybe: 'set' },
    ]);
    expect((await col().doc('nb-1').get()).data).toEqual([
      { _id: 'nb-1', kind: 'nb', flag: true, maybe: null },
    ]);
    expect((await col().doc('nb-2').get()).data).toEqual([
      { _id: 'nb-2', kind: 'nb', flag: false, maybe: 'set' },
    ]);
    const falses = await col().where({ kind: 'nb', flag: false }).get();
    expect(falses.data.map((d: { _id: string }) => d._id)).toEqual(['nb-2']);
    const nulls = await col().where({ kind: 'nb', maybe: null }).get();
    expect(nulls.data.map((d: { _id: string }) => d._id)).toEqual(['nb-1']);
  });

  it('strings keep Chinese text, emoji and special characters', async () => {
    const text = '代表码 · 民意直通车 😀 "quotes" \\ back\nslash $dollar';
    await col().add({ _id: 'strings', text, 'key with space': 1 });
    expect((await col().doc('strings').get()).data).toEqual([{ _id: 'strings', text, 'key with space': 1 }]);
  });
});

describe('collections', () => {
  it('reading, counting or writing a collection that does not exist fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
    const missing = t.db.collection(t.missingCollection('crud'));
    expect((await caught(() => missing.get())).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await caught(() => missing.count())).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await caught(() => missing.doc('x').get())).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await caught(() => missing.add({ a: 1 }))).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });

  it('createCollection() on an existing collection fails with a code', async () => {
    const error = await caught(() => t.db.createCollection(coll));
    expect(typeof error.code).toBe('string');
    expect(error.code).not.toBe('');
    if (t.kind === 'local') expect(error.code).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
    // The existing collection and its documents are untouched.
    expect((await col().doc('custom-id-1').get()).data).toEqual([{ _id: 'custom-id-1', kind: 'custom' }]);
  });
});
