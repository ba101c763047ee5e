import { officialCalendar } from '../../cloudfunctions/_lib/calendar';
import {
  deputyRecord,
  percent,
  type AttendanceDay,
  type RecordCase,
  type RecordEvent,
} from '../../miniprogram/core/deputy-record';
import {
  applyEffect,
  decide,
  INITIAL_FACTS,
  type ActionInput,
  type Actor,
  type CaseState,
} from '../../miniprogram/core/lifecycle';
import type { CaseAction, CaseKind } from '../../miniprogram/core/model';
import { type Period, yearPeriod } from '../../miniprogram/core/china-time';

/**
 * The deputy record computed from event logs. The cases are not written by hand: each one is driven
 * through the real lifecycle (core/lifecycle.ts `decide`), so its events, clock and pauses are the
 * ones the functions store. Dates are China-local; the calendar is the real 2026 one (Spring
 * Festival 15–23 February with make-up Saturday 14 February).
 */

const china = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+08:00`);

const DEPUTY = 'deputy-lin';
const deputy: Actor = { role: 'deputy', id: DEPUTY, name: '林晓红' };
const otherDeputy: Actor = { role: 'deputy', id: 'deputy-chen', name: '陈建国' };
const staff: Actor = { role: 'staff', id: 'station-gulou-home', name: '鼓楼区人大代表之家' };
const unit: Actor = { role: 'unit', id: 'dept-dongjie', name: '东街街道办事处' };
const resident: Actor = { role: 'resident', id: 'o-resident', name: '群众' };
const office: Actor = { role: 'office', id: 'office', name: '代表工委' };

/** One step of a case's story: who does what, when (China-local "YYYY-MM-DD HH:mm"). */
type Step = [when: string, actor: Actor, action: CaseAction, input?: ActionInput];

let seq = 0;

/** A case submitted at `created` and driven through the lifecycle step by step, as stored. */
function story(
  created: string,
  steps: Step[],
  options: { kind?: CaseKind; deputyId?: string | null } = {},
): RecordCase {
  seq += 1;
  const at = (when: string) => china(when.slice(0, 10), when.slice(11) || '10:00');
  let state: CaseState = {
    ...INITIAL_FACTS,
    id: `case-${seq}`,
    status: 'submitted',
    version: 1,
    kind: options.kind ?? 'help',
    openid: resident.id,
    createdAt: at(created),
  };
  const events: RecordEvent[] = [
    { type: 'submitted', at: state.createdAt, actor: { role: 'resident', id: resident.id } },
  ];
  for (const [when, actor, action, input] of steps) {
    const decision = decide(state, action, actor, input ?? {}, at(when));
    if (!decision.ok) throw new Error(`${state.id} ${action} at ${when}: ${decision.message}`);
    const e = decision.data.event;
    events.push({ type: e.type, at: e.at, actor: e.actor, from: e.from, detail: e.detail });
    state = applyEffect(state, decision.data);
  }
  return {
    id: state.id,
    deputyId: options.deputyId === undefined ? DEPUTY : options.deputyId,
    createdAt: state.createdAt,
    clock: state.clock,
    pauses: state.pauses,
    events,
  };
}

const assign = { route: 'assign' as const, unitId: unit.id };
const answer = { note: '已安排维修，本周内修复。' };
const rate = (rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied') => ({ rating });

const YEAR: Period = yearPeriod(2026);
const record = (cases: RecordCase[], period: Period = YEAR, attendance: AttendanceDay[] = []) =>
  deputyRecord({ deputyId: DEPUTY, cases, attendance, period, calendar: officialCalendar });

describe('yearPeriod and percent', () => {
  it('a year is 1 January to 31 December, China-local', () => {
    expect(yearPeriod(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it.each([
    [291 / 300, '97.0%'],
    [9 / 300, '3.0%'],
    [1, '100.0%'],
    [0.9961, '99.6%'],
    [0.8767, '87.7%'],
    [0, '0.0%'],
    [null, '—'],
  ])('%p is shown as %s', (rate, shown) => {
    expect(percent(rate)).toBe(shown);
  });
});

describe('satisfaction: (satisfied + basically satisfied) / rated', () => {
  it("reproduces Wuxi's figures: 291 satisfied and 9 basically satisfied of 300 rated is 100%", () => {
    const cases = Array.from({ length: 300 }, (_, i) =>
      story('2026-03-02 09:00', [
        ['2026-03-02 10:00', deputy, 'accept'],
        ['2026-03-03 10:00', deputy, 'reply', answer],
        ['2026-03-04 10:00', resident, 'rate', rate(i < 291 ? 'satisfied' : 'basically_satisfied')],
      ]),
    );
    const figures = record(cases);
    expect(figures).toMatchObject({
      received: 300,
      accepted: 300,
      answered: 300,
      answeredOnTime: 300,
      rated: 300,
      satisfied: 291,
      basicallySatisfied: 9,
      unsatisfied: 0,
      satisfactionRate: 1,
    });
    expect(percent(figures.satisfied / figures.rated)).toBe('97.0%');
    expect(percent(figures.basicallySatisfied / figures.rated)).toBe('3.0%');
    expect(percent(figures.satisfactionRate)).toBe('100.0%');
  });

  const redone = () =>
    story('2026-03-02 09:00', [
      ['2026-03-02 10:00', deputy, 'accept'],
      ['2026-03-02 11:00', deputy, 'route', assign],
      ['2026-03-05 10:00', unit, 'unit_answer', answer],
      ['2026-03-06 10:00', resident, 'rate', rate('unsatisfied')],
      ['2026-03-06 15:00', deputy, 'redo', { note: '请彻底排查线路' }],
      ['2026-03-12 10:00', unit, 'unit_answer', answer],
      ['2026-03-13 10:00', resident, 'rate', rate('satisfied')],
    ]);

  it.each<[string, Period, object]>([
    [
      'a redone case counts once, with its final rating',
      YEAR,
      { rated: 1, satisfied: 1, unsatisfied: 0, satisfactionRate: 1 },
    ],
    [
      'in a period that ends before the second rating, its rating then',
      { from: '2026-03-01', to: '2026-03-10' },
      { rated: 1, satisfied: 0, unsatisfied: 1, satisfactionRate: 0 },
    ],
    [
      'in a period after both ratings, nothing',
      { from: '2026-04-01', to: '2026-04-30' },
      { rated: 0, satisfactionRate: null },
    ],
  ])('%s', (_, period, expected) => {
    expect(record([redone()], period)).toMatchObject(expected);
  });

  it('counts each rating kind; an unrated case or one closed by time is not rated', () => {
    const answered = (steps: Step[]) =>
      story('2026-05-11 09:00', [
        ['2026-05-11 10:00', deputy, 'accept'],
        ['2026-05-12 10:00', deputy, 'reply', answer],
        ...steps,
      ]);
    const figures = record([
      answered([['2026-05-13 10:00', resident, 'rate', rate('satisfied')]]),
      answered([['2026-05-13 10:00', resident, 'rate', rate('basically_satisfied')]]),
      answered([['2026-05-13 10:00', resident, 'rate', rate('unsatisfied')]]),
      answered([['2026-05-20 10:00', { role: 'system', id: 'system', name: '系统' }, 'close_by_time']]),
      answered([]),
    ]);
    expect(figures).toMatchObject({ rated: 3, satisfied: 1, basicallySatisfied: 1, unsatisfied: 1 });
    expect(figures.satisfactionRate).toBeCloseTo(2 / 3);
  });
});

describe('answered on time: lateness of the first answer against the clock running then', () => {
  // An inquiry has 2 working days, help 10; the day of acceptance is not counted.
  it.each<[string, CaseKind, Step[], boolean | null]>([
    [
      'help accepted Monday 2 March, answered Tuesday 10 March (due 16 March): on time',
      'help',
      [
        ['2026-03-02 10:00', deputy, 'accept'],
        ['2026-03-10 10:00', deputy, 'reply', answer],
      ],
      true,
    ],
    [
      'inquiry accepted Monday 2 March, answered Friday 6 March (due 4 March): late',
      'inquiry',
      [
        ['2026-03-02 10:00', deputy, 'accept'],
        ['2026-03-06 10:00', deputy, 'reply', answer],
      ],
      false,
    ],
    [
      'inquiry accepted Thursday 12 February: the make-up Saturday 14th is day 2, answered that evening: on time',
      'inquiry',
      [
        ['2026-02-12 10:00', deputy, 'accept'],
        ['2026-02-14 22:00', deputy, 'reply', answer],
      ],
      true,
    ],
    [
      'the same, answered after the Spring Festival on 24 February: late',
      'inquiry',
      [
        ['2026-02-12 10:00', deputy, 'accept'],
        ['2026-02-24 09:00', deputy, 'reply', answer],
      ],
      false,
    ],
    [
      'a complaint (15 days) the deputy assigned, answered by the unit on 20 March (due 23 March): on time',
      'complaint',
      [
        ['2026-03-02 10:00', deputy, 'accept'],
        ['2026-03-02 11:00', deputy, 'route', assign],
        ['2026-03-20 10:00', unit, 'unit_answer', answer],
      ],
      true,
    ],
    [
      'paused while waiting for the resident 3–6 March: the deadline moves to 9 March, answered 6 March: on time',
      'inquiry',
      [
        ['2026-03-02 10:00', deputy, 'accept'],
        ['2026-03-03 10:00', deputy, 'pause_clock', { note: '等待群众补充材料' }],
        ['2026-03-06 09:00', deputy, 'resume_clock'],
        ['2026-03-06 10:00', deputy, 'reply', answer],
      ],
      true,
    ],
    [
      'answered on the spot, straight from submitted: answered, but no clock, so not in the rate',
      'inquiry',
      [['2026-03-02 10:00', deputy, 'reply', answer]],
      null,
    ],
  ])('%s', (_, kind, steps, onTime) => {
    const figures = record([story('2026-02-12 09:00', steps, { kind })]);
    expect(figures.answered).toBe(1);
    expect(figures.answeredWithDeadline).toBe(onTime === null ? 0 : 1);
    expect(figures.answeredOnTime).toBe(onTime ? 1 : 0);
    expect(figures.onTimeRate).toBe(onTime === null ? null : onTime ? 1 : 0);
  });

  it('one late answer among three with a clock, and one with none: 2/3 on time, 4 answered', () => {
    const figures = record([
      story('2026-03-02 09:00', [
        ['2026-03-02 10:00', deputy, 'accept'],
        ['2026-03-03 10:00', deputy, 'reply', answer],
      ]),
      story('2026-03-02 09:00', [
        ['2026-03-02 10:00', deputy, 'accept'],
        ['2026-03-04 16:00', deputy, 'reply', answer],
      ]),
      story(
        '2026-03-02 09:00',
        [
          ['2026-03-02 10:00', deputy, 'accept'],
          ['2026-03-05 10:00', deputy, 'reply', answer],
        ],
        { kind: 'inquiry' },
      ),
      story('2026-03-02 09:00', [['2026-03-02 10:00', deputy, 'reply', answer]]),
    ]);
    expect(figures).toMatchObject({ answered: 4, answeredWithDeadline: 3, answeredOnTime: 2 });
    expect(percent(figures.onTimeRate)).toBe('66.7%');
  });

  /**
   * Inquiry accepted 2 March (due 4 March), first answered 6 March: late. Unsatisfied, redone
   * 20 March with a new clock (2 days, due 24 March), answered again 23 March: in time.
   */
  const lateThenRedone = () =>
    story(
      '2026-03-02 09:00',
      [
        ['2026-03-02 10:00', deputy, 'accept'],
        ['2026-03-06 10:00', deputy, 'reply', answer],
        ['2026-03-09 10:00', resident, 'rate', rate('unsatisfied')],
        ['2026-03-20 10:00', deputy, 'redo', { note: '请再核实' }],
        ['2026-03-23 10:00', deputy, 'reply', answer],
      ],
      { kind: 'inquiry' },
    );

  it('judges a redone case by its first answer in the period, against the clock rebuilt from the events', () => {
    const c = lateThenRedone();
    // The stored clock is the redo's: judged by it, the first answer would look early, not late.
    expect(c.clock).toMatchObject({ round: 'redo', startAt: china('2026-03-20') });
    expect(record([c])).toMatchObject({ answered: 1, answeredWithDeadline: 1, answeredOnTime: 0 });
  });

  it('and in a period holding only the redo answer, against the redo clock stored on the case', () => {
    expect(record([lateThenRedone()], { from: '2026-03-20', to: '2026-03-31' })).toMatchObject({
      answered: 1,
      answeredWithDeadline: 1,
      answeredOnTime: 1,
      onTimeRate: 1,
    });
  });

  it('takes the stored clock for the current round: a clock started earlier makes the same answer late', () => {
    const c = story('2026-03-02 09:00', [
      ['2026-03-02 10:00', deputy, 'accept'],
      ['2026-03-10 10:00', deputy, 'reply', answer],
    ]);
    expect(record([c]).answeredOnTime).toBe(1);
    const moved = { ...c, clock: { ...c.clock!, startAt: china('2026-01-05') } };
    expect(record([moved])).toMatchObject({ answered: 1, answeredOnTime: 0, onTimeRate: 0 });
  });
});

describe('what counts as this deputy’s work', () => {
  it('counts received by creation date, China time, at the year boundary', () => {
    const figures = record([
      story('2025-12-31 23:30', []),
      story('2026-01-01 00:10', []),
      story('2026-12-31 23:59', []),
      story('2027-01-01 00:00', []),
    ]);
    expect(figures.received).toBe(2);
  });

  it('counts received whatever became of the case: explained (解释说明) or not touched yet', () => {
    const figures = record([
      story('2026-04-01 09:00', [
        ['2026-04-01 10:00', deputy, 'decline', { note: '此事属于民事纠纷，建议通过人民调解解决。' }],
      ]),
      story('2026-04-01 09:00', []),
    ]);
    expect(figures).toMatchObject({ received: 2, accepted: 0, answered: 0, explained: 1 });
  });

  it('counts explanations apart from answers, by this deputy only, in the period they were given', () => {
    const note = { note: '此事属于民事纠纷，建议通过人民调解解决。' };
    const figures = record([
      story('2026-04-01 09:00', [['2026-04-01 10:00', deputy, 'decline', note]]),
      story('2026-04-01 09:00', [['2026-04-01 10:00', staff, 'decline', note]]),
      story('2025-12-31 09:00', [['2025-12-31 10:00', deputy, 'decline', note]]),
    ]);
    expect(figures).toMatchObject({ explained: 1, answered: 0, answeredWithDeadline: 0, onTimeRate: null });
  });

  it('accepted: by this deputy only, and a reply straight from submitted counts as accepted', () => {
    const figures = record([
      story('2026-04-01 09:00', [['2026-04-01 10:00', deputy, 'accept']]),
      story('2026-04-01 09:00', [['2026-04-01 10:00', deputy, 'reply', answer]]),
      story('2026-04-01 09:00', [['2026-04-01 10:00', staff, 'accept']]),
      story('2026-04-01 09:00', [['2026-04-01 10:00', otherDeputy, 'accept']], { deputyId: 'deputy-chen' }),
    ]);
    expect(figures).toMatchObject({ received: 3, accepted: 2, answered: 1 });
  });

  it('accepted and answered count in the period of the event, not of the case', () => {
    const c = story('2025-12-30 09:00', [
      ['2025-12-31 10:00', deputy, 'accept'],
      ['2026-01-05 10:00', deputy, 'reply', answer],
    ]);
    expect(record([c])).toMatchObject({ received: 0, accepted: 0, answered: 1, answeredOnTime: 1 });
    expect(record([c], yearPeriod(2025))).toMatchObject({ received: 1, accepted: 1, answered: 0 });
  });

  it('routed: per kind, each case once per kind; a transfer counts when proposed', () => {
    const figures = record([
      story('2026-04-01 09:00', [
        ['2026-04-01 10:00', deputy, 'accept'],
        ['2026-04-01 11:00', deputy, 'route', assign],
        ['2026-04-02 10:00', unit, 'unit_return', { note: '不属于本街道职责' }],
        ['2026-04-02 11:00', deputy, 'route', assign],
        ['2026-04-03 10:00', unit, 'unit_return', { note: '请转市级部门' }],
        ['2026-04-03 11:00', deputy, 'route', { route: 'transfer', unitId: 'dept-city-housing' }],
        ['2026-04-03 15:00', office, 'reject_transfer', { note: '请先由街道办理' }],
      ]),
      story('2026-04-01 09:00', [
        ['2026-04-01 10:00', deputy, 'accept'],
        ['2026-04-01 11:00', deputy, 'route', { route: 'direct' }],
      ]),
      story('2026-04-01 09:00', [
        ['2026-04-01 10:00', deputy, 'accept'],
        ['2026-04-01 11:00', deputy, 'route', { route: 'escalate', unitId: 'higher-congress' }],
      ]),
      story('2026-04-01 09:00', [
        ['2026-04-01 10:00', staff, 'accept'],
        ['2026-04-01 11:00', staff, 'route', assign],
      ]),
    ]);
    expect(figures.routed).toEqual({ direct: 1, assign: 1, transfer: 1, escalate: 1 });
    expect(figures.accepted).toBe(3);
  });

  it('answered: a unit answer counts only on a case this deputy routed; a staff reply does not count', () => {
    const figures = record([
      story('2026-04-01 09:00', [
        ['2026-04-01 10:00', deputy, 'accept'],
        ['2026-04-01 11:00', deputy, 'route', assign],
        ['2026-04-03 10:00', unit, 'unit_answer', answer],
      ]),
      story('2026-04-01 09:00', [
        ['2026-04-01 10:00', staff, 'accept'],
        ['2026-04-01 11:00', staff, 'route', assign],
        ['2026-04-03 10:00', unit, 'unit_answer', answer],
      ]),
      story('2026-04-01 09:00', [
        ['2026-04-01 10:00', staff, 'accept'],
        ['2026-04-02 10:00', staff, 'reply', answer],
      ]),
    ]);
    expect(figures).toMatchObject({ accepted: 1, answered: 1, answeredOnTime: 1 });
  });

  it("ignores other deputies' cases and counts a case given twice once", () => {
    const mine = story('2026-04-01 09:00', [
      ['2026-04-01 10:00', deputy, 'accept'],
      ['2026-04-02 10:00', deputy, 'reply', answer],
    ]);
    const theirs = story('2026-04-01 09:00', [['2026-04-01 10:00', otherDeputy, 'accept']], {
      deputyId: 'deputy-chen',
    });
    expect(record([mine, mine, theirs])).toMatchObject({ received: 1, accepted: 1, answered: 1 });
  });

  it('answers zeros and no rates when there is nothing', () => {
    expect(record([])).toEqual({
      period: YEAR,
      received: 0,
      accepted: 0,
      routed: { direct: 0, assign: 0, transfer: 0, escalate: 0 },
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
    });
  });
});

describe('reception days', () => {
  const day = (
    stationId: string,
    date: string,
    deputies: string[],
    present: string[] | null,
  ): AttendanceDay => ({ stationId, date, deputies, leader: 'leader-1', present });

  it.each<[string, AttendanceDay[], number, number]>([
    ['no attendance records (the collection does not exist yet)', [], 0, 0],
    [
      'rostered on three days, came on two, absent on one',
      [
        day('s1', '2026-01-12', [DEPUTY, 'deputy-chen'], [DEPUTY, 'deputy-chen']),
        day('s1', '2026-02-10', [DEPUTY, 'deputy-chen'], ['deputy-chen']),
        day('s1', '2026-03-10', [DEPUTY, 'deputy-chen'], [DEPUTY]),
      ],
      3,
      2,
    ],
    [
      'a day with no attendance taken yet is rostered, not attended',
      [day('s1', '2026-04-10', [DEPUTY, 'deputy-chen'], null)],
      1,
      0,
    ],
    [
      'days at two stations add up; days outside the year and days not rostered do not count',
      [
        day('s1', '2026-05-11', [DEPUTY], [DEPUTY]),
        day('s2', '2026-05-19', [DEPUTY, 'deputy-wang'], [DEPUTY]),
        day('s1', '2025-12-10', [DEPUTY], [DEPUTY]),
        day('s2', '2026-06-16', ['deputy-wang'], ['deputy-wang', DEPUTY]),
      ],
      2,
      2,
    ],
  ])('%s', (_, attendance, rostered, attended) => {
    expect(record([], YEAR, attendance)).toMatchObject({
      receptionDaysRostered: rostered,
      receptionDaysAttended: attended,
    });
  });
});
