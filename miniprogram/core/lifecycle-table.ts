import type { ActorRole, CaseAction, CaseStatus, Rating, RouteKind } from './model';

/**
 * The case lifecycle: which action moves a case from which status to which,
 * and who may take it, as one explicit table (TRANSITIONS). `decide` checks an action against the
 * table and the case, and answers either a Failure or an Effect: everything the function must
 * write, as ONE conditional update on the case's version (new status, field values to set, the
 * event to append, the deadline change, the notifications owed). Of two people acting at once,
 * the second update finds a new version and fails; the function answers CONFLICT.
 *
 *   submitted ──accept──▶ accepted ──route direct/assign/escalate──▶ in_progress ──reply / unit_answer──▶ answered
 *       │                  │    └──route transfer──▶ pending_review ──approve_transfer──▶ in_progress
 *       │                  │                              └──reject_transfer──▶ accepted
 *       │                  ◀────────────────unit_return──────────────────────── in_progress
 *       ├──reply──▶ answered (answered on the spot)
 *       └──decline / merge (also from accepted)──▶ declined / merged
 *   answered ──rate satisfied / basically_satisfied──▶ closed      answered ──close_by_time──▶ closed
 *   answered ──rate unsatisfied──▶ answered (rating kept) ──redo / supervise──▶ in_progress
 *   submitted ──withdraw (the resident)──▶ withdrawn
 *
 * The rules the table follows (the reasons: docs/decisions/0003-case-lifecycle.md):
 * - No new statuses. Supervision (督办) is the `supervised` flag; a paused clock is the
 *   `clockPaused` flag; how a case closed (by rating or by time) is `closedBy`.
 * - Unsatisfied: the case STAYS `answered` with `rating: 'unsatisfied'` until the deputy, staff or
 *   office chooses: `redo` (发回重办) or `supervise` (督办). Both send it back to `in_progress` with
 *   the same handler and a new clock (the redo deadline); `supervise` also sets the flag. Someone
 *   chooses: nothing happens on its own.
 * - `supervise` otherwise only sets the flag: from any open status, by the office or by the system
 *   (the deadline sweep, after repeated lateness). A supervised case stays supervised until closed,
 *   and the office is told of every later status change.
 * - `declined` (解释说明) and `merged` are final: nothing is rated. The explanation is the answer.
 * - `reply` (today's deputy.reply) is the deputy's or staff's own answer: from `submitted` (answered
 *   on the spot; the case counts as accepted then too), `accepted`, `in_progress` (also when a unit
 *   holds it: the unit is told), and from `answered` while unrated, as a further answer that
 *   restarts the rating window. Not while a transfer waits for the office's review.
 * - `unit_answer` reaches the resident at once (status `answered`); `report_back` is then the
 *   deputy's own note to the resident, optional, allowed while `answered`; rating does not wait for it.
 * - `unit_return` sends the case back to `accepted` without a handler; the clock keeps running.
 * - `route` is allowed from `accepted` only: accept first (one event each).
 * - `merge` is allowed before the case is routed (`submitted`, `accepted`), into an EARLIER case
 *   that is not itself merged; the earlier case gets a `merge_received` event (the counterpart, a
 *   second write that only appends) and its resident is told as well.
 * - Deadlines: the clock starts at acceptance with the kind's working days; routing it 直办
 *   shortens it (from the same start); `redo` and supervise-after-unsatisfied start a new clock.
 *   An answer, a decline or a merge stops it (the stopped clock stays, for "answered on time").
 *   deadlines.ts turns a clock and its pauses into a due date with the calendar.
 * - Pauses (waiting for the resident): in `accepted` and `in_progress`, by the deputy, staff or the
 *   handling unit, with a reason; every pause is kept in `pauses`. A transition out of those
 *   statuses ends an open pause.
 * - `close_by_time`: by the system only, on an unrated answer, once `ratingWindowDays` CALENDAR
 *   days have passed since the (latest) answer.
 * - Ownership: a resident may act only on their own case (openid) and a unit only on the case it
 *   holds (unitId); whether a deputy or staff member may see this case at all is the function's
 *   check (it knows the bindings), as is idempotency (clientRequestId) and the case id.
 * - The resident's own steps (docs/decisions/0025-chase-and-withdrawal.md): `withdraw` (撤回) only
 *   before anyone accepted the case, to the final status `withdrawn`; `supplement` (补充: text,
 *   photos, voice) while the case is open; `chase` (催办) once accepted and not yet answered. Neither
 *   changes the status. Whether the answer is overdue, and how often a chase may come, needs the
 *   calendar: core/resident-steps.ts, checked by the function before deciding.
 * - Failures: 'AUTH.FORBIDDEN' when the role may never take the action, may not take it in this
 *   status, or does not own the case; 'CASE.TRANSITION_FORBIDDEN' (message naming the current
 *   status) when nobody may take it in this status or the case's state forbids it (already rated,
 *   already supervised, clock already paused, …); 'INPUT.INVALID' with fields otherwise.
 */

