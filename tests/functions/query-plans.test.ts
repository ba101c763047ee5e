import { INBOX_TABS } from '../../cloudfunctions/_lib/cases/inbox';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/**
 * The product's own reads of cases go through an index, never a full scan, on the real stack with
 * the product's indexes (platform/collections.ts): the deputy's inbox (every tab, its counts and
 * its next page), the resident's list, the casework queues, the figures and WeChat's media-check
 * lookup by trace id. At city scale a scan is seconds per request (issue 10).
 */

let product: Awaited<ReturnType<typeof startProduct>>;
const reads: Array<{ collection: string; index: string | null }> = [];
let stop: () => void;

beforeAll(async () => {
  // Reads on the request thread (readers: 0), where the store observed here plans them; reader
  // threads plan them with the same code on connections of their own.
  product = await startProduct({ clock: { now: '2026-11-10T10:00:00+08:00' }, readers: 0 });
  const photos = [await product.uploadPhoto('o-plan-1', 'p1')];
  await product.ok('o-plan-1', 'resident', 'submit', submission({ photos }));
  for (let i = 2; i < 6; i++) await product.ok(`o-plan-${i}`, 'resident', 'submit', submission());
  stop = product.stack.store.observeReads((collection, read) =>
    reads.push({ collection, index: read.index }),
  );
});
afterAll(async () => {
  stop();
  await product.close();
});

/** The indexes the reads of cases made while `run` ran; each must name one. */
async function caseReads(run: () => Promise<unknown>): Promise<Array<string | null>> {
  reads.length = 0;
  await run();
  return reads.filter((r) => r.collection === 'cases').map((r) => r.index);
}

describe('the product reads cases through indexes', () => {
  it.each(INBOX_TABS)('deputy.inbox %s: the page, the next page and every count', async (tab) => {
    const first = await caseReads(() => product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab, limit: 2 }));
    expect(first.length).toBeGreaterThanOrEqual(INBOX_TABS.length + 2);
    expect(first).not.toContain(null);
    const page = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab: 'all', limit: 2 });
    expect(page.nextCursor).not.toBeNull();
    const next = await caseReads(() =>
      product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab, limit: 2, cursor: page.nextCursor }),
    );
    expect(next).not.toContain(null);
  });

  it('resident.myCases', async () => {
    const indexes = await caseReads(() => product.ok('o-plan-1', 'resident', 'myCases', {}));
    expect(indexes).toEqual(['openid_createdAt']);
  });

  it.each([
    ['the deputy', DEV_DEPUTY_OPENID, 'mine'],
    ['station staff', DEV_STAFF_OPENID, 'mine'],
    ['station staff', DEV_STAFF_OPENID, 'overdue'],
    ['a handling unit', DEV_UNIT_OPENID, 'mine'],
    ['the office', DEV_OFFICE_OPENID, 'mine'],
    ['the office', DEV_OFFICE_OPENID, 'overdue'],
    ['the office', DEV_OFFICE_OPENID, 'review'],
    ['the office', DEV_OFFICE_OPENID, 'supervised'],
  ])('casework.queue of %s, %s', async (_who, openid, view) => {
    const indexes = await caseReads(() => product.ok(openid, 'casework', 'queue', { view }));
    expect(indexes.length).toBeGreaterThan(0);
    expect(indexes).not.toContain(null);
  });

  it.each([
    ['every station', {}],
    ['one station', { stationId: 'station-dongjie' }],
    ['one deputy', { deputyId: 'deputy-chen' }],
    ['by station', { groupBy: 'station' }],
  ])("the office's figures over %s", async (_what, scope) => {
    const indexes = await caseReads(() =>
      product.ok(DEV_OFFICE_OPENID, 'office', 'figures', { from: '2026-11-01', to: '2026-11-30', ...scope }),
    );
    expect(indexes.length).toBeGreaterThan(0);
    expect(indexes).not.toContain(null);
  });

  it("wxevents' lookup of a photo by its trace id", async () => {
    const doc = product.stack.store.find('cases', { openid: 'o-plan-1' })[0] as {
      photos: Array<{ traceId: string }>;
    };
    const indexes = await caseReads(async () => {
      const { result } = await product.admin.callFunction({
        name: 'wxevents',
        data: {
          Event: 'wxa_media_check',
          trace_id: doc.photos[0].traceId,
          result: { suggest: 'pass', label: 100 },
        },
      });
      expect(result).toMatchObject({ ok: true, data: { matched: true } });
    });
    expect(indexes[0]).toBe('photos_traceId');
    expect(indexes).not.toContain(null);
  });
});
