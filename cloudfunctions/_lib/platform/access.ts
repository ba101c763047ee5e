import { fail, invalid, isFailure, type Failure } from '../../../miniprogram/core/result';
import { getById } from './db';
import type { ActionContext } from './handler';
import type { DeputyDoc, RoleGrant, StationDoc, UserDoc } from './schema/people';

/**
 * Who is calling, in which role, for which station or case: the one place that answers it. The
 * caller's identity is the WeChat context's OpenID (never the request body), and their roles are
 * the grants stored in `users` under that OpenID by a one-time bind code. Someone with no grants is
 * an ordinary resident.
 */

export interface Caller {
  openid: string;
  /** The name bound with the account ('' for a resident). */
  name: string;
  grants: RoleGrant[];
}

/** The role in which someone acts on one case: the case is addressed to them, at their station, … */
export type CaseStanding =
  | { role: 'deputy'; deputyId: string }
  | { role: 'staff'; stationId: string }
  | { role: 'unit'; unitId: string }
  | { role: 'office' };

/** Everyone who handles cases (deputies, station staff, units, the office), and what is theirs. */
export interface Handler extends Caller {
  deputyIds: string[];
  stationIds: string[];
  unitIds: string[];
  office: boolean;
}

export interface StationAccess {
  caller: Caller;
  station: StationDoc;
  /** Staff of the station write and read; the office only reads. */
  via: 'staff' | 'office';
  /** The stations the caller is staff of (empty for the office). */
  mine: string[];
}

const UNIDENTIFIED = () => fail('AUTH.UNIDENTIFIED', '请在微信中打开小程序后再试');

/** The caller with their grants, or AUTH.UNIDENTIFIED when the context carries no WeChat user. */
export async function identify(ctx: ActionContext): Promise<Caller | Failure> {
  const openid = ctx.caller.openid;
  if (!openid) return UNIDENTIFIED();
  const user: UserDoc | null = await getById(ctx.db, 'users', openid);
  return { openid, name: user?.name ?? '', grants: user?.roles ?? [] };
}

/** The caller, who must be a WeChat user but needs no role (a resident's own actions). */
export function requireWeChatUser(ctx: ActionContext): string | Failure {
  return ctx.caller.openid || UNIDENTIFIED();
}

const deputyIdsOf = (grants: RoleGrant[]) => grants.flatMap((g) => (g.role === 'deputy' ? [g.deputyId] : []));
const stationIdsOf = (grants: RoleGrant[]) =>
  grants.flatMap((g) => (g.role === 'staff' ? [g.stationId] : []));
const unitIdsOf = (grants: RoleGrant[]) => grants.flatMap((g) => (g.role === 'unit' ? [g.unitId] : []));
const isOffice = (caller: Caller) => caller.grants.some((g) => g.role === 'office');

/** The office (代表工委) only; `what` finishes the refusal: 只有代表工委可以<what>. */
export async function requireOffice(ctx: ActionContext, what: string): Promise<Caller | Failure> {
  const caller = await identify(ctx);
  if (isFailure(caller)) return caller;
  return isOffice(caller) ? caller : fail('AUTH.FORBIDDEN', `只有代表工委可以${what}`);
}

/** The deputy this account is bound to, read afresh (a retired deputy keeps their account). */
export async function requireDeputy(
  ctx: ActionContext,
): Promise<{ caller: Caller; deputy: DeputyDoc } | Failure> {
  const caller = await identify(ctx);
  if (isFailure(caller)) return caller;
  const [deputyId] = deputyIdsOf(caller.grants);
  const deputy = await getById(ctx.db, 'deputies', deputyId);
  return deputy ? { caller, deputy } : fail('AUTH.FORBIDDEN', '此功能仅限已绑定的人大代表使用');
}

