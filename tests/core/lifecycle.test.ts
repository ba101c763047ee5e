import { officialCalendar } from '../../cloudfunctions/_lib/calendar';
import { computeDeadline, DEFAULT_DEADLINES } from '../../miniprogram/core/deadlines';
import {
  allowedActions,
  applyEffect,
  decide,
  INITIAL_FACTS,
  TRANSITIONS,
  type Actor,
  type CaseState,
  type Effect,
} from '../../miniprogram/core/lifecycle';
import {
  ACTOR_ROLES,
  CASE_ACTION_LABELS,
  CASE_ACTIONS,
  CASE_EVENT_LABELS,
  CASE_STATUS_LABELS,
  type ActorRole,
  type CaseAction,
  type CaseStatus,
  type Rating,
} from '../../miniprogram/core/model';
import { isFailure, type Failure, type Result } from '../../miniprogram/core/result';

/**
 * The lifecycle table, exhaustively: every action (route and rate per variant) × every status ×
 * every role × the case conditions that matter (rated, held by a unit, clock paused, supervised),
 * against an expectation written out here independently of TRANSITIONS; then the loops a case
 * really goes through.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** 2026-03-02 09:00 China time (a Monday). */
const T0 = Date.UTC(2026, 2, 2, 1);

const STATUSES = Object.keys(CASE_STATUS_LABELS) as CaseStatus[];

/* ---------------------------------------------------------------------------------------- */
/* The expectation, as a specification table                                                */

/**
 * action[:variant] | from statuses | to ('=' unchanged) | roles | requires
 * requires: unit (held by a handling unit), unrated, unsatisfied, unsupervised, running, paused
 */
const SPEC = `
accept               | submitted                                       | accepted       | deputy staff        |
decline              | submitted accepted                              | declined       | deputy staff        |
route:direct         | accepted                                        | in_progress    | deputy staff        |
route:assign         | accepted                                        | in_progress    | deputy staff        |
route:escalate       | accepted                                        | in_progress    | deputy staff        |
route:transfer       | accepted                                        | pending_review | deputy staff        |
approve_transfer     | pending_review                                  | in_progress    | office              |
reject_transfer      | pending_review                                  | accepted       | office              |
unit_answer          | in_progress                                     | answered       | unit                | unit
unit_return          | in_progress                                     | accepted       | unit                | unit
reply                | submitted accepted in_progress                  | answered       | deputy staff        |
reply                | answered                                        | =              | deputy staff        | unrated
report_back          | answered                                        | =              | deputy staff        | unit
supervise            | submitted accepted pending_review in_progress    | =              | office system       | unsupervised
supervise            | answered                                        | in_progress    | deputy staff office | unsatisfied unsupervised
rate:satisfied       | answered                                        | closed         | resident            | unrated
rate:basically_satisfied | answered                                    | closed         | resident            | unrated
rate:unsatisfied     | answered                                        | =              | resident            | unrated
redo                 | answered                                        | in_progress    | deputy staff office | unsatisfied
close_by_time        | answered                                        | closed         | system              | unrated
merge                | submitted accepted                              | merged         | deputy staff office |
pause_clock          | accepted in_progress                            | =              | deputy staff        | running
pause_clock          | in_progress                                     | =              | unit                | unit running
resume_clock         | accepted in_progress                            | =              | deputy staff        | paused
resume_clock         | in_progress                                     | =              | unit                | unit paused
withdraw             | submitted                                       | withdrawn      | resident            |
supplement           | submitted accepted pending_review in_progress   | =              | resident            |
chase                | accepted pending_review in_progress             | =              | resident            |
`;

interface SpecRow {
  action: CaseAction;
  variant: string | null;
  from: CaseStatus[];
  to: CaseStatus | '=';
  roles: ActorRole[];
  requires: string[];
}

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);
const spec: SpecRow[] = SPEC.trim()
  .split('\n')
  .map((line) => {
    const [head, from, to, roles, requires] = line.split('|');
    const [action, variant] = head.trim().split(':');
    return {
      action: action as CaseAction,
      variant: variant ?? null,
      from: words(from) as CaseStatus[],
      to: to.trim() as CaseStatus | '=',
      roles: words(roles) as ActorRole[],
      requires: words(requires),
    };
  });

