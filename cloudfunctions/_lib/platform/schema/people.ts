import type { AccountRole, DeputyLevel, StationLevel, UnitKind } from '../../../../miniprogram/core/model';
import type { ReceptionRule } from '../../../../miniprogram/core/reception';
import type { ReceptionOverride } from '../../../../miniprogram/core/reception-plan';
import type { Member } from '../../../../miniprogram/core/roster';

/**
 * The people and places of the office's directory (名册), the WeChat accounts bound to them, and the
 * one-time codes that bind them, as stored. Instants are epoch milliseconds; calendar dates are
 * China-local `YYYY-MM-DD` strings.
 */

/** A declared absence (出差、住院…), both dates included. */
export interface DeclaredAbsence {
  from: string;
  to: string;
  reason?: string;
}

/** `deputies`: a people's-congress deputy. */
export interface DeputyDoc {
  _id: string;
  /** The printed code on their QR code (D00001); never reused. */
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
  /** Days the deputy cannot be on duty; rosters respect them. */
  unavailability?: DeclaredAbsence[] | null;
  /** The deputy's own quick-reply phrases (常用语), set by themself (deputy.saveReplyPhrases). */
  replyPhrases?: string[];
  retiredAt?: number | null;
  retiredReason?: string | null;
  createdAt?: number;
  updatedAt?: number;
}

/** `staff`: a station staff member, created by the office; works for one or more stations. */
export interface StaffDoc {
  _id: string;
  name: string;
  phone: string;
  stationIds: string[];
  active: boolean;
  /** The WeChat account bound with the staff member's code; null until they bind. */
  openid: string | null;
  retiredAt?: number | null;
  retiredReason?: string | null;
  createdAt?: number;
  updatedAt?: number;
}

/** `stations`: a liaison station (代表之家 / 联络站 / 联络点), its reception rule and staff's changes. */
export interface StationDoc {
  _id: string;
  /** The printed code on its QR code (S0001); never reused. */
  code: string;
  name: string;
  level: StationLevel;
  address: string;
  location: { latitude: number; longitude: number } | null;
  openingHours: string;
  /** The station's public phone (拨打 on its page); absent until the office enters one. */
  phone?: string | null;
  receptionRule: ReceptionRule | null;
  active: boolean;
  /** Staff's changes to the rule's days (core/reception-plan.ts ReceptionOverride), in order. */
  receptionChanges?: ReceptionOverride[];
  /** Bumped by every change of `receptionChanges`, which is conditional on it (compare-and-set). */
  receptionVersion?: number;
  /** Deputies on duty per reception day; 2 when left out (core/roster.ts). */
  deputiesPerDay?: number;
  /** The leaders' pool (分管领导), where the station wants a leader on duty; kept by the office. */
  leaders?: StationLeader[];
  retiredAt?: number | null;
  retiredReason?: string | null;
  createdAt?: number;
  updatedAt?: number;
}

/** One of a station's 分管领导. `id` stays when the office renames them, so rosters keep naming them. */
export type StationLeader = Member & {
  /** 街道党工委副书记 …; absent on leaders stored before titles were kept. */
  title?: string;
  /** For staff to reach them; never shown to residents. */
  phone?: string | null;
  /** A WeChat account for duty reminders; none yet: staff see who is on duty instead. */
  openid?: string | null;
  unavailability?: DeclaredAbsence[] | null;
};

/** `departments`: a handling unit (township/street government, city department, the higher congress). */
export interface UnitDoc {
  _id: string;
  name: string;
  kind: UnitKind;
  active: boolean;
  retiredAt?: number | null;
  retiredReason?: string | null;
  createdAt?: number;
  updatedAt?: number;
}

/** One role a WeChat account holds, as stored in `users.roles` (its `role` is an AccountRole). */
export type RoleGrant =
  | { role: 'deputy'; deputyId: string }
  /** One per station a staff member works for; `staffId` names the person (`staff`). */
  | { role: 'staff'; stationId: string; staffId: string }
  | { role: 'unit'; unitId: string }
  | { role: 'office' }
  /** A station's 分管领导 (`stations.leaders[].id`), for their duties and reminders only. */
  | { role: 'leader'; stationId: string; leaderId: string };

/** `users`, keyed by OpenID: a WeChat account and the roles it was bound to. */
export interface UserDoc {
  _id: string;
  openid: string;
  name: string;
  roles: RoleGrant[];
  createdAt?: number;
}

/** `bind_codes`: a one-time code as stored — never the code itself. */
export interface BindCodeDoc {
  _id: string;
  /** HMAC-SHA256 (hex) of the normalised code under the pepper. */
  codeHash: string;
  role: AccountRole;
  /** The deputy, staff member or unit; null for an office account. */
  targetId: string | null;
  /** For the office's records; the role's name is looked up again when someone binds. */
  targetName: string;
  /** The office member's OpenID. */
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
}

/**
 * `bind_attempts`, keyed by OpenID: one WeChat account's failed redemptions within the last hour.
 * `version` makes every change a compare-and-set, so parallel guesses are counted one by one.
 */
export interface BindAttemptsDoc {
  _id: string;
  failures: Array<{ at: number; id: string }>;
  version: number;
}

/** `categories`: the appeal categories residents choose from. */
export interface CategoryDoc {
  _id: string;
  key: string;
  name: string;
  order: number;
  active: boolean;
}

/** `calendar_years`, keyed by year: the office's entry of an official holiday notice. */
export interface CalendarYearDoc {
  _id: string;
  year: number;
  /** Weekdays off (法定节假日及调休放假). */
  holidays: string[];
  /** Weekend days worked (调休上班). */
  workdays: string[];
  enteredBy: string;
  enteredAt: number;
}
