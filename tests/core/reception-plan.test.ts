import { officialCalendar } from '../../cloudfunctions/_lib/calendar';
import type { ReceptionRule } from '../../miniprogram/core/reception';
import {
  changeReceptionDay,
  nextPlannedDays,
  planReceptionDays,
  validateRule,
  type ReceptionOverride,
} from '../../miniprogram/core/reception-plan';
import type { Failure } from '../../miniprogram/core/result';
import { isIsoDate } from '../../miniprogram/core/china-time';

/** Reception days as staff plan them, over 2026 with China's official calendar. */

const JIXIAN: ReceptionRule = { kind: 'day_of_month', day: 10, holidayPolicy: 'postpone' };

const dates = (rule: ReceptionRule, overrides: ReceptionOverride[], from = '2026-01-01', to = '2026-12-31') =>
  planReceptionDays(rule, overrides, from, to, officialCalendar).days.map((d) => d.date);

function failure(result: { ok: boolean }): Failure {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result as Failure;
}

function success<T>(result: { ok: true; data: T } | Failure): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.data;
}

describe('validateRule', () => {
  it('accepts the seeds’ rules, sorting lists and defaulting to 节假日顺延', () => {
    expect(validateRule({ kind: 'day_of_month', day: 10 })).toEqual({ ok: true, data: JIXIAN });
    expect(validateRule({ kind: 'nth_weekday', weekday: 2, nth: [-1, 3, 1], months: [11, 1, 5] })).toEqual({
      ok: true,
      data: {
        kind: 'nth_weekday',
        weekday: 2,
        nth: [1, 3, -1],
        months: [1, 5, 11],
        holidayPolicy: 'postpone',
      },
    });
    expect(validateRule({ ...JIXIAN, holidayPolicy: 'keep' }).ok).toBe(true);
  });

  it.each([
    ['kind', { kind: 'weekly', day: 1 }, '请选择接待日规则（每月几日或第几个星期几）'],
    ['day', { kind: 'day_of_month', day: 0 }, '日期应为每月 1 日到 31 日'],
    ['day', { kind: 'day_of_month', day: 32 }, '日期应为每月 1 日到 31 日'],
    ['day', { kind: 'day_of_month', day: 10.5 }, '日期应为每月 1 日到 31 日'],
    ['day', { kind: 'day_of_month', day: '10' }, '日期应为每月 1 日到 31 日'],
    ['weekday', { kind: 'nth_weekday', weekday: 7, nth: [1] }, '请选择星期几'],
    ['nth', { kind: 'nth_weekday', weekday: 2, nth: [] }, '请选择第几个（第一个到第五个，或最后一个）'],
    ['nth', { kind: 'nth_weekday', weekday: 2, nth: [6] }, '第几个应为 1 到 5，或最后一个'],
    ['nth', { kind: 'nth_weekday', weekday: 2, nth: [0] }, '第几个应为 1 到 5，或最后一个'],
    ['nth', { kind: 'nth_weekday', weekday: 2, nth: [1, 1] }, '第几个有重复'],
    ['months', { kind: 'day_of_month', day: 15, months: [0, 3] }, '月份应为 1 到 12'],
    ['months', { kind: 'day_of_month', day: 15, months: [13] }, '月份应为 1 到 12'],
    ['months', { kind: 'day_of_month', day: 15, months: [1, 3, 3] }, '月份有重复'],
    ['months', { kind: 'day_of_month', day: 15, months: [] }, '请至少选择一个月份，或不限月份'],
    ['holidayPolicy', { kind: 'day_of_month', day: 10, holidayPolicy: 'skip' }, '请选择节假日的处理方式'],
  ])('refuses a bad %s: %j', (field, input, message) => {
    expect(failure(validateRule(input))).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { [field]: message },
    });
  });

  it.each([
    ['the 31st in February, April and June', { kind: 'day_of_month', day: 31, months: [2, 4, 6] }],
    ['the 30th of February', { kind: 'day_of_month', day: 30, months: [2] }],
    ['the 29th of February (leap years only)', { kind: 'day_of_month', day: 29, months: [2] }],
    ['the fifth Tuesday of February', { kind: 'nth_weekday', weekday: 2, nth: [5], months: [2] }],
    [
      'the fifth Tuesday of January (none in 2026)',
      { kind: 'nth_weekday', weekday: 2, nth: [5], months: [1] },
    ],
  ])('refuses a rule that leaves a year without a reception day: %s', (_, input) => {
    const result = failure(validateRule(input));
    expect(result.code).toBe('RECEPTION.RULE_EMPTY');
    expect(result.message).toBe('按这条规则，有的年份一个接待日也没有，请检查日期和月份');
  });

  it.each([
    ['the 31st of every month', { kind: 'day_of_month', day: 31 }, 7],
    ['the 29th of February and March', { kind: 'day_of_month', day: 29, months: [2, 3] }, 1],
    ['the fifth Tuesday of any month', { kind: 'nth_weekday', weekday: 2, nth: [5] }, 4],
    ['the last Friday of December', { kind: 'nth_weekday', weekday: 5, nth: [-1], months: [12] }, 1],
  ])('accepts a rule that skips some months but never a whole year: %s', (_, input, in2026) => {
    const rule = success(validateRule(input));
    expect(dates({ ...rule, holidayPolicy: 'keep' }, [])).toHaveLength(in2026);
  });
});

