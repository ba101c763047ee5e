import { startBareStack } from '../helpers/local-stack';

/**
 * Long reads never hold the writes: reads outside transactions run on reader threads with their own
 * read-only connections (stack/db/readers.ts). A read the stack gives up on changes nothing, and a
 * write is whole or absent.
 */

const CASES = 60_000;

/** Resolves once `check` holds, looking again after each turn of the event loop. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

function fill(ctx: Awaited<ReturnType<typeof startBareStack>>) {
  ctx.stack.store.createCollection('cases');
  ctx.stack.store.createCollection('notes');
  const docs = Array.from({ length: CASES }, (_, i) => ({
    stationId: `s${i % 40}`,
    status: i % 3 === 0 ? 'closed' : 'open',
    description: `第${i}件：楼道灯坏了，晚上看不见路。`.repeat(4),
  }));
  ctx.stack.store.insert('cases', docs);
}

/** The office's figure: cases per station and status, over the whole collection. */
const figures = (ctx: Awaited<ReturnType<typeof startBareStack>>) => {
  const db = ctx.app.database();
  const $ = db.command.aggregate;
  return db
    .collection('cases')
    .aggregate()
    .group({
      _id: { station: '$stationId', status: '$status' },
      n: $.sum(1),
      words: $.sum($.strLenCP('$description')),
    })
    .end();
};

describe('a long aggregation', () => {
  let ctx: Awaited<ReturnType<typeof startBareStack>>;
  beforeAll(async () => {
    ctx = await startBareStack();
    fill(ctx);
  });
  afterAll(() => ctx.close());

  it('lets writes, reads by id and finds be answered while it runs, and answers in full', async () => {
    const notes = ctx.app.database().collection('notes');
    let aggregated = false;
    const running = figures(ctx).then((answer) => {
      aggregated = true;
      return answer;
    });
    await until(() => ctx.stack.readsInFlight() === 1);

    const answeredDuring: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const { id } = await notes.add({ text: `记录${i}` });
      const { data } = await notes.doc(id as string).get();
      expect(data).toEqual([expect.objectContaining({ text: `记录${i}` })]);
      // A find runs on a reader too, in the lane aggregations never take.
      expect(await notes.where({ text: `记录${i}` }).count()).toMatchObject({ total: 1 });
      answeredDuring.push(!aggregated);
    }
    // The first write, read and count were answered before the aggregation: none waited for it.
    expect(answeredDuring[0]).toBe(true);

    const { data: list } = (await running) as { data: Array<{ n: number }> };
    expect(list).toHaveLength(80);
    expect(list.reduce((sum, g) => sum + g.n, 0)).toBe(CASES);
    expect(ctx.stack.readsInFlight()).toBe(0);
  });

  it('reads what was written before it was asked', async () => {
    const db = ctx.app.database();
    await db.collection('notes').add({ text: '刚写的', tag: 'fresh' });
    expect(await db.collection('notes').where({ tag: 'fresh' }).count()).toMatchObject({ total: 1 });
    await db.createCollection('later');
    await db.collection('later').add({ x: 1 });
    expect(await db.collection('later').where({ x: 1 }).get()).toMatchObject({ data: [{ x: 1 }] });
  });
});

describe('a lookup', () => {
  let ctx: Awaited<ReturnType<typeof startBareStack>>;
  beforeAll(async () => {
    ctx = await startBareStack();
    ctx.stack.store.createCollection('deputies');
    ctx.stack.store.ensureIndex('deputies', { name: 'code_unique', keys: [['code', 1]], unique: true });
    ctx.stack.store.insert(
      'deputies',
      Array.from({ length: 50 }, (_, i) => ({ code: `D${String(i).padStart(5, '0')}`, group: i % 2 })),
    );
  });
  afterAll(() => ctx.close());

  it('through an index that gives its documents exactly is answered on the request thread; other finds on a reader', async () => {
    const seen: string[] = [];
    const stop = ctx.stack.store.observeReads((collection, read) => seen.push(`${collection} ${read.index}`));
    try {
      const deputies = ctx.app.database().collection('deputies');
      // Reads the request thread makes are the ones observed; a reader's connection is its own.
      const { data } = await deputies.where({ code: 'D00007' }).limit(1).get();
      expect(data).toEqual([expect.objectContaining({ code: 'D00007', group: 1 })]);
      expect(seen).toEqual(['deputies code_unique']);
      // More than a few documents, documents to test, or documents to skip: a reader's work.
      expect((await deputies.where({ group: 1 }).limit(1).get()).data).toHaveLength(1);
      expect((await deputies.where({ code: 'D00007' }).limit(100).get()).data).toHaveLength(1);
      expect((await deputies.where({ code: 'D00007' }).skip(1).limit(1).get()).data).toHaveLength(0);
      expect(seen).toEqual(['deputies code_unique']);
    } finally {
      stop();
    }
  });
});

describe('a read the stack gives up on', () => {
  let ctx: Awaited<ReturnType<typeof startBareStack>>;
  beforeAll(async () => {
    ctx = await startBareStack({ readTimeoutMs: 150 });
    fill(ctx);
  });
  afterAll(() => ctx.close());

  it('is answered DATABASE_TIMEOUT, changes nothing, and the next read is answered', async () => {
    await expect(figures(ctx)).rejects.toMatchObject({ code: 'DATABASE_TIMEOUT' });
    expect(ctx.stack.readsInFlight()).toBe(0);
    const db = ctx.app.database();
    expect(await db.collection('cases').where({ stationId: 's1' }).limit(1).get()).toMatchObject({
      data: [expect.objectContaining({ stationId: 's1' })],
    });
    expect(ctx.stack.store.count('cases', {})).toBe(CASES);
  });
});

describe('a write that fails part way', () => {
  let ctx: Awaited<ReturnType<typeof startBareStack>>;
  beforeAll(async () => {
    ctx = await startBareStack();
  });
  afterAll(() => ctx.close());

  it('leaves nothing of itself behind', async () => {
    const db = ctx.app.database();
    await db.createCollection('counters');
    const counters = db.collection('counters');
    for (let i = 0; i < 10; i++) await counters.add({ group: 'g', n: i === 7 ? 'seven' : i });
    // $inc on the eighth document fails: the seven before it must not keep their increments.
    await expect(counters.where({ group: 'g' }).update({ n: db.command.inc(100) })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    });
    const { data } = await counters.where({ group: 'g' }).limit(100).get();
    expect(data.map((d: { n: unknown }) => d.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 'seven', 8, 9]);
  });
});
