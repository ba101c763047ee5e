import {
  DEPUTY_LEVEL_LABELS,
  STATION_LEVEL_LABELS,
  UNIT_KIND_LABELS,
  type DeputyLevel,
  type StationLevel,
  type UnitKind,
} from './model';
import { fail, invalid, ok, type Failure, type Success } from './result';
import type { ReceptionRule } from './reception';
import { validateRule } from './reception-plan';
import { charLength, cleanText, isValidPhone, textInput, WRONG_TYPE } from './text';

/**
 * The office's directory (名册): deputies, station staff, handling units and stations, as the
 * office creates and edits them on its screens or imports them from a spreadsheet. What a record
 * must satisfy is checked here, identically on the phone (messages beside the fields) and in the
 * `admin` function (which trusts nothing); whether a named station exists is the function's to say.
 */

export type DirectoryKind = 'deputy' | 'staff' | 'unit' | 'station';

export const DIRECTORY_KINDS: DirectoryKind[] = ['deputy', 'staff', 'unit', 'station'];

export const DIRECTORY_KIND_LABELS: Record<DirectoryKind, string> = {
  deputy: '代表',
  staff: '联络站工作人员',
  unit: '承办单位',
  station: '联络站',
};

export interface DeputyFields {
  name: string;
  level: DeputyLevel;
  /** The station the deputy belongs to (进站履职), or none. */
  stationId: string | null;
  /** 职务/身份, shown under the name on the deputy's page: 市人大代表，社区党委书记. */
  title: string;
  /** For the office and the station to reach the deputy; never shown to residents. */
  phone: string | null;
}

export interface StaffFields {
  name: string;
  /** Staff are reached by phone about reception days: required. */
  phone: string;
  /** The stations this person works for (at least one). */
  stationIds: string[];
}

export interface UnitFields {
  name: string;
  unitKind: UnitKind;
}

export interface StationFields {
  name: string;
  level: StationLevel;
  address: string;
  location: { latitude: number; longitude: number } | null;
  openingHours: string;
  /** The station's public phone, for residents to call (拨打); optional. */
  phone?: string | null;
  /** Null until the office or the station settles the rule; reception days are then not planned. */
  receptionRule: ReceptionRule | null;
  /** Deputies on duty per reception day (1–6). */
  deputiesPerDay: number;
  /**
   * The station's 分管领导 (Jixian: two deputies and a leader on each reception day), from whom staff
   * pick the day's leader. Left out of a save, the stored leaders stay as they are (the spreadsheet
   * import has no column for them); an empty list removes them all.
   */
  leaders?: LeaderFields[];
}

/** One 分管领导 of a station. `id` is the stored one when editing; a new leader comes without. */
export interface LeaderFields {
  id?: string;
  name: string;
  /** 街道党工委副书记 …, beside the name on the roster. */
  title: string;
  /** For staff to reach the leader; masked in lists, never shown to residents. */
  phone: string | null;
}

export interface DirectoryFields {
  deputy: DeputyFields;
  staff: StaffFields;
  unit: UnitFields;
  station: StationFields;
}

export const DIRECTORY_LIMITS = {
  nameMax: 30,
  titleMax: 60,
  addressMax: 100,
  openingHoursMax: 60,
  stationsPerStaff: 10,
  deputiesPerDayMax: 6,
  leadersMax: 6,
  reasonMin: 2,
  reasonMax: 100,
} as const;

type Fields = Record<string, string>;
type Input = Record<string, unknown>;

const asInput = (raw: unknown): Input => (typeof raw === 'object' && raw !== null ? (raw as Input) : {});

/** One-line free text, cleaned (core/text.ts); null when the value is not text at all. */
const text = (value: unknown): string | null => textInput(value, 'line');

/** Present, but neither text nor absent: refused with a field error, never dropped. */
const wrongType = (value: unknown): boolean =>
  value !== undefined && value !== null && typeof value !== 'string';

/** Phone numbers are typed with spaces and dashes in every way; stored as digits (and a dash for landlines). */
export function normalisePhone(value: unknown): string {
  const raw = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  const compact = raw.replace(/[\s()（）]/g, '').replace(/^\+?86/, '');
  return /^0\d{2,3}-\d{7,8}$/.test(compact) ? compact : compact.replace(/-/g, '');
}

