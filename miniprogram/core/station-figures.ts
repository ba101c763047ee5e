import { CASE_KINDS, isOpen, type CaseChannel, type CaseKind, type CaseStatus } from './model';
import type { Roster } from './roster';
import { chinaDate, type Period } from './china-time';

/**
 * A station's figures for a period, from its ledger (台账): the visitor log and the cases. These are
 * the figures stations publish, e.g. Jixian: "共接待群众68人次，收到建议56条，已办理55件，剩余1件".
 *
 * Definitions (the seeds give the figures, not the rules; these reproduce them):
 * - visits (接待群众人次): visitor-log entries dated in the period. One entry is one person received
 *   once; the same person coming twice counts twice, as 人次 means.
 * - answeredOnSpot (当场答复): visits at which a question was answered at the desk. Such a question
 *   opens no case, so it is not among the suggestions.
 * - suggestions (收到意见建议): cases raised at the station in the period, of every kind (求助, 投诉,
 *   建议, 咨询; the seeds say 建议 for all of them): the items visitors raised (channel
 *   `reception_day`, or any case a visit links to) and the submissions made by scanning the station's
 *   own code (`station_code`). Cases a deputy of the station received through their personal code or
 *   entered themselves belong to that deputy's record, not the station's. A case is dated by the
 *   visit it came from (an item typed in after midnight still belongs to the reception day), else by
 *   its creation in China time. Cases merged into another (`merged`) are duplicates and are counted
 *   once, through the case they were merged into; they are reported apart, as are cases their
 *   resident withdrew (撤回) before anyone accepted them.
 * - handled (已办理/已答复): of those, the ones someone has answered: answered and awaiting the
 *   resident's rating, closed (办结), or given a written explanation (解释说明, `declined`: an
 *   answer too, "never silence").
 * - remaining (剩余): the ones still open (submitted, accepted, pending review, in progress), so
 *   handled + remaining = suggestions.
 * Handled and remaining describe the period's cases as they stand in the ledger now, as Jixian's
 * "今年以来 … 已办理55件，剩余1件" does.
 */

export interface LedgerVisit {
  id: string;
  /** The day the visitor came, China-local YYYY-MM-DD. */
  date: string;
  /** A question was answered at the desk (当场答复). */
  answeredOnSpot: boolean;
  /** The cases opened from what the visitor raised (one per item). */
  caseIds: readonly string[];
}

export interface LedgerCase {
  id: string;
  channel: CaseChannel;
  kind: CaseKind;
  status: CaseStatus;
  createdAt: number;
  /** The current step's deadline, when the case has one. */
  dueAt?: number | null;
}

export interface StationFigures extends Period {
  visits: number;
  answeredOnSpot: number;
  /** Visits that opened at least one case. */
  visitsWithCases: number;
  suggestions: number;
  /** Suggestions by where they came from: the visitor log, or a scan of the station's code. */
  fromVisits: number;
  fromScans: number;
  byKind: Record<CaseKind, number>;
  handled: number;
  /** Of handled: closed (办结), answered and awaiting the rating, explained (解释说明). */
  closed: number;
  answered: number;
  explained: number;
  remaining: number;
  /** Remaining cases past their deadline at `now`; null when no `now` was given. */
  overdue: number | null;
  /** Merged duplicates raised at the station in the period, not counted in suggestions. */
  merged: number;
  /** Withdrawn by the resident (撤回) before acceptance: not counted in suggestions either. */
  withdrawn: number;
}

/**
 * The station's figures for a period (both dates included). `visits` and `cases` are the station's
 * ledger: its visitor log, and the cases addressed to the station or its deputies (the ones not
 * raised at the station are left out here). Pass `now` to count overdue cases.
 */
