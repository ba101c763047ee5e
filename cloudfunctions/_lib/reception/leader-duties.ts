import type { DutyView, MyDutiesView } from '../../../miniprogram/core/api';
import { chinaDate, weekdayLabel } from '../../../miniprogram/core/china-time';
import { isFailure, type Failure } from '../../../miniprogram/core/result';
import { getById, identify, type ActionContext, type Db, type RoleGrant } from '../platform';
import { myDuties, personIn, upcomingDays } from './duties';
import { peopleOf } from './people';

/** 我的值班 for a station's 分管领导: the published reception days they are on, read only. */

type LeaderGrant = Extract<RoleGrant, { role: 'leader' }>;

async function leaderDutiesOf(db: Db, grants: LeaderGrant[], now: number): Promise<MyDutiesView> {
  const today = chinaDate(now);
  const duties: DutyView[] = [];
  for (const grant of grants) {
    const station = await getById(db, 'stations', grant.stationId);
    // A leader the office took off the station's list is on duty there no more.
    if (!station?.active || !(station.leaders ?? []).some((l) => l.id === grant.leaderId)) continue;
    const [days, people] = await Promise.all([upcomingDays(db, station, today), peopleOf(db, station)]);
    const person = personIn(people);
    for (const d of days.filter((day) => day.leader === grant.leaderId))
      duties.push({
        dayId: d._id,
        station: { id: station._id, name: station.name },
        date: d.date,
        weekday: weekdayLabel(d.date),
        colleagues: d.deputies.map(person),
        confirmed: false,
        swapRequest: null,
      });
  }
  duties.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { role: 'leader', today, duties, colleagues: [], stationDays: [] };
}

/**
 * `deputy.duties`: 我的值班. A deputy's duties (duties.ts); for an account bound only as a station's
 * 分管领导, the days they are on the roster, so the duty reminder's page serves them too.
 */
export async function duties(
  input: Record<string, unknown>,
  ctx: ActionContext,
): Promise<MyDutiesView | Failure> {
  const caller = await identify(ctx);
  if (isFailure(caller)) return caller;
  const leaders = caller.grants.filter((g): g is LeaderGrant => g.role === 'leader');
  if (leaders.length > 0 && !caller.grants.some((g) => g.role === 'deputy'))
    return leaderDutiesOf(ctx.db, leaders, ctx.now);
  return myDuties(input, ctx);
}
