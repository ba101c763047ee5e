import type { CategoryView, DeputySummary, StationSummary } from '../../../miniprogram/core/api';
import { DEPUTY_LEVEL_LABELS, STATION_LEVEL_LABELS } from '../../../miniprogram/core/model';
import {
  collection,
  findOne,
  type App,
  type Db,
  type DeputyDoc,
  type RoleGrant,
  type StaffDoc,
  type StationDoc,
} from '../platform';

/** Looking up the directory's people and places, and how residents see them. */

export const findDeputyByCode = (db: Db, code: string) => findOne(db, 'deputies', { code });
export const findStationByCode = (db: Db, code: string) => findOne(db, 'stations', { code });

/** The staff roles a staff member's WeChat account holds: one per station they work for. */
export const staffRoles = (staff: Pick<StaffDoc, '_id' | 'stationIds'>): RoleGrant[] =>
  staff.stationIds.map((stationId) => ({ role: 'staff', stationId, staffId: staff._id }));

let categoryCache: { at: number; list: CategoryView[] } | null = null;
const CATEGORY_TTL_MS = 5 * 60_000;

/**
 * The appeal categories, cached per function instance for five minutes: they change rarely, and
 * the submit path then costs no database round trip for them once the instance is warm.
 */
export async function categories(db: Db, now: number): Promise<CategoryView[]> {
  if (categoryCache && now >= categoryCache.at && now - categoryCache.at < CATEGORY_TTL_MS)
    return categoryCache.list;
  const { data } = await collection(db, 'categories')
    .where({ active: true })
    .orderBy('order', 'asc')
    .limit(100)
    .get();
  const list = data.map((c) => ({ key: c.key, name: c.name }));
  categoryCache = { at: now, list };
  return list;
}

export function stationSummary(s: StationDoc): StationSummary {
  return {
    id: s._id,
    code: s.code,
    name: s.name,
    level: s.level,
    levelLabel: STATION_LEVEL_LABELS[s.level],
    address: s.address,
  };
}

/** Deputies as residents see them, with a temporary URL of their photo. */
export async function deputySummaries(app: App, deputies: DeputyDoc[]): Promise<DeputySummary[]> {
  const photoIds = deputies.flatMap((d) => (d.photoFileID ? [d.photoFileID] : []));
  const urls = new Map<string, string>();
  // CloudBase answers at most 50 files per request; a large station has more deputies than that.
  for (let i = 0; i < photoIds.length; i += 50) {
    const { fileList } = await app.getTempFileURL({ fileList: photoIds.slice(i, i + 50) });
    for (const f of fileList) if (f.code === 'SUCCESS') urls.set(f.fileID, f.tempFileURL);
  }
  return deputies.map((d) => ({
    id: d._id,
    code: d.code,
    name: d.name,
    level: d.level,
    levelLabel: DEPUTY_LEVEL_LABELS[d.level],
    title: d.title,
    photoUrl: (d.photoFileID && urls.get(d.photoFileID)) || null,
  }));
}
