import type { MeView } from '../../../miniprogram/core/api';
import { isFailure, type Failure } from '../../../miniprogram/core/result';
import { collection, getById, identify, type ActionContext, type RoleGrant } from '../platform';
import { OFFICE_NAME, redeemBindCode } from './binding';

/** The caller's own account: the roles bound to it, and what is unread for them. */

async function roleView(ctx: ActionContext, grant: RoleGrant): Promise<MeView['roles'][number]> {
  switch (grant.role) {
    case 'deputy': {
      const deputy = await getById(ctx.db, 'deputies', grant.deputyId);
      return { role: 'deputy', deputyId: grant.deputyId, name: deputy?.name ?? '' };
    }
    case 'staff': {
      const station = await getById(ctx.db, 'stations', grant.stationId);
      return { role: 'staff', stationId: grant.stationId, name: station?.name ?? '' };
    }
    case 'unit': {
      const unit = await getById(ctx.db, 'departments', grant.unitId);
      return { role: 'unit', unitId: grant.unitId, name: unit?.name ?? '' };
    }
    case 'office':
      return { role: 'office', name: OFFICE_NAME };
    case 'leader': {
      const station = await getById(ctx.db, 'stations', grant.stationId);
      return {
        role: 'leader',
        stationId: grant.stationId,
        leaderId: grant.leaderId,
        name: station?.name ?? '',
      };
    }
  }
}

/** `resident.me`: who the caller is bound as, and their unread counts as resident and as deputy. */
export async function me(_input: Record<string, unknown>, ctx: ActionContext): Promise<MeView | Failure> {
  const caller = await identify(ctx);
  if (isFailure(caller)) return caller;
  const roles = await Promise.all(caller.grants.map((grant) => roleView(ctx, grant)));
  const deputyIds = caller.grants.flatMap((g) => (g.role === 'deputy' ? [g.deputyId] : []));
  const cases = collection(ctx.db, 'cases');
  const [asResident, asDeputy] = await Promise.all([
    cases.where({ openid: caller.openid, unreadByResident: true }).count(),
    deputyIds.length
      ? cases.where({ deputyId: ctx.db.command.in(deputyIds), unreadByDeputy: true }).count()
      : Promise.resolve({ total: 0 }),
  ]);
  return { openid: caller.openid, roles, unread: { asResident: asResident.total, asDeputy: asDeputy.total } };
}

/** `resident.bind`: redeems a one-time code from the office, then answers as `me`. */
export async function bind(input: Record<string, unknown>, ctx: ActionContext): Promise<MeView | Failure> {
  const refused = await redeemBindCode(input, ctx);
  return refused ?? me(input, ctx);
}