/** Statuses in which the deadline clock may be paused. */
export const PAUSABLE: CaseStatus[] = ['accepted', 'in_progress'];

/** Routes that hand the case to a handling unit. */
export const UNIT_ROUTES: RouteKind[] = ['assign', 'transfer', 'escalate'];

/** Conditions on the case, beyond its status, that a row may require (all of them). */
export type Condition =
  'unit_handling' | 'unrated' | 'unsatisfied' | 'not_supervised' | 'clock_running' | 'clock_paused';

export interface Transition {
  action: CaseAction;
  /** For `route`, the route kinds this row covers; for `rate`, the ratings. Absent: all. */
  variants?: readonly (RouteKind | Rating)[];
  from: readonly CaseStatus[];
  /** 'same': the status does not change (a flag, a note, a rating that does not close). */
  to: CaseStatus | 'same';
  roles: readonly ActorRole[];
  when?: readonly Condition[];
}

const OPEN: CaseStatus[] = ['submitted', 'accepted', 'pending_review', 'in_progress'];

export const TRANSITIONS: readonly Transition[] = [
  { action: 'accept', from: ['submitted'], to: 'accepted', roles: ['deputy', 'staff'] },
  { action: 'decline', from: ['submitted', 'accepted'], to: 'declined', roles: ['deputy', 'staff'] },
  {
    action: 'route',
    variants: ['direct', 'assign', 'escalate'],
    from: ['accepted'],
    to: 'in_progress',
    roles: ['deputy', 'staff'],
  },
  {
    action: 'route',
    variants: ['transfer'],
    from: ['accepted'],
    to: 'pending_review',
    roles: ['deputy', 'staff'],
  },
  { action: 'approve_transfer', from: ['pending_review'], to: 'in_progress', roles: ['office'] },
  { action: 'reject_transfer', from: ['pending_review'], to: 'accepted', roles: ['office'] },
  { action: 'unit_answer', from: ['in_progress'], to: 'answered', roles: ['unit'], when: ['unit_handling'] },
  { action: 'unit_return', from: ['in_progress'], to: 'accepted', roles: ['unit'], when: ['unit_handling'] },
  {
    action: 'reply',
    from: ['submitted', 'accepted', 'in_progress'],
    to: 'answered',
    roles: ['deputy', 'staff'],
  },
  { action: 'reply', from: ['answered'], to: 'same', roles: ['deputy', 'staff'], when: ['unrated'] },
  {
    action: 'report_back',
    from: ['answered'],
    to: 'same',
    roles: ['deputy', 'staff'],
    when: ['unit_handling'],
  },
  { action: 'supervise', from: OPEN, to: 'same', roles: ['office', 'system'], when: ['not_supervised'] },
  {
    action: 'supervise',
    from: ['answered'],
    to: 'in_progress',
    roles: ['deputy', 'staff', 'office'],
    when: ['unsatisfied', 'not_supervised'],
  },
  {
    action: 'rate',
    variants: ['satisfied', 'basically_satisfied'],
    from: ['answered'],
    to: 'closed',
    roles: ['resident'],
    when: ['unrated'],
  },
  {
    action: 'rate',
    variants: ['unsatisfied'],
    from: ['answered'],
    to: 'same',
    roles: ['resident'],
    when: ['unrated'],
  },
  {
    action: 'redo',
    from: ['answered'],
    to: 'in_progress',
    roles: ['deputy', 'staff', 'office'],
    when: ['unsatisfied'],
  },
  { action: 'close_by_time', from: ['answered'], to: 'closed', roles: ['system'], when: ['unrated'] },
  { action: 'merge', from: ['submitted', 'accepted'], to: 'merged', roles: ['deputy', 'staff', 'office'] },
  { action: 'pause_clock', from: PAUSABLE, to: 'same', roles: ['deputy', 'staff'], when: ['clock_running'] },
  {
    action: 'pause_clock',
    from: ['in_progress'],
    to: 'same',
    roles: ['unit'],
    when: ['unit_handling', 'clock_running'],
  },
  { action: 'resume_clock', from: PAUSABLE, to: 'same', roles: ['deputy', 'staff'], when: ['clock_paused'] },
  {
    action: 'resume_clock',
    from: ['in_progress'],
    to: 'same',
    roles: ['unit'],
    when: ['unit_handling', 'clock_paused'],
  },
  { action: 'withdraw', from: ['submitted'], to: 'withdrawn', roles: ['resident'] },
  { action: 'supplement', from: OPEN, to: 'same', roles: ['resident'] },
  { action: 'chase', from: ['accepted', 'pending_review', 'in_progress'], to: 'same', roles: ['resident'] },
];
