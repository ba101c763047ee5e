import type { DirectoryEntry, DirectoryItem, DirectoryListView } from '../../../miniprogram/core/api';
import { DIRECTORY_KINDS, type DirectoryKind } from '../../../miniprogram/core/directory';
import { DEPUTY_LEVEL_LABELS, STATION_LEVEL_LABELS, UNIT_KIND_LABELS } from '../../../miniprogram/core/model';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { maskPhone } from '../../../miniprogram/core/text';
import {
  collection,
  getById,
  readAll,
  requireOffice,
  type ActionContext,
  type Collection,
  type Db,
  type DeputyDoc,
  type StaffDoc,
  type StationDoc,
  type UnitDoc,
} from '../platform';
import {} from './records';

/**
 * The directory as the office reads it: one kind's records with their bound accounts, a record in
 * full for the edit form, and the collections they are stored in.
 */

export const MAX_DIRECTORY = 20_000;

export const COLLECTION = {
  deputy: 'deputies',
  staff: 'staff',
  unit: 'departments',
  station: 'stations',
} as const satisfies Record<DirectoryKind, string>;

const MISSING: Record<DirectoryKind, string> = {
  deputy: '没有找到这位代表',
  staff: '没有找到这位工作人员',
  unit: '没有找到这个承办单位',
  station: '没有找到这个联络站',
};

export type AnyDoc = DeputyDoc | StaffDoc | UnitDoc | StationDoc;

/** The records of one kind, as one collection of any record. */
export const records = (db: Db, kind: DirectoryKind) =>
  collection(db, COLLECTION[kind]) as Collection<AnyDoc>;

/** Every directory action: the office only, and the kind of record it is about. */
export async function officeKind(
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
    phone: st.phone ?? null,
    receptionRule: st.receptionRule,
    deputiesPerDay: st.deputiesPerDay ?? 2,
    leaders: (st.leaders ?? []).map((l) => ({
      id: l.id,
      name: l.name,
      title: l.title ?? '',
      phone: l.phone ?? null,
    })),
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
        leaders: (entry.leaders ?? []).map((l) =>
          [l.name, l.title, maskPhone(l.phone)].filter(Boolean).join(' '),
        ),
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

export async function loadEntry(
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