function checkName(value: unknown, fields: Fields, label: string): string {
  const name = text(value) ?? '';
  if (wrongType(value)) fields.name = `${label}${WRONG_TYPE}`;
  else if (!name) fields.name = `请填写${label}`;
  else if (charLength(name) > DIRECTORY_LIMITS.nameMax)
    fields.name = `${label}最多 ${DIRECTORY_LIMITS.nameMax} 个字`;
  return name;
}

function checkPhone(value: unknown, fields: Fields, required: boolean): string | null {
  if (wrongType(value)) {
    fields.phone = `电话${WRONG_TYPE}`;
    return null;
  }
  const phone = normalisePhone(cleanText(typeof value === 'string' ? value : ''));
  if (!phone) {
    if (required) fields.phone = '请填写联系电话';
    return null;
  }
  if (!isValidPhone(phone)) fields.phone = '电话号码格式不正确（手机 11 位，座机如 0591-87654321）';
  return phone;
}

function checkText(value: unknown, fields: Fields, field: string, label: string, max: number): string {
  const value_ = text(value) ?? '';
  if (wrongType(value)) fields[field] = `${label}${WRONG_TYPE}`;
  else if (charLength(value_) > max) fields[field] = `${label}最多 ${max} 个字`;
  return value_;
}

function checkStationId(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function result<T>(fields: Fields, value: () => T): Success<T> | Failure {
  const problems = Object.keys(fields);
  return problems.length > 0 ? invalid(fields) : ok(value());
}

function validateDeputy(input: Input): Success<DeputyFields> | Failure {
  const fields: Fields = {};
  const name = checkName(input.name, fields, '代表姓名');
  const level = input.level as DeputyLevel;
  if (!(level in DEPUTY_LEVEL_LABELS)) fields.level = '请选择代表的层级';
  const title = checkText(input.title, fields, 'title', '职务/身份', DIRECTORY_LIMITS.titleMax);
  if (wrongType(input.stationId)) fields.stationId = '请选择所在的联络站';
  const phone = checkPhone(input.phone, fields, false);
  return result(fields, () => ({ name, level, stationId: checkStationId(input.stationId), title, phone }));
}

function validateStaff(input: Input): Success<StaffFields> | Failure {
  const fields: Fields = {};
  const name = checkName(input.name, fields, '姓名');
  const phone = checkPhone(input.phone, fields, true);
  const raw = Array.isArray(input.stationIds) ? input.stationIds : [];
  const stationIds = [...new Set(raw.map(checkStationId).filter((id): id is string => id !== null))];
  if (stationIds.length === 0 || raw.some((id) => typeof id !== 'string'))
    fields.stationIds = '请选择所在的联络站';
  else if (stationIds.length > DIRECTORY_LIMITS.stationsPerStaff)
    fields.stationIds = `一人最多负责 ${DIRECTORY_LIMITS.stationsPerStaff} 个联络站`;
  return result(fields, () => ({ name, phone: phone ?? '', stationIds }));
}

function validateUnit(input: Input): Success<UnitFields> | Failure {
  const fields: Fields = {};
  const name = checkName(input.name, fields, '单位名称');
  const unitKind = input.unitKind as UnitKind;
  if (!(unitKind in UNIT_KIND_LABELS)) fields.unitKind = '请选择单位类别';
  return result(fields, () => ({ name, unitKind }));
}

function validateStation(input: Input): Success<StationFields> | Failure {
  const fields: Fields = {};
  const name = checkName(input.name, fields, '联络站名称');
  const level = input.level as StationLevel;
  if (!(level in STATION_LEVEL_LABELS)) fields.level = '请选择联络站的级别';
  const address = checkText(input.address, fields, 'address', '地址', DIRECTORY_LIMITS.addressMax);
  if (!address && !fields.address) fields.address = '请填写地址，群众要按地址找到联络站';
  const openingHours = checkText(
    input.openingHours,
    fields,
    'openingHours',
    '开放时间',
    DIRECTORY_LIMITS.openingHoursMax,
  );
  const phone = checkPhone(input.phone, fields, false);
  let location: StationFields['location'] = null;
  if (input.location !== undefined && input.location !== null) {
    const { latitude, longitude } = asInput(input.location);
    if (
      typeof latitude !== 'number' ||
      typeof longitude !== 'number' ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180
    )
      fields.location = '位置信息无效，请重新选择';
    else location = { latitude, longitude };
  }
  let receptionRule: ReceptionRule | null = null;
  if (input.receptionRule !== undefined && input.receptionRule !== null) {
    const rule = validateRule(input.receptionRule);
    if (rule.ok) receptionRule = rule.data;
    else fields.receptionRule = rule.message;
  }
  const perDay = input.deputiesPerDay ?? 2;
  if (
    typeof perDay !== 'number' ||
    !Number.isInteger(perDay) ||
    perDay < 1 ||
    perDay > DIRECTORY_LIMITS.deputiesPerDayMax
  )
    fields.deputiesPerDay = `每个接待日值班代表应为 1 到 ${DIRECTORY_LIMITS.deputiesPerDayMax} 人`;
  const leaders = checkLeaders(input.leaders, fields);
  return result(fields, () => ({
    name,
    level,
    address,
    location,
    openingHours,
    phone,
    receptionRule,
    deputiesPerDay: perDay as number,
    ...(leaders ? { leaders } : {}),
  }));
}

/** A station's leaders: each named, titled at most as long as a deputy's title, phone optional. */
function checkLeaders(value: unknown, fields: Fields): LeaderFields[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    fields.leaders = `分管领导${WRONG_TYPE}`;
    return undefined;
  }
  if (value.length > DIRECTORY_LIMITS.leadersMax) {
    fields.leaders = `分管领导最多 ${DIRECTORY_LIMITS.leadersMax} 位`;
    return undefined;
  }
  const leaders: LeaderFields[] = [];
  for (const [i, raw] of value.entries()) {
    const own: Fields = {};
    const item = asInput(raw);
    const name = checkName(item.name, own, '分管领导姓名');
    const title = checkText(item.title, own, 'title', '职务', DIRECTORY_LIMITS.titleMax);
    const phone = checkPhone(item.phone, own, false);
    const id = typeof item.id === 'string' && item.id.trim() ? item.id.trim() : undefined;
    if (item.id !== undefined && item.id !== null && id === undefined)
      own.id = '分管领导记录无效，请刷新后再试';
    if (!own.name && leaders.some((l) => l.name === name)) own.name = `分管领导${name}填写了两次`;
    const problem = Object.values(own)[0];
    if (problem) {
      fields.leaders = `第 ${i + 1} 位分管领导：${problem}`;
      return undefined;
    }
    leaders.push({ ...(id ? { id } : {}), name, title, phone });
  }
  return leaders;
}

