import type { RankingRow } from '../../miniprogram/core/api-accounts';
import { cellOf, parseRankingsRequest, previousPeriod, rankRows } from '../../miniprogram/core/rankings';

const row = (key: string, name: string, value: number | null): RankingRow => ({
  rank: null,
  key,
  name,
  stationName: null,
  cells: { satisfactionRate: cellOf(value, null) },
});

describe('the previous period a ranking compares with', () => {
  it('is as many whole months before a period of whole months', () => {
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({
      from: '2025-10-01',
      to: '2025-12-31',
    });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('is as many days before any other period', () => {
    expect(previousPeriod({ from: '2026-11-10', to: '2026-11-16' })).toEqual({
      from: '2026-11-03',
      to: '2026-11-09',
    });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-15' })).toEqual({
      from: '2026-02-14',
      to: '2026-02-28',
    });
  });
});

describe('ranking rows', () => {
  it('sorts by the column, equal values share a rank, rows with no value come last unranked', () => {
    const rows = [row('a', '甲', 90), row('b', '乙', null), row('c', '丙', 100), row('d', '丁', 90)];
    const desc = rankRows(rows, 'satisfactionRate', 'desc');
    expect(desc.map((r) => [r.key, r.rank])).toEqual([
      ['c', 1],
      ['d', 2],
      ['a', 2],
      ['b', null],
    ]);
    const asc = rankRows(rows, 'satisfactionRate', 'asc');
    expect(asc.map((r) => r.key)).toEqual(['d', 'a', 'c', 'b']);
  });

  it('gives each cell its change, in percentage points for rates', () => {
    expect(cellOf(99.61, 97.3)).toEqual({ value: 99.61, previous: 97.3, delta: 2.31 });
    expect(cellOf(3, null)).toEqual({ value: 3, previous: null, delta: null });
  });
});

describe('a rankings request', () => {
  const today = '2026-11-10';
  it('takes a named period with or without this_, and defaults the sort', () => {
    for (const period of ['quarter', 'this_quarter'])
      expect(parseRankingsRequest({ of: 'unit', period }, today)).toEqual({
        ok: true,
        data: {
          of: 'unit',
          period: { from: '2026-10-01', to: '2026-12-31' },
          sortBy: 'satisfactionRate',
          order: 'desc',
          stationId: null,
        },
      });
  });

  it('refuses an unknown object, column or order, naming the field', () => {
    const refused = (input: Record<string, unknown>) => {
      const result = parseRankingsRequest({ from: '2026-11-01', to: '2026-11-30', ...input }, today);
      return result.ok ? [] : Object.keys(result.fields ?? {});
    };
    expect(refused({ of: 'resident' })).toEqual(['of']);
    expect(refused({ of: 'unit', sortBy: 'received' })).toEqual(['sortBy']);
    expect(refused({ of: 'deputy', sortBy: 'overdue' })).toEqual(['sortBy']);
    expect(refused({ of: 'deputy', order: 'up' })).toEqual(['order']);
    expect(refused({ of: 'station', sortBy: 'unsatisfied', order: 'asc' })).toEqual([]);
  });
});
