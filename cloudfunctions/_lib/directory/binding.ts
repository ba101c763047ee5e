import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { BindCodeView, BindRole } from '../../../miniprogram/core/api';
import {
  BIND_CODE_ALPHABET,
  BIND_CODE_FORMAT_HINT,
  BIND_CODE_LENGTH,
  formatBindCode,
  isWellFormedBindCode,
  normaliseBindCode,
} from '../../../miniprogram/core/bind-code';
import { chinaDateTime } from '../../../miniprogram/core/china-time';
import { isValidCode } from '../../../miniprogram/core/codes';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import {
  collection,
  ConfigError,
  duplicateIndex,
  getById,
  LOCAL_BIND_CODE_PEPPER,
  requireOffice,
  requireWeChatUser,
  type ActionContext,
  type BindCodeDoc,
  type Db,
  type RoleGrant,
} from '../platform';
import { findLeader, moveLeaderAccount } from './leaders';
import { findDeputyByCode, staffRoles } from './records';

/**
 * Binding a WeChat account to a role with a one-time code from the congress office (代表工委).
 *
 * The office creates a code for a deputy, a station (its staff), a handling unit, or the office
 * itself, and hands it over in person or by phone. Only an HMAC of the code is stored, keyed with a
 * pepper that lives in the function's environment, not in the database: a copy of `bind_codes` alone
 * cannot be searched for the codes still open. The person types the code into the bind page; a code
 * works once (a conditional update claims it), for a limited time, and each WeChat account may get it
 * wrong only a few times an hour.
 *
 * | variable               | default                | meaning |
 * |------------------------|------------------------|---------|
 * | `BIND_CODE_PEPPER`     | a fixed local value    | HMAC key for stored codes. Set a long random value in CloudBase; changing it voids the codes not yet used. |
 * | `BIND_CODE_TTL_HOURS`  | `72`                   | how long a code stays usable after the office creates it. |
 */

/** The local stack's pepper; a function in the cloud refuses to run with it (platform/deployment.ts). */
export const DEFAULT_PEPPER = LOCAL_BIND_CODE_PEPPER;
export const DEFAULT_TTL_HOURS = 72;
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 3600_000;

export const OFFICE_NAME = '人大常委会代表工委';

export const INVALID_MESSAGE = '绑定码无效或已过期，请向代表工委重新获取';

/** Unknown, expired and used codes answer alike: a guesser learns nothing about which codes exist. */
const invalid = (): Failure => fail('BIND.INVALID', INVALID_MESSAGE, { code: INVALID_MESSAGE });

export const BIND_ROLES: readonly BindRole[] = ['deputy', 'staff', 'unit', 'office', 'leader'];

export interface BindSettings {
  pepper: string;
  ttlMs: number;
}

/** Read on every call, like config.ts, so a test can set `process.env` first; a malformed TTL throws. */
export function bindSettings(env: NodeJS.ProcessEnv = process.env): BindSettings {
  const pepper = env.BIND_CODE_PEPPER?.trim() || DEFAULT_PEPPER;
  const ttlText = env.BIND_CODE_TTL_HOURS?.trim();
  const hours = ttlText ? Number(ttlText) : DEFAULT_TTL_HOURS;
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) {
    throw new ConfigError('BIND_CODE_TTL_HOURS', ttlText ?? '', 'a number of hours above 0, at most 720');
  }
  return { pepper, ttlMs: Math.round(hours * 3600_000) };
}

/** Eight characters from the alphabet, uniformly: 32 values divide the 256 of a byte. */
export function generateBindCode(): string {
  return Array.from(randomBytes(BIND_CODE_LENGTH), (b) => BIND_CODE_ALPHABET[b % 32]).join('');
}

export const hashBindCode = (code: string, pepper: string): string =>
  createHmac('sha256', pepper).update(code).digest('hex');

// ---- creating a code (the office) -----------------------------------------------------------

const TARGET_COLLECTION = { deputy: 'deputies', staff: 'staff', unit: 'departments' } as const;