/** The knobs of a sample case, beyond its status. */
interface Knobs {
  rating: Rating | null;
  unit: boolean;
  paused: boolean;
  supervised: boolean;
}

const satisfies = (requirement: string, k: Knobs): boolean =>
  ({
    unit: k.unit,
    unrated: k.rating === null,
    unsatisfied: k.rating === 'unsatisfied',
    unsupervised: !k.supervised,
    running: !k.paused,
    paused: k.paused,
  })[requirement] ?? fail(`unknown requirement ${requirement}`);

function fail(message: string): never {
  throw new Error(message);
}

/** The action variants to try: each route kind and each rating is its own row. */
type Variant = { action: CaseAction; variant: string | null };
const VARIANTS: Variant[] = CASE_ACTIONS.flatMap((action): Variant[] =>
  action === 'route'
    ? ['direct', 'assign', 'transfer', 'escalate'].map((variant) => ({ action, variant }))
    : action === 'rate'
      ? ['satisfied', 'basically_satisfied', 'unsatisfied'].map((variant) => ({ action, variant }))
      : [{ action, variant: null }],
);

const ACTORS: Record<ActorRole, Actor> = {
  resident: { role: 'resident', id: 'o-resident', name: '群众' },
  deputy: { role: 'deputy', id: 'dep-1', name: '林晓红' },
  staff: { role: 'staff', id: 'station-1', name: '周敏' },
  unit: { role: 'unit', id: 'unit-1', name: '东街街道办事处' },
  office: { role: 'office', id: 'office', name: '代表工委' },
  system: { role: 'system', id: 'system', name: '系统' },
};

function sample(status: CaseStatus, k: Knobs): CaseState {
  return {
    ...INITIAL_FACTS,
    id: 'case-2',
    status,
    version: 3,
    kind: 'help',
    openid: 'o-resident',
    createdAt: T0 - DAY,
    acceptedAt: status === 'submitted' ? null : T0 - DAY,
    route: k.unit ? 'assign' : null,
    unitId: k.unit ? 'unit-1' : null,
    supervised: k.supervised,
    clockPaused: k.paused,
    pauses: k.paused ? [{ from: T0 - HOUR, to: null, reason: '等待群众补充材料' }] : [],
    clock:
      status === 'submitted' ? null : { startAt: T0 - DAY, workingDays: 10, round: 'first', stoppedAt: null },
    rating: k.rating,
    answeredAt: status === 'answered' ? T0 : null,
  };
}

function inputFor(action: CaseAction, variant: string | null): Record<string, unknown> {
  if (action === 'route') return { route: variant, unitId: 'unit-1' };
  if (action === 'rate') return { rating: variant };
  if (action === 'merge') return { into: { id: 'case-1', createdAt: T0 - 2 * DAY, status: 'accepted' } };
  return { note: '已电话联系群众，说明情况' };
}

const KNOBS: Knobs[] = [null, 'unsatisfied' as const].flatMap((rating) =>
  [false, true].flatMap((unit) =>
    [false, true].flatMap((paused) =>
      [false, true].map((supervised) => ({ rating, unit, paused, supervised })),
    ),
  ),
);

/** After the rating window, so close_by_time is only a question of the table. */
const LATER = T0 + 30 * DAY;

