import type { Db } from './app';

/** One read's page size: CloudBase's server SDK answers at most 1000 documents a read. */
export const READ_PAGE = 1000;

/**
 * Pages through a query by _id, up to `max` documents; answers null when there are more, so that
 * the caller says so rather than computing from a part. `fields` limits what is read (with _id).
 */
export async function readAll<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: Record<string, unknown>,
  options: { max: number; fields?: Record<string, true> },
): Promise<T[] | null> {
  const _ = db.command;
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    let query = db
      .collection(collection)
      .where(after === null ? where : { ...where, _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(READ_PAGE);
    if (options.fields) query = query.field({ _id: true, ...options.fields });
    const { data } = await query.get();
    out.push(...(data as T[]));
    if (data.length < READ_PAGE) return out;
    if (out.length >= options.max) return null;
    after = out[out.length - 1]._id;
  }
}