const TARGET_MISSING: Record<Exclude<BindRole, 'office'>, string> = {
  deputy: '没有找到这位代表',
  staff: '没有找到这位工作人员',
  unit: '没有找到这个承办单位',
  leader: '没有找到这位分管领导',
};

/** The deputy, staff member or unit a code binds to: it must exist and be active. */
async function resolveTarget(
  db: Db,
  role: BindRole,
  targetId: unknown,
): Promise<{ targetId: string | null; targetName: string } | Failure> {
  if (role === 'office') {
    if (targetId !== undefined && targetId !== null && targetId !== '') {
      return fail('INPUT.INVALID', '代表工委账号不需要指定对象', { targetId: '代表工委账号不需要指定对象' });
    }
    return { targetId: null, targetName: OFFICE_NAME };
  }
  if (typeof targetId !== 'string' || !targetId) {
    return fail('INPUT.INVALID', '请选择绑定的对象', { targetId: '请选择绑定的对象' });
  }
  if (role === 'leader') {
    // A station's 分管领导, by their id on the station's leaders' list.
    const found = await findLeader(db, targetId);
    if (!found) return fail('INPUT.INVALID', TARGET_MISSING.leader, { targetId: TARGET_MISSING.leader });
    if (!found.station.active) {
      const message = `${found.station.name}已停用，不能绑定`;
      return fail('BIND.TARGET_INACTIVE', message, { targetId: message });
    }
    return { targetId: found.leader.id, targetName: found.leader.name };
  }
  // A deputy may be named by the code printed on their QR code (D00001).
  const printed = targetId.trim().toUpperCase();
  const byCode =
    role === 'deputy' && isValidCode('deputy', printed) ? await findDeputyByCode(db, printed) : null;
  const target = byCode ?? (await getById(db, TARGET_COLLECTION[role], targetId));
  if (!target) return fail('INPUT.INVALID', TARGET_MISSING[role], { targetId: TARGET_MISSING[role] });
  if (!target.active) {
    const message =
      role === 'deputy' ? `${target.name}已不再履行代表职务，不能绑定` : `${target.name}已停用，不能绑定`;
    return fail('BIND.TARGET_INACTIVE', message, { targetId: message });
  }
  return { targetId: target._id, targetName: target.name };
}

/** `office.createBindCode`: office only (the role from `users`, never from the request). */
export async function createBindCode(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<BindCodeView | Failure> {
  const office = await requireOffice(ctx, '生成绑定码');
  if (isFailure(office)) return office;
  const role = input.role as BindRole;
  if (!BIND_ROLES.includes(role)) {
    return fail('INPUT.INVALID', '请选择绑定的身份', { role: '请选择绑定的身份' });
  }
  const target = await resolveTarget(ctx.db, role, input.targetId);
  if (isFailure(target)) return target;

  return issueBindCode(ctx.db, { role, ...target, createdBy: office.openid, now: ctx.now });
}

/**
 * Stores a new code for a resolved target and answers it, the one time it is ever shown. Used by
 * `office.createBindCode` and by `scripts/office-code.ts`, which makes a new environment's first
 * office code (no office account exists yet to ask for one).
 */
export async function issueBindCode(
  db: Db,
  issue: { role: BindRole; targetId: string | null; targetName: string; createdBy: string; now: number },
): Promise<BindCodeView | Failure> {
  const { pepper, ttlMs } = bindSettings();
  const expiresAt = issue.now + ttlMs;
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = generateBindCode();
    const doc: BindCodeDoc = {
      _id: `b${issue.now.toString(36)}${randomBytes(6).toString('hex')}`,
      codeHash: hashBindCode(code, pepper),
      role: issue.role,
      targetId: issue.targetId,
      targetName: issue.targetName,
      createdBy: issue.createdBy,
      createdAt: issue.now,
      expiresAt,
      usedBy: null,
      usedAt: null,
    };
    try {
      await collection(db, 'bind_codes').add(doc);
    } catch (error) {
      // One chance in 2^40 that the code exists already: draw another.
      if (duplicateIndex(error)) continue;
      throw error;
    }
    return { code: formatBindCode(code), role: issue.role, targetName: issue.targetName, expiresAt };
  }
  return fail('CONFLICT', '生成绑定码失败，请重试');
}