const VALIDATORS: { [K in DirectoryKind]: (input: Input) => Success<DirectoryFields[K]> | Failure } = {
  deputy: validateDeputy,
  staff: validateStaff,
  unit: validateUnit,
  station: validateStation,
};

/** Validates and normalises one record of the given kind (names trimmed, phones compacted). */
export function validateDirectoryFields<K extends DirectoryKind>(
  kind: K,
  raw: unknown,
): Success<DirectoryFields[K]> | Failure {
  return VALIDATORS[kind](asInput(raw));
}

/** The reason the office gives for retiring a record (任期届满、调离…), kept with it. */
export function validateReason(raw: unknown): Success<string> | Failure {
  const reason = text(raw) ?? '';
  const length = charLength(reason);
  if (length < DIRECTORY_LIMITS.reasonMin || length > DIRECTORY_LIMITS.reasonMax) {
    const message = `请填写原因（${DIRECTORY_LIMITS.reasonMin}–${DIRECTORY_LIMITS.reasonMax} 个字）`;
    return fail('INPUT.INVALID', message, { reason: message });
  }
  return ok(reason);
}

/** Where the office's spreadsheets go: under its own OpenID, which is how the function knows the file is theirs. */
export const importPrefix = (openid: string): string => `imports/${openid}/`;

/**
 * The next printed code after the highest one in use: D00001 → D00002, S0009 → S0010. Codes are
 * never reused, so a retired deputy's printed QR codes can never reach somebody else.
 */
export function nextCode(kind: 'deputy' | 'station', highest: string | null): string {
  const [prefix, width] = kind === 'deputy' ? ['D', 5] : ['S', 4];
  const n = highest && /^\d+$/.test(highest.slice(1)) ? Number(highest.slice(1)) : 0;
  return `${prefix}${String(n + 1).padStart(width, '0')}`;
}

/** The directory screens' search: a name, a printed code or the second line, in any case. */
export function matchesSearch(item: { name: string; code: string | null; detail: string }, query: string) {
  const q = query.trim().toUpperCase();
  return !q || `${item.name} ${item.code ?? ''} ${item.detail}`.toUpperCase().includes(q);
}
