import { caught, openTarget, type Collection, type Target, type Transaction } from './target';

/** Transactions: db.runTransaction(callback) and db.startTransaction() with commit/rollback. */

let t: Target;
let coll: string;

interface Account {
  _id: string;
  owner: string;
  balance: number;
}

const col = (): Collection => t.db.collection(coll);

async function read(id: string): Promise<Record<string, unknown> | undefined> {
  const { data } = await col().doc(id).get();
  return data[0];
}

async function account(id: string, balance: number): Promise<void> {
  await col().add({ _id: id, owner: id, balance });
}

/** Reads a document inside a transaction: `{ data: doc | null }` in this API. */
async function txRead(tx: Transaction, id: string): Promise<Account | null> {
  const res = await tx.collection(coll).doc(id).get();
  return res.data as Account | null;
}

beforeAll(async () => {
  t = await openTarget();
  coll = await t.collection('txn');
});

afterAll(async () => {
  await t?.close();
});

describe('runTransaction', () => {
  it('reads and updates two documents, commits both, and returns the callback value', async () => {
    await account('rt-a', 100);
    await account('rt-b', 50);
    const result = await t.runTransaction(async (tx) => {
      const a = await txRead(tx, 'rt-a');
      const b = await txRead(tx, 'rt-b');
      await tx
        .collection(coll)
        .doc('rt-a')
        .update({ balance: a!.balance - 30 });
      await tx
        .collection(coll)
        .doc('rt-b')
        .update({ balance: b!.balance + 30 });
      return { moved: 30, from: a!.balance };
    });
    expect(result).toEqual({ moved: 30, from: 100 });
    expect(await read('rt-a')).toEqual({ _id: 'rt-a', owner: 'rt-a', balance: 70 });
    expect(await read('rt-b')).toEqual({ _id: 'rt-b', owner: 'rt-b', balance: 80 });
  });

  it('a callback that throws rejects with that error and leaves no trace', async () => {
    await account('rt-c', 100);
    const failure = new Error('insufficient funds');
    await expect(
      t.runTransaction(async (tx) => {
        await tx.collection(coll).doc('rt-c').update({ balance: 0 });
        await tx.collection(coll).add({ _id: 'rt-ghost', owner: 'ghost', balance: 1 });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await read('rt-c')).toEqual({ _id: 'rt-c', owner: 'rt-c', balance: 100 });
    expect(await read('rt-ghost')).toBeUndefined();
  });

  it('tx.rollback(reason) rejects runTransaction with that reason and leaves no trace', async () => {
    await account('rt-d', 100);
    await expect(
      t.runTransaction(async (tx) => {
        await tx.collection(coll).doc('rt-d').update({ balance: 1 });
        await tx.collection(coll).add({ _id: 'rt-ghost-2', owner: 'ghost', balance: 1 });
        await tx.rollback('not today');
      }),
    ).rejects.toBe('not today');
    expect(await read('rt-d')).toEqual({ _id: 'rt-d', owner: 'rt-d', balance: 100 });
    expect(await read('rt-ghost-2')).toBeUndefined();
  });

  it('tx.collection().add() inserts a document when the transaction commits', async () => {
    const id = await t.runTransaction(async (tx) => {
      const res = await tx.collection(coll).add({ owner: 'added-in-tx', balance: 5 });
      return res.id;
    });
    expect(typeof id).toBe('string');
    expect(await read(id as string)).toEqual({ _id: id, owner: 'added-in-tx', balance: 5 });
  });
});

describe('startTransaction', () => {
  it('get, set, update and remove, then commit(), apply together', async () => {
    await account('st-a', 10);
    await account('st-b', 20);
    await account('st-c', 30);
    const tx = await t.startTransaction();
    expect(await txRead(tx, 'st-a')).toEqual({ _id: 'st-a', owner: 'st-a', balance: 10 });
    expect(await txRead(tx, 'st-missing')).toBeNull();
    await tx.collection(coll).doc('st-new').set({ owner: 'st-new', balance: 1 });
    await tx.collection(coll).doc('st-a').set({ owner: 'replaced', balance: 11 });
    await tx.collection(coll).doc('st-b').update({ balance: 21 });
    await tx.collection(coll).doc('st-c').remove();
    // Nothing is visible outside before commit.
    expect(await read('st-new')).toBeUndefined();
    expect(await read('st-a')).toEqual({ _id: 'st-a', owner: 'st-a', balance: 10 });
    expect(await read('st-c')).toEqual({ _id: 'st-c', owner: 'st-c', balance: 30 });
    await tx.commit();
    expect(await read('st-new')).toEqual({ _id: 'st-new', owner: 'st-new', balance: 1 });
    expect(await read('st-a')).toEqual({ _id: 'st-a', owner: 'replaced', balance: 11 });
    expect(await read('st-b')).toEqual({ _id: 'st-b', owner: 'st-b', balance: 21 });
    expect(await read('st-c')).toBeUndefined();
  });

  it('rollback() leaves no trace', async () => {
    await account('st-d', 40);
    await account('st-e', 50);
    const tx = await t.startTransaction();
    await tx.collection(coll).doc('st-d').update({ balance: 0 });
    await tx.collection(coll).doc('st-e').remove();
    await tx.collection(coll).add({ _id: 'st-ghost', owner: 'ghost', balance: 1 });
    await tx.rollback();
    expect(await read('st-d')).toEqual({ _id: 'st-d', owner: 'st-d', balance: 40 });
    expect(await read('st-e')).toEqual({ _id: 'st-e', owner: 'st-e', balance: 50 });
    expect(await read('st-ghost')).toBeUndefined();
  });

  it('reads inside see the transaction’s own writes; reads outside do not until commit', async () => {
    await account('st-f', 60);
    const tx = await t.startTransaction();
    await tx.collection(coll).doc('st-f').update({ balance: 61 });
    const { id } = await tx.collection(coll).add({ owner: 'st-fresh', balance: 7 });
    expect(await txRead(tx, 'st-f')).toEqual({ _id: 'st-f', owner: 'st-f', balance: 61 });
    expect(await txRead(tx, id!)).toEqual({ _id: id, owner: 'st-fresh', balance: 7 });
    expect(await read('st-f')).toEqual({ _id: 'st-f', owner: 'st-f', balance: 60 });
    expect(await read(id!)).toBeUndefined();
    await tx.commit();
    expect(await read('st-f')).toEqual({ _id: 'st-f', owner: 'st-f', balance: 61 });
    expect(await read(id!)).toEqual({ _id: id, owner: 'st-fresh', balance: 7 });
  });

  it('a second transaction writing a document the first has written, uncommitted, is refused at once', async () => {
    await account('st-g', 70);
    const first = await t.startTransaction();
    const second = await t.startTransaction();
    await first.collection(coll).doc('st-g').update({ balance: 71 });
    const error = await caught(() => second.collection(coll).doc('st-g').update({ balance: 72 }));
    expect(error.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(error.message).toMatch(/TransactionConflict/);
    await first.commit();
    expect(await read('st-g')).toEqual({ _id: 'st-g', owner: 'st-g', balance: 71 });
  });

  it('runTransaction retries a conflicting callback and its retry commits', async () => {
    await account('st-h', 80);
    let attempts = 0;
    const result = await t.runTransaction(async (tx) => {
      attempts++;
      const doc = await txRead(tx, 'st-h');
      if (attempts === 1) {
        // Someone else writes the document between this transaction's read and its write.
        await col()
          .doc('st-h')
          .update({ balance: doc!.balance + 1000 });
      }
      await tx
        .collection(coll)
        .doc('st-h')
        .update({ balance: doc!.balance + 1 });
      return doc!.balance;
    });
    expect(attempts).toBe(2);
    expect(result).toBe(1080);
    expect(await read('st-h')).toEqual({ _id: 'st-h', owner: 'st-h', balance: 1081 });
  });
});

describe('snapshot', () => {
  it('reads inside give the documents as they were at its snapshot, after writes outside', async () => {
    await account('sn-a', 10);
    await account('sn-b', 20);
    const tx = await t.startTransaction();
    expect(await txRead(tx, 'sn-a')).toEqual({ _id: 'sn-a', owner: 'sn-a', balance: 10 });
    await col().doc('sn-a').set({ owner: 'changed', balance: 11 });
    await col().doc('sn-b').set({ owner: 'changed', balance: 21 });
    await col().add({ _id: 'sn-new', owner: 'sn-new', balance: 1 });
    // Read before and after the change, or only after it: the snapshot either way.
    expect(await txRead(tx, 'sn-a')).toEqual({ _id: 'sn-a', owner: 'sn-a', balance: 10 });
    expect(await txRead(tx, 'sn-b')).toEqual({ _id: 'sn-b', owner: 'sn-b', balance: 20 });
    expect(await txRead(tx, 'sn-new')).toBeNull();
    await tx.commit();
  });

  it('is taken at the first operation, not at startTransaction()', async () => {
    await account('sn-d', 40);
    const tx = await t.startTransaction();
    await col().doc('sn-d').update({ balance: 41 });
    expect(await txRead(tx, 'sn-d')).toEqual({ _id: 'sn-d', owner: 'sn-d', balance: 41 });
    await tx.collection(coll).doc('sn-d').update({ balance: 42 });
    await tx.commit();
    expect(await read('sn-d')).toEqual({ _id: 'sn-d', owner: 'sn-d', balance: 42 });
  });

  it('a write to a document changed outside since the snapshot is refused at once', async () => {
    await account('sn-c', 30);
    const tx = await t.startTransaction();
    expect(await txRead(tx, 'sn-c')).toEqual({ _id: 'sn-c', owner: 'sn-c', balance: 30 });
    await col().doc('sn-c').update({ balance: 31 });
    const error = await caught(() => tx.collection(coll).doc('sn-c').update({ balance: 40 }));
    expect(error.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await read('sn-c')).toEqual({ _id: 'sn-c', owner: 'sn-c', balance: 31 });
  });
});

describe('where().updateAndReturn() in a transaction', () => {
  it('is applied inside it: seen inside, not outside, and gone after rollback()', async () => {
    await col().add({ _id: 'uar-a', owner: 'uar', kind: 'uar-rollback', balance: 5 });
    const tx = await t.startTransaction();
    const res = await tx
      .collection(coll)
      .where({ kind: 'uar-rollback' })
      .updateAndReturn({ balance: t.db.command.inc(1) });
    expect(res.updated).toBe(1);
    expect(res.doc).toEqual({ _id: 'uar-a', owner: 'uar', kind: 'uar-rollback', balance: 6 });
    expect(await txRead(tx, 'uar-a')).toMatchObject({ balance: 6 });
    expect(await read('uar-a')).toMatchObject({ balance: 5 });
    await tx.rollback();
    expect(await read('uar-a')).toMatchObject({ balance: 5 });
  });

  it('is applied by commit(), and matches the transaction’s own writes', async () => {
    const tx = await t.startTransaction();
    await tx.collection(coll).add({ _id: 'uar-b', owner: 'uar', kind: 'uar-commit', balance: 1 });
    const res = await tx
      .collection(coll)
      .where({ kind: 'uar-commit' })
      .updateAndReturn({ balance: t.db.command.inc(10) });
    expect(res.doc).toEqual({ _id: 'uar-b', owner: 'uar', kind: 'uar-commit', balance: 11 });
    expect(await read('uar-b')).toBeUndefined();
    await tx.commit();
    expect(await read('uar-b')).toEqual({ _id: 'uar-b', owner: 'uar', kind: 'uar-commit', balance: 11 });
  });
});

describe('a transaction that has ended', () => {
  it('answers DATABASE_TRANSACTION_FAIL, saying it does not exist, to any further operation', async () => {
    await account('end-a', 1);
    const tx = await t.startTransaction();
    await tx.commit();
    const error = await caught(() => tx.collection(coll).doc('end-a').set({ owner: 'late', balance: 2 }));
    expect(error.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(error.message).toBe(
      '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
    );
    expect(await read('end-a')).toEqual({ _id: 'end-a', owner: 'end-a', balance: 1 });
  });
});

describe('where().get() in a transaction', () => {
  it('finds the transaction’s own additions and its snapshot, not what others wrote since', async () => {
    const _ = t.db.command;
    await col().add({ _id: 'wg-old', owner: 'wg', kind: 'wg', balance: 1 });
    const tx = await t.startTransaction();
    const added = await tx.collection(coll).add([
      { owner: 'wg', kind: 'wg', balance: 2 },
      { owner: 'wg', kind: 'wg', balance: 3 },
    ]);
    expect(added.ids).toHaveLength(2);
    await col().add({ _id: 'wg-outside', owner: 'wg', kind: 'wg', balance: 100 });
    await col().doc('wg-old').update({ balance: 50 });
    const inside = await tx
      .collection(coll)
      .where(
        _.or([
          { kind: 'wg', balance: _.lt(10) },
          { kind: 'wg', balance: 100 },
        ]),
      )
      .orderBy('balance', 'asc')
      .get();
    expect(inside.data.map((d: { balance: number }) => d.balance)).toEqual([1, 2, 3]);
    expect((await col().where({ kind: 'wg' }).count()).total).toBe(2);
    await tx.commit();
    expect((await col().where({ kind: 'wg' }).count()).total).toBe(4);
  });
});