describe('the transition table, exhaustively', () => {
  const rows = spec;

  it('has one row in the specification for every row of the table, and the other way round', () => {
    const tableRows = TRANSITIONS.flatMap((t) =>
      (t.variants ?? [null]).map(
        (v) => `${t.action}:${v}|${[...t.from].sort()}|${t.to}|${[...t.roles].sort()}`,
      ),
    ).sort();
    const specRows = rows
      .map(
        (r) =>
          `${r.action}:${r.variant}|${[...r.from].sort()}|${r.to === '=' ? 'same' : r.to}|${[...r.roles].sort()}`,
      )
      .sort();
    expect(tableRows).toEqual(specRows);
  });

  it('allows every action × status × role × condition exactly when the specification does', () => {
    const mismatches: string[] = [];
    let allowedCount = 0;
    let checked = 0;
    for (const { action, variant } of VARIANTS) {
      const forAction = rows.filter(
        (r) => r.action === action && (r.variant === null || r.variant === variant),
      );
      const everRoles = new Set(forAction.flatMap((r) => r.roles));
      for (const status of STATUSES) {
        for (const k of KNOBS) {
          const state = sample(status, k);
          for (const role of ACTOR_ROLES) {
            checked++;
            const match = forAction.find(
              (r) =>
                r.from.includes(status) && r.roles.includes(role) && r.requires.every((q) => satisfies(q, k)),
            );
            const result = decide(state, action, ACTORS[role], inputFor(action, variant), LATER);
            const where = `${action}${variant ? `:${variant}` : ''} ${status} ${role} ${JSON.stringify(k)}`;
            if (match) {
              allowedCount++;
              if (!result.ok)
                mismatches.push(`${where}: expected allowed, got ${result.code} ${result.message}`);
              else if (result.data.to !== (match.to === '=' ? status : match.to))
                mismatches.push(`${where}: expected → ${match.to}, got → ${result.data.to}`);
            } else if (result.ok) {
              mismatches.push(`${where}: expected refused, got → ${result.data.to}`);
            } else if (!everRoles.has(role) && result.code !== 'AUTH.FORBIDDEN') {
              mismatches.push(`${where}: a role that may never do this gets ${result.code}`);
            } else if (
              everRoles.has(role) &&
              !forAction.some((r) => r.from.includes(status)) &&
              !(role === 'unit' && !k.unit) && // a unit not holding the case is refused as such first
              (result.code !== 'CASE.TRANSITION_FORBIDDEN' ||
                !result.message.includes(`「${CASE_STATUS_LABELS[status]}」`))
            ) {
              mismatches.push(`${where}: wrong status gets ${result.code} ${result.message}`);
            } else if (!['AUTH.FORBIDDEN', 'CASE.TRANSITION_FORBIDDEN'].includes(result.code)) {
              mismatches.push(`${where}: refused with ${result.code}`);
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(VARIANTS.length * STATUSES.length * KNOBS.length * ACTOR_ROLES.length);
    expect(allowedCount).toBeGreaterThan(100);
  });

  it('offers on the case screen exactly the actions the specification allows', () => {
    const mismatches: string[] = [];
    for (const status of STATUSES) {
      for (const k of KNOBS) {
        for (const role of ACTOR_ROLES) {
          const expected = CASE_ACTIONS.filter((action) =>
            rows.some(
              (r) =>
                r.action === action &&
                r.from.includes(status) &&
                r.roles.includes(role) &&
                r.requires.every((q) => satisfies(q, k)),
            ),
          );
          const got = allowedActions(sample(status, k), role);
          if (got.join() !== expected.join())
            mismatches.push(`${status} ${role} ${JSON.stringify(k)}: ${got} ≠ ${expected}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('gives every action, status and event a Chinese label', () => {
    for (const action of CASE_ACTIONS) expect(CASE_ACTION_LABELS[action]).toMatch(/[\u4e00-\u9fff]/);
    for (const label of Object.values(CASE_EVENT_LABELS)) expect(label).toMatch(/[\u4e00-\u9fff]/);
  });
});

/* ---------------------------------------------------------------------------------------- */
/* Behaviour                                                                                 */

const resident = ACTORS.resident;
const deputy: Actor = { role: 'deputy', id: 'dep-1', name: '林晓红' };
const unit: Actor = { role: 'unit', id: 'street-1', name: '南街街道办' };
const office = ACTORS.office;
const system = ACTORS.system;

function submitted(overrides: Partial<CaseState> = {}): CaseState {
  return {
    ...INITIAL_FACTS,
    id: 'case-9',
    status: 'submitted',
    version: 1,
    kind: 'help',
    openid: 'o-resident',
    createdAt: T0,
    ...overrides,
  };
}

function must(result: Result<Effect>): Effect {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.data;
}

function refused(result: Result<Effect>): Failure {
  if (result.ok) throw new Error(`expected a failure, got → ${result.data.to}`);
  return result;
}

/** Applies a sequence of steps, checking each effect is a conditional update on the version before. */
function run(start: CaseState, steps: Array<[CaseAction, Actor, unknown, number]>) {
  let state = start;
  const effects: Effect[] = [];
  for (const [action, actor, input, at] of steps) {
    const effect = must(decide(state, action, actor, input, at));
    expect(effect.ifVersion).toBe(state.version);
    state = applyEffect(state, effect);
    effects.push(effect);
  }
  return { state, effects };
}

describe('the whole loop', () => {
  it('submit → accept → assign → answer → report back → unsatisfied → redo → answer → satisfied → closed', () => {
    const { state, effects } = run(submitted(), [
      ['accept', deputy, {}, T0 + HOUR],
      ['route', deputy, { route: 'assign', unitId: 'street-1', note: '请南街街道办理' }, T0 + 2 * HOUR],
      ['unit_answer', unit, { note: '已安排维修，路灯恢复照明。' }, T0 + 3 * DAY],
      ['report_back', deputy, { note: '我去现场看过了，路灯已经亮了。' }, T0 + 3 * DAY + HOUR],
      ['rate', resident, { rating: 'unsatisfied', note: '只修了一盏' }, T0 + 4 * DAY],
      ['redo', deputy, { note: '另外两盏也要修好' }, T0 + 4 * DAY + HOUR],
      ['unit_answer', unit, { note: '三盏路灯都已修复。' }, T0 + 7 * DAY],
      ['rate', resident, { rating: 'satisfied' }, T0 + 8 * DAY],
    ]);

    expect(effects.map((e) => `${e.event.type} ${e.from}→${e.to}`)).toEqual([
      'accepted submitted→accepted',
      'routed_assign accepted→in_progress',
      'unit_answered in_progress→answered',
      'reported_back answered→answered',
      'rated answered→answered',
      'redone answered→in_progress',
      'unit_answered in_progress→answered',
      'rated answered→closed',
    ]);
    expect(effects.map((e) => e.notify)).toEqual([
      ['resident'],
      ['resident', 'unit'],
      ['resident', 'deputy'],
      ['resident'],
      ['deputy', 'unit'],
      ['resident', 'unit'],
      ['resident', 'deputy'],
      ['deputy', 'unit'],
    ]);
    expect(state).toMatchObject({
      status: 'closed',
      version: 9,
      rating: 'satisfied',
      closedBy: 'rating',
      route: 'assign',
      unitId: 'street-1',
    });

    // The clocks: 10 working days from acceptance, stopped by the answer, a new one for the redo.
    expect(effects[0].deadline).toEqual({
      op: 'start',
      startAt: T0 + HOUR,
      workingDays: 10,
      reason: 'accept',
    });
    expect(effects[1].deadline).toBeNull();
    expect(effects[2].deadline).toEqual({ op: 'stop', at: T0 + 3 * DAY });
    expect(effects[5].deadline).toEqual({
      op: 'start',
      startAt: T0 + 4 * DAY + HOUR,
      workingDays: 10,
      reason: 'redo',
    });
    expect(state.clock).toEqual({
      startAt: T0 + 4 * DAY + HOUR,
      workingDays: 10,
      round: 'redo',
      stoppedAt: T0 + 7 * DAY,
    });
    const due = computeDeadline(
      { ...state.clock!, pauses: state.pauses, now: T0 + 7 * DAY },
      officialCalendar,
    );
    expect(due.dueDate).toBe('2026-03-20'); // redone Friday 6 March: ten working days from Monday 9th

    // The events carry who, when, from, to and the note.
    expect(effects[2].event).toEqual({
      type: 'unit_answered',
      at: T0 + 3 * DAY,
      actor: unit,
      from: 'in_progress',
      to: 'answered',
      note: '已安排维修，路灯恢复照明。',
      detail: null,
    });
    expect(effects[4].event).toMatchObject({ note: '只修了一盏', detail: { rating: 'unsatisfied' } });
  });

  it('makes two actors deciding on the same case write conditionally on the same version', () => {
    const start = submitted();
    const staff: Actor = { role: 'staff', id: 'station-1', name: '周敏' };
    const first = must(decide(start, 'accept', deputy, {}, T0));
    const second = must(decide(start, 'accept', staff, {}, T0));
    // Only one update can find version 1; the loser decides again on the fresh case and is refused.
    expect([first.ifVersion, second.ifVersion]).toEqual([1, 1]);
    const after = applyEffect(start, first);
    expect(after.version).toBe(2);
    expect(refused(decide(after, 'accept', staff, {}, T0)).message).toBe(
      '这条诉求当前为「已受理」，不能受理',
    );
  });
});

describe('accept, reply and decline', () => {
  it('answers on the spot from a new case, which then counts as accepted', () => {
    const effect = must(decide(submitted(), 'reply', deputy, { note: '明天上午就修。' }, T0));
    expect(effect).toMatchObject({ from: 'submitted', to: 'answered', notify: ['resident'] });
    expect(effect.set).toMatchObject({ acceptedAt: T0, answeredAt: T0, rating: null });
    expect(effect.deadline).toBeNull(); // no clock was running
  });

  it('lets a further reply restart the rating window, but not after a rating', () => {
    const answered = applyEffect(
      submitted(),
      must(decide(submitted(), 'reply', deputy, { note: '已处理' }, T0)),
    );
    const again = must(decide(answered, 'reply', deputy, { note: '补充：施工队周三进场' }, T0 + DAY));
    expect(again).toMatchObject({ to: 'answered', set: { answeredAt: T0 + DAY } });
    const rated = applyEffect(
      answered,
      must(decide(answered, 'rate', resident, { rating: 'unsatisfied' }, T0 + DAY)),
    );
    const failure = refused(decide(rated, 'reply', deputy, { note: '再补充' }, T0 + 2 * DAY));
    expect(failure).toMatchObject({ code: 'CASE.TRANSITION_FORBIDDEN' });
    expect(failure.message).toBe('这条诉求当前为「已答复」，群众已经评价过了，不能答复');
  });

  it('declines with a written explanation, which is required, and then nothing more happens', () => {
    const missing = refused(decide(submitted(), 'decline', deputy, { note: ' ' }, T0));
    expect(missing).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { note: expect.stringContaining('解释说明') },
    });

    const effect = must(
      decide(
        submitted(),
        'decline',
        deputy,
        { note: '该事项属于民事纠纷，建议向人民调解委员会申请调解。' },
        T0,
      ),
    );
    expect(effect).toMatchObject({ to: 'declined', notify: ['resident'], event: { type: 'declined' } });
    const declined = applyEffect(submitted(), effect);
    expect(allowedActions(declined, 'deputy')).toEqual([]);
    expect(allowedActions(declined, 'resident')).toEqual([]);
    expect(refused(decide(declined, 'accept', deputy, {}, T0)).message).toBe(
      '这条诉求当前为「已说明」，不能受理',
    );
  });

  it('names the role that may not act, and the resident who is not the submitter', () => {
    expect(refused(decide(submitted(), 'accept', resident, {}, T0))).toMatchObject({
      code: 'AUTH.FORBIDDEN',
      message: '群众无权受理',
    });
    const answered = applyEffect(
      submitted(),
      must(decide(submitted(), 'reply', deputy, { note: '已处理' }, T0)),
    );
    expect(
      refused(
        decide(
          answered,
          'rate',
          { role: 'resident', id: 'o-someone-else', name: '群众' },
          { rating: 'satisfied' },
          T0,
        ),
      ),
    ).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(refused(decide(answered, 'rate', resident, { rating: 'great' }, T0))).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { rating: '请选择满意程度' },
    });
    expect(refused(decide(answered, 'fly' as CaseAction, deputy, {}, T0))).toMatchObject({
      code: 'INPUT.INVALID',
    });
  });
});

describe('routing', () => {
  const accepted = (overrides: Partial<CaseState> = {}) =>
    applyEffect(submitted(overrides), must(decide(submitted(overrides), 'accept', deputy, {}, T0)));

  it('shortens the clock when handled directly, from the same start', () => {
    const complaint = accepted({ kind: 'complaint' });
    expect(complaint.clock).toMatchObject({ startAt: T0, workingDays: 15 });
    const effect = must(decide(complaint, 'route', deputy, { route: 'direct' }, T0 + DAY));
    expect(effect.deadline).toEqual({ op: 'start', startAt: T0, workingDays: 5, reason: 'route' });
    expect(effect.set).toMatchObject({ route: 'direct', unitId: null });
    expect(effect.notify).toEqual(['resident']);
    // An inquiry's 2 days are already shorter than direct handling's 5: no change.
    expect(
      must(decide(accepted({ kind: 'inquiry' }), 'route', deputy, { route: 'direct' }, T0)).deadline,
    ).toBeNull();
  });

  it('needs a unit for every route but direct', () => {
    for (const route of ['assign', 'transfer', 'escalate']) {
      expect(refused(decide(accepted(), 'route', deputy, { route }, T0))).toMatchObject({
        code: 'INPUT.INVALID',
        fields: { unitId: '请选择承办单位' },
      });
    }
    expect(refused(decide(accepted(), 'route', deputy, { route: 'somewhere' }, T0)).fields).toEqual({
      route: '请选择办理方式',
    });
  });

  it('sends a transfer to the office for review first; the department sees it only once approved', () => {
    const route = must(
      decide(accepted(), 'route', deputy, { route: 'transfer', unitId: 'dept-housing' }, T0),
    );
    expect(route).toMatchObject({ to: 'pending_review', notify: ['resident', 'office'] });
    const pending = applyEffect(accepted(), route);
    const dept: Actor = { role: 'unit', id: 'dept-housing', name: '东街街道办事处' };
    expect(refused(decide(pending, 'unit_answer', dept, { note: '已处理完毕' }, T0)).code).toBe(
      'CASE.TRANSITION_FORBIDDEN',
    );
    expect(refused(decide(pending, 'approve_transfer', deputy, {}, T0)).code).toBe('AUTH.FORBIDDEN');
    expect(refused(decide(pending, 'reply', deputy, { note: '我来答复' }, T0)).code).toBe(
      'CASE.TRANSITION_FORBIDDEN',
    );

    const approved = must(decide(pending, 'approve_transfer', office, {}, T0 + HOUR));
    expect(approved).toMatchObject({ to: 'in_progress', notify: ['resident', 'deputy', 'unit'] });
    expect(allowedActions(applyEffect(pending, approved), 'unit')).toEqual([
      'unit_answer',
      'unit_return',
      'pause_clock',
    ]);

    const rejected = must(
      decide(pending, 'reject_transfer', office, { note: '属区级事权，请交办街道' }, T0 + HOUR),
    );
    expect(rejected).toMatchObject({
      to: 'accepted',
      set: { route: null, unitId: null },
      notify: ['resident', 'deputy'],
    });
    expect(refused(decide(pending, 'reject_transfer', office, {}, T0)).fields).toHaveProperty('note');
  });

  it('lets the unit send a case back with a reason, to be routed again; the clock keeps running', () => {
    const assigned = run(accepted(), [['route', deputy, { route: 'assign', unitId: 'street-1' }, T0]]).state;
    const other: Actor = { role: 'unit', id: 'street-2', name: '东街街道办事处' };
    expect(refused(decide(assigned, 'unit_return', other, { note: '不归我们管' }, T0))).toMatchObject({
      code: 'AUTH.FORBIDDEN',
      message: '这条诉求没有交给您的单位办理',
    });
    const back = must(decide(assigned, 'unit_return', unit, { note: '该路段属于市政管辖' }, T0 + DAY));
    expect(back).toMatchObject({ to: 'accepted', set: { route: null, unitId: null }, deadline: null });
    expect(back.notify).toEqual(['resident', 'deputy']);
    expect(allowedActions(applyEffect(assigned, back), 'deputy')).toContain('route');
  });
});

describe('merging a duplicate', () => {
  it('merges into an earlier case, and tells the resident of each', () => {
    const later = submitted({ id: 'case-10', createdAt: T0 + DAY });
    const effect = must(
      decide(
        later,
        'merge',
        deputy,
        { into: { id: 'case-9', createdAt: T0, status: 'in_progress' }, note: '与 case-9 为同一路灯' },
        T0 + 2 * DAY,
      ),
    );
    expect(effect).toMatchObject({
      to: 'merged',
      set: { mergedInto: 'case-9' },
      notify: ['resident'],
      event: { type: 'merged', detail: { intoCaseId: 'case-9' } },
      counterpart: {
        caseId: 'case-9',
        notify: ['resident'],
        event: { type: 'merge_received', from: null, to: null, detail: { fromCaseId: 'case-10' } },
      },
    });
  });

  it.each([
    [{ id: 'case-10', createdAt: T0, status: 'accepted' }, '不能合并到这条诉求自己'],
    [{ id: 'case-11', createdAt: T0 + 2 * DAY, status: 'accepted' }, '只能合并到更早提交的诉求'],
    [{ id: 'case-8', createdAt: T0, status: 'merged' }, '那条诉求也已合并，请合并到最早的那条'],
    [undefined, '请选择要合并到的诉求'],
  ])('refuses a merge into %j', (into, message) => {
    const later = submitted({ id: 'case-10', createdAt: T0 + DAY });
    expect(refused(decide(later, 'merge', deputy, { into }, T0 + 2 * DAY))).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { into: message },
    });
  });
});

describe('supervision (督办) is a flag', () => {
  const inProgress = () =>
    run(submitted(), [
      ['accept', deputy, {}, T0],
      ['route', deputy, { route: 'assign', unitId: 'street-1' }, T0],
    ]).state;

  it('is set by the office without changing the status, once', () => {
    const effect = must(decide(inProgress(), 'supervise', office, { note: '列为重点件' }, T0 + DAY));
    expect(effect).toMatchObject({ to: 'in_progress', set: { supervised: true }, deadline: null });
    expect(effect.notify).toEqual(['resident', 'deputy', 'unit']);
    const supervised = applyEffect(inProgress(), effect);
    expect(refused(decide(supervised, 'supervise', office, {}, T0)).message).toBe(
      '这条诉求当前为「办理中」，已在督办中，不能督办',
    );
    // From now on the office hears of every status change.
    expect(must(decide(supervised, 'unit_answer', unit, { note: '已修复' }, T0 + 2 * DAY)).notify).toEqual([
      'resident',
      'deputy',
      'office',
    ]);
  });

  it('is set by the deadline sweep after repeated lateness, and then the office is told', () => {
    const effect = must(decide(inProgress(), 'supervise', system, { note: '两次逾期，自动列入督办' }, T0));
    expect(effect.notify).toEqual(['resident', 'deputy', 'unit', 'office']);
    expect(refused(decide(inProgress(), 'supervise', deputy, {}, T0)).code).toBe('AUTH.FORBIDDEN');
  });

  it('after an unsatisfied rating, sends the case back under supervision with a new clock', () => {
    const rated = run(inProgress(), [
      ['unit_answer', unit, { note: '已修复' }, T0 + DAY],
      ['rate', resident, { rating: 'unsatisfied' }, T0 + 2 * DAY],
    ]).state;
    expect(rated).toMatchObject({ status: 'answered', rating: 'unsatisfied' });
    expect(allowedActions(rated, 'deputy')).toEqual(['report_back', 'supervise', 'redo']);
    expect(allowedActions(rated, 'resident')).toEqual([]);
    const effect = must(decide(rated, 'supervise', deputy, {}, T0 + 3 * DAY));
    expect(effect).toMatchObject({
      to: 'in_progress',
      set: { supervised: true, rating: null, answeredAt: null },
      deadline: { op: 'start', startAt: T0 + 3 * DAY, workingDays: 10, reason: 'redo' },
    });
    expect(effect.notify).toEqual(['resident', 'unit', 'office']);
  });
});

describe('rating and closing by time', () => {
  const answered = () =>
    run(submitted({ kind: 'inquiry' }), [['reply', deputy, { note: '开放时间为工作日 9:00–17:00。' }, T0]])
      .state;

  it.each([
    ['satisfied', 'closed', 'rating'],
    ['basically_satisfied', 'closed', 'rating'],
    ['unsatisfied', 'answered', undefined],
  ])('%s → %s', (rating, to, closedBy) => {
    const effect = must(decide(answered(), 'rate', resident, { rating, note: '谢谢' }, T0 + DAY));
    expect(effect.to).toBe(to);
    expect(effect.set.closedBy).toBe(closedBy);
    expect(effect.notify).toEqual(['deputy']);
    expect(refused(decide(applyEffect(answered(), effect), 'rate', resident, { rating }, T0)).code).toBe(
      'CASE.TRANSITION_FORBIDDEN',
    );
  });

  it('closes an unrated answer once the rating window has passed, and counts it as closed by time', () => {
    const window = DEFAULT_DEADLINES.ratingWindowDays * DAY;
    expect(refused(decide(answered(), 'close_by_time', system, {}, T0 + window - 1)).message).toBe(
      `这条诉求当前为「已答复」，评价期（${DEFAULT_DEADLINES.ratingWindowDays} 天）未满，不能超时办结`,
    );
    const effect = must(decide(answered(), 'close_by_time', system, {}, T0 + window));
    expect(effect).toMatchObject({ to: 'closed', set: { closedBy: 'time' }, notify: ['resident', 'deputy'] });
    expect(refused(decide(answered(), 'close_by_time', deputy, {}, T0 + window)).code).toBe('AUTH.FORBIDDEN');
  });
});

describe('pausing the clock', () => {
  const assigned = () =>
    run(submitted(), [
      ['accept', deputy, {}, T0],
      ['route', deputy, { route: 'assign', unitId: 'street-1' }, T0],
    ]).state;

  it('records each pause with its reason, and extends the deadline by the working days paused', () => {
    const pausedAt = T0 + DAY + HOUR; // Tuesday 3 March
    const resumedAt = T0 + 3 * DAY + 6 * HOUR; // Thursday 5 March
    const { state, effects } = run(assigned(), [
      ['pause_clock', unit, { note: '等待群众提供房屋产权证明' }, pausedAt],
      ['resume_clock', unit, {}, resumedAt],
    ]);
    expect(effects[0]).toMatchObject({
      to: 'in_progress',
      set: { clockPaused: true, pauses: [{ from: pausedAt, to: null, reason: '等待群众提供房屋产权证明' }] },
      deadline: null,
      notify: ['resident', 'deputy'],
      event: { type: 'clock_paused' },
    });
    expect(effects[1]).toMatchObject({
      set: { clockPaused: false, pauses: [{ from: pausedAt, to: resumedAt }] },
      deadline: { op: 'extend' },
      notify: ['resident', 'deputy'],
      event: { type: 'clock_resumed' },
    });
    const due = computeDeadline({ ...state.clock!, pauses: state.pauses, now: resumedAt }, officialCalendar);
    expect(due).toMatchObject({ dueDate: '2026-03-18', pausedWorkingDays: 2 }); // 16 March without the pause
  });

  it('pauses once at a time, and resumes only a paused clock', () => {
    const paused = run(assigned(), [['pause_clock', deputy, { note: '等待群众补充照片' }, T0 + DAY]]).state;
    expect(refused(decide(paused, 'pause_clock', deputy, { note: '再等等' }, T0)).message).toContain(
      '计时已经暂停',
    );
    expect(refused(decide(assigned(), 'resume_clock', deputy, {}, T0)).message).toContain('计时没有暂停');
    expect(refused(decide(assigned(), 'pause_clock', deputy, {}, T0)).fields).toHaveProperty('note');
  });

  it('ends an open pause when the case leaves the statuses a clock can pause in', () => {
    const paused = run(assigned(), [['pause_clock', unit, { note: '等待群众补充照片' }, T0 + DAY]]).state;
    const effect = must(decide(paused, 'unit_answer', unit, { note: '已处理' }, T0 + 2 * DAY));
    expect(effect.set).toMatchObject({
      clockPaused: false,
      pauses: [{ from: T0 + DAY, to: T0 + 2 * DAY }],
      answeredAt: T0 + 2 * DAY,
    });
    expect(effect.deadline).toEqual({ op: 'stop', at: T0 + 2 * DAY });
  });
});

describe('failures are values with stable codes', () => {
  it('never throws, for any action on any status by any role with any input', () => {
    const inputs: unknown[] = [
      undefined,
      null,
      'x',
      42,
      {},
      { note: 7, route: {}, rating: [], into: 'case-1' },
    ];
    for (const status of STATUSES) {
      for (const action of CASE_ACTIONS) {
        for (const role of ACTOR_ROLES) {
          for (const input of inputs) {
            const result = decide(sample(status, KNOBS[0]), action, ACTORS[role], input, LATER);
            if (isFailure(result))
              expect(['AUTH.FORBIDDEN', 'CASE.TRANSITION_FORBIDDEN', 'INPUT.INVALID']).toContain(result.code);
          }
        }
      }
    }
  });
});
