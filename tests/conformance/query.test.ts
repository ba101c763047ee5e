import { insertMany, openTarget, type Target } from './target';

/** Queries: every db.command query operator, regular expressions, nested paths, order, paging, projection. */

interface Fruit {
  _id: string;
  n: number;
  cat: string;
  name: string;
  tags: string[];
  prof: { city: string; level: number };
  items?: Array<{ k: string; v: number }>;
  opt?: string | null;
  when: Date;
}

const day = (d: number) => new Date(Date.UTC(2024, 0, d, 4, 0, 0));

const FRUITS: Fruit[] = [
  {
    _id: 'q1',
    n: 1,
    cat: 'a',
    name: 'Apple',
    tags: ['red', 'green'],
    prof: { city: 'bj', level: 1 },
    items: [{ k: 'x', v: 1 }],
    opt: 'yes',
    when: day(1),
  },
  {
    _id: 'q2',
    n: 2,
    cat: 'b',
    name: 'banana',
    tags: ['yellow'],
    prof: { city: 'sh', level: 2 },
    items: [
      { k: 'x', v: 5 },
      { k: 'y', v: 2 },
    ],
    when: day(2),
  },
  {
    _id: 'q3',
    n: 3,
    cat: 'a',
    name: 'Cherry',
    tags: ['red'],
    prof: { city: 'bj', level: 3 },
    items: [],
    opt: null,
    when: day(3),
  },
  {
    _id: 'q4',
    n: 4,
    cat: 'b',
    name: 'date',
    tags: ['brown', 'red', 'green'],
    prof: { city: 'gz', level: 2 },
    items: [{ k: 'y', v: 9 }],
    when: day(4),
  },
  { _id: 'q5', n: 5, cat: 'c', name: 'Elder', tags: [], prof: { city: 'sh', level: 5 }, when: day(5) },
  {
    _id: 'q6',
    n: 6,
    cat: 'a',
    name: 'fig',
    tags: ['green', 'purple'],
    prof: { city: 'bj', level: 1 },
    opt: 'no',
    when: day(6),
  },
];

let t: Target;
let coll: string;
let big: string;

beforeAll(async () => {
  t = await openTarget();
  coll = await t.collection('query');
  big = await t.collection('query_big');
  await t.db.collection(coll).add(FRUITS);
  await insertMany(
    t.db,
    big,
    Array.from({ length: 1100 }, (_, i) => ({ i, even: i % 2 === 0 })),
  );
});

afterAll(async () => {
  await t?.close();
});

/** The ids a query answers, sorted (for queries whose order is not part of the contract). */
async function ids(query: object): Promise<string[]> {
  const { data } = await t.db.collection(coll).where(query).get();
  return data.map((d: { _id: string }) => d._id).sort();
}

describe('comparison operators', () => {
  it('eq and neq', async () => {
    const _ = t.db.command;
    expect(await ids({ n: _.eq(3) })).toEqual(['q3']);
    expect(await ids({ name: _.eq('fig') })).toEqual(['q6']);
    expect(await ids({ cat: _.neq('a') })).toEqual(['q2', 'q4', 'q5']);
  });

  it('lt, lte, gt, gte', async () => {
    const _ = t.db.command;
    expect(await ids({ n: _.lt(3) })).toEqual(['q1', 'q2']);
    expect(await ids({ n: _.lte(3) })).toEqual(['q1', 'q2', 'q3']);
    expect(await ids({ n: _.gt(4) })).toEqual(['q5', 'q6']);
    expect(await ids({ n: _.gte(4) })).toEqual(['q4', 'q5', 'q6']);
    expect(await ids({ name: _.gt('a') })).toEqual(['q2', 'q4', 'q6']); // lowercase sorts after uppercase
  });

  it('on dates: a half-open range', async () => {
    const _ = t.db.command;
    expect(await ids({ when: _.gte(day(2)).and(_.lt(day(4))) })).toEqual(['q2', 'q3']);
    expect(await ids({ when: _.eq(day(6)) })).toEqual(['q6']);
    expect(await ids({ when: day(1) })).toEqual(['q1']);
  });

  it('in and nin', async () => {
    const _ = t.db.command;
    expect(await ids({ cat: _.in(['b', 'c']) })).toEqual(['q2', 'q4', 'q5']);
    expect(await ids({ n: _.nin([1, 2, 3]) })).toEqual(['q4', 'q5', 'q6']);
    // On an array field, in matches when any element is in the list.
    expect(await ids({ tags: _.in(['yellow', 'purple']) })).toEqual(['q2', 'q6']);
  });

  it('compare only values of the same type (no numbers > a string, no strings > a number)', async () => {
    const _ = t.db.command;
    expect(await ids({ n: _.gt('') })).toEqual([]);
    expect(await ids({ name: _.gt(0) })).toEqual([]);
    expect(await ids({ n: '3' })).toEqual([]);
  });

  it('null matches a null value and a missing field', async () => {
    const _ = t.db.command;
    expect(await ids({ opt: null })).toEqual(['q2', 'q3', 'q4', 'q5']);
    expect(await ids({ opt: _.eq(null) })).toEqual(['q2', 'q3', 'q4', 'q5']);
    expect(await ids({ opt: _.neq(null) })).toEqual(['q1', 'q6']);
  });
});

