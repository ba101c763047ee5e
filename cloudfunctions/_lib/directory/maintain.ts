import type { DirectoryEntry, RetireResult } from '../../../miniprogram/core/api';
import {
  nextCode,
  validateDirectoryFields,
  validateReason,
  type DeputyFields,
  type DirectoryFields,
  type DirectoryKind,
  type LeaderFields,
  type StaffFields,
  type StationFields,
  type UnitFields,
} from '../../../miniprogram/core/directory';
import { OPEN_STATUSES } from '../../../miniprogram/core/model';
import { invalid, fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import {} from '../../../miniprogram/core/text';
import {
  collection,
  derivedId,
  duplicateIndex,
  getById,
  requestIdOf,
  screenTexts,
  TEXT_SCENE,
  type ActionContext,
  type Db,
  type DeputyDoc,
  type StaffDoc,
  type StationDoc,
  type StationLeader,
} from '../platform';
import { staffRoles } from './records';
import { COLLECTION, loadEntry, officeKind, records, type AnyDoc } from './entries';

/**
 * The office's directory (名册): the congress office (代表工委) creates, edits, retires and restores
 * deputies, station staff, handling units and stations (`office.directory`, `entry`, `save`,
 * `setActive`; the spreadsheet import in sheets/directory-import.ts uses the same writes).
 *
 * - A record is never deleted: a deputy who leaves office (任期届满、调离) is retired, keeps their
 *   history and printed code (codes are never reused) and receives no new cases; a retired station
 *   or unit takes no new cases or routes. Restoring undoes it.
 * - Staff are people (`staff`), each working for one or more stations. Their bind code binds the
 *   person; their WeChat account then holds one `staff` role per station, kept in step here when the
 *   office changes their stations, and taken away when they are retired.
 * - Creating is safe to retry: the record's id is derived from the office member and the form's
 *   clientRequestId, so a retried create finds the record it made.
 */

const ID_PREFIX: Record<DirectoryKind, string> = {
  deputy: 'deputy',
  staff: 'staff',
  unit: 'dept',
  station: 'station',
};

// ---- checks against what is stored -------------------------------------------------------------

/** Stations named by a deputy or staff record must exist and be open. */
async function checkStations(db: Db, ids: string[], field: string): Promise<Failure | null> {
  for (const id of ids) {
    const station = await getById(db, 'stations', id);
    if (!station) return invalid({ [field]: '没有找到所选的联络站' });
    if (!station.active) return invalid({ [field]: `${station.name}已停用，请选择其他联络站` });
  }
  return null;
}

/**
 * The same person or place entered twice is refused (DIRECTORY.DUPLICATE): a deputy of the same name
 * at the same station, a staff member with the same phone, a unit or station of the same name.
 */
async function findDuplicate<K extends DirectoryKind>(
  db: Db,
  kind: K,
  fields: DirectoryFields[K],
  exceptId: string | null,
): Promise<AnyDoc | null> {
  const where: Record<string, unknown> =
    kind === 'deputy'
      ? { name: fields.name, stationId: (fields as DeputyFields).stationId }
      : kind === 'staff'
        ? { phone: (fields as StaffFields).phone }
        : { name: fields.name };
  const { data } = await records(db, kind).where(where).limit(2).get();
  return data.find((d) => d._id !== exceptId) ?? null;
}

function duplicateFailure(kind: DirectoryKind, existing: AnyDoc): Failure {
  const state = existing.active ? '' : '（已停用，可在名册中恢复）';
  const message =
    kind === 'deputy'
      ? `该联络站已有代表${existing.name}（${(existing as DeputyDoc).code}）${state}`
      : kind === 'staff'
        ? `电话相同的工作人员${existing.name}已在名册中${state}`
        : kind === 'unit'
          ? `承办单位「${existing.name}」已在名册中${state}`
          : `联络站「${existing.name}」已在名册中${state}`;
  return fail('DIRECTORY.DUPLICATE', message, { [kind === 'staff' ? 'phone' : 'name']: message });
}

export async function checkAgainstStore<K extends DirectoryKind>(
  db: Db,
  kind: K,
  fields: DirectoryFields[K],
  exceptId: string | null,
): Promise<Failure | null> {
  if (kind === 'deputy') {
    const stationId = (fields as DeputyFields).stationId;
    const bad = stationId ? await checkStations(db, [stationId], 'stationId') : null;
    if (bad) return bad;
  }
  if (kind === 'staff') {
    const bad = await checkStations(db, (fields as StaffFields).stationIds, 'stationIds');
    if (bad) return bad;
  }
  const duplicate = await findDuplicate(db, kind, fields, exceptId);
  return duplicate ? duplicateFailure(kind, duplicate) : null;
}

// ---- writing -------------------------------------------------------------------------------------

/**
 * A station's leaders as stored: a leader the form sends with a stored id keeps it (and their declared
 * absences and account), so rosters naming them still do after a rename; a new one gets an id derived
 * from the station and the name, so a retried save gives the same id.
 */
function storedLeaders(stationId: string, given: LeaderFields[], stored: StationLeader[]): StationLeader[] {
  const byId = new Map(stored.map((l) => [l.id, l]));
  return given.map(({ id, name, title, phone }) => {
    const before = (id && byId.get(id)) || stored.find((l) => l.name === name);
    return {
      unavailability: null,
      openid: null,
      ...before,
      id: before?.id ?? derivedId('leader-', stationId, name),
      name,
      title,
      phone,
    };
  });
}

/** The fields of a record as stored, from the validated form (`db` given: for an update). */
function storedFields(
  kind: DirectoryKind,
  fields: DirectoryFields[DirectoryKind],
  id: string,
  before: AnyDoc | null,
  db?: Db,
): Record<string, unknown> {
  if (kind === 'unit') {
    const { name, unitKind } = fields as UnitFields;
    return { name, kind: unitKind };
  }
  if (kind === 'station' && (fields as StationFields).leaders) {
    const { leaders: given = [], ...rest } = fields as StationFields;
    const leaders = storedLeaders(id, given, (before as StationDoc | null)?.leaders ?? []);
    // An array is written whole on an update, never merged element by element.
    return { ...rest, leaders: db ? db.command.set(leaders) : leaders };
  }
  return { ...fields };
}

/** The highest printed code in use, then the next, retried while another create takes it first. */
async function insertWithCode(db: Db, kind: 'deputy' | 'station', doc: AnyDoc) {
  const stored = records(db, kind);
  for (let round = 0; round < 20; round++) {
    const { data } = await stored
      .where({ code: db.RegExp({ regexp: kind === 'deputy' ? '^D[0-9]{5}$' : '^S[0-9]{4}$' }) })
      .orderBy('code', 'desc')
      .limit(1)
      .field<{ _id: string; code?: string }>({ code: true })
      .get();
    const code = nextCode(kind, data[0]?.code ?? null);
    try {
      await stored.add({ ...doc, code } as AnyDoc);
      return;
    } catch (error) {
      if (duplicateIndex(error) === 'code_unique') continue;
      throw error;
    }
  }
  throw new Error(`[directory] could not allocate a ${kind} code`);
}

/**
 * Stores a new record with a derived id. Answers false when a record with that id exists already
 * (the same create, retried), true when this call made it.
 */
export async function createRecord<K extends DirectoryKind>(
  db: Db,
  kind: K,
  id: string,
  fields: DirectoryFields[K],
  now: number,
): Promise<boolean> {
  const base = {
    _id: id,
    ...storedFields(kind, fields, id, null),
    active: true,
    createdAt: now,
    updatedAt: now,
    retiredAt: null,
    retiredReason: null,
    ...(kind === 'deputy' ? { photoFileID: null, openid: null } : kind === 'staff' ? { openid: null } : {}),
  } as AnyDoc;
  try {
    if (kind === 'deputy' || kind === 'station') await insertWithCode(db, kind, base);
    else await records(db, kind).add(base);
    return true;
  } catch (error) {
    if (duplicateIndex(error) === '_id_') return false;
    throw error;
  }
}

/** A new record's id, derived from what identifies the request that makes it (a retry finds it). */
export const recordId = (kind: DirectoryKind, ...parts: string[]) =>
  derivedId(`${ID_PREFIX[kind]}-`, ...parts);

/**
 * Puts the staff member's account's staff roles in step with the record: those of this staff member
 * go, then the current ones (none when retired) come back. Safe to repeat.
 */
export async function syncStaffRoles(db: Db, staff: StaffDoc): Promise<void> {
  if (!staff.openid) return;
  const _ = db.command;
  const users = collection(db, 'users');
  await users.where({ _id: staff.openid }).update({ roles: _.pull({ role: 'staff', staffId: staff._id }) });
  for (const role of staff.active ? staffRoles(staff) : []) {
    await users.where({ _id: staff.openid }).update({ roles: _.addToSet(role) });
  }
}

/** `office.save`: creates (no `id`; with a clientRequestId) or updates (with `id`) one record. */
export async function saveDirectory(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<DirectoryEntry | Failure> {
  const kind = await officeKind(ctx, input);
  if (isFailure(kind)) return kind;
  const valid = validateDirectoryFields(kind, input.fields);
  if (!valid.ok) return valid;
  const fields = valid.data;
  const { db } = ctx;
  // The public reads names, titles, addresses and opening hours on the landing page: screened as 资料.
  const typed = fields as Partial<Record<'name' | 'title' | 'address' | 'openingHours', string>>;
  const screened = await screenTexts(
    ctx.caller.openid,
    (
      [
        ['name', '名称'],
        ['title', '职务'],
        ['address', '地址'],
        ['openingHours', '开放时间'],
      ] as const
    ).map(([field, label]) => ({ field, label, text: typed[field], scene: TEXT_SCENE.profile })),
  );
  if (isFailure(screened)) return screened;
  if (screened.review.length > 0) console.warn('[directory] saved for review:', kind, screened.review);

  if (input.id === undefined || input.id === null) {
    const requestId = requestIdOf(input);
    if (isFailure(requestId)) return requestId;
    const id = recordId(kind, 'form', ctx.caller.openid, requestId);
    // A retried create answers what the first one stored, without checking it against itself: also
    // when its copies arrive at once and one of them stores the record between this copy's reads.
    if (!(await getById(db, COLLECTION[kind], id))) {
      const problem = await checkAgainstStore(db, kind, fields, id);
      if (problem) return problem;
      await createRecord(db, kind, id, fields, ctx.now);
    }
    const loaded = await loadEntry(db, kind, id);
    return isFailure(loaded) ? loaded : loaded.entry;
  }

  const existing = await loadEntry(db, kind, input.id);
  if (isFailure(existing)) return existing;
  const problem = await checkAgainstStore(db, kind, fields, existing.doc._id);
  if (problem) return problem;
  await records(db, kind)
    .doc(existing.doc._id)
    .update({ ...storedFields(kind, fields, existing.doc._id, existing.doc, db), updatedAt: ctx.now });
  if (kind === 'staff') {
    const staff = await getById(db, 'staff', existing.doc._id);
    if (staff) await syncStaffRoles(db, staff);
  }
  const loaded = await loadEntry(db, kind, existing.doc._id);
  return isFailure(loaded) ? loaded : loaded.entry;
}

/** Open cases still with a deputy, a unit or a station: the office is told when it retires them. */
async function openCasesOf(db: Db, kind: DirectoryKind, id: string): Promise<number> {
  const field =
    kind === 'deputy' ? 'deputyId' : kind === 'unit' ? 'unitId' : kind === 'station' ? 'stationId' : null;
  if (!field) return 0;
  const { total } = await collection(db, 'cases')
    .where({ [field]: id, status: db.command.in(OPEN_STATUSES) })
    .count();
  return total;
}

/**
 * `office.setActive`: retires (with a reason) or restores one record. Retiring a deputy keeps their
 * account bound, so they still see the cases they had; retiring a staff member takes their station
 * roles away.
 */
export async function setDirectoryActive(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<RetireResult | Failure> {
  const kind = await officeKind(ctx, input);
  if (isFailure(kind)) return kind;
  const { db } = ctx;
  if (typeof input.active !== 'boolean') return invalid({ active: '请选择停用或恢复' });
  const active = input.active;
  let reason: string | null = null;
  if (!active) {
    const valid = validateReason(input.reason);
    if (!valid.ok) return valid;
    reason = valid.data;
  }
  const existing = await loadEntry(db, kind, input.id);
  if (isFailure(existing)) return existing;
  const { doc } = existing;
  if (active && kind === 'staff') {
    const problem = await checkStations(db, (doc as StaffDoc).stationIds, 'stationIds');
    if (problem) return problem;
  }
  if (doc.active !== active) {
    await records(db, kind)
      .where({ _id: doc._id, active: doc.active })
      .update({
        active,
        retiredAt: active ? null : ctx.now,
        retiredReason: reason,
        updatedAt: ctx.now,
      });
  }
  if (kind === 'staff') {
    const staff = await getById(db, 'staff', doc._id);
    if (staff) await syncStaffRoles(db, staff);
  }
  const loaded = await loadEntry(db, kind, doc._id);
  if (isFailure(loaded)) return loaded;
  return { entry: loaded.entry, openCases: active ? 0 : await openCasesOf(db, kind, doc._id) };
}

export { COLLECTION as DIRECTORY_COLLECTIONS, type StationFields };
