import { computeDeadline, lateness, type PauseInterval } from './deadlines';
import type { Clock, EventDetail } from './lifecycle';
import {
  ROUTE_KINDS,
  type ActorRole,
  type CaseEventType,
  type CaseStatus,
  type Rating,
  type RouteKind,
} from './model';
import type { WorkCalendar } from './reception';
import { deputyAttendance } from './station-figures';
import { chinaDate, type Period } from './china-time';

/**
 * The deputy record (履职档案): what a deputy received, accepted, routed and answered in a
 * period, how the residents rated it, and the reception days they served. Computed from the cases'
 * event logs (and the reception-day attendance), never typed in. Pure: no clock, no database; the
 * period and the working-day calendar come in as arguments.
 *
 * The period is China-local calendar dates, both included (a year: `yearPeriod(2026)`). An event
 * belongs to the period by the China-local date of its instant. Each figure counts CASES, at most
 * once each, among the cases addressed to the deputy (`deputyId`):
 *
 * - received (收到): cases created in the period, whatever the channel (the deputy's code, the
 *   station's reception day, the deputy's own entry). Duplicates later merged and cases later
 *   explained (解释说明) were still received and count.
 * - accepted (受理): cases with an `accepted` event by THIS deputy in the period, or a `replied` event
 *   by this deputy from `submitted` (answered on the spot: the lifecycle counts the case as accepted
 *   then too). What station staff accepted on the deputy's behalf is the station's work, not counted.
 * - routed (分办), per route kind: cases with a `routed_<kind>` event by this deputy in the period.
 *   A case routed one way, sent back and routed another way counts under both kinds, once each. A
 *   transfer (转办) counts when the deputy proposes it, whatever the office's review decides.
 * - answered (答复): cases that got an answer in the period: a `replied` event by this deputy, or a
 *   `unit_answered` event on a case whose latest routing before that answer was this deputy's. A
 *   written explanation (`declined`) is not an answer here (it is counted apart, below), nor is a
 *   unit's answer on a case staff routed, nor a reply by staff.
 * - explained (解释说明): cases this deputy declined with a written explanation in the period. The
 *   resident got an answer, not a solution: shown beside the answers, not added to them, so the
 *   on-time and satisfaction rates stay about cases that were handled.
 * - answeredOnTime (按时答复): of the answered cases, those whose FIRST counted answer in the period
 *   met the deadline of the clock running at that moment: `lateness(dueAt, answerAt).onTime`, with
 *   `dueAt` from computeDeadline (working days, the pauses before the answer, the calendar). The
 *   clock at an answer is the case's stored `clock` when the answer belongs to its current round,
 *   and for an earlier round (the case was later sent back: 发回重办, or 督办 after 不满意) the clock
 *   rebuilt from the events that start one (`accepted`, a redo, a route that re-sets the days, each
 *   carrying `detail.workingDays`). A case answered with NO clock (a reply straight from `submitted`:
 *   answered before any deadline ran) counts in `answered` but not in the on-time denominator
 *   (`answeredWithDeadline`), so it neither helps nor hurts the rate. onTimeRate =
 *   answeredOnTime / answeredWithDeadline, null when that is 0.
 * - rated, satisfied, basicallySatisfied, unsatisfied (评价): per case, the LAST `rated` event in the
 *   period decides (a case redone and rated again counts once, with its final rating). Every rated
 *   case addressed to the deputy counts, whoever answered it: satisfaction is about the deputy's
 *   cases. satisfactionRate = (satisfied + basically satisfied) / rated, null when nothing was rated
 *   (Wuxi: 291 satisfied + 9 basically satisfied over 300 rated = 100%). Cases closed by time without
 *   a rating are not rated.
 * - receptionDaysRostered / receptionDaysAttended (接待日): from attendance days (one per station and
 *   reception day: the roster and who came, see AttendanceDay), through station-figures'
 *   `deputyAttendance`: days in the period the deputy was on the roster, and of those the days they
 *   were ticked present. Days with no attendance taken yet count as rostered, not attended.
 */

/** One event of a case's log, as much as the record needs (CaseEvent in cloudfunctions/_lib/platform/schema/cases.ts). */
export interface RecordEvent {
  type: CaseEventType;
  at: number;
  actor: { role: ActorRole; id: string };
  from?: CaseStatus | null;
  detail?: EventDetail | null;
}

/** A case addressed to the deputy: its creation, its current clock and pauses, its log in order. */
export interface RecordCase {
  id: string;
  /** The 受理编号, when the caller wants the events behind the figures named (deputyRecordEvents). */
  caseNo?: string;
  deputyId: string | null;
  createdAt: number;
  /** The clock as stored: the current round's (a redo starts a new one). */
  clock?: Clock | null;
  pauses?: readonly PauseInterval[] | null;
  /** In the order they happened (the stored log is append-only). */
  events: readonly RecordEvent[];
}

