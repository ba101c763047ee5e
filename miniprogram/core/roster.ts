import { fail, invalid, ok, type Failure, type Success } from './result';
import { isIsoDate } from './china-time';

/**
 * Duty rosters (值班表) for reception days: by default two deputies per day, and where the station
 * wants one a leader (分管领导, Jixian's practice) from a separate pool. Proposed by a fair rotation,
 * then edited by staff; deputies can swap. Dates are China-local YYYY-MM-DD; people are named by id.
 */

export type DutyRole = 'deputy' | 'leader';

export interface Member {
  id: string;
  name: string;
}

/** A declared absence (出差、住院…), both dates included. Applies to deputies and leaders alike. */
export interface Unavailability {
  personId: string;
  from: string;
  to: string;
}

/** One past (or already published) duty, for the rotation to continue from. */
export interface Duty {
  date: string;
  personId: string;
  role: DutyRole;
}

export interface Roster {
  date: string;
  deputies: string[];
  leader: string | null;
}

export interface CheckedRoster extends Roster {
  /** How many deputies the day still lacks: a short-staffed day is shown as such, never padded. */
  shortBy: number;
  /** The station wants a leader and none is on the roster. */
  leaderMissing: boolean;
}

export const DEFAULT_DEPUTIES_PER_DAY = 2;

export interface RosterSettings {
  /** Deputies on duty per reception day (2 by default, as in Jixian). */
  deputiesPerDay?: number;
  /** The leaders' pool; empty or left out when the station has no leader on duty. */
  leaders?: readonly Member[];
}

const perDay = (settings: RosterSettings | undefined) =>
  Math.max(1, Math.floor(settings?.deputiesPerDay ?? DEFAULT_DEPUTIES_PER_DAY));

/** Whether the person declared themselves unavailable on that date. */
export const isUnavailable = (personId: string, date: string, unavailability: readonly Unavailability[]) =>
  unavailability.some((u) => u.personId === personId && u.from <= date && date <= u.to);

const codeOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The rotation's memory of one pool: when each person last served and how often. */
function rotation() {
  const last = new Map<string, string>();
  const count = new Map<string, number>();
  return {
    record(personId: string, date: string): void {
      const before = last.get(personId);
      if (before === undefined || date > before) last.set(personId, date);
      count.set(personId, (count.get(personId) ?? 0) + 1);
    },
    /**
     * Who served least recently first (never is longest ago), then fewer duties in all, then by id,
     * so that the same input gives the same roster whatever order the database returned people in.
     */
    order(ids: readonly string[]): string[] {
      return [...ids].sort(
        (a, b) =>
          codeOrder(last.get(a) ?? '', last.get(b) ?? '') ||
          (count.get(a) ?? 0) - (count.get(b) ?? 0) ||
          codeOrder(a, b),
      );
    },
  };
}

/**
 * Proposes a roster for each day, in date order, by rotation: each day takes the available deputies
 * who served least recently (ties: fewer duties in all, then id), then the leader likewise from the
 * leaders' pool. A person declared unavailable on a day is never proposed for it, and nobody holds two
 * places on one day (a leader who is also a deputy is not proposed as both). When too few are
 * available the day is proposed short (`shortBy`, `leaderMissing`) for staff to solve, not padded.
 *
 * `history` is the duties already served or published; entries on the days being proposed are
 * replaced by the proposal, and only duties before a day count as "last served" for that day.
 */
export function proposeRosters(
  days: readonly string[],
  deputies: readonly Member[],
  history: readonly Duty[],
  unavailability: readonly Unavailability[],
  settings?: RosterSettings,
): CheckedRoster[] {
  const dates = [...new Set(days)].sort(codeOrder);
  const proposing = new Set(dates);
  const leaders = settings?.leaders ?? [];
  const size = perDay(settings);
  const deputyIds = [...new Set(deputies.map((d) => d.id))];
  const leaderIds = [...new Set(leaders.map((l) => l.id))];
  const past = history.filter((d) => !proposing.has(d.date)).sort((a, b) => codeOrder(a.date, b.date));

  const rotations = { deputy: rotation(), leader: rotation() };
  let next = 0;
  return dates.map((date) => {
    for (; next < past.length && past[next].date < date; next++)
      rotations[past[next].role].record(past[next].personId, past[next].date);
    const free = (id: string) => !isUnavailable(id, date, unavailability);

    const chosen = rotations.deputy.order(deputyIds.filter(free)).slice(0, size);
    const leader =
      leaderIds.length > 0
        ? (rotations.leader.order(leaderIds.filter((id) => free(id) && !chosen.includes(id)))[0] ?? null)
        : null;

    for (const id of chosen) rotations.deputy.record(id, date);
    if (leader) rotations.leader.record(leader, date);
    return {
      date,
      deputies: chosen,
      leader,
      shortBy: size - chosen.length,
      leaderMissing: leaderIds.length > 0 && leader === null,
    };
  });
}