describe('logical operators', () => {
  it('and, as _.and([...]) across fields and as chained field conditions', async () => {
    const _ = t.db.command;
    expect(await ids(_.and([{ cat: 'a' }, { n: _.gt(1) }]))).toEqual(['q3', 'q6']);
    expect(await ids({ n: _.gt(1).and(_.lt(5)) })).toEqual(['q2', 'q3', 'q4']);
    expect(await ids({ n: _.and([_.gt(1), _.lt(5)]) })).toEqual(['q2', 'q3', 'q4']);
    // Plain fields of one where() are and-ed too.
    expect(await ids({ cat: 'a', n: _.lt(4) })).toEqual(['q1', 'q3']);
  });

  it('or, on one field and across fields', async () => {
    const _ = t.db.command;
    expect(await ids({ n: _.lt(2).or(_.gt(5)) })).toEqual(['q1', 'q6']);
    expect(await ids({ n: _.or([_.eq(2), _.eq(4)]) })).toEqual(['q2', 'q4']);
    expect(await ids(_.or([{ cat: 'c' }, { 'prof.city': 'gz' }]))).toEqual(['q4', 'q5']);
    expect(await ids(_.or([{ cat: 'c' }, { prof: { city: 'gz' } }]))).toEqual(['q4', 'q5']);
  });

  it('not negates a field condition', async () => {
    const _ = t.db.command;
    expect(await ids({ n: _.not(_.gt(2)) })).toEqual(['q1', 'q2']);
    expect(await ids({ cat: _.not(_.in(['a', 'b'])) })).toEqual(['q5']);
  });

  it('nor matches what matches none of the conditions', async () => {
    const _ = t.db.command;
    expect(await ids(_.nor([{ cat: 'a' }, { n: _.gt(4) }]))).toEqual(['q2', 'q4']);
  });
});

describe('element and array operators', () => {
  it('exists', async () => {
    const _ = t.db.command;
    // A field holding null exists.
    expect(await ids({ opt: _.exists(true) })).toEqual(['q1', 'q3', 'q6']);
    expect(await ids({ opt: _.exists(false) })).toEqual(['q2', 'q4', 'q5']);
  });

  it('size', async () => {
    const _ = t.db.command;
    expect(await ids({ tags: _.size(1) })).toEqual(['q2', 'q3']);
    expect(await ids({ tags: _.size(0) })).toEqual(['q5']);
    expect(await ids({ tags: _.size(3) })).toEqual(['q4']);
  });

  it('all', async () => {
    const _ = t.db.command;
    expect(await ids({ tags: _.all(['red', 'green']) })).toEqual(['q1', 'q4']);
    expect(await ids({ tags: _.all(['red']) })).toEqual(['q1', 'q3', 'q4']);
  });

  it('elemMatch needs one element to satisfy every condition', async () => {
    const _ = t.db.command;
    expect(await ids({ items: _.elemMatch({ k: 'x', v: _.gt(2) }) })).toEqual(['q2']);
    expect(await ids({ items: _.elemMatch({ k: 'y', v: _.gt(5) }) })).toEqual(['q4']);
    expect(await ids({ items: _.elemMatch({ k: 'x', v: 2 }) })).toEqual([]);
    // Without elemMatch the conditions may be met by different elements.
    expect(await ids({ 'items.k': 'x', 'items.v': 2 })).toEqual(['q2']);
  });

  it('array contains: equality on an array field matches any element', async () => {
    expect(await ids({ tags: 'red' })).toEqual(['q1', 'q3', 'q4']);
    expect(await ids({ tags: ['yellow'] })).toEqual(['q2']); // a whole array matches exactly
    expect(await ids({ 'items.k': 'y' })).toEqual(['q2', 'q4']);
  });

  it('mod', async () => {
    const _ = t.db.command;
    // The SDK's typings declare mod() without parameters; at runtime it takes (divisor, remainder) or [divisor, remainder].
    const mod = _.mod as unknown as (...args: unknown[]) => ReturnType<typeof _.eq>;
    expect(await ids({ n: mod(3, 0) })).toEqual(['q3', 'q6']);
    expect(await ids({ n: mod([2, 1]) })).toEqual(['q1', 'q3', 'q5']);
  });
});

