import { openTarget, type Collection, type Target, type Transaction } from './target';

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

  it('of two transactions writing one document, the second fails with DATABASE_TRANSACTION_CONFLICT', async () => {
    await account('st-g', 70);
    const first = await t.startTransaction();
    const second = await t.startTransaction();
    await first.collection(coll).doc('st-g').update({ balance: 71 });
    // MongoDB refuses the second write at once; an optimistic store refuses the second commit.
    let conflict: unknown;
    try {
      await second.collection(coll).doc('st-g').update({ balance: 72 });
    } catch (error) {
      conflict = error;
    }
    await first.commit();
    if (conflict === undefined) {
      try {
        await second.commit();
      } catch (error) {
        conflict = error;
      }
    } else {
      await second.rollback().catch(() => undefined);
    }
    expect((conflict as { code?: string } | undefined)?.code).toBe('DATABASE_TRANSACTION_CONFLICT');
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