export interface RosterCheckOptions extends RosterSettings {
  /** When given, a roster for a day before it is refused: past duty is a record, not a plan. */
  today?: string;
}

const nameOf = (id: string, people: readonly Member[]) => people.find((p) => p.id === id)?.name ?? id;

/**
 * Validates a roster staff entered for one day against the station's deputies, its leaders' pool and
 * the declared unavailability:
 * - INPUT.INVALID: not a list of ids;
 * - ROSTER.SIZE: no deputy at all, or more than the station's deputies per day (fewer is accepted
 *   and reported as `shortBy`: a day with one deputy beats a day without a roster);
 * - ROSTER.DUPLICATE: a person twice on the day (also as deputy and leader);
 * - ROSTER.NOT_STATION_DEPUTY: a deputy who does not belong to this station;
 * - ROSTER.NOT_LEADER: a leader outside the station's leaders' pool;
 * - ROSTER.UNAVAILABLE: a person who declared themselves unavailable that day;
 * - RECEPTION.DATE_PAST: the day is before `today`.
 * Whether `day` is a reception day of the station is the caller's check (it holds the plan).
 */
export function validateRoster(
  day: string,
  raw: unknown,
  stationDeputies: readonly Member[],
  unavailability: readonly Unavailability[],
  options?: RosterCheckOptions,
): Success<CheckedRoster> | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const list = input.deputies;
  const fields: Record<string, string> = {};
  if (!isIsoDate(day)) fields.date = '请选择接待日';
  if (!Array.isArray(list) || list.some((id) => typeof id !== 'string' || !id))
    fields.deputies = '值班代表无效';
  const rawLeader = input.leader ?? null;
  if (rawLeader !== null && (typeof rawLeader !== 'string' || !rawLeader)) fields.leader = '值班领导无效';
  const problems = Object.keys(fields);
  if (problems.length > 0) return invalid(fields);

  const deputies = list as string[];
  const leader = rawLeader as string | null;
  const leaders = options?.leaders ?? [];
  const size = perDay(options);

  if (options?.today !== undefined && day < options.today) {
    return fail('RECEPTION.DATE_PAST', `${day} 已经过去，值班安排不能再修改`, { date: '该日已过' });
  }
  if (deputies.length === 0) {
    return fail('ROSTER.SIZE', '请至少安排一名值班代表', { deputies: '至少一名' });
  }
  if (deputies.length > size) {
    return fail('ROSTER.SIZE', `本站每个接待日安排 ${size} 名代表值班，当前 ${deputies.length} 名`, {
      deputies: `最多 ${size} 名`,
    });
  }
  const everyone = leader ? [...deputies, leader] : deputies;
  const twice = everyone.find((id, i) => everyone.indexOf(id) !== i);
  if (twice) {
    const who = nameOf(twice, [...stationDeputies, ...leaders]);
    return fail('ROSTER.DUPLICATE', `${who} 在当天的值班表中出现了两次`, {
      [deputies.includes(twice) && twice !== leader ? 'deputies' : 'leader']: '人员重复',
    });
  }
  const stranger = deputies.find((id) => !stationDeputies.some((d) => d.id === id));
  if (stranger) {
    return fail('ROSTER.NOT_STATION_DEPUTY', '值班代表必须是本站的代表', { deputies: '不是本站代表' });
  }
  if (leader && !leaders.some((l) => l.id === leader)) {
    return fail('ROSTER.NOT_LEADER', '值班领导不在本站的领导名单中', { leader: '不在领导名单中' });
  }
  const away = everyone.find((id) => isUnavailable(id, day, unavailability));
  if (away) {
    return fail(
      'ROSTER.UNAVAILABLE',
      `${nameOf(away, [...stationDeputies, ...leaders])} 已登记 ${day} 不能值班`,
      {
        [away === leader ? 'leader' : 'deputies']: '该日不能值班',
      },
    );
  }
  return ok({
    date: day,
    deputies: [...deputies],
    leader,
    shortBy: size - deputies.length,
    leaderMissing: leaders.length > 0 && leader === null,
  });
}

