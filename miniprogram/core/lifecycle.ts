import { DEFAULT_DEADLINES, deadlineDays, type DeadlineConfig, type PauseInterval } from './deadlines';
import {
  ACTOR_ROLE_LABELS,
  CASE_ACTION_LABELS,
  CASE_ACTIONS,
  CASE_STATUS_LABELS,
  RATINGS,
  ROUTE_KINDS,
  ROUTE_LABELS,
  type ActorRole,
  type CaseAction,
  type CaseEventType,
  type CaseKind,
  type CaseStatus,
  type CloseReason,
  type Rating,
  type RouteKind,
} from './model';
import { fail, invalid, ok, type Failure, type Result } from './result';
import { LIMITS } from './submit';
import { charLength } from './text';

/**
 * The case lifecycle (issue 4, casework): which action moves a case from which status to which,
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
 *
 * Decisions where the brief and the issue are silent:
 * - No new statuses. Supervision (督办) is the `supervised` flag; a paused clock is the
 *   `clockPaused` flag; how a case closed (by rating or by time) is `closedBy`.
 * - Unsatisfied: the case STAYS `answered` with `rating: 'unsatisfied'` until the deputy, staff or
 *   office chooses: `redo` (发回重办) or `supervise` (督办). Both send it back to `in_progress` with
 *   the same handler and a new clock (the redo deadline); `supervise` also sets the flag. The
 *   issue says "the deputy or office chooses", so nothing happens on its own.
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
];

/* ------------------------------------------------------------------------------------------ */
/* The case as the lifecycle sees it                                                           */

/** The deadline clock: deadlines.ts computes its due date (with its pauses and the calendar). */
export interface Clock {
  startAt: number;
  workingDays: number;
  round: 'first' | 'redo';
  /** Set when the case is answered, declined or merged; the clock stays for "answered on time". */
  stoppedAt: number | null;
}

export interface Pause extends PauseInterval {
  reason: string;
}

/** The lifecycle's fields of a stored case. Timestamps are epoch milliseconds. */
export interface CaseFacts {
  acceptedAt: number | null;
  route: RouteKind | null;
  /** The handling unit holding the case (for a transfer, the department once approved). */
  unitId: string | null;
  supervised: boolean;
  clockPaused: boolean;
  pauses: Pause[];
  clock: Clock | null;
  /** The rating of the latest answer; reset by a new answer round. */
  rating: Rating | null;
  /** The latest answer; the rating window runs from it. */
  answeredAt: number | null;
  closedBy: CloseReason | null;
  mergedInto: string | null;
}

/** What a newly submitted case starts with. */
export const INITIAL_FACTS: CaseFacts = {
  acceptedAt: null,
  route: null,
  unitId: null,
  supervised: false,
  clockPaused: false,
  pauses: [],
  clock: null,
  rating: null,
  answeredAt: null,
  closedBy: null,
  mergedInto: null,
};

export interface CaseState extends CaseFacts {
  id: string;
  status: CaseStatus;
  version: number;
  kind: CaseKind;
  /** The submitting resident. */
  openid: string;
  createdAt: number;
}

/** Who acted, as a case's timeline records it. */
export interface Actor {
  role: ActorRole;
  /** OpenID for residents, the deputy's, station's or unit's id, 'office', or 'timers' for the system. */
  id: string;
  /** Display name at the time (anonymous residents are 匿名群众). */
  name: string;
}

/** Who must be told. `deputy`: the deputy the case is addressed to (a station's staff for a station case). */
export type Party = 'resident' | 'deputy' | 'unit' | 'office';

export interface EventDetail {
  route?: RouteKind;
  unitId?: string;
  rating?: Rating;
  intoCaseId?: string;
  fromCaseId?: string;
  /** The working days of a clock started by this event. */
  workingDays?: number;
}

export interface EventDraft {
  type: CaseEventType;
  at: number;
  actor: Actor;
  from: CaseStatus | null;
  to: CaseStatus | null;
  note: string | null;
  detail: EventDetail | null;
}

export type DeadlineChange =
  | { op: 'start'; startAt: number; workingDays: number; reason: 'accept' | 'route' | 'redo' }
  | { op: 'stop'; at: number }
  /** A pause ended: recompute the due date from the clock and the pauses. */
  | { op: 'extend' };

export interface Effect {
  action: CaseAction;
  caseId: string;
  /** Apply only while the stored case still has this version, and bump it. */
  ifVersion: number;
  from: CaseStatus;
  to: CaseStatus;
  /** Whole values to set (arrays included), so the update needs no positional operators. */
  set: Partial<CaseFacts>;
  /** The event to append to the case's timeline. */
  event: EventDraft;
  deadline: DeadlineChange | null;
  notify: Party[];
  /** `merge` only: the earlier case gets an event too, and its resident is told. */
  counterpart: { caseId: string; event: EventDraft; notify: Party[] } | null;
}