// ---- the attempt limit --------------------------------------------------------------------

/** HH:mm in China, rounded up to the minute: trying at the minute shown always works. */
function rateLimited(retryAt: number, now: number): Failure {
  const at = Math.ceil(retryAt / 60_000) * 60_000;
  const minutes = Math.max(1, Math.ceil((at - now) / 60_000));
  const message = `尝试次数过多，请于 ${chinaDateTime(at).slice(11)}（约 ${minutes} 分钟后）再试`;
  return fail('BIND.RATE_LIMITED', message, { code: message });
}

/**
 * Counts this attempt as a failure before the code is even looked up, in one compare-and-set: the
 * sixth of six parallel guesses finds five already counted. A successful attempt is taken back
 * afterwards (`forgiveAttempt`). Answers the attempt's id, or RATE_LIMITED.
 */
async function countAttempt(db: Db, openid: string, now: number): Promise<string | Failure> {
  const attempts = collection(db, 'bind_attempts');
  const _ = db.command;
  for (let round = 0; round < 5; round++) {
    const doc = await getById(db, 'bind_attempts', openid);
    const recent = (doc?.failures ?? []).filter((f) => f.at > now - FAILURE_WINDOW_MS);
    if (recent.length >= MAX_FAILURES) {
      return rateLimited(Math.min(...recent.map((f) => f.at)) + FAILURE_WINDOW_MS, now);
    }
    const entry = { at: now, id: randomUUID() };
    if (!doc) {
      try {
        await attempts.add({ _id: openid, failures: [entry], version: 1 });
        return entry.id;
      } catch (error) {
        if (duplicateIndex(error)) continue;
        throw error;
      }
    }
    const { updated } = await attempts
      .where({ _id: openid, version: doc.version })
      .update({ failures: _.set([...recent, entry]), version: _.inc(1) });
    if (updated) return entry.id;
  }
  // This account is sending attempts faster than they can be counted.
  return fail('BIND.RATE_LIMITED', '操作太频繁，请稍后再试', { code: '操作太频繁，请稍后再试' });
}

async function forgiveAttempt(db: Db, openid: string, id: string): Promise<void> {
  const _ = db.command;
  await collection(db, 'bind_attempts')
    .where({ _id: openid })
    .update({ failures: _.pull({ id }), version: _.inc(1) });
}

// ---- redeeming a code (anyone) ------------------------------------------------------------

const sameRole = (a: RoleGrant, b: RoleGrant): boolean =>
  a.role === b.role &&
  (a.role === 'office' ||
    (a.role === 'deputy' && b.role === 'deputy' && a.deputyId === b.deputyId) ||
    (a.role === 'staff' && b.role === 'staff' && a.stationId === b.stationId) ||
    (a.role === 'unit' && b.role === 'unit' && a.unitId === b.unitId) ||
    (a.role === 'leader' && b.role === 'leader' && a.leaderId === b.leaderId));

/** Adds the roles to the caller's `users` document (created, keyed by OpenID, when absent), once. */
async function grantRoles(
  db: Db,
  openid: string,
  roles: RoleGrant[],
  name: string,
  now: number,
): Promise<void> {
  const users = collection(db, 'users');
  const user = await getById(db, 'users', openid);
  if (!user) {
    try {
      await users.add({ _id: openid, openid, name, roles, createdAt: now });
      return;
    } catch (error) {
      // Created a moment ago by another bind of the same account: add the roles to it below.
      if (!duplicateIndex(error)) throw error;
    }
  }
  for (const role of roles) {
    if (user?.roles.some((r) => sameRole(r, role))) continue;
    await users.where({ _id: openid }).update({ roles: db.command.addToSet(role) });
  }
}

