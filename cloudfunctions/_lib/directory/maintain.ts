import type {
  DirectoryEntry,
  DirectoryItem,
  DirectoryListView,
  RetireResult,
} from '../../../miniprogram/core/api';
import {
  DIRECTORY_KINDS,
  nextCode,
  validateDirectoryFields,
  validateReason,
  type DeputyFields,
  type DirectoryFields,
  type DirectoryKind,
  type StaffFields,
  type StationFields,
  type UnitFields,
} from '../../../miniprogram/core/directory';
import {
  DEPUTY_LEVEL_LABELS,
  OPEN_STATUSES,
  STATION_LEVEL_LABELS,
  UNIT_KIND_LABELS,
} from '../../../miniprogram/core/model';
import { invalid, fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { maskPhone } from '../../../miniprogram/core/text';
import {
  collection,
  derivedId,
  duplicateIndex,
  getById,
  readAll,
  requestIdOf,
  requireOffice,
  type ActionContext,
  type Collection,
  type Db,
  type DeputyDoc,
  type StaffDoc,
  type StationDoc,
  type UnitDoc,
} from '../platform';
import { staffRoles } from './records';

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

export const MAX_DIRECTORY = 20_000;

const COLLECTION = {
  deputy: 'deputies',
  staff: 'staff',
  unit: 'departments',
  station: 'stations',
} as const satisfies Record<DirectoryKind, string>;

const ID_PREFIX: Record<DirectoryKind, string> = {
  deputy: 'deputy',
  staff: 'staff',
  unit: 'dept',
  station: 'station',
};

const MISSING: Record<DirectoryKind, string> = {
  deputy: '没有找到这位代表',
  staff: '没有找到这位工作人员',
  unit: '没有找到这个承办单位',
  station: '没有找到这个联络站',
};

type AnyDoc = DeputyDoc | StaffDoc | UnitDoc | StationDoc;

/** The records of one kind, as one collection of any record. */
const records = (db: Db, kind: DirectoryKind) => collection(db, COLLECTION[kind]) as Collection<AnyDoc>;

/** Every directory action: the office only, and the kind of record it is about. */
async function officeKind(
  ctx: ActionContext,
  input: Record<string, unknown>,
): Promise<DirectoryKind | Failure> {
  const office = await requireOffice(ctx, '管理名册');
  if (isFailure(office)) return office;
  return DIRECTORY_KINDS.includes(input.kind as DirectoryKind)
    ? (input.kind as DirectoryKind)
    : fail('INPUT.INVALID', '请选择名册类别', { kind: '请选择名册类别' });
}

/** Every station, by id (a district has tens to a few hundred: read whole). */
async function stationsById(db: Db): Promise<Map<string, StationDoc> | Failure> {
  const all = await readAll(db, 'stations', {}, { max: MAX_DIRECTORY });
  return all ? new Map(all.map((s) => [s._id, s])) : tooMany();
}

const tooMany = () => fail('DIRECTORY.TOO_LARGE', '名册记录过多，请联系技术人员');

/** How many WeChat accounts hold a unit's role, or staff roles of a station. */
async function accountCounts(db: Db, role: 'unit' | 'staff'): Promise<Map<string, number> | Failure> {
  const users = await readAll(db, 'users', { 'roles.role': role }, { max: MAX_DIRECTORY });
  if (!users) return tooMany();
  const counts = new Map<string, number>();
  for (const user of users) {
    const ids = new Set(
      user.roles.flatMap((r) =>
        r.role === 'unit' && role === 'unit'
          ? [r.unitId]
          : r.role === 'staff' && role === 'staff'
            ? [r.stationId]
            : [],
      ),
    );
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

const stationName = (stations: Map<string, StationDoc>, id: string | null) =>
  (id && stations.get(id)?.name) || '';

const retiredOf = (doc: AnyDoc) => ({
  retiredAt: doc.retiredAt ?? null,
  retiredReason: doc.retiredReason ?? null,
});

/** The full record, for the office's edit form: phone numbers unmasked (the office keeps them). */
function entryOf(
  kind: DirectoryKind,
  doc: AnyDoc,
  accounts: number,
  stations: Map<string, StationDoc>,
): DirectoryEntry {
  const meta = { id: doc._id, active: doc.active, accounts, ...retiredOf(doc) };
  if (kind === 'deputy') {
    const d = doc as DeputyDoc;
    return {
      kind,
      ...meta,
      code: d.code,
      name: d.name,
      level: d.level,
      stationId: d.stationId,
      stationName: stationName(stations, d.stationId),
      title: d.title,
      phone: d.phone ?? null,
    };
  }
  if (kind === 'staff') {
    const s = doc as StaffDoc;
    return {
      kind,
      ...meta,
      name: s.name,
      phone: s.phone,
      stationIds: s.stationIds,
      stationNames: s.stationIds.map((id) => stationName(stations, id)),
    };
  }
  if (kind === 'unit') {
    const u = doc as UnitDoc;
    return { kind, ...meta, name: u.name, unitKind: u.kind };
  }
  const st = doc as StationDoc;
  return {
    kind,
    ...meta,
    code: st.code,
    name: st.name,
    level: st.level,
    address: st.address,
    location: st.location,
    openingHours: st.openingHours,
    receptionRule: st.receptionRule,
    deputiesPerDay: st.deputiesPerDay ?? 2,
  };
}

/** One line of the list: phone numbers masked, the second line saying what the record is. */
function itemOf(entry: DirectoryEntry): DirectoryItem {
  const base = {
    id: entry.id,
    name: entry.name,
    active: entry.active,
    bound: entry.accounts > 0,
  };
  switch (entry.kind) {
    case 'deputy':
      return {
        ...base,
        code: entry.code,
        detail: [DEPUTY_LEVEL_LABELS[entry.level], entry.stationName].filter(Boolean).join(' · '),
        phone: maskPhone(entry.phone),
      };
    case 'staff':
      return { ...base, code: null, detail: entry.stationNames.join('、'), phone: maskPhone(entry.phone) };
    case 'unit':
      return { ...base, code: null, detail: UNIT_KIND_LABELS[entry.unitKind], phone: null };
    case 'station':
      return {
        ...base,
        code: entry.code,
        detail: `${STATION_LEVEL_LABELS[entry.level]} · ${entry.address}`,
        phone: null,
      };
  }
}

const ORDER: Record<DirectoryKind, (a: DirectoryEntry, b: DirectoryEntry) => number> = {
  deputy: (a, b) => codeOf(a).localeCompare(codeOf(b)),
  station: (a, b) => codeOf(a).localeCompare(codeOf(b)),
  staff: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
  unit: (a, b) =>
    (a.kind === 'unit' && b.kind === 'unit' ? a.unitKind.localeCompare(b.unitKind) : 0) ||
    a.name.localeCompare(b.name, 'zh-CN'),
};

const codeOf = (e: DirectoryEntry) => ('code' in e ? e.code : '');

/** Entries of one kind with their account counts, given the stations. */
async function entriesOf(
  db: Db,
  kind: DirectoryKind,
  docs: AnyDoc[],
  stations: Map<string, StationDoc>,
): Promise<DirectoryEntry[] | Failure> {
  const counts =
    kind === 'unit' || kind === 'station'
      ? await accountCounts(db, kind === 'unit' ? 'unit' : 'staff')
      : null;
  if (isFailure(counts)) return counts;
  return docs.map((doc) => {
    const accounts =
      kind === 'deputy' || kind === 'staff'
        ? (doc as DeputyDoc | StaffDoc).openid
          ? 1
          : 0
        : (counts?.get(doc._id) ?? 0);
    return entryOf(kind, doc, accounts, stations);
  });
}

/** `office.directory`: one kind's records, active first in their order, then the retired ones. */
export async function listDirectory(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<DirectoryListView | Failure> {
  const kind = await officeKind(ctx, input);
  if (isFailure(kind)) return kind;
  const { db } = ctx;
  const stations = await stationsById(db);
  if (isFailure(stations)) return stations;
  const docs =
    kind === 'station'
      ? [...stations.values()]
      : await readAll<(typeof COLLECTION)[typeof kind], AnyDoc>(
          db,
          COLLECTION[kind],
          {},
          { max: MAX_DIRECTORY },
        );
  if (!docs) return tooMany();
  const entries = await entriesOf(db, kind, docs, stations);
  if (isFailure(entries)) return entries;
  entries.sort((a, b) => Number(b.active) - Number(a.active) || ORDER[kind](a, b));
  const active = entries.filter((e) => e.active).length;
  return { kind, items: entries.map(itemOf), active, retired: entries.length - active };
}

async function loadEntry(
  db: Db,
  kind: DirectoryKind,
  id: unknown,
): Promise<{ doc: AnyDoc; entry: DirectoryEntry } | Failure> {
  const doc: AnyDoc | null = typeof id === 'string' && id ? await getById(db, COLLECTION[kind], id) : null;
  if (!doc) return fail('NOT_FOUND', MISSING[kind]);
  const stations = await stationsById(db);
  if (isFailure(stations)) return stations;
  const entries = await entriesOf(db, kind, [doc], stations);
  if (isFailure(entries)) return entries;
  return { doc, entry: entries[0] };
}

/** `office.entry`: one record in full, for the edit form. */
export async function directoryEntry(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<DirectoryEntry | Failure> {
  const kind = await officeKind(ctx, input);
  if (isFailure(kind)) return kind;
  const loaded = await loadEntry(ctx.db, kind, input.id);
  return isFailure(loaded) ? loaded : loaded.entry;
}

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

/** The fields of a record as stored, from the validated form. */
function storedFields(kind: DirectoryKind, fields: DirectoryFields[DirectoryKind]): Record<string, unknown> {
  if (kind === 'unit') {
    const { name, unitKind } = fields as UnitFields;
    return { name, kind: unitKind };
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
    ...storedFields(kind, fields),
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

  if (input.id === undefined || input.id === null) {
    const requestId = requestIdOf(input);
    if (isFailure(requestId)) return requestId;
    const id = recordId(kind, 'form', ctx.caller.openid, requestId);
    // A retried create answers what the first one stored, without checking it against itself.
    if (!(await getById(db, COLLECTION[kind], id))) {
      const problem = await checkAgainstStore(db, kind, fields, null);
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
    .update({ ...storedFields(kind, fields), updatedAt: ctx.now });
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
