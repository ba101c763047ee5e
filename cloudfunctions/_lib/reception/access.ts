import { chinaDate } from '../../../miniprogram/core/china-time';
import { fail, isFailure, type Failure } from '../../../miniprogram/core/result';
import { requireStation, type ActionContext, type StaffRef, type StationDoc } from '../platform';

/**
 * The station a staff action is about (platform/access.ts requireStation: staff of the station, or
 * the office reading), who is acting as the records name them, and today in China.
 */
export interface StationStaff {
  station: StationDoc;
  who: StaffRef;
  today: string;
  /** The stations the caller is staff of (empty for the office). */
  mine: string[];
}

export async function stationStaff(
  input: Record<string, unknown>,
  ctx: ActionContext,
  mode: 'read' | 'write',
): Promise<StationStaff | Failure> {
  const access = await requireStation(ctx, input, mode);
  if (isFailure(access)) return access;
  const { caller, station, mine } = access;
  return {
    station,
    who: { openid: caller.openid, name: caller.name || station.name },
    today: chinaDate(ctx.now),
    mine,
  };
}

export const NO_RULE = (station: StationDoc) =>
  fail('RECEPTION.NO_RULE', `${station.name}还没有设置接待日规则，请联系代表工委设置后再安排`);

export const NO_SUCH_DAY = (date: string) =>
  fail('RECEPTION.NO_SUCH_DAY', `${date} 不是本站的接待日`, { date: '该日没有接待日' });