describe('regular expressions', () => {
  it('native RegExp, with and without flags', async () => {
    expect(await ids({ name: /^[a-c]/i })).toEqual(['q1', 'q2', 'q3']);
    expect(await ids({ name: /^[a-c]/ })).toEqual(['q2']);
    expect(await ids({ name: /rr/ })).toEqual(['q3']);
  });

  it('db.RegExp({ regexp, options })', async () => {
    expect(await ids({ name: t.db.RegExp({ regexp: '^[a-c]', options: 'i' }) })).toEqual(['q1', 'q2', 'q3']);
    expect(await ids({ name: t.db.RegExp({ regexp: 'E' }) })).toEqual(['q5']);
  });

  it('on an array field, matches any element; negated with not', async () => {
    const _ = t.db.command;
    expect(await ids({ tags: /^pur/ })).toEqual(['q6']);
    expect(await ids({ name: _.not(/^[a-c]/i) })).toEqual(['q4', 'q5', 'q6']);
  });
});

describe('nested paths', () => {
  it("as 'a.b' keys", async () => {
    const _ = t.db.command;
    expect(await ids({ 'prof.city': 'bj' })).toEqual(['q1', 'q3', 'q6']);
    expect(await ids({ 'prof.level': _.gte(3) })).toEqual(['q3', 'q5']);
  });

  it('as nested objects, which match by path rather than as a whole sub-document', async () => {
    const _ = t.db.command;
    expect(await ids({ prof: { city: 'bj' } })).toEqual(['q1', 'q3', 'q6']);
    expect(await ids({ prof: { level: _.gte(3) } })).toEqual(['q3', 'q5']);
    expect(await ids({ prof: { city: 'sh', level: 2 } })).toEqual(['q2']);
  });
});

describe('order and paging', () => {
  const idsOf = (res: { data: Array<{ _id: string }> }) => res.data.map((d) => d._id);

  it('orderBy one field, ascending and descending', async () => {
    expect(idsOf(await t.db.collection(coll).orderBy('n', 'asc').get())).toEqual([
      'q1',
      'q2',
      'q3',
      'q4',
      'q5',
      'q6',
    ]);
    expect(idsOf(await t.db.collection(coll).orderBy('n', 'desc').get())).toEqual([
      'q6',
      'q5',
      'q4',
      'q3',
      'q2',
      'q1',
    ]);
    expect(
      idsOf(await t.db.collection(coll).orderBy('prof.level', 'desc').orderBy('n', 'asc').get()),
    ).toEqual(['q5', 'q3', 'q2', 'q4', 'q1', 'q6']);
  });

  it('orderBy two fields: the second breaks ties of the first', async () => {
    const res = await t.db.collection(coll).orderBy('cat', 'asc').orderBy('n', 'desc').get();
    expect(idsOf(res)).toEqual(['q6', 'q3', 'q1', 'q4', 'q2', 'q5']);
    const res2 = await t.db.collection(coll).orderBy('cat', 'desc').orderBy('n', 'asc').get();
    expect(idsOf(res2)).toEqual(['q5', 'q2', 'q4', 'q1', 'q3', 'q6']);
  });

  it('orderBy puts missing and null values first when ascending, last when descending', async () => {
    const asc = await t.db.collection(coll).orderBy('opt', 'asc').orderBy('n', 'asc').get();
    expect(idsOf(asc)).toEqual(['q2', 'q3', 'q4', 'q5', 'q6', 'q1']);
    const desc = await t.db.collection(coll).orderBy('opt', 'desc').orderBy('n', 'asc').get();
    expect(idsOf(desc)).toEqual(['q1', 'q6', 'q2', 'q3', 'q4', 'q5']);
  });

  it('orderBy with where', async () => {
    const res = await t.db.collection(coll).where({ cat: 'a' }).orderBy('name', 'desc').get();
    expect(idsOf(res)).toEqual(['q6', 'q3', 'q1']);
  });

  it('skip and limit page through the sorted results', async () => {
    const page = (skip: number, limit: number) =>
      t.db.collection(coll).orderBy('n', 'asc').skip(skip).limit(limit).get();
    expect(idsOf(await page(0, 2))).toEqual(['q1', 'q2']);
    expect(idsOf(await page(2, 3))).toEqual(['q3', 'q4', 'q5']);
    expect(idsOf(await page(5, 3))).toEqual(['q6']);
    expect(idsOf(await page(6, 3))).toEqual([]);
    expect(idsOf(await t.db.collection(coll).orderBy('n', 'desc').skip(4).get())).toEqual(['q2', 'q1']);
  });

  it('get() without limit answers at most 100 documents', async () => {
    const res = await t.db.collection(big).get();
    expect(res.data).toHaveLength(100);
    const res2 = await t.db.collection(big).where({ even: true }).orderBy('i', 'asc').get();
    expect(res2.data).toHaveLength(100);
    expect(res2.data[99].i).toBe(198);
  });

  it('limit() above 1000 is capped at 1000', async () => {
    expect((await t.db.collection(big).limit(150).get()).data).toHaveLength(150);
    expect((await t.db.collection(big).limit(1000).get()).data).toHaveLength(1000);
    const capped = await t.db.collection(big).orderBy('i', 'desc').limit(2000).get();
    expect(capped.data).toHaveLength(1000);
    expect(capped.data[0].i).toBe(1099);
    expect(capped.data[999].i).toBe(100);
    expect((await t.db.collection(big).count()).total).toBe(1100);
  });

  it('skip() past 100 and paging all the way through', async () => {
    const seen: number[] = [];
    for (let skip = 0; skip < 1100; skip += 1000) {
      const res = await t.db.collection(big).orderBy('i', 'asc').skip(skip).limit(1000).get();
      seen.push(...res.data.map((d: { i: number }) => d.i));
    }
    expect(seen).toEqual(Array.from({ length: 1100 }, (_, i) => i));
  });
});