/**
 * Points a deputy's or staff member's record at the caller's account and takes their roles from the
 * account bound before (they changed phones). Each move is a compare-and-set from the account read,
 * and the roles leave exactly the account that was replaced, so two binds of one person at once end
 * with one account, not two and not none.
 */
async function moveAccount(db: Db, role: 'deputy' | 'staff', id: string, openid: string): Promise<void> {
  const _ = db.command;
  const name = TARGET_COLLECTION[role];
  for (let round = 0; round < 5; round++) {
    const doc = await getById(db, name, id);
    if (!doc) return;
    const previous = doc.openid ?? null;
    if (previous === openid) return;
    const { updated } = await collection(db, name).where({ _id: id, openid: previous }).update({ openid });
    if (!updated) continue;
    if (previous) {
      const held = role === 'deputy' ? { role, deputyId: id } : { role, staffId: id };
      await collection(db, 'users')
        .where({ _id: previous })
        .update({ roles: _.pull(held) });
    }
    return;
  }
  throw new Error(`[binding] could not move ${role} ${id} to its new account`);
}

/**
 * `resident.bind`: redeems a code for the calling WeChat account. Answers null when the account now
 * holds the code's role, or a Failure: INPUT.INVALID (not a code's shape; not counted),
 * BIND.RATE_LIMITED, BIND.INVALID (unknown, expired or used alike).
 */
export async function redeemBindCode(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<null | Failure> {
  const openid = requireWeChatUser(ctx);
  if (isFailure(openid)) return openid;
  const { db, now } = ctx;
  const code = normaliseBindCode(typeof input.code === 'string' ? input.code : '');
  if (!code) return fail('INPUT.INVALID', '请输入绑定码', { code: '请输入绑定码' });
  if (!isWellFormedBindCode(code)) {
    return fail('INPUT.INVALID', BIND_CODE_FORMAT_HINT, { code: BIND_CODE_FORMAT_HINT });
  }

  const attempt = await countAttempt(db, openid, now);
  if (isFailure(attempt)) return attempt;

  const codes = collection(db, 'bind_codes');
  const { data } = await codes
    .where({ codeHash: hashBindCode(code, bindSettings().pepper) })
    .limit(1)
    .get();
  const doc = data[0];
  if (!doc || doc.usedBy !== null || doc.expiresAt <= now) return invalid();
  // A deputy who left office (or a staff member or unit retired) since the code was made: no binding.
  let name = '';
  let roles: RoleGrant[] = [{ role: 'office' }];
  if (doc.role === 'deputy') {
    const deputy = await getById(db, 'deputies', doc.targetId);
    if (!deputy?.active) return invalid();
    name = deputy.name;
    roles = [{ role: 'deputy', deputyId: deputy._id }];
  } else if (doc.role === 'staff') {
    const staff = await getById(db, 'staff', doc.targetId);
    if (!staff?.active) return invalid();
    name = staff.name;
    roles = staffRoles(staff);
  } else if (doc.role === 'leader') {
    const found = await findLeader(db, doc.targetId);
    if (!found?.station.active) return invalid();
    name = found.leader.name;
    roles = [{ role: 'leader', stationId: found.station._id, leaderId: found.leader.id }];
  } else if (doc.role === 'unit') {
    const unit = await getById(db, 'departments', doc.targetId);
    if (!unit?.active) return invalid();
    roles = [{ role: 'unit', unitId: unit._id }];
  }

  // Single use: of two redemptions at once, only one finds `usedBy` still null.
  const { updated } = await codes
    .where({ _id: doc._id, usedBy: null, expiresAt: db.command.gt(now) })
    .update({ usedBy: openid, usedAt: now });
  if (!updated) return invalid();

  await grantRoles(db, openid, roles, name, now);
  if ((doc.role === 'deputy' || doc.role === 'staff') && doc.targetId) {
    await moveAccount(db, doc.role, doc.targetId, openid);
  }
  if (doc.role === 'leader' && doc.targetId) await moveLeaderAccount(db, doc.targetId, openid, now);
  await forgiveAttempt(db, openid, attempt).catch((error) => console.warn('[binding] forgive', error));
  return null;
}
