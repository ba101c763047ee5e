import { ObjectId } from 'bson';
import { caught, openTarget, type Target } from './target';

/**
 * Where a conformance suite the project did not write found the stack answering otherwise than
 * CloudBase: counts of `updated`, `$elemMatch`, `db.ObjectId`, `$`-prefixed field names, `$jsonSchema`
 * and the string and date operators of aggregation. The expected answers are CloudBase's, as its
 * SDK's own tests state them.
 */

let t: Target;
let coll: string;
const col = () => t.db.collection(coll);

beforeAll(async () => {
  t = await openTarget();
  coll = await t.collection('fidelity');
});

afterAll(async () => {
  await t?.close();
});

describe('updated', () => {
  it('is 1 for doc().set() of the data the document already holds', async () => {
    await col().add({ _id: 'same-set', a: 1, nested: { b: [1, 2] } });
    const res = await col()
      .doc('same-set')
      .set({ a: 1, nested: { b: [1, 2] } });
    expect(res.updated).toBe(1);
    expect((await col().doc('same-set').get()).data).toEqual([
      { _id: 'same-set', a: 1, nested: { b: [1, 2] } },
    ]);
  });

  it('is 1 for updateAndReturn() of the value the document already holds, which it returns', async () => {
    await col().add({ _id: 'same-uar', kind: 'same-uar', n: 5 });
    const res = await col().where({ kind: 'same-uar' }).updateAndReturn({ n: 5 });
    expect(res.updated).toBe(1);
    expect(res.doc).toEqual({ _id: 'same-uar', kind: 'same-uar', n: 5 });
  });
});

