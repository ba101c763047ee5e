import {
  figuresOf,
  medianOf,
  namedPeriod,
  parseFiguresRequest,
  percent,
  emptySums,
} from '../../miniprogram/core/figures';

/** The pure half of the figures: periods, rates, the median of a histogram, the request's checks. */

describe('named periods', () => {
  it.each([
    ['month', '2026-02-14', '2026-02-01', '2026-02-28'],
    ['quarter', '2026-02-14', '2026-01-01', '2026-03-31'],
    ['quarter', '2026-11-30', '2026-10-01', '2026-12-31'],
    ['quarter', '2026-06-01', '2026-04-01', '2026-06-30'],
    ['year', '2026-06-01', '2026-01-01', '2026-12-31'],
  ] as const)('this %s on %s is %s to %s', (name, today, from, to) => {
    expect(namedPeriod(name, today)).toEqual({ from, to });
  });
});

describe('rates and the median', () => {
  it('rounds percentages to two decimals, and has none of nothing', () => {
    expect(percent(775, 778)).toBe(99.61);
    expect(percent(263, 300)).toBe(87.67);
    expect(percent(291, 300)).toBe(97);
    expect(percent(0, 0)).toBeNull();
  });

  it('takes the middle reply time, or halfway between the two middle ones', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([{ days: 3, count: 1 }])).toBe(3);
    expect(
      medianOf([
        { days: 5, count: 2 },
        { days: 1, count: 1 },
      ]),
    ).toBe(5);
    expect(
      medianOf([
        { days: 2, count: 1 },
        { days: 4, count: 1 },
      ]),
    ).toBe(3);
    expect(
      medianOf([
        { days: 1, count: 3 },
        { days: 9, count: 2 },
        { days: 4, count: 0 },
      ]),
    ).toBe(1);
  });

  it('counts answers with no recorded outcome in 办成率’s denominator only', () => {
    const figures = figuresOf({ ...emptySums(), accepted: 10, replied: 10, solved: 6, planned: 2 }, []);
    expect(figures).toMatchObject({ outcomeUnrecorded: 2, resolvedRate: 60, satisfactionRate: null });
  });
});

describe('a figures request', () => {
  it('takes a period, a scope and a breakdown', () => {
    const parsed = parseFiguresRequest(
      { from: '2026-01-01', to: '2026-03-31', stationId: 'station-1', kind: 'suggestion', groupBy: 'unit' },
      '2026-05-01',
    );
    expect(parsed).toEqual({
      ok: true,
      data: {
        period: { from: '2026-01-01', to: '2026-03-31' },
        scope: {
          stationId: 'station-1',
          deputyId: null,
          unitId: null,
          category: null,
          channel: null,
          kind: 'suggestion',
        },
        groupBy: 'unit',
      },
    });
  });

  it('refuses what it cannot read, naming each field', () => {
    const parsed = parseFiguresRequest(
      { from: '2026-02-30', to: '2026-03-01', deputyId: 'a b', groupBy: 'x' },
      '2026-05-01',
    );
    expect(parsed).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(Object.keys(parsed.ok ? {} : (parsed.fields ?? {})).sort()).toEqual([
      'deputyId',
      'from',
      'groupBy',
    ]);
  });
});
