import { caught, openTarget, type Target } from './target';

/** Aggregation pipelines: db.collection(x).aggregate()…end(), with $ = db.command.aggregate. */

let t: Target;
let orders: string;
let categories: string;

const at = (month: number, day: number) => new Date(Date.UTC(2024, month - 1, day, 2, 0, 0));

// seq gives a stable input order for $first/$last; cases are spread over two months.
const ORDERS = [
  { _id: 'o1', seq: 1, cat: 'road', v: 10, w: 1, name: 'pothole', tags: ['urgent', 'night'], at: at(3, 1) },
  { _id: 'o2', seq: 2, cat: 'road', v: 30, w: 2, name: 'sign', tags: ['urgent'], at: at(3, 5) },
  { _id: 'o3', seq: 3, cat: 'water', v: 20, w: 3, name: 'leak', tags: [], at: at(3, 9) },
  { _id: 'o4', seq: 4, cat: 'road', v: 20, w: 4, name: 'light', tags: ['night'], at: at(3, 20) },
  { _id: 'o5', seq: 5, cat: 'noise', v: 5, w: 5, name: 'bar', tags: ['night', 'weekend'], at: at(3, 31) },
  { _id: 'o6', seq: 6, cat: 'water', v: 40, w: 6, name: 'flood', tags: ['urgent'], at: at(4, 2) },
  { _id: 'o7', seq: 7, cat: 'noise', v: 15, w: 7, name: 'site', tags: [], at: at(4, 15) },
];

const CATEGORIES = [
  { _id: 'road', title: '道路', office: 'transport' },
  { _id: 'water', title: '供水', office: 'utilities' },
  { _id: 'noise', title: '噪音', office: 'police' },
];

beforeAll(async () => {
  t = await openTarget();
  orders = await t.collection('agg_orders');
  categories = await t.collection('agg_categories');
  await t.db.collection(orders).add(ORDERS);
  await t.db.collection(categories).add(CATEGORIES);
});

afterAll(async () => {
  await t?.close();
});

describe('group', () => {
  it('computes sum, avg, min, max, first, last, push and addToSet per group', async () => {
    const _ = t.db.command;
    const $ = _.aggregate;
    const res = await t.db
      .collection(orders)
      .aggregate()
      .match({ v: _.gte(10) })
      .sort({ seq: 1 })
      .group({
        _id: '$cat',
        n: $.sum(1),
        total: $.sum('$v'),
        avg: $.avg('$v'),
        min: $.min('$v'),
        max: $.max('$v'),
        first: $.first('$name'),
        last: $.last('$name'),
        names: $.push('$name'),
        values: $.addToSet('$v'),
      })
      .sort({ _id: 1 })
      .end();
    // addToSet has no defined order: compare it sorted.
    const groups = res.data.map((g: { values: number[] }) => ({
      ...g,
      values: [...g.values].sort((a, b) => a - b),
    }));
    expect(groups).toEqual([
      {
        _id: 'noise',
        n: 1,
        total: 15,
        avg: 15,
        min: 15,
        max: 15,
        first: 'site',
        last: 'site',
        names: ['site'],
        values: [15],
      },
      {
        _id: 'road',
        n: 3,
        total: 60,
        avg: 20,
        min: 10,
        max: 30,
        first: 'pothole',
        last: 'light',
        names: ['pothole', 'sign', 'light'],
        values: [10, 20, 30],
      },
      {
        _id: 'water',
        n: 2,
        total: 60,
        avg: 30,
        min: 20,
        max: 40,
        first: 'leak',
        last: 'flood',
        names: ['leak', 'flood'],
        values: [20, 40],
      },
    ]);
  });

  it('groups everything under _id null', async () => {
    const $ = t.db.command.aggregate;
    const res = await t.db
      .collection(orders)
      .aggregate()
      .group({ _id: null, n: $.sum(1), total: $.sum('$v') })
      .end();
    expect(res.data).toEqual([{ _id: null, n: 7, total: 140 }]);
  });
});