export function stationFigures(
  visits: readonly LedgerVisit[],
  cases: readonly LedgerCase[],
  period: Period,
  now?: number,
): StationFigures {
  const inPeriod = (date: string) => date >= period.from && date <= period.to;
  const visitDateOfCase = new Map<string, string>();
  for (const v of visits)
    for (const id of v.caseIds) if (!visitDateOfCase.has(id)) visitDateOfCase.set(id, v.date);

  const figures: StationFigures = {
    ...period,
    visits: 0,
    answeredOnSpot: 0,
    visitsWithCases: 0,
    suggestions: 0,
    fromVisits: 0,
    fromScans: 0,
    byKind: Object.fromEntries(CASE_KINDS.map((k) => [k, 0])) as Record<CaseKind, number>,
    handled: 0,
    closed: 0,
    answered: 0,
    explained: 0,
    remaining: 0,
    overdue: now === undefined ? null : 0,
    merged: 0,
    withdrawn: 0,
  };

  for (const v of visits) {
    if (!inPeriod(v.date)) continue;
    figures.visits += 1;
    if (v.answeredOnSpot) figures.answeredOnSpot += 1;
    if (v.caseIds.length > 0) figures.visitsWithCases += 1;
  }

  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const visitDate = visitDateOfCase.get(c.id);
    const fromVisit = visitDate !== undefined || c.channel === 'reception_day';
    if (!fromVisit && c.channel !== 'station_code') continue;
    if (!inPeriod(visitDate ?? chinaDate(c.createdAt))) continue;
    if (c.status === 'merged') {
      figures.merged += 1;
      continue;
    }
    if (c.status === 'withdrawn') {
      figures.withdrawn += 1;
      continue;
    }
    figures.suggestions += 1;
    if (fromVisit) figures.fromVisits += 1;
    else figures.fromScans += 1;
    figures.byKind[c.kind] += 1;
    if (isOpen(c.status)) {
      figures.remaining += 1;
      if (now !== undefined && c.dueAt !== null && c.dueAt !== undefined && c.dueAt < now)
        figures.overdue = (figures.overdue ?? 0) + 1;
    } else {
      figures.handled += 1;
      if (c.status === 'closed') figures.closed += 1;
      else if (c.status === 'answered') figures.answered += 1;
      else figures.explained += 1;
    }
  }
  return figures;
}

/** Who came on one reception day: the deputies staff ticked as present (leaders are not recorded). */
export interface AttendanceRecord {
  date: string;
  /** Deputy ids. */
  present: readonly string[];
}

export interface DeputyAttendance {
  deputyId: string;
  /** Reception days the deputy was on the roster for. */
  rostered: number;
  /** Of those, the days they came. */
  attended: number;
  /** Of those, the days attendance was taken and they were not there. */
  absent: number;
  /** Of those, the days no attendance was taken yet: neither attended nor absent. */
  unrecorded: number;
  /** Days they came without being on the roster (counted for the record, not as duty). */
  unrostered: number;
}

/**
 * Attendance per deputy for the deputy record (履职档案): for each rostered deputy, how many of their
 * duties they came to. Leaders are not deputies here: a leader's presence is neither counted nor
 * mistaken for an unrostered deputy. Pass `period` to count only days within it. Sorted by id.
 */
export function deputyAttendance(
  rosters: readonly Roster[],
  records: readonly AttendanceRecord[],
  period?: Period,
): DeputyAttendance[] {
  const within = (date: string) => !period || (date >= period.from && date <= period.to);
  const presentOn = new Map<string, Set<string>>();
  for (const r of records) {
    if (!within(r.date)) continue;
    const set = presentOn.get(r.date) ?? new Set<string>();
    for (const id of r.present) set.add(id);
    presentOn.set(r.date, set);
  }
  const rosterOn = new Map<string, Roster>();
  for (const r of rosters) if (within(r.date)) rosterOn.set(r.date, r);

  const rows = new Map<string, DeputyAttendance>();
  const row = (deputyId: string) => {
    let found = rows.get(deputyId);
    if (!found) {
      found = { deputyId, rostered: 0, attended: 0, absent: 0, unrecorded: 0, unrostered: 0 };
      rows.set(deputyId, found);
    }
    return found;
  };

  for (const roster of rosterOn.values()) {
    const present = presentOn.get(roster.date);
    for (const id of new Set(roster.deputies)) {
      const r = row(id);
      r.rostered += 1;
      if (!present) r.unrecorded += 1;
      else if (present.has(id)) r.attended += 1;
      else r.absent += 1;
    }
  }
  for (const [date, present] of presentOn) {
    const roster = rosterOn.get(date);
    for (const id of present) {
      if (roster && (roster.deputies.includes(id) || roster.leader === id)) continue;
      row(id).unrostered += 1;
    }
  }
  return [...rows.values()].sort((a, b) => (a.deputyId < b.deputyId ? -1 : a.deputyId > b.deputyId ? 1 : 0));
}
