import { startOfChinaDay, type Period } from '../../../miniprogram/core/china-time';
import { deputyRecord, type RecordCase } from '../../../miniprogram/core/deputy-record';
import { officialCalendar } from '../calendar';
import { readAll, type Db } from '../platform';
import { RECORD_FIELDS } from './deputy-record';

/**
 * The deputies' case columns of the ranking (排行, 履职考核) for two periods at once, by database
 * aggregation grouped by deputy: `$match` on the cases that can hold anything of either period
 * (changed since its start, over the `updatedAt` index: every transition sets it, so a case
 * untouched since has no event in either; for staff, their deputies' cases), `$project` of
 * what the record reads of a case (its creation, clock, pauses and the type, instant, actor and
 * details of each event: no text, no personal data), `$group` by `deputyId`. Each deputy's group
 * then goes through core/deputy-record.ts `deputyRecord`, the function that makes their 履职档案,
 * so a deputy's row and their record never disagree (the figures walk each case's events and
 * count deadlines in working days, which no database operator does).
 *
 * Every figure counts cases, once each, so the figures of disjoint sets of cases add up: the cases
 * are aggregated one window of last change at a time (half a month each, from the start of the
 * earlier period to now), each window one aggregation well within a read's time limit, and the
 * counts added. A case created after the periods holds nothing of them: the record counts nothing
 * of it. There is no cap on the cases a ranking covers.
 *
 * A case whose resident is the deputy's own account is not counted (as in deputy.record): such
 * cases are found first over the `openid` index (the residents who are bound deputies) and left
 * out of the `$match` by id.
 */

/** A deputy's figures in one period (the ranking's case columns). */
export interface DeputyCounts {
  received: number;
  accepted: number;
  answered: number;
  answeredOnTime: number;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
}

export interface DeputyCountsBoth {
  now: DeputyCounts;
  before: DeputyCounts;
}

export function noCounts(): DeputyCounts {
  return {
    received: 0,
    accepted: 0,
    answered: 0,
    answeredOnTime: 0,
    rated: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    unsatisfied: 0,
  };
}

/** The most self-appeals looked for (cases whose resident is a bound deputy). */
const SELF_MAX = 20_000;

/** Days of changes one aggregation reads (a district's cases change some 5,000 times in half a month). */
const WINDOW_DAYS = 15;
const DAY_MS = 86_400_000;

/** The ids of cases whose resident is their own deputy's account. */
async function selfAppeals(
  db: Db,
  deputies: ReadonlyArray<{ _id: string; openid?: string | null }>,
): Promise<string[]> {
  const _ = db.command;
  const deputyOf = new Map<string, string>();
  for (const d of deputies) if (d.openid) deputyOf.set(d.openid, d._id);
  if (deputyOf.size === 0) return [];
  const cases =
    (await readAll(
      db,
      'cases',
      { openid: _.in([...deputyOf.keys()]) },
      { max: SELF_MAX, fields: { openid: true, deputyId: true } },
    )) ?? [];
  return cases.filter((c) => c.deputyId && deputyOf.get(c.openid) === c.deputyId).map((c) => c._id);
}

/**
 * The windows of last change: from the start of `both` to `now`, half a month each, the last one
 * ending at `now` (a case changed while the ranking is read falls after it, so it is read once at
 * most: in the window it was in before).
 */
export function changeWindows(from: string, now: number): Array<{ from: number; to: number }> {
  const windows: Array<{ from: number; to: number }> = [];
  for (let at = startOfChinaDay(from); at <= now; at += WINDOW_DAYS * DAY_MS)
    windows.push({ from: at, to: Math.min(at + WINDOW_DAYS * DAY_MS - 1, now) });
  return windows;
}

/** The `$project` and `$group` after the `$match`: the record's fields, grouped by deputy. */
export function deputyStages(): { project: object; group: object } {
  return {
    project: Object.fromEntries(
      Object.entries(RECORD_FIELDS).filter(([field]) => field !== 'caseNo' && field !== 'openid'),
    ),
    group: { _id: '$deputyId', cases: { $push: '$$ROOT' } },
  };
}

type Grouped = { _id: unknown; cases?: Array<Omit<RecordCase, 'id'> & { _id: string }> };

function add(into: DeputyCounts, r: ReturnType<typeof deputyRecord>): void {
  into.received += r.received;
  into.accepted += r.accepted;
  into.answered += r.answered;
  into.answeredOnTime += r.answeredOnTime;
  into.rated += r.rated;
  into.satisfied += r.satisfied;
  into.basicallySatisfied += r.basicallySatisfied;
  into.unsatisfied += r.unsatisfied;
}

/**
 * Every given deputy's counts for `period` and `previous`, keyed by deputy id. `narrow`: only these
 * deputies' cases are read (staff's stations); otherwise every case, and other deputies' groups are
 * ignored.
 */
export async function deputyCounts(
  db: Db,
  deputies: ReadonlyArray<{ _id: string; openid?: string | null }>,
  period: Period,
  previous: Period,
  narrow: boolean,
  now: number,
): Promise<Map<string, DeputyCountsBoth>> {
  const _ = db.command;
  const from = previous.from < period.from ? previous.from : period.from;
  const self = await selfAppeals(db, deputies);
  const wanted = new Set(deputies.map((d) => d._id));
  const counts = new Map<string, DeputyCountsBoth>();
  const stages = deputyStages();
  for (const window of changeWindows(from, now)) {
    const where: Record<string, unknown> = {
      updatedAt: _.gte(window.from).and(_.lte(window.to)),
      ...(narrow ? { deputyId: _.in([...wanted]) } : {}),
      ...(self.length > 0 ? { _id: _.nin(self) } : {}),
    };
    const { data } = (await db
      .collection('cases')
      .aggregate()
      .match(where)
      .project(stages.project)
      .group(stages.group)
      .end()) as { data: Grouped[] };
    for (const group of data) {
      if (typeof group._id !== 'string' || !wanted.has(group._id)) continue;
      const deputyId = group._id;
      const cases: RecordCase[] = (group.cases ?? []).map((c) => ({
        id: c._id,
        deputyId,
        createdAt: c.createdAt,
        clock: c.clock ?? null,
        pauses: c.pauses ?? [],
        events: c.events ?? [],
      }));
      const own = counts.get(deputyId) ?? { now: noCounts(), before: noCounts() };
      const record = (p: Period) => deputyRecord({ deputyId, cases, period: p, calendar: officialCalendar });
      add(own.now, record(period));
      add(own.before, record(previous));
      counts.set(deputyId, own);
    }
  }
  return counts;
}