/** Anyone who handles cases, with the deputies, stations and units that are theirs. */
export async function requireHandler(ctx: ActionContext): Promise<Handler | Failure> {
  const caller = await identify(ctx);
  if (isFailure(caller)) return caller;
  const handler: Handler = {
    ...caller,
    deputyIds: deputyIdsOf(caller.grants),
    stationIds: stationIdsOf(caller.grants),
    unitIds: unitIdsOf(caller.grants),
    office: isOffice(caller),
  };
  const any = handler.deputyIds.length + handler.stationIds.length + handler.unitIds.length > 0;
  return any || handler.office
    ? handler
    : fail('AUTH.FORBIDDEN', '此功能仅限代表、联络站、承办单位和代表工委使用');
}

/**
 * The role a handler acts in on a case, or null when the case is none of theirs. A case addressed
 * to the caller as deputy comes first, then their station's, then their unit's; the office may act
 * on every case.
 */
export function standingOn(
  handler: Handler,
  doc: { deputyId: string | null; stationId: string | null; unitId?: string | null },
): CaseStanding | null {
  if (doc.deputyId && handler.deputyIds.includes(doc.deputyId))
    return { role: 'deputy', deputyId: doc.deputyId };
  if (doc.stationId && handler.stationIds.includes(doc.stationId))
    return { role: 'staff', stationId: doc.stationId };
  if (doc.unitId && handler.unitIds.includes(doc.unitId)) return { role: 'unit', unitId: doc.unitId };
  return handler.office ? { role: 'office' } : null;
}

/**
 * Whether the caller handles this case in person — it is addressed to them as deputy, or their
 * station handles it — so that what they do as its resident (appeal, rate) would count towards
 * their own record or their station's figures. Null when they do not.
 */
export function handlesInPerson(
  caller: Caller,
  doc: { deputyId: string | null; stationId: string | null },
): 'deputy' | 'staff' | null {
  if (doc.deputyId && deputyIdsOf(caller.grants).includes(doc.deputyId)) return 'deputy';
  if (doc.stationId && stationIdsOf(caller.grants).includes(doc.stationId)) return 'staff';
  return null;
}

/**
 * The station the caller works for, or a Failure. Staff bound to several stations name one with
 * `stationId`; the office reads (never writes) any station it names.
 */
export async function requireStation(
  ctx: ActionContext,
  input: Record<string, unknown>,
  mode: 'read' | 'write',
): Promise<StationAccess | Failure> {
  const caller = await identify(ctx);
  if (isFailure(caller)) return caller;
  const mine = stationIdsOf(caller.grants);
  const office = mode === 'read' && isOffice(caller);
  const asked = typeof input.stationId === 'string' && input.stationId ? input.stationId : null;
  let stationId: string | null = null;
  if (asked && (mine.includes(asked) || office)) stationId = asked;
  else if (!asked && mine.length > 0) stationId = mine[0];
  else if (!asked && office) return invalid({ stationId: '请选择联络站' });
  if (!stationId) return fail('AUTH.FORBIDDEN', '此功能仅限本联络站的工作人员使用');
  const station = await getById(ctx.db, 'stations', stationId);
  if (!station) return fail('NOT_FOUND', '没有找到这个联络站');
  if (mode === 'write' && !station.active) return fail('STATION.INACTIVE', `${station.name}已停止接待`);
  return { caller, station, via: mine.includes(station._id) ? 'staff' : 'office', mine };
}

/** Who may take the office's accounts out (ledgers): the office, for everything; staff, for their stations. */
export interface AccountsReader {
  caller: Caller;
  office: boolean;
  /** The stations the caller is staff of (empty for the office). */
  stationIds: string[];
}

/** The office, or station staff (limited to their stations); `what` finishes the refusal. */
export async function requireAccountsReader(
  ctx: ActionContext,
  what: string,
): Promise<AccountsReader | Failure> {
  const caller = await identify(ctx);
  if (isFailure(caller)) return caller;
  const office = isOffice(caller);
  const stationIds = stationIdsOf(caller.grants);
  if (!office && stationIds.length === 0)
    return fail('AUTH.FORBIDDEN', `只有代表工委和联络站工作人员可以${what}`);
  return { caller, office, stationIds };
}
