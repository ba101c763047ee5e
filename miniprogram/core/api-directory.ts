import type { AccountRole } from './model';
import type {
  DeputyFields,
  DirectoryFields,
  DirectoryKind,
  StaffFields,
  StationFields,
  UnitFields,
} from './directory';

/**
 * Part of the contract between the mini-program and the functions; import it from api.ts, its
 * public face. The office's directory (名册) and the accounts bound to it: the list, a record in
 * full, saving, retiring, the spreadsheet import's report, one-time bind codes, the caller's roles,
 * and a deputy's printed code.
 */

export interface MyCodeView {
  code: string;
  name: string;
  /** The URL the printable QR code holds. */
  url: string;
  /** Temporary URL of the printable QR code (PNG). */
  qrImageUrl: string;
  /** Temporary URL of WeChat's mini-program code (PNG), or null if WeChat refused to make one. */
  wxacodeImageUrl: string | null;
  scene: string;
}

export interface MeView {
  openid: string;
  roles: Array<
    | { role: 'deputy'; deputyId: string; name: string }
    | { role: 'staff'; stationId: string; name: string }
    | { role: 'unit'; unitId: string; name: string }
    | { role: 'office'; name: string }
    /** A station's 分管领导, bound to see their duties (我的值班) and be reminded; `name`: the station. */
    | { role: 'leader'; stationId: string; leaderId: string; name: string }
  >;
  unread: { asResident: number; asDeputy: number };
}

/** The role a one-time bind code binds an account to. */
export type BindRole = AccountRole;

/** A one-time code the office gives a person so they can bind their WeChat account to a role. */
export interface BindCodeView {
  /** Shown once, to the office, to hand over; stored only as a hash. */
  code: string;
  role: BindRole;
  /** The deputy, station or unit bound to (the office for office accounts). */
  targetName: string;
  expiresAt: number;
}

/** One line of the office's directory (名册) list: phone numbers masked. */
export interface DirectoryItem {
  id: string;
  /** The printed code of a deputy (D00001) or station (S0001); null for staff and units. */
  code: string | null;
  name: string;
  /** 市人大代表 · 鼓楼区人大代表之家; the stations of a staff member; a unit's kind; a station's level and address. */
  detail: string;
  phone: string | null;
  /** A station's 分管领导, one line each: 赵书记 街道党工委副书记 138****5678 (phones masked). */
  leaders?: string[];
  /** A WeChat account is bound (a deputy, a staff member), or holds the unit's or station's role. */
  bound: boolean;
  active: boolean;
}

export interface DirectoryListView {
  kind: DirectoryKind;
  /** Active records first (deputies and stations by code, staff and units by name), then retired ones. */
  items: DirectoryItem[];
  active: number;
  retired: number;
}

interface EntryMeta {
  id: string;
  active: boolean;
  /** WeChat accounts bound to the record (a deputy or staff member: 0 or 1). */
  accounts: number;
  retiredAt: number | null;
  /** 任期届满、调离… as the office gave it. */
  retiredReason: string | null;
}

/** One record in full, for the office's edit form (phone numbers unmasked). */
export type DirectoryEntry =
  | ({ kind: 'deputy'; code: string; stationName: string } & DeputyFields & EntryMeta)
  | ({ kind: 'staff'; stationNames: string[] } & StaffFields & EntryMeta)
  | ({ kind: 'unit' } & UnitFields & EntryMeta)
  | ({ kind: 'station'; code: string } & StationFields & EntryMeta);

/** Creates a record (no `id`; `clientRequestId` makes a retry safe) or updates one (`id`). */
export type SaveDirectoryInput = {
  [K in DirectoryKind]: { kind: K; id?: string; fields: DirectoryFields[K]; clientRequestId?: string };
}[DirectoryKind];

export interface RetireResult {
  entry: DirectoryEntry;
  /** Open cases still addressed to the retired deputy, routed to the unit, or at the station. */
  openCases: number;
}

/** What a spreadsheet import found (and, unless a dry run without problems, stored). */
export interface ImportReport {
  /** True when the rows were stored; false for a dry run or when any row has a problem. */
  applied: boolean;
  sheets: Array<{
    kind: DirectoryKind;
    sheet: string;
    rows: number;
    /** New records (to be) created. */
    created: number;
    /** Rows matching a record already in the directory, (to be) updated with the sheet's values. */
    updated: number;
  }>;
  /** Row-level problems: nothing is stored while there is one. At most 100 are listed. */
  problems: Array<{ sheet: string; row: number; column: string; message: string }>;
  moreProblems: number;
}