describe('planReceptionDays', () => {
  it('without changes, is the rule’s dates, showing where the holiday policy moved one', () => {
    const plan = planReceptionDays(JIXIAN, [], '2026-01-01', '2026-12-31', officialCalendar);
    expect(plan.days).toHaveLength(12);
    expect(plan.days[0]).toEqual({
      date: '2026-01-12',
      origin: 'rule',
      originDate: '2026-01-12',
      ruleDate: '2026-01-10',
      movedFrom: null,
      reason: null,
      onHoliday: false,
    });
    expect(plan.cancelled).toEqual([]);
    expect(plan.ignored).toEqual([]);
    expect(plan.uncoveredYears).toEqual([]);
  });

  it('moves, cancels and adds single days with their reasons', () => {
    const plan = planReceptionDays(
      JIXIAN,
      [
        { kind: 'move', date: '2026-03-10', to: '2026-03-12', reason: '会议室检修' },
        { kind: 'cancel', date: '2026-04-10', reason: '防汛值守' },
        { kind: 'add', date: '2026-04-24', reason: '征求农田水利意见' },
      ],
      '2026-03-01',
      '2026-04-30',
      officialCalendar,
    );
    expect(plan.days.map((d) => [d.date, d.origin, d.movedFrom, d.reason])).toEqual([
      ['2026-03-12', 'rule', '2026-03-10', '会议室检修'],
      ['2026-04-24', 'extra', null, '征求农田水利意见'],
    ]);
    expect(plan.cancelled).toEqual([{ date: '2026-04-10', origin: 'rule', reason: '防汛值守' }]);
  });

  it('puts a day moved across the end of a period where every period sees it', () => {
    const moved: ReceptionOverride[] = [
      { kind: 'move', date: '2026-02-10', to: '2026-03-03', reason: '春节前后' },
    ];
    expect(dates(JIXIAN, moved, '2026-02-01', '2026-02-28')).toEqual([]);
    expect(dates(JIXIAN, moved, '2026-03-01', '2026-03-31')).toEqual(['2026-03-03', '2026-03-10']);
  });

  it('keeps the holiday policy’s original date when staff move a postponed day', () => {
    const plan = planReceptionDays(
      JIXIAN,
      [{ kind: 'move', date: '2026-01-12', to: '2026-01-13', reason: '与乡人代会冲突' }],
      '2026-01-01',
      '2026-01-31',
      officialCalendar,
    );
    expect(plan.days[0]).toMatchObject({
      date: '2026-01-13',
      ruleDate: '2026-01-10',
      movedFrom: '2026-01-12',
    });
  });

  it('lets a day take a date another day left, whatever order the changes were stored in', () => {
    const a: ReceptionOverride = { kind: 'move', date: '2026-03-10', to: '2026-03-16', reason: '调整' };
    const b: ReceptionOverride = { kind: 'move', date: '2026-04-10', to: '2026-03-10', reason: '调整' };
    for (const overrides of [
      [a, b],
      [b, a],
    ]) {
      const plan = planReceptionDays(JIXIAN, overrides, '2026-03-01', '2026-04-30', officialCalendar);
      expect(plan.days.map((d) => `${d.date}<${d.originDate}`)).toEqual([
        '2026-03-10<2026-04-10',
        '2026-03-16<2026-03-10',
      ]);
      expect(plan.ignored).toEqual([]);
    }
  });

  it('reports changes the rule no longer has a day for, instead of applying or dropping them silently', () => {
    const overrides: ReceptionOverride[] = [
      { kind: 'move', date: '2026-03-10', to: '2026-03-11', reason: '调整' },
      { kind: 'cancel', date: '2026-05-11', reason: '调整' },
    ];
    const fifteenth: ReceptionRule = { kind: 'day_of_month', day: 15, holidayPolicy: 'postpone' };
    const plan = planReceptionDays(fifteenth, overrides, '2026-03-01', '2026-05-31', officialCalendar);
    expect(plan.days.map((d) => d.date)).toEqual(['2026-03-16', '2026-04-15', '2026-05-15']);
    expect(plan.ignored).toEqual(overrides.map((override) => ({ override, why: 'NO_SUCH_DAY' })));
  });

  it('finds a day brought forward from the next month (节假日提前), and staff can cancel it', () => {
    const advance: ReceptionRule = { kind: 'day_of_month', day: 1, months: [10], holidayPolicy: 'advance' };
    expect(dates(advance, [], '2026-09-01', '2026-09-30')).toEqual(['2026-09-30']);
    const cancelled = changeReceptionDay(
      advance,
      [],
      { action: 'cancel', date: '2026-09-30', reason: '节前安全检查' },
      { today: '2026-09-01', calendar: officialCalendar },
    );
    expect(cancelled).toEqual({
      ok: true,
      data: [{ kind: 'cancel', date: '2026-09-30', reason: '节前安全检查' }],
    });
  });

  it('marks days held on holidays, for stations that keep them', () => {
    const keep: ReceptionRule = { kind: 'day_of_month', day: 1, months: [10], holidayPolicy: 'keep' };
    expect(planReceptionDays(keep, [], '2026-10-01', '2026-10-31', officialCalendar).days[0]).toMatchObject({
      date: '2026-10-01',
      onHoliday: true,
    });
  });

  it('says which years the official holidays are not published for yet', () => {
    const known2026 = { isWorkday: officialCalendar.isWorkday, covers: (year: number) => year === 2026 };
    expect(planReceptionDays(JIXIAN, [], '2026-12-01', '2027-01-31', known2026).uncoveredYears).toEqual([
      2027,
    ]);
  });

  it('lists the next days from today, leaving out cancelled ones', () => {
    const next = nextPlannedDays(
      JIXIAN,
      [{ kind: 'cancel', date: '2026-10-10', reason: '国庆后集中整改' }],
      '2026-09-11',
      2,
      officialCalendar,
    );
    expect(next.map((d) => d.date)).toEqual(['2026-11-10', '2026-12-10']);
  });
});