/**
 * What a roster the station accepts still lacks, in words for staff: 还差 1 名值班代表（本站每天 2 名）,
 * 未安排分管领导. Empty for a full roster. Screens show it before saving (beside validateRoster's
 * refusals) and on the days already rostered, so a short day is seen, not discovered on the day.
 */
export function rosterShortfall(roster: {
  deputies: readonly unknown[];
  shortBy: number;
  leaderMissing: boolean;
}): string[] {
  return [
    ...(roster.shortBy > 0
      ? [`还差 ${roster.shortBy} 名值班代表（本站每天 ${roster.deputies.length + roster.shortBy} 名）`]
      : []),
    ...(roster.leaderMissing ? ['未安排分管领导'] : []),
  ];
}

/**
 * A deputy's request to hand over a duty: with `withDate`, a swap (the deputy takes the other
 * deputy's day and the other takes theirs); without, a replacement (the other deputy, not on duty
 * that day, takes the place).
 */
export interface SwapRequest {
  date: string;
  deputyId: string;
  withDeputyId: string;
  withDate?: string | null;
}

/**
 * Applies a swap or replacement to the published rosters and answers the whole list with the changed
 * rosters, each validated as staff edits are (ROSTER.UNAVAILABLE, ROSTER.DUPLICATE when the other
 * deputy is already on that day, ROSTER.NOT_STATION_DEPUTY, RECEPTION.DATE_PAST with `today`).
 * ROSTER.NOT_ON_DUTY when a deputy is not on the roster of the day named for them.
 */
export function applySwap(
  rosters: readonly Roster[],
  raw: unknown,
  stationDeputies: readonly Member[],
  unavailability: readonly Unavailability[],
  options?: RosterCheckOptions,
): Success<{ rosters: Roster[]; changed: CheckedRoster[] }> | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const { date, deputyId, withDeputyId } = input;
  const withDate = input.withDate ?? null;
  if (!isIsoDate(date)) fields.date = '请选择值班日期';
  if (typeof deputyId !== 'string' || !deputyId) fields.deputyId = '请选择代表';
  if (typeof withDeputyId !== 'string' || !withDeputyId) fields.withDeputyId = '请选择换班的代表';
  else if (withDeputyId === deputyId) fields.withDeputyId = '不能与自己换班';
  if (withDate !== null && !isIsoDate(withDate)) fields.withDate = '请选择换班日期';
  else if (withDate !== null && withDate === date) fields.withDate = '同一天的两位代表无需换班';
  const problems = Object.keys(fields);
  if (problems.length > 0) return invalid(fields);
  const a = deputyId as string;
  const b = withDeputyId as string;

  const first = rosters.find((r) => r.date === date);
  if (!first || !first.deputies.includes(a)) {
    return fail('ROSTER.NOT_ON_DUTY', `${nameOf(a, stationDeputies)} 在 ${date as string} 没有值班`, {
      date: '该日不在值班表中',
    });
  }
  const second = withDate === null ? null : rosters.find((r) => r.date === withDate);
  if (withDate !== null && (!second || !second.deputies.includes(b))) {
    return fail('ROSTER.NOT_ON_DUTY', `${nameOf(b, stationDeputies)} 在 ${withDate as string} 没有值班`, {
      withDate: '该日不在值班表中',
    });
  }

  const replace = (roster: Roster, out: string, inn: string): Roster => ({
    ...roster,
    deputies: roster.deputies.map((id) => (id === out ? inn : id)),
  });
  const updated = [replace(first, a, b), ...(second ? [replace(second, b, a)] : [])];
  const changed: CheckedRoster[] = [];
  for (const roster of updated) {
    // The original dates must still be ahead as well: nobody swaps away a duty already served.
    const checked = validateRoster(roster.date, roster, stationDeputies, unavailability, options);
    if (!checked.ok) return checked;
    changed.push(checked.data);
  }
  const byDate = new Map(changed.map((r) => [r.date, r]));
  return ok({
    rosters: rosters.map((r) => {
      const c = byDate.get(r.date);
      return c ? { date: c.date, deputies: c.deputies, leader: c.leader } : r;
    }),
    changed,
  });
}