/**
 * One reception day at one station: the duty roster and the attendance taken. The shape the
 * `reception_attendance` collection is read in (the reception area keeps it in step); `present` is null (or absent)
 * until staff take attendance.
 */
export interface AttendanceDay {
  stationId: string;
  /** China-local YYYY-MM-DD. */
  date: string;
  /** Deputy ids on the roster. */
  deputies: readonly string[];
  leader?: string | null;
  /** Deputy ids ticked present; null while attendance has not been taken. */
  present?: readonly string[] | null;
}

export interface DeputyRecordInput {
  deputyId: string;
  cases: readonly RecordCase[];
  attendance?: readonly AttendanceDay[];
  period: Period;
  calendar: WorkCalendar;
}

export interface DeputyRecordFigures {
  period: Period;
  received: number;
  accepted: number;
  routed: Record<RouteKind, number>;
  answered: number;
  explained: number;
  answeredOnTime: number;
  /** Answered cases that had a clock at their first answer: the on-time rate's denominator. */
  answeredWithDeadline: number;
  onTimeRate: number | null;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  satisfactionRate: number | null;
  receptionDaysRostered: number;
  receptionDaysAttended: number;
}

const ROUTED: Partial<Record<CaseEventType, RouteKind>> = {
  routed_direct: 'direct',
  routed_assign: 'assign',
  routed_transfer: 'transfer',
  routed_escalate: 'escalate',
};

/** Events after which the clock starts afresh (a new round); others with workingDays re-set the days. */
const ROUND_STARTS: readonly CaseEventType[] = ['accepted', 'redone', 'supervised'];

interface Answer {
  at: number;
  /** The clock running at the answer, as rebuilt from the events; null when none ran. */
  clock: { startAt: number; workingDays: number } | null;
  round: number;
}

/** Walks one case's log: the answers that count for this deputy, each with the clock running then. */
function answersOf(events: readonly RecordEvent[], deputyId: string): { answers: Answer[]; rounds: number } {
  const answers: Answer[] = [];
  let clock: Answer['clock'] = null;
  let running = false;
  let round = 0;
  let routedByDeputy = false;
  for (const e of events) {
    const at = e.at;
    const days = e.detail?.workingDays;
    const byDeputy = e.actor.role === 'deputy' && e.actor.id === deputyId;
    if (typeof days === 'number') {
      if (ROUND_STARTS.includes(e.type) || !clock || !running) {
        round += 1;
        clock = { startAt: at, workingDays: days };
      } else {
        // Routing (and a unit's return, a rejected transfer) keeps the start and changes the days.
        clock = { startAt: clock.startAt, workingDays: days };
      }
      running = true;
    }
    if (ROUTED[e.type]) routedByDeputy = byDeputy;
    const counts = (e.type === 'replied' && byDeputy) || (e.type === 'unit_answered' && routedByDeputy);
    if (counts) answers.push({ at, clock: running ? clock : null, round });
    if (e.type === 'replied' || e.type === 'unit_answered' || e.type === 'declined' || e.type === 'merged')
      running = false;
  }
  return { answers, rounds: round };
}

/** A reception day behind the attendance figures. */
export interface RecordDay {
  stationId: string;
  date: string;
}

/**
 * The events behind each figure: the ids of the cases each count counted (in the order of the
 * input), and the reception days. Every list's length is its figure.
 */
export interface RecordEvidence {
  received: string[];
  accepted: string[];
  routed: Record<RouteKind, string[]>;
  answered: string[];
  explained: string[];
  answeredOnTime: string[];
  /** Answered with a deadline and after it (answeredWithDeadline − answeredOnTime). */
  answeredLate: string[];
  satisfied: string[];
  basicallySatisfied: string[];
  unsatisfied: string[];
  receptionDaysRostered: RecordDay[];
  receptionDaysAttended: RecordDay[];
}

/** The deputy's figures for the period. See the header for what each one counts. */
export function deputyRecord(input: DeputyRecordInput): DeputyRecordFigures {
  return deputyRecordEvents(input).figures;
}