describe('elemMatch with field conditions', () => {
  let arrays: string;
  const a = () => t.db.collection(arrays);

  beforeAll(async () => {
    arrays = await t.collection('fidelity_elem');
    await a().add([
      { _id: 'strings', tags: ['Go', 'C#'] },
      { _id: 'numbers', tags: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      { _id: 'embedded', tags: [{ value: 1 }, { value: 7 }] },
    ]);
  });

  const ids = async (where: object) =>
    (await a().where(where).orderBy('_id', 'asc').get()).data.map((d: { _id: string }) => d._id);

  it('matches only arrays holding documents, never arrays of plain values', async () => {
    const _ = t.db.command;
    expect(await ids({ tags: _.elemMatch({ value: _.exists(true) }) })).toEqual(['embedded']);
    // The SDK types mod() without arguments; it takes [divisor, remainder].
    const mod = _.mod as unknown as (args: number[]) => ReturnType<typeof _.eq>;
    expect(await ids({ tags: _.elemMatch({ value: mod([4, 3]) }) })).toEqual(['embedded']);
    expect(await ids({ tags: _.elemMatch({ value: _.gt(0) }) })).toEqual(['embedded']);
  });

  it('with conditions on the element itself still matches plain values', async () => {
    const _ = t.db.command;
    expect(await ids({ tags: _.elemMatch(_.gt(8)) })).toEqual(['numbers']);
  });
});

describe('db.ObjectId', () => {
  it('as a field value is stored as an ObjectId: found by one, not by its text, and read as its id', async () => {
    const hex = new ObjectId().toHexString();
    const { id } = await col().add({ kind: 'oid-field', ref: t.db.ObjectId({ id: hex }) });
    const found = await col()
      .where({ ref: t.db.ObjectId({ id: hex }) })
      .get();
    expect(found.data.map((d: { _id: string }) => d._id)).toEqual([id]);
    expect(found.data[0].ref).toBe(hex);
    expect((await col().where({ ref: hex }).get()).data).toEqual([]);
  });

  it('stays an ObjectId when another field of its document is updated', async () => {
    const hex = new ObjectId().toHexString();
    const { id } = await col().add({ kind: 'oid-kept', ref: t.db.ObjectId({ id: hex }), n: 1 });
    await col()
      .doc(id!)
      .update({ n: t.db.command.inc(1) });
    const found = await col()
      .where({ ref: t.db.ObjectId({ id: hex }) })
      .get();
    expect(found.data).toEqual([{ _id: id, kind: 'oid-kept', ref: hex, n: 2 }]);
  });

  it('set by update(), set() and push() is stored as an ObjectId', async () => {
    const hex = new ObjectId().toHexString();
    const oid = () => t.db.ObjectId({ id: hex });
    const { id } = await col().add({ kind: 'oid-update', refs: [] });
    await col()
      .doc(id!)
      .update({ ref: oid(), refs: t.db.command.push([oid()]) });
    await col().doc('oid-set').set({ kind: 'oid-set', ref: oid() });
    const found = await col().where({ ref: oid() }).orderBy('kind', 'asc').get();
    expect(found.data).toEqual([
      { _id: 'oid-set', kind: 'oid-set', ref: hex },
      { _id: id, kind: 'oid-update', ref: hex, refs: [hex] },
    ]);
    expect((await col().where({ refs: oid() }).get()).data.map((d: { _id: string }) => d._id)).toEqual([id]);
  });

  it('is accepted as _id, the id answered being its hex text', async () => {
    const hex = new ObjectId().toHexString();
    const res = await col().add({ _id: t.db.ObjectId({ id: hex }), kind: 'oid-id' });
    expect(res.id).toBe(hex);
    const found = await col()
      .where({ _id: t.db.ObjectId({ id: hex }) })
      .get();
    expect(found.data).toEqual([{ _id: hex, kind: 'oid-id' }]);
  });

  it('joins in lookup: an ObjectId field against the ObjectId _id of another collection', async () => {
    const people = await t.collection('fidelity_people');
    const invites = await t.collection('fidelity_invites');
    const inviter = new ObjectId().toHexString();
    await t.db.collection(people).add({ _id: t.db.ObjectId({ id: inviter }), name: '林' });
    await t.db.collection(invites).add({ _id: 'inv-1', inviter: t.db.ObjectId({ id: inviter }) });
    const res = await t.db
      .collection(invites)
      .aggregate()
      .lookup({ from: people, localField: 'inviter', foreignField: '_id', as: 'who' })
      .end();
    expect(res.data).toEqual([{ _id: 'inv-1', inviter, who: [{ _id: inviter, name: '林' }] }]);
  });
});

describe('field names', () => {
  it('add() refuses a field whose name begins with $, and stores nothing', async () => {
    const before = (await col().count()).total;
    const error = await caught(() => col().add({ $key: 1, kind: 'dollar' }));
    expect(error.code).toMatch(/^[A-Z_]+$/);
    expect((await col().count()).total).toBe(before);
  });

  it('add() refuses a $ field inside an object too', async () => {
    const error = await caught(() => col().add({ kind: 'dollar-nested', inner: { $key: 1 } }));
    expect(error.code).toMatch(/^[A-Z_]+$/);
    expect((await col().where({ kind: 'dollar-nested' }).get()).data).toEqual([]);
  });
});

describe('jsonSchema', () => {
  let people: string;
  const p = () => t.db.collection(people);

  beforeAll(async () => {
    people = await t.collection('fidelity_schema');
    await p().add([
      { _id: 's1', category: 'Web', n: 3 },
      { _id: 's2', category: 'Life', n: 'three' },
      { _id: 's3', n: 7 },
    ]);
  });

  const ids = async (where: object) =>
    (await p().where(where).orderBy('_id', 'asc').get()).data.map((d: { _id: string }) => d._id);

  it('selects the documents that satisfy the schema, and nor() the others', async () => {
    const _ = t.db.command;
    expect(await ids(_.jsonSchema({ required: ['category'] }))).toEqual(['s1', 's2']);
    expect(await ids(_.nor([_.jsonSchema({ required: ['category'] })]))).toEqual(['s3']);
    expect(
      await ids(_.jsonSchema({ properties: { n: { bsonType: 'number', minimum: 5 } }, required: ['n'] })),
    ).toEqual(['s3']);
  });
});

describe('aggregation string and date operators', () => {
  let students: string;
  const s = () => t.db.collection(students);

  beforeAll(async () => {
    students = await t.collection('fidelity_students');
    await s().add([
      { _id: 'a', firstName: 'Yuanxin', birthday: '1999/12/12', at: new Date(1557826731686) },
      { _id: 'b', firstName: 'Weijia', birthday: '1998/11/11', at: new Date('2019-01-01T00:00:00Z') },
      { _id: 'c', firstName: 'Chengxi', birthday: '1997/10/10', at: new Date('2019-01-06T00:00:00Z') },
    ]);
  });

  const project = async (spec: object) =>
    (
      await s()
        .aggregate()
        .sort({ _id: 1 })
        .project({ _id: 0, ...spec })
        .end()
    ).data;

  it('indexOfCP finds a substring by code point', async () => {
    const $ = t.db.command.aggregate;
    expect(await project({ i: $.indexOfCP(['$firstName', 'a']) })).toEqual([{ i: 2 }, { i: 5 }, { i: -1 }]);
  });

  it('substr and substrBytes take a count of -1 as the rest of the string', async () => {
    const $ = t.db.command.aggregate;
    const parts = (op: (args: unknown[]) => unknown) => ({
      year: op(['$birthday', 0, 4]),
      month: op(['$birthday', 5, 2]),
      day: op(['$birthday', 8, -1]),
    });
    const expected = [
      { year: '1999', month: '12', day: '12' },
      { year: '1998', month: '11', day: '11' },
      { year: '1997', month: '10', day: '10' },
    ];
    expect(await project(parts($.substr))).toEqual(expected);
    expect(await project(parts($.substrBytes))).toEqual(expected);
  });

  it('week counts from the first Sunday: 2019-05-14 is week 19, 1 January week 0, 6 January week 1', async () => {
    const $ = t.db.command.aggregate;
    expect(await project({ week: $.week('$at'), isoWeek: $.isoWeek('$at') })).toEqual([
      { week: 19, isoWeek: 20 },
      { week: 0, isoWeek: 1 },
      { week: 1, isoWeek: 1 },
    ]);
  });
});