/* ------------------------------------------------------------------------------------------ */
/* Input                                                                                       */

export interface MergeTarget {
  id: string;
  createdAt: number;
  status: CaseStatus;
}

/**
 * What each action takes; `note` is required where NOTE_NAMES says so, optional elsewhere (for
 * `rate` it is the resident's comment). `route` needs `route`, and `unitId` unless direct; `rate`
 * needs `rating`; `merge` needs `into`, the earlier case as the function read it.
 */
export interface ActionInput {
  note?: string;
  route?: RouteKind;
  unitId?: string;
  rating?: Rating;
  into?: MergeTarget;
}

/** Actions whose note is required, and what the note is called on the screen. */
export const NOTE_NAMES: Partial<Record<CaseAction, string>> = {
  decline: '解释说明',
  reject_transfer: '退回理由',
  unit_answer: '答复内容',
  unit_return: '退回理由',
  reply: '答复内容',
  report_back: '反馈内容',
  redo: '重办理由',
  pause_clock: '暂停原因',
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;

interface Parsed {
  note: string | null;
  route: RouteKind | null;
  unitId: string | null;
  rating: Rating | null;
  into: MergeTarget | null;
}

function parseInput(action: CaseAction, raw: unknown, state: CaseState): Parsed | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const parsed: Parsed = { note: null, route: null, unitId: null, rating: null, into: null };

  const note = typeof input.note === 'string' ? input.note.trim() : '';
  const length = charLength(note);
  const required = NOTE_NAMES[action];
  if (required && length < LIMITS.replyMin) fields.note = `请填写${required}，至少 ${LIMITS.replyMin} 个字`;
  else if (length > LIMITS.replyMax) fields.note = `最多 ${LIMITS.replyMax} 个字，当前 ${length} 个字`;
  else parsed.note = note || null;

  if (action === 'route') {
    const route = input.route as RouteKind;
    if (!ROUTE_KINDS.includes(route)) fields.route = '请选择办理方式';
    else {
      parsed.route = route;
      if (route !== 'direct') {
        if (typeof input.unitId === 'string' && ID.test(input.unitId)) parsed.unitId = input.unitId;
        else fields.unitId = '请选择承办单位';
      }
    }
  }

  if (action === 'rate') {
    const rating = input.rating as Rating;
    if (RATINGS.includes(rating)) parsed.rating = rating;
    else fields.rating = '请选择满意程度';
  }

  if (action === 'merge') {
    const into = (typeof input.into === 'object' && input.into !== null ? input.into : {}) as Partial<
      Record<keyof MergeTarget, unknown>
    >;
    if (typeof into.id !== 'string' || !ID.test(into.id)) fields.into = '请选择要合并到的诉求';
    else if (into.id === state.id) fields.into = '不能合并到这条诉求自己';
    else if (typeof into.createdAt !== 'number' || !(into.createdAt < state.createdAt))
      fields.into = '只能合并到更早提交的诉求';
    else if (into.status === 'merged') fields.into = '那条诉求也已合并，请合并到最早的那条';
    else parsed.into = { id: into.id, createdAt: into.createdAt, status: into.status as CaseStatus };
  }

  const problems = Object.keys(fields);
  return problems.length > 0 ? invalid(fields) : parsed;
}

/* ------------------------------------------------------------------------------------------ */
/* Deciding                                                                                    */

const holds = (condition: Condition, state: CaseState): boolean => {
  switch (condition) {
    case 'unit_handling':
      return state.unitId !== null && state.route !== null && UNIT_ROUTES.includes(state.route);
    case 'unrated':
      return state.rating === null;
    case 'unsatisfied':
      return state.rating === 'unsatisfied';
    case 'not_supervised':
      return !state.supervised;
    case 'clock_running':
      return !state.clockPaused;
    case 'clock_paused':
      return state.clockPaused;
  }
};

const REASONS: Record<Condition, string> = {
  unit_handling: '没有交由承办单位办理',
  unrated: '群众已经评价过了',
  unsatisfied: '群众评价不满意后才能这样处理',
  not_supervised: '已在督办中',
  clock_running: '计时已经暂停',
  clock_paused: '计时没有暂停',
};

const firstFailing = (row: Transition, state: CaseState): Condition | undefined =>
  (row.when ?? []).find((c) => !holds(c, state));

/** Label of an action for a button or a message: a route is labelled by its kind ("交办"). */
export const actionLabel = (action: CaseAction, route?: RouteKind | null): string =>
  action === 'route' && route ? ROUTE_LABELS[route] : CASE_ACTION_LABELS[action];

