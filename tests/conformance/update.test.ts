import { caught, openTarget, type Target } from './target';

/** Update commands (db.command.*) on doc().update() and where().update(), and what they leave behind. */

let t: Target;
let coll: string;

const BASE = {
  n: 10,
  price: 2.5,
  name: 'base',
  opt: 'present',
  prof: { city: 'bj', level: 1, tags: ['a'] },
  tags: ['red', 'green', 'red'],
  nums: [1, 2, 3, 4, 5],
  items: [
    { k: 'x', v: 1 },
    { k: 'y', v: 2 },
  ],
};

/** A fresh copy of BASE under its own _id, so every test starts from the same document. */
async function fresh(id: string): Promise<void> {
  await t.db.collection(coll).add({ _id: id, ...structuredClone(BASE) });
}

async function read(id: string): Promise<Record<string, unknown>> {
  const { data } = await t.db.collection(coll).doc(id).get();
  expect(data).toHaveLength(1);
  return data[0];
}

async function update(id: string, data: object): Promise<number> {
  const res = await t.db.collection(coll).doc(id).update(data);
  return res.updated;
}

beforeAll(async () => {
  t = await openTarget();
  coll = await t.collection('update');
});

afterAll(async () => {
  await t?.close();
});

describe('field commands', () => {
  it('set replaces a sub-object, where a plain nested object merges into it', async () => {
    const _ = t.db.command;
    await fresh('set-1');
    expect(await update('set-1', { prof: _.set({ city: 'sh' }) })).toBe(1);
    expect((await read('set-1')).prof).toEqual({ city: 'sh' });

    await fresh('set-2');
    expect(await update('set-2', { prof: { city: 'sh' } })).toBe(1);
    expect((await read('set-2')).prof).toEqual({ city: 'sh', level: 1, tags: ['a'] });
  });

  it('set can store an array or a scalar over any value', async () => {
    const _ = t.db.command;
    await fresh('set-3');
    await update('set-3', { items: _.set([{ k: 'z' }]), name: _.set('renamed') });
    const doc = await read('set-3');
    expect(doc.items).toEqual([{ k: 'z' }]);
    expect(doc.name).toBe('renamed');
  });

  it('remove deletes a field, top-level or nested', async () => {
    const _ = t.db.command;
    await fresh('remove-1');
    expect(await update('remove-1', { opt: _.remove(), prof: { level: _.remove() } })).toBe(1);
    const doc = await read('remove-1');
    expect('opt' in doc).toBe(false);
    expect(doc.prof).toEqual({ city: 'bj', tags: ['a'] });
  });

  it('inc adds (negative too), and creates a missing field', async () => {
    const _ = t.db.command;
    await fresh('inc-1');
    await update('inc-1', { n: _.inc(5), price: _.inc(-0.5), fresh: _.inc(3) });
    const doc = await read('inc-1');
    expect(doc.n).toBe(15);
    expect(doc.price).toBe(2);
    expect(doc.fresh).toBe(3);
  });

  it('inc is atomic: concurrent increments all count', async () => {
    const _ = t.db.command;
    await fresh('inc-2');
    await Promise.all(Array.from({ length: 10 }, () => update('inc-2', { n: _.inc(1) })));
    expect((await read('inc-2')).n).toBe(20);
  });

  it('mul multiplies, and sets a missing field to 0', async () => {
    const _ = t.db.command;
    await fresh('mul-1');
    await update('mul-1', { n: _.mul(3), price: _.mul(0.5), fresh: _.mul(7) });
    const doc = await read('mul-1');
    expect(doc.n).toBe(30);
    expect(doc.price).toBe(1.25);
    expect(doc.fresh).toBe(0);
  });

  it('min and max keep the smaller or larger value', async () => {
    const _ = t.db.command;
    await fresh('minmax-1');
    await update('minmax-1', { n: _.max(20), price: _.min(1) });
    let doc = await read('minmax-1');
    expect(doc.n).toBe(20);
    expect(doc.price).toBe(1);
    await update('minmax-1', { n: _.max(5), price: _.min(9) });
    doc = await read('minmax-1');
    expect(doc.n).toBe(20);
    expect(doc.price).toBe(1);
  });

  it('rename moves a field to a new name', async () => {
    const _ = t.db.command;
    await fresh('rename-1');
    await update('rename-1', { name: _.rename('title') });
    const doc = await read('rename-1');
    expect('name' in doc).toBe(false);
    expect(doc.title).toBe('base');
  });
});

