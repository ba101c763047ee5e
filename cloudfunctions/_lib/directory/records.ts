import type { CategoryView, DeputySummary, StationSummary } from '../../../miniprogram/core/api';
import {
  DEPUTY_LEVEL_LABELS,
  STATION_LEVEL_LABELS,
  type DeputyLevel,
  type StationLevel,
  type UnitKind,
} from '../../../miniprogram/core/model';
import type { ReceptionRule } from '../../../miniprogram/core/reception';
import type { App, Db } from '../platform/app';

/** Deputies, stations, categories and the WeChat users bound to roles, as stored. */

export interface DeputyDoc {
  _id: string;
  code: string;
  name: string;
  level: DeputyLevel;
  stationId: string | null;
  title: string;
  photoFileID: string | null;
  active: boolean;
  /** The deputy's bound WeChat account, for notifications; null until they bind. */
  openid: string | null;
  /** For the office and the station to reach the deputy; never shown to residents. */
  phone?: string | null;
}

/** A station staff member (`staff`), created by the office; works for one or more stations. */
export interface StaffDoc {
  _id: string;
  name: string;
  phone: string;
  stationIds: string[];
  active: boolean;
  /** The WeChat account bound with the staff member's code; null until they bind. */
  openid: string | null;
}

export interface StationDoc {
  _id: string;
  code: string;
  name: string;
  level: StationLevel;
  address: string;
  location: { latitude: number; longitude: number } | null;
  openingHours: string;
  receptionRule: ReceptionRule | null;
  active: boolean;
}

export type Role =
  | { role: 'deputy'; deputyId: string }
  /** One per station a staff member works for; `staffId` names the person (`staff`). */
  | { role: 'staff'; stationId: string; staffId: string }
  | { role: 'unit'; unitId: string }
  | { role: 'office' };

/** A handling unit (township/street government, city department, the higher congress): `departments`. */
export interface UnitDoc {
  _id: string;
  name: string;
  kind: UnitKind;
  active: boolean;
}

/** The staff roles a staff member's WeChat account holds: one per station they work for. */
export const staffRoles = (staff: Pick<StaffDoc, '_id' | 'stationIds'>): Role[] =>
  staff.stationIds.map((stationId) => ({ role: 'staff', stationId, staffId: staff._id }));

/** `users` is keyed by OpenID: a WeChat account and the roles it was bound to. */
export interface UserDoc {
  _id: string;
  openid: string;
  name: string;
  roles: Role[];
}

async function first<T>(db: Db, collection: string, where: Record<string, unknown>): Promise<T | null> {
  const { data } = await db.collection(collection).where(where).limit(1).get();
  return (data[0] as T | undefined) ?? null;
}

export const findDeputyByCode = (db: Db, code: string) => first<DeputyDoc>(db, 'deputies', { code });
export const findStationByCode = (db: Db, code: string) => first<StationDoc>(db, 'stations', { code });

export async function getById<T>(db: Db, collection: string, id: string | null): Promise<T | null> {
  if (!id) return null;
  const { data } = await db.collection(collection).doc(id).get();
  return (data[0] as T | undefined) ?? null;
}

export async function rolesOf(db: Db, openid: string): Promise<UserDoc | null> {
  return getById<UserDoc>(db, 'users', openid);
}

let categoryCache: { at: number; list: CategoryView[] } | null = null;
const CATEGORY_TTL_MS = 5 * 60_000;

/**
 * The appeal categories, cached per function instance for five minutes: they change rarely, and
 * the submit path then costs no database round trip for them once the instance is warm.
 */
export async function categories(db: Db, now: number): Promise<CategoryView[]> {
  if (categoryCache && now - categoryCache.at < CATEGORY_TTL_MS) return categoryCache.list;
  const { data } = await db
    .collection('categories')
    .where({ active: true })
    .orderBy('order', 'asc')
    .limit(100)
    .get();
  const list = (data as Array<{ key: string; name: string }>).map((c) => ({ key: c.key, name: c.name }));
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

export async function deputySummaries(app: App, deputies: DeputyDoc[]): Promise<DeputySummary[]> {
  const withPhotos = deputies.filter((d) => d.photoFileID);
  const urls = new Map<string, string>();
  if (withPhotos.length > 0) {
    const { fileList } = await app.getTempFileURL({ fileList: withPhotos.map((d) => d.photoFileID!) });
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
