import type { RankingsView } from '../../miniprogram/core/api-accounts';
import { columnChips, nextOrder, rowViews } from '../../miniprogram/utils/rankings-view';
import { unitRankings } from './office-mothers';

/** 排行 on a phone: the sorted column large, every change as an arrow coloured for better or worse. */

describe('rankings as cards', () => {
  it('puts the sorted column first and says its change in words', () => {
    const [first, second] = rowViews(unitRankings());

    expect(first.main).toMatchObject({
      key: 'satisfactionRate',
      value: '99.5%',
      change: '▲ 1.5',
      tone: 'better',
    });
    expect(first.main.aria).toBe('满意率 99.5%，较上期上升 1.5个百分点');
    expect(second.rank).toBe('2');
    expect(second.main).toMatchObject({ value: '92%', change: '▼ 4', tone: 'worse' });
  });

  it('shows more unsatisfied, sent back or overdue as worse, fewer as better', () => {
    const [first, second] = rowViews(unitRankings());
    const cell = (row: typeof first, key: string) => row.others.find((other) => other.key === key);

    expect(cell(first, 'unsatisfied')).toMatchObject({ value: '1', change: '▼ 2', tone: 'better' });
    expect(cell(second, 'overdue')).toMatchObject({ value: '3', change: '▲ 3', tone: 'worse' });
    expect(cell(second, 'sentBack')).toMatchObject({ change: '持平', tone: 'same' });
    expect(cell(second, 'onTimeRate')).toMatchObject({ value: '—', change: '', tone: 'none' });
  });

  it('marks the sorted column and turns the order on a second tap', () => {
    const view: RankingsView = unitRankings();

    expect(
      columnChips(view)
        .filter((chip) => chip.active)
        .map((chip) => chip.text),
    ).toEqual(['满意率 ↓']);
    expect(nextOrder(view, 'satisfactionRate')).toBe('asc');
    expect(nextOrder({ ...view, order: 'asc' }, 'satisfactionRate')).toBe('desc');
    expect(nextOrder(view, 'overdue')).toBe('desc');
  });
});