/** The deputy's figures for the period, and the cases and days behind each. */
export function deputyRecordEvents(input: DeputyRecordInput): {
  figures: DeputyRecordFigures;
  evidence: RecordEvidence;
} {
  const { deputyId, period, calendar } = input;
  const evidence: RecordEvidence = {
    received: [],
    accepted: [],
    routed: Object.fromEntries(ROUTE_KINDS.map((k) => [k, []])) as unknown as Record<RouteKind, string[]>,
    answered: [],
    explained: [],
    answeredOnTime: [],
    answeredLate: [],
    satisfied: [],
    basicallySatisfied: [],
    unsatisfied: [],
    receptionDaysRostered: [],
    receptionDaysAttended: [],
  };
  const inPeriod = (at: number) => {
    const date = chinaDate(at);
    return date >= period.from && date <= period.to;
  };
  const figures: DeputyRecordFigures = {
    period: { from: period.from, to: period.to },
    received: 0,
    accepted: 0,
    routed: Object.fromEntries(ROUTE_KINDS.map((k) => [k, 0])) as Record<RouteKind, number>,
    answered: 0,
    explained: 0,
    answeredOnTime: 0,
    answeredWithDeadline: 0,
    onTimeRate: null,
    rated: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    unsatisfied: 0,
    satisfactionRate: null,
    receptionDaysRostered: 0,
    receptionDaysAttended: 0,
  };

  const seen = new Set<string>();
  for (const c of input.cases) {
    if (c.deputyId !== deputyId || seen.has(c.id)) continue;
    seen.add(c.id);
    if (inPeriod(c.createdAt)) {
      figures.received += 1;
      evidence.received.push(c.id);
    }

    const mine = c.events.filter(
      (e) => e.actor.role === 'deputy' && e.actor.id === deputyId && inPeriod(e.at),
    );
    if (mine.some((e) => e.type === 'accepted' || (e.type === 'replied' && e.from === 'submitted'))) {
      figures.accepted += 1;
      evidence.accepted.push(c.id);
    }
    if (mine.some((e) => e.type === 'declined')) {
      figures.explained += 1;
      evidence.explained.push(c.id);
    }
    for (const kind of new Set(mine.map((e) => ROUTED[e.type]).filter((k): k is RouteKind => !!k))) {
      figures.routed[kind] += 1;
      evidence.routed[kind].push(c.id);
    }

    const { answers, rounds } = answersOf(c.events, deputyId);
    const first = answers.find((a) => inPeriod(a.at));
    if (first) {
      figures.answered += 1;
      evidence.answered.push(c.id);
      const stored = c.clock && first.round === rounds ? c.clock : null;
      const clock = stored ? { startAt: stored.startAt, workingDays: stored.workingDays } : first.clock;
      if (clock) {
        figures.answeredWithDeadline += 1;
        const pauses = (c.pauses ?? [])
          .filter((p) => p.from < first.at)
          .map((p) => ({ from: p.from, to: p.to === null ? null : Math.min(p.to, first.at) }));
        const { dueAt } = computeDeadline({ ...clock, pauses, now: first.at }, calendar);
        if (lateness(dueAt, first.at, calendar).onTime) {
          figures.answeredOnTime += 1;
          evidence.answeredOnTime.push(c.id);
        } else evidence.answeredLate.push(c.id);
      }
    }

    let rating: Rating | undefined;
    for (const e of c.events)
      if (e.type === 'rated' && e.detail?.rating && inPeriod(e.at)) rating = e.detail.rating;
    if (rating) {
      figures.rated += 1;
      if (rating === 'satisfied') {
        figures.satisfied += 1;
        evidence.satisfied.push(c.id);
      } else if (rating === 'basically_satisfied') {
        figures.basicallySatisfied += 1;
        evidence.basicallySatisfied.push(c.id);
      } else {
        figures.unsatisfied += 1;
        evidence.unsatisfied.push(c.id);
      }
    }
  }

  if (figures.answeredWithDeadline > 0)
    figures.onTimeRate = figures.answeredOnTime / figures.answeredWithDeadline;
  if (figures.rated > 0)
    figures.satisfactionRate = (figures.satisfied + figures.basicallySatisfied) / figures.rated;

  // Attendance is per station (a roster is one station's day), then summed for the deputy.
  const byStation = new Map<string, AttendanceDay[]>();
  for (const day of input.attendance ?? []) {
    const list = byStation.get(day.stationId) ?? [];
    list.push(day);
    byStation.set(day.stationId, list);
  }
  for (const days of byStation.values()) {
    const rosters = days.map((d) => ({ date: d.date, deputies: [...d.deputies], leader: d.leader ?? null }));
    const records = days.flatMap((d) => (d.present ? [{ date: d.date, present: d.present }] : []));
    const row = deputyAttendance(rosters, records, period).find((r) => r.deputyId === deputyId);
    if (row) {
      figures.receptionDaysRostered += row.rostered;
      figures.receptionDaysAttended += row.attended;
    }
    // The same days, named: as deputyAttendance counts them (a date's last roster and every record).
    const rosterOn = new Map(rosters.map((r) => [r.date, r]));
    const presentOn = new Map<string, Set<string>>();
    for (const r of records) presentOn.set(r.date, new Set([...(presentOn.get(r.date) ?? []), ...r.present]));
    for (const [date, roster] of [...rosterOn].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (date < period.from || date > period.to || !roster.deputies.includes(deputyId)) continue;
      const day = { stationId: days[0].stationId, date };
      evidence.receptionDaysRostered.push(day);
      if (presentOn.get(date)?.has(deputyId)) evidence.receptionDaysAttended.push(day);
    }
  }
  return { figures, evidence };
}

/** A rate as the screens show it, one decimal: 0.97 → 97.0%, 291/300 + 9/300 → 100.0%; null → —. */
export function percent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