describe('projection: field()', () => {
  it('includes only the named fields, and _id', async () => {
    const res = await t.db
      .collection(coll)
      .where({ _id: 'q1' })
      .field({ name: true, 'prof.city': true })
      .get();
    expect(res.data).toEqual([{ _id: 'q1', name: 'Apple', prof: { city: 'bj' } }]);
  });

  it('excludes the named fields', async () => {
    const res = await t.db
      .collection(coll)
      .where({ _id: 'q2' })
      .field({ tags: false, items: false, prof: false, when: false })
      .get();
    expect(res.data).toEqual([{ _id: 'q2', n: 2, cat: 'b', name: 'banana' }]);
  });

  it('can leave out _id', async () => {
    const res = await t.db.collection(coll).where({ _id: 'q3' }).field({ _id: false, name: true }).get();
    expect(res.data).toEqual([{ name: 'Cherry' }]);
  });

  it('works on doc().field().get()', async () => {
    expect((await t.db.collection(coll).doc('q4').field({ n: true }).get()).data).toEqual([
      { _id: 'q4', n: 4 },
    ]);
    expect(
      (await t.db.collection(coll).doc('q5').field({ prof: false, tags: false, when: false }).get()).data,
    ).toEqual([{ _id: 'q5', n: 5, cat: 'c', name: 'Elder' }]);
  });

  it('slices arrays and picks the first matching element', async () => {
    const _ = t.db.command;
    const sliced = await t.db
      .collection(coll)
      .doc('q4')
      .field({ tags: _.project.slice(2) })
      .get();
    expect(sliced.data[0].tags).toEqual(['brown', 'red']);
    // Plain values only: the SDK does not encode commands (_.lt…) nested in a projection.
    const picked = await t.db
      .collection(coll)
      .doc('q2')
      .field({ items: _.project.elemMatch({ k: 'y' }) })
      .get();
    expect(picked.data[0].items).toEqual([{ k: 'y', v: 2 }]);
  });
});

describe('count()', () => {
  it('counts what where() matches, ignoring the default page size', async () => {
    const _ = t.db.command;
    expect((await t.db.collection(coll).where({ cat: 'a' }).count()).total).toBe(3);
    expect(
      (
        await t.db
          .collection(coll)
          .where({ n: _.gt(2), tags: 'red' })
          .count()
      ).total,
    ).toBe(2);
    expect((await t.db.collection(big).where({ even: true }).count()).total).toBe(550);
    expect(
      (
        await t.db
          .collection(big)
          .where({ i: _.gte(1000) })
          .count()
      ).total,
    ).toBe(100);
  });
});
