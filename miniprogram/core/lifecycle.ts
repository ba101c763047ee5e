import { DEFAULT_DEADLINES, deadlineDays, type DeadlineConfig } from './deadlines';
import {
  ACTOR_ROLE_LABELS,
  ANSWER_OUTCOMES,
  CASE_ACTION_LABELS,
  CASE_ACTIONS,
  CASE_STATUS_LABELS,
  RATINGS,
  ROUTE_KINDS,
  ROUTE_LABELS,
  type ActorRole,
  type AnswerOutcome,
  type CaseAction,
  type CaseEventType,
  type CaseStatus,
  type Rating,
  type RouteKind,
} from './model';
import { fail, invalid, ok, type Failure, type Result } from './result';
import { LIMITS } from './submit';
import { charLength, textInput, WRONG_TYPE } from './text';
import { PAUSABLE, TRANSITIONS, UNIT_ROUTES, type Condition, type Transition } from './lifecycle-table';
import type {
  Actor,
  CaseFacts,
  CaseState,
  Clock,
  DeadlineChange,
  Effect,
  EventDetail,
  MergeTarget,
  Party,
} from './lifecycle-types';

/**
 * The case lifecycle's public face: `decide` and the effects it answers, `allowedActions`, and the
 * input rules. The table of transitions, with the decisions behind it, is lifecycle-table.ts; the
 * case's facts and the Effect's shape are lifecycle-types.ts. Both are re-exported here, so callers
 * import the lifecycle from this file only.
 */

export { PAUSABLE, TRANSITIONS, UNIT_ROUTES, type Condition, type Transition } from './lifecycle-table';
export {
  INITIAL_FACTS,
  type ActionInput,
  type Actor,
  type CaseFacts,
  type CaseState,
  type Clock,
  type DeadlineChange,
  type Effect,
  type EventDetail,
  type EventDraft,
  type MergeTarget,
  type Party,
  type Pause,
} from './lifecycle-types';

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
  outcome: AnswerOutcome | null;
  into: MergeTarget | null;
}

/** The actions that answer the resident, and so record the answer's outcome. */
export const ANSWERING_ACTIONS: readonly CaseAction[] = ['reply', 'unit_answer'];

function parseInput(action: CaseAction, raw: unknown, state: CaseState): Parsed | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const parsed: Parsed = { note: null, route: null, unitId: null, rating: null, outcome: null, into: null };

  const noteText = textInput(input.note, 'lines');
  const note = noteText ?? '';
  const length = charLength(note);
  const required = NOTE_NAMES[action];
  if (noteText === null) fields.note = WRONG_TYPE;
  else if (required && length < LIMITS.replyMin)
    fields.note = `请填写${required}，至少 ${LIMITS.replyMin} 个字`;
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

  // Older app versions never send an outcome: their answers record none (null), never a guess.
  if (ANSWERING_ACTIONS.includes(action) && input.outcome !== undefined && input.outcome !== null) {
    const outcome = input.outcome as AnswerOutcome;
    if (ANSWER_OUTCOMES.includes(outcome)) parsed.outcome = outcome;
    else fields.outcome = '请选择办理结果：已解决或采纳、列入计划，或留作参考/解释说明';
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
  if (open.length === 0) {
    const reason = firstFailing(mine[0], state);
    return statusForbidden(state, action, reason && REASONS[reason]);
  }

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

/** A field parseInput guarantees for the action: its absence is a bug here, not bad input. */
function given<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) throw new Error(`lifecycle: ${field} missing after parsing`);
  return value;
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
    set.outcome = input.outcome;
    if (input.outcome) detail = { ...detail, outcome: input.outcome };
    stopClock();
  };
  const sendBack = () => {
    set.rating = null;
    set.answeredAt = null;
    set.outcome = null;
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
      const route = given(input.route, 'route');
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
      detail = { rating: given(input.rating, 'rating') };
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
      const into = given(input.into, 'into');
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
      set.pauses = [...state.pauses, { from: now, to: null, reason: given(input.note, 'note') }];
      parties.push('resident', 'deputy', 'unit');
      break;
    case 'resume_clock':
      type = 'clock_resumed';
      break;
    case 'withdraw':
      type = 'withdrawn';
      parties.push('deputy');
      break;
    case 'supplement':
      type = 'supplemented';
      parties.push('deputy', 'unit');
      break;
    case 'chase':
      type = 'chased';
      parties.push('deputy', 'unit');
      if (state.supervised) parties.push('office');
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
    event: { type, at: now, actor, from: state.status, to, note: input.note, detail },
    deadline,
    notify,
    counterpart,
  };
}

/** The case after the effect: what the conditional update writes, for tests and optimistic screens. */
export function applyEffect(state: CaseState, effect: Effect): CaseState {
  return { ...state, ...effect.set, status: effect.to, version: state.version + 1 };
}