describe('array commands', () => {
  it('push appends one value, or each value of an array', async () => {
    const _ = t.db.command;
    await fresh('push-1');
    await update('push-1', { tags: _.push('blue') });
    expect((await read('push-1')).tags).toEqual(['red', 'green', 'red', 'blue']);
    await update('push-1', { tags: _.push(['x', 'y']) });
    expect((await read('push-1')).tags).toEqual(['red', 'green', 'red', 'blue', 'x', 'y']);
  });

  it('push creates a missing array', async () => {
    const _ = t.db.command;
    await fresh('push-2');
    await update('push-2', { fresh: _.push('first') });
    expect((await read('push-2')).fresh).toEqual(['first']);
  });

  it('push with each, position, sort and slice', async () => {
    const _ = t.db.command;
    await fresh('push-3');
    await update('push-3', { tags: _.push({ each: ['first'], position: 0 }) });
    expect((await read('push-3')).tags).toEqual(['first', 'red', 'green', 'red']);
    await update('push-3', { nums: _.push({ each: [9, 0], sort: -1, slice: 3 }) });
    expect((await read('push-3')).nums).toEqual([9, 5, 4]);
  });

  it('pull removes every element equal to a value', async () => {
    const _ = t.db.command;
    await fresh('pull-1');
    await update('pull-1', { tags: _.pull('red') });
    expect((await read('pull-1')).tags).toEqual(['green']);
  });

  it('pull removes every element matching a condition', async () => {
    const _ = t.db.command;
    await fresh('pull-2');
    await update('pull-2', { nums: _.pull(_.gt(3)) });
    expect((await read('pull-2')).nums).toEqual([1, 2, 3]);
    await update('pull-2', { nums: _.pull(_.in([1, 3])) });
    expect((await read('pull-2')).nums).toEqual([2]);
    await update('pull-2', { items: _.pull({ k: 'x' }) });
    expect((await read('pull-2')).items).toEqual([{ k: 'y', v: 2 }]);
  });

  it('pullAll removes every element equal to any of the values', async () => {
    const _ = t.db.command;
    await fresh('pullall-1');
    await update('pullall-1', { tags: _.pullAll(['red', 'blue']), nums: _.pullAll([1, 5]) });
    const doc = await read('pullall-1');
    expect(doc.tags).toEqual(['green']);
    expect(doc.nums).toEqual([2, 3, 4]);
  });

  it('addToSet adds a value only when it is absent', async () => {
    const _ = t.db.command;
    await fresh('addtoset-1');
    expect(await update('addtoset-1', { tags: _.addToSet('blue') })).toBe(1);
    expect((await read('addtoset-1')).tags).toEqual(['red', 'green', 'red', 'blue']);
    await update('addtoset-1', { tags: _.addToSet('green') });
    expect((await read('addtoset-1')).tags).toEqual(['red', 'green', 'red', 'blue']);
    await update('addtoset-1', { items: _.addToSet({ k: 'x', v: 1 }) });
    expect((await read('addtoset-1')).items).toHaveLength(2);
  });

  it('addToSet with $each adds each absent value once', async () => {
    const _ = t.db.command;
    await fresh('addtoset-2');
    await update('addtoset-2', { tags: _.addToSet({ $each: ['green', 'blue', 'pink', 'blue'] }) });
    expect((await read('addtoset-2')).tags).toEqual(['red', 'green', 'red', 'blue', 'pink']);
  });

  it('pop removes the last element, shift the first', async () => {
    const _ = t.db.command;
    await fresh('pop-1');
    await update('pop-1', { nums: _.pop() });
    expect((await read('pop-1')).nums).toEqual([1, 2, 3, 4]);
    await update('pop-1', { nums: _.shift() });
    expect((await read('pop-1')).nums).toEqual([2, 3, 4]);
  });

  it('unshift prepends values in the order given', async () => {
    const _ = t.db.command;
    await fresh('unshift-1');
    await update('unshift-1', { tags: _.unshift('a', 'b') });
    expect((await read('unshift-1')).tags).toEqual(['a', 'b', 'red', 'green', 'red']);
    await update('unshift-1', { tags: _.unshift(['z']) });
    expect((await read('unshift-1')).tags).toEqual(['z', 'a', 'b', 'red', 'green', 'red']);
  });
});