const statusForbidden = (state: CaseState, action: CaseAction, reason?: string): Failure =>
  fail(
    'CASE.TRANSITION_FORBIDDEN',
    `这条诉求当前为「${CASE_STATUS_LABELS[state.status]}」，${reason ? `${reason}，` : ''}不能${CASE_ACTION_LABELS[action]}`,
  );

const roleForbidden = (role: ActorRole, action: CaseAction): Failure =>
  fail('AUTH.FORBIDDEN', `${ACTOR_ROLE_LABELS[role]}无权${CASE_ACTION_LABELS[action]}`);

/** The rows that let `role` take `action` on this case now (status and conditions), any variant. */
function rowsFor(state: CaseState, action: CaseAction, role: ActorRole): Transition[] {
  return TRANSITIONS.filter(
    (r) =>
      r.action === action &&
      r.from.includes(state.status) &&
      r.roles.includes(role) &&
      firstFailing(r, state) === undefined,
  );
}

/** The actions a role may take on this case now: for the buttons on the case screen. */
export function allowedActions(state: CaseState, role: ActorRole): CaseAction[] {
  return CASE_ACTIONS.filter((action) => rowsFor(state, action, role).length > 0);
}

const DAY = 24 * 3600_000;

/**
 * Decides whether `actor` may take `action` on the case now, and what it does. Pure: `now` is the
 * caller's clock (epoch ms); `config` the deployment's deadlines.
 */
export function decide(
  state: CaseState,
  action: CaseAction,
  actor: Actor,
  input: unknown,
  now: number,
  config: DeadlineConfig = DEFAULT_DEADLINES,
): Result<Effect> {
  if (!CASE_ACTIONS.includes(action)) return fail('INPUT.INVALID', '未知的操作', { action: '未知的操作' });
  const rows = TRANSITIONS.filter((r) => r.action === action);
  if (!rows.some((r) => r.roles.includes(actor.role))) return roleForbidden(actor.role, action);
  if (actor.role === 'resident' && actor.id !== state.openid)
    return fail('AUTH.FORBIDDEN', '只能处理自己提交的诉求');
  if (actor.role === 'unit' && actor.id !== state.unitId)
    return fail('AUTH.FORBIDDEN', '这条诉求没有交给您的单位办理');

  const atStatus = rows.filter((r) => r.from.includes(state.status));
  if (atStatus.length === 0) return statusForbidden(state, action);
  const mine = atStatus.filter((r) => r.roles.includes(actor.role));
  if (mine.length === 0) return roleForbidden(actor.role, action);
  const open = mine.filter((r) => firstFailing(r, state) === undefined);
  if (open.length === 0) return statusForbidden(state, action, REASONS[firstFailing(mine[0], state)!]);

  const parsed = parseInput(action, input, state);
  if ('ok' in parsed) return parsed;
  const variant = parsed.route ?? parsed.rating;
  const row = open.find((r) => !r.variants || (variant !== null && r.variants.includes(variant)));
  if (!row) return statusForbidden(state, action);

  if (action === 'close_by_time') {
    const closable = (state.answeredAt ?? now) + config.ratingWindowDays * DAY;
    if (now < closable) return statusForbidden(state, action, `评价期（${config.ratingWindowDays} 天）未满`);
  }

  return ok(effectOf(state, action, actor, parsed, row.to === 'same' ? state.status : row.to, now, config));
}