describe('stages', () => {
  it('project computes fields with expressions', async () => {
    const $ = t.db.command.aggregate;
    const res = await t.db
      .collection(orders)
      .aggregate()
      .match({ cat: 'road' })
      .project({
        _id: 0,
        name: 1,
        sum: $.add(['$v', '$w']),
        label: $.concat(['$cat', '/', '$name']),
        big: $.gt(['$v', 15]),
      })
      .sort({ sum: 1 })
      .end();
    expect(res.data).toEqual([
      { name: 'pothole', sum: 11, label: 'road/pothole', big: false },
      { name: 'light', sum: 24, label: 'road/light', big: true },
      { name: 'sign', sum: 32, label: 'road/sign', big: true },
    ]);
  });

  it('sort, skip and limit page through the results', async () => {
    const res = await t.db
      .collection(orders)
      .aggregate()
      .sort({ v: -1, seq: 1 })
      .skip(1)
      .limit(3)
      .project({ _id: 1 })
      .end();
    expect(res.data).toEqual([{ _id: 'o2' }, { _id: 'o3' }, { _id: 'o4' }]);
  });

  it('unwind makes one document per array element', async () => {
    const res = await t.db
      .collection(orders)
      .aggregate()
      .match({ cat: 'road' })
      .sort({ seq: 1 })
      .unwind('$tags')
      .project({ _id: 1, tags: 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'o1', tags: 'urgent' },
      { _id: 'o1', tags: 'night' },
      { _id: 'o2', tags: 'urgent' },
      { _id: 'o4', tags: 'night' },
    ]);
  });

  it('unwind with options keeps empty arrays and the element index', async () => {
    const res = await t.db
      .collection(orders)
      .aggregate()
      .match({ cat: 'water' })
      .sort({ seq: 1 })
      .unwind({ path: '$tags', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true })
      .project({ _id: 1, tags: 1, i: 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'o3', i: null },
      { _id: 'o6', tags: 'urgent', i: 0 },
    ]);
  });

  it('unwind then group counts tag use', async () => {
    const $ = t.db.command.aggregate;
    const res = await t.db
      .collection(orders)
      .aggregate()
      .unwind('$tags')
      .group({ _id: '$tags', n: $.sum(1) })
      .sort({ n: -1, _id: 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'night', n: 3 },
      { _id: 'urgent', n: 3 },
      { _id: 'weekend', n: 1 },
    ]);
  });

  it('count answers the number of documents under the given name', async () => {
    const _ = t.db.command;
    const res = await t.db
      .collection(orders)
      .aggregate()
      .match({ v: _.gt(10) })
      .count('n')
      .end();
    expect(res.data).toEqual([{ n: 5 }]);
  });

  it('lookup joins another collection', async () => {
    const res = await t.db
      .collection(orders)
      .aggregate()
      .match({ cat: 'water' })
      .sort({ seq: 1 })
      .lookup({ from: categories, localField: 'cat', foreignField: '_id', as: 'category' })
      .project({ _id: 1, category: 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'o3', category: [{ _id: 'water', title: '供水', office: 'utilities' }] },
      { _id: 'o6', category: [{ _id: 'water', title: '供水', office: 'utilities' }] },
    ]);
  });

  it('lookup of a value with no match answers an empty array', async () => {
    await t.db
      .collection(orders)
      .add({ _id: 'o-orphan', seq: 99, cat: 'unknown', v: 0, w: 0, name: 'orphan', tags: [], at: at(1, 1) });
    const res = await t.db
      .collection(orders)
      .aggregate()
      .match({ _id: 'o-orphan' })
      .lookup({ from: categories, localField: 'cat', foreignField: '_id', as: 'category' })
      .project({ _id: 1, category: 1 })
      .end();
    expect(res.data).toEqual([{ _id: 'o-orphan', category: [] }]);
    await t.db.collection(orders).doc('o-orphan').remove();
  });
});

describe('a statistics report', () => {
  it('matches a date range, groups by category and sorts by count', async () => {
    const _ = t.db.command;
    const $ = _.aggregate;
    const res = await t.db
      .collection(orders)
      .aggregate()
      .match({ at: _.gte(at(3, 1)).and(_.lt(at(4, 1))) })
      .group({ _id: '$cat', n: $.sum(1), total: $.sum('$v') })
      .sort({ n: -1, _id: 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'road', n: 3, total: 60 },
      { _id: 'noise', n: 1, total: 5 },
      { _id: 'water', n: 1, total: 20 },
    ]);
  });

  it('groups by month with date operators', async () => {
    const $ = t.db.command.aggregate;
    const res = await t.db
      .collection(orders)
      .aggregate()
      .group({ _id: $.month('$at'), n: $.sum(1) })
      .sort({ _id: 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 3, n: 5 },
      { _id: 4, n: 2 },
    ]);
  });
});

describe('errors', () => {
  it('aggregating a collection that does not exist fails with a code', async () => {
    const $ = t.db.command.aggregate;
    const error = await caught(() =>
      t.db
        .collection(t.missingCollection('agg'))
        .aggregate()
        .group({ _id: null, n: $.sum(1) })
        .end(),
    );
    expect(typeof error.code).toBe('string');
    expect(error.code).not.toBe('');
    if (t.kind === 'local') expect(error.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });
});