describe('nested paths', () => {
  it("as 'a.b' keys", async () => {
    const _ = t.db.command;
    await fresh('path-1');
    await update('path-1', {
      'prof.city': 'sz',
      'prof.level': _.inc(2),
      'prof.tags': _.push('b'),
      'prof.extra.deep': true,
    });
    expect((await read('path-1')).prof).toEqual({
      city: 'sz',
      level: 3,
      tags: ['a', 'b'],
      extra: { deep: true },
    });
  });

  it('as nested objects', async () => {
    const _ = t.db.command;
    await fresh('path-2');
    await update('path-2', {
      prof: { city: 'sz', level: _.inc(2), tags: _.push('b'), extra: { deep: true } },
    });
    expect((await read('path-2')).prof).toEqual({
      city: 'sz',
      level: 3,
      tags: ['a', 'b'],
      extra: { deep: true },
    });
  });

  it('into array elements by index', async () => {
    const _ = t.db.command;
    await fresh('path-3');
    await update('path-3', { 'items.1.v': _.inc(10), 'nums.0': 100 });
    const doc = await read('path-3');
    expect(doc.items).toEqual([
      { k: 'x', v: 1 },
      { k: 'y', v: 12 },
    ]);
    expect(doc.nums).toEqual([100, 2, 3, 4, 5]);
  });
});

describe('where().update() with commands', () => {
  it('applies the commands to every matching document', async () => {
    const _ = t.db.command;
    await t.db.collection(coll).add([
      { _id: 'w1', group: 'w', n: 1, tags: [] },
      { _id: 'w2', group: 'w', n: 2, tags: ['x'] },
      { _id: 'w3', group: 'other', n: 3, tags: [] },
    ]);
    const res = await t.db
      .collection(coll)
      .where({ group: 'w' })
      .update({ n: _.mul(10), tags: _.addToSet('x') });
    expect(res.updated).toBe(2);
    expect((await read('w1')).n).toBe(10);
    expect((await read('w1')).tags).toEqual(['x']);
    expect((await read('w2')).n).toBe(20);
    expect((await read('w2')).tags).toEqual(['x']);
    expect((await read('w3')).n).toBe(3);
  });

  it('conditional update (compare-and-set) changes only a document still in the expected state', async () => {
    const _ = t.db.command;
    await t.db.collection(coll).add({ _id: 'cas-1', status: 'open', version: 1 });
    const first = await t.db
      .collection(coll)
      .where({ _id: 'cas-1', version: 1 })
      .update({ status: 'closed', version: _.inc(1) });
    const second = await t.db
      .collection(coll)
      .where({ _id: 'cas-1', version: 1 })
      .update({ status: 'reopened', version: _.inc(1) });
    expect(first.updated).toBe(1);
    expect(second.updated).toBe(0);
    expect(await read('cas-1')).toEqual({ _id: 'cas-1', status: 'closed', version: 2 });
  });
});

describe('nothing matched', () => {
  it('updated is 0 and nothing is created', async () => {
    const _ = t.db.command;
    expect(await update('no-such-doc', { n: _.inc(1) })).toBe(0);
    expect((await t.db.collection(coll).doc('no-such-doc').get()).data).toEqual([]);
    const res = await t.db
      .collection(coll)
      .where({ group: 'no-such-group' })
      .update({ n: _.inc(1) });
    expect(res.updated).toBe(0);
    expect((await t.db.collection(coll).where({ group: 'no-such-group' }).count()).total).toBe(0);
  });
});

describe('invalid updates', () => {
  it('inc on a string field fails with a code and leaves the document unchanged', async () => {
    const _ = t.db.command;
    await fresh('bad-1');
    const error = await caught(() => update('bad-1', { name: _.inc(1) }));
    expect(typeof error.code).toBe('string');
    expect(error.code).not.toBe('');
    expect(await read('bad-1')).toEqual({ _id: 'bad-1', ...BASE });
  });

  it('array commands on a field that is not an array fail with a code and leave the document unchanged', async () => {
    const _ = t.db.command;
    await fresh('bad-2');
    const commands = {
      push: _.push('x'),
      addToSet: _.addToSet('x'),
      pull: _.pull('x'),
      pullAll: _.pullAll(['x']),
      pop: _.pop(),
    };
    const outcomes: Record<string, string> = {};
    for (const [name, command] of Object.entries(commands)) {
      try {
        const updated = await update('bad-2', { name: command });
        outcomes[name] = `succeeded, updated ${updated}`;
      } catch (error) {
        outcomes[name] = (error as { code?: string }).code ? 'failed with a code' : 'failed without a code';
      }
    }
    expect(outcomes).toEqual({
      push: 'failed with a code',
      addToSet: 'failed with a code',
      pull: 'failed with a code',
      pullAll: 'failed with a code',
      pop: 'failed with a code',
    });
    expect(await read('bad-2')).toEqual({ _id: 'bad-2', ...BASE });
  });
});