function effectOf(
  state: CaseState,
  action: CaseAction,
  actor: Actor,
  input: Parsed,
  to: CaseStatus,
  now: number,
  config: DeadlineConfig,
): Effect {
  const set: Partial<CaseFacts> = {};
  let deadline: DeadlineChange | null = null;
  let type: CaseEventType;
  let detail: EventDetail | null = null;
  const parties: Party[] = [];
  let counterpart: Effect['counterpart'] = null;

  const startClock = (
    startAt: number,
    workingDays: number,
    round: Clock['round'],
    reason: 'accept' | 'route' | 'redo',
  ) => {
    set.clock = { startAt, workingDays, round, stoppedAt: null };
    deadline = { op: 'start', startAt, workingDays, reason };
    detail = { ...detail, workingDays };
  };
  /** The route changed: the same clock, with the working days the new route allows. */
  const reclock = (route: RouteKind | null) => {
    const round = state.clock?.round ?? 'first';
    const days = deadlineDays(state.kind, route, config, round);
    if (!state.clock) startClock(now, days, round, 'route');
    else if (days !== state.clock.workingDays) startClock(state.clock.startAt, days, round, 'route');
  };
  const stopClock = () => {
    if (state.clock && state.clock.stoppedAt === null) {
      set.clock = { ...state.clock, stoppedAt: now };
      deadline = { op: 'stop', at: now };
    }
  };
  const answer = () => {
    set.answeredAt = now;
    set.rating = null;
    stopClock();
  };
  const sendBack = () => {
    set.rating = null;
    set.answeredAt = null;
    startClock(now, deadlineDays(state.kind, state.route, config, 'redo'), 'redo', 'redo');
  };

  switch (action) {
    case 'accept':
      type = 'accepted';
      set.acceptedAt = now;
      startClock(now, deadlineDays(state.kind, null, config), 'first', 'accept');
      break;
    case 'decline':
      type = 'declined';
      stopClock();
      break;
    case 'route': {
      const route = input.route!;
      type = `routed_${route}`;
      set.route = route;
      set.unitId = input.unitId;
      detail = input.unitId ? { route, unitId: input.unitId } : { route };
      reclock(route);
      parties.push(route === 'transfer' ? 'office' : 'unit');
      break;
    }
    case 'approve_transfer':
      type = 'transfer_approved';
      parties.push('deputy', 'unit');
      break;
    case 'reject_transfer':
      type = 'transfer_rejected';
      set.route = null;
      set.unitId = null;
      reclock(null);
      parties.push('deputy');
      break;
    case 'unit_answer':
      type = 'unit_answered';
      answer();
      parties.push('deputy');
      break;
    case 'unit_return':
      type = 'unit_returned';
      set.route = null;
      set.unitId = null;
      reclock(null);
      parties.push('deputy');
      break;
    case 'reply':
      type = 'replied';
      if (state.acceptedAt === null) set.acceptedAt = now;
      answer();
      parties.push('resident');
      if (state.status === 'in_progress') parties.push('unit');
      break;
    case 'report_back':
      type = 'reported_back';
      parties.push('resident');
      break;
    case 'supervise':
      type = 'supervised';
      set.supervised = true;
      if (state.status === 'answered') sendBack();
      parties.push('resident', 'deputy', 'unit', 'office');
      break;
    case 'rate':
      type = 'rated';
      set.rating = input.rating;
      detail = { rating: input.rating! };
      if (to === 'closed') set.closedBy = 'rating';
      parties.push('deputy', 'unit');
      if (state.supervised) parties.push('office');
      break;
    case 'redo':
      type = 'redone';
      sendBack();
      parties.push('deputy', 'unit');
      break;
    case 'close_by_time':
      type = 'closed_by_time';
      set.closedBy = 'time';
      parties.push('deputy');
      break;
    case 'merge': {
      const into = input.into!;
      type = 'merged';
      set.mergedInto = into.id;
      detail = { intoCaseId: into.id };
      stopClock();
      counterpart = {
        caseId: into.id,
        event: {
          type: 'merge_received',
          at: now,
          actor,
          from: null,
          to: null,
          note: input.note,
          detail: { fromCaseId: state.id },
        },
        notify: ['resident'],
      };
      break;
    }
    case 'pause_clock':
      type = 'clock_paused';
      set.clockPaused = true;
      set.pauses = [...state.pauses, { from: now, to: null, reason: input.note! }];
      parties.push('resident', 'deputy', 'unit');
      break;
    case 'resume_clock':
      type = 'clock_resumed';
      break;
  }

  // Resuming, explicitly or by leaving the statuses where the clock can pause.
  if (state.clockPaused && (action === 'resume_clock' || !PAUSABLE.includes(to))) {
    set.clockPaused = false;
    set.pauses = state.pauses.map((p) => (p.to === null ? { ...p, to: now } : p));
    deadline ??= { op: 'extend' };
    if (action === 'resume_clock') parties.push('resident', 'deputy', 'unit');
  }

  const supervised = set.supervised ?? state.supervised;
  const unitId = set.unitId === undefined ? state.unitId : set.unitId;
  if (to !== state.status) parties.push('resident');
  if (supervised && to !== state.status) parties.push('office');
  const own: Partial<Record<ActorRole, Party>> = {
    resident: 'resident',
    deputy: 'deputy',
    unit: 'unit',
    office: 'office',
  };
  const notify = (['resident', 'deputy', 'unit', 'office'] as Party[]).filter(
    (p) =>
      parties.includes(p) &&
      p !== own[actor.role] &&
      // A unit is told only when one holds (or held until now) the case; not while a transfer waits.
      (p !== 'unit' || ((unitId !== null || state.unitId !== null) && to !== 'pending_review')),
  );

  return {
    action,
    caseId: state.id,
    ifVersion: state.version,
    from: state.status,
    to,
    set,
    event: { type: type!, at: now, actor, from: state.status, to, note: input.note, detail },
    deadline,
    notify,
    counterpart,
  };
}

/** The case after the effect: what the conditional update writes, for tests and optimistic screens. */
export function applyEffect(state: CaseState, effect: Effect): CaseState {
  return { ...state, ...effect.set, status: effect.to, version: state.version + 1 };
}