describe('changeReceptionDay', () => {
  const ctx = { today: '2026-03-01', calendar: officialCalendar };
  const change = (raw: unknown, overrides: ReceptionOverride[] = [], rule = JIXIAN) =>
    changeReceptionDay(rule, overrides, raw, ctx);

  it('moves a day, keeping the reason, and moving it again keeps one change per day', () => {
    const once = success(
      change({ action: 'move', date: '2026-03-10', to: '2026-03-11', reason: '  会议室检修  ' }),
    );
    expect(once).toEqual([{ kind: 'move', date: '2026-03-10', to: '2026-03-11', reason: '会议室检修' }]);
    const twice = success(
      change({ action: 'move', date: '2026-03-11', to: '2026-03-13', reason: '再次调整' }, once),
    );
    expect(twice).toEqual([{ kind: 'move', date: '2026-03-10', to: '2026-03-13', reason: '再次调整' }]);
    expect(dates(JIXIAN, twice, '2026-03-01', '2026-03-31')).toEqual(['2026-03-13']);
    expect(
      success(change({ action: 'move', date: '2026-03-13', to: '2026-03-10', reason: '恢复原日期' }, twice)),
    ).toEqual([]);
  });

  it('moves a day onto a make-up Saturday (调休), which is a working day', () => {
    const moved = success(
      changeReceptionDay(
        JIXIAN,
        [],
        { action: 'move', date: '2026-09-10', to: '2026-09-20', reason: '中秋前' },
        {
          today: '2026-09-01',
          calendar: officialCalendar,
        },
      ),
    );
    expect(dates(JIXIAN, moved, '2026-09-01', '2026-09-30')).toEqual(['2026-09-20']);
  });

  it('refuses a holiday or weekend unless staff confirm, and then marks the day', () => {
    const refused = failure(
      change({ action: 'move', date: '2026-03-10', to: '2026-03-14', reason: '周末集中接待' }),
    );
    expect(refused).toMatchObject({
      code: 'RECEPTION.NOT_WORKDAY',
      message: '2026-03-14 是休息日或法定节假日，确需安排请确认后再提交',
      fields: { to: '该日不是工作日' },
    });
    const forced = success(
      change({ action: 'move', date: '2026-03-10', to: '2026-03-14', reason: '周末集中接待', force: true }),
    );
    const plan = planReceptionDays(JIXIAN, forced, '2026-03-01', '2026-03-31', officialCalendar);
    expect(plan.days[0]).toMatchObject({ date: '2026-03-14', onHoliday: true });
    expect(failure(change({ action: 'add', date: '2026-05-01', reason: '劳动节' })).code).toBe(
      'RECEPTION.NOT_WORKDAY',
    );
  });

  it('does not ask stations that receive on holidays anyway', () => {
    const keep: ReceptionRule = { ...JIXIAN, holidayPolicy: 'keep' };
    expect(change({ action: 'add', date: '2026-05-01', reason: '劳动节' }, [], keep).ok).toBe(true);
  });

  it.each([
    [
      'moving a day that has passed',
      { action: 'move', date: '2026-02-10', to: '2026-03-11', reason: '补办' },
      'date',
    ],
    [
      'moving a day to before today',
      { action: 'move', date: '2026-03-10', to: '2026-02-27', reason: '提前' },
      'to',
    ],
    ['adding a day before today', { action: 'add', date: '2026-02-27', reason: '补录' }, 'date'],
    ['cancelling a day that has passed', { action: 'cancel', date: '2026-02-10', reason: '取消' }, 'date'],
  ])('refuses %s (RECEPTION.DATE_PAST)', (_, raw, field) => {
    expect(failure(change(raw))).toMatchObject({
      code: 'RECEPTION.DATE_PAST',
      fields: { [field]: expect.any(String) },
    });
  });

  it('allows today itself: a day can be cancelled or added on the morning', () => {
    const today = { today: '2026-03-10', calendar: officialCalendar };
    expect(
      changeReceptionDay(JIXIAN, [], { action: 'cancel', date: '2026-03-10', reason: '暴雨' }, today).ok,
    ).toBe(true);
    expect(
      changeReceptionDay(
        JIXIAN,
        [],
        { action: 'move', date: '2026-03-10', to: '2026-03-10', reason: 'x' },
        today,
      ),
    ).toMatchObject({
      code: 'INPUT.INVALID',
    });
  });

  it('refuses a date that already has a reception day', () => {
    expect(
      failure(change({ action: 'move', date: '2026-03-10', to: '2026-04-10', reason: '合并' })),
    ).toMatchObject({
      code: 'RECEPTION.DATE_TAKEN',
      message: '2026-04-10 已经是接待日',
    });
    expect(failure(change({ action: 'add', date: '2026-03-10', reason: '加开' })).code).toBe(
      'RECEPTION.DATE_TAKEN',
    );
  });

  it('refuses to move or cancel a day that is not a reception day', () => {
    expect(failure(change({ action: 'cancel', date: '2026-03-11', reason: '取消' }))).toMatchObject({
      code: 'RECEPTION.NO_SUCH_DAY',
      message: '2026-03-11 不是接待日',
    });
  });

  it('cancels, restores, and adds extra days, which can be cancelled like any other', () => {
    const cancelled = success(change({ action: 'cancel', date: '2026-04-10', reason: '防汛值守' }));
    expect(dates(JIXIAN, cancelled, '2026-04-01', '2026-04-30')).toEqual([]);
    expect(success(change({ action: 'restore', date: '2026-04-10' }, cancelled))).toEqual([]);

    const added = success(change({ action: 'add', date: '2026-03-20', reason: '征求意见' }));
    expect(dates(JIXIAN, added, '2026-03-01', '2026-03-31')).toEqual(['2026-03-10', '2026-03-20']);
    const gone = success(change({ action: 'cancel', date: '2026-03-20', reason: '改期' }, added));
    expect(planReceptionDays(JIXIAN, gone, '2026-03-01', '2026-03-31', officialCalendar).cancelled).toEqual([
      { date: '2026-03-20', origin: 'extra', reason: '改期' },
    ]);

    const moved = success(change({ action: 'move', date: '2026-03-10', to: '2026-03-12', reason: '调整' }));
    expect(success(change({ action: 'restore', date: '2026-03-12' }, moved))).toEqual([]);
    expect(failure(change({ action: 'restore', date: '2026-03-10' })).code).toBe('RECEPTION.NO_SUCH_DAY');
  });

  it('gives a cancelled day’s date to another day only by moving one there, and restores in turn', () => {
    const cancelled = success(change({ action: 'cancel', date: '2026-04-10', reason: '防汛值守' }));
    expect(
      failure(change({ action: 'add', date: '2026-04-10', reason: '专题接待' }, cancelled)),
    ).toMatchObject({
      code: 'RECEPTION.DATE_TAKEN',
      message: '2026-04-10 原有的接待日已调整或取消，如需恢复请撤销那次调整',
    });
    const moved = success(
      change({ action: 'move', date: '2026-05-11', to: '2026-04-10', reason: '提前' }, cancelled),
    );
    expect(dates(JIXIAN, moved, '2026-04-01', '2026-05-31')).toEqual(['2026-04-10']);
    // Restoring on 10 April undoes what is shown there (the move); then the cancellation can go too.
    const first = success(change({ action: 'restore', date: '2026-04-10' }, moved));
    expect(first).toEqual(cancelled);
    expect(success(change({ action: 'restore', date: '2026-04-10' }, first))).toEqual([]);
  });

  it.each([
    ['action', { action: 'delete', date: '2026-03-10', reason: '取消' }, '请选择要做的调整'],
    ['date', { action: 'cancel', date: '2026-02-30', reason: '取消' }, '请选择日期'],
    ['date', { action: 'cancel', date: '2026/03/10', reason: '取消' }, '请选择日期'],
    ['to', { action: 'move', date: '2026-03-10', reason: '调整' }, '请选择新的日期'],
    [
      'to',
      { action: 'move', date: '2026-03-10', to: '2027-06-01', reason: '调整' },
      '只能安排一年以内的日期',
    ],
    ['date', { action: 'add', date: '2062-03-10', reason: '加开' }, '只能安排一年以内的日期'],
    ['reason', { action: 'cancel', date: '2026-03-10', reason: ' ' }, '请填写原因，至少 2 个字'],
    [
      'reason',
      { action: 'cancel', date: '2026-03-10', reason: '因'.repeat(101) },
      '原因最多 100 个字，当前 101 个字',
    ],
  ])('refuses a bad %s with its message', (field, raw, message) => {
    expect(failure(change(raw))).toMatchObject({
      code: 'INPUT.INVALID',
      message,
      fields: { [field]: message },
    });
  });
});

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(['2026-02-28', '2028-02-29'].every(isIsoDate)).toBe(true);
    expect(['2026-02-29', '2026-13-01', '2026-1-1', 20260101, null].some(isIsoDate)).toBe(false);
  });
});
