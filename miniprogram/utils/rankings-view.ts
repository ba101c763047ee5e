import type { RankingCell, RankingColumn, RankingRow, RankingsView } from '../core/api-accounts';

/**
 * 排行 (rankings) as a phone shows them: a table of six columns does not fit 375 px, so each row is
 * a card — its rank, its name, the column sorted by large, the other columns small — and the
 * columns are chips above the list: a tap sorts by a column, a second tap turns the order. Every
 * value carries its change against the previous period as an arrow, coloured for better or worse
 * (more 不满意 is worse, a higher 满意率 better), and in words for screen readers.
 */

/** Columns where more is worse: their rise is shown in red. */
const WORSE_WHEN_UP: ReadonlySet<RankingColumn> = new Set<RankingColumn>([
  'unsatisfied',
  'sentBack',
  'overdue',
]);

export interface ColumnChip {
  key: RankingColumn;
  label: string;
  /** 满意率 ↓ on the sorted column; the label elsewhere. */
  text: string;
  active: boolean;
  aria: string;
}

export interface CellView {
  key: RankingColumn;
  label: string;
  /** 99.61% / 12 / — */
  value: string;
  /** ▲ 1.2 / ▼ 3 / 持平 / '' (no previous value) */
  change: string;
  /** better | worse | same | none: the change's colour. */
  tone: 'better' | 'worse' | 'same' | 'none';
  aria: string;
}

export interface RowView {
  key: string;
  /** 1, 2, … or — when the sorted value is missing. */
  rank: string;
  name: string;
  /** A deputy's station. */
  sub: string;
  main: CellView;
  others: CellView[];
  aria: string;
}

const round = (value: number): number => Math.round(value * 100) / 100;

function cellView(key: RankingColumn, label: string, rate: boolean, cell: RankingCell | undefined): CellView {
  const value = cell?.value ?? null;
  const delta = cell?.delta ?? null;
  const shown = value === null ? '—' : rate ? `${value}%` : String(value);
  const unit = rate ? '个百分点' : '';
  let change = '';
  let tone: CellView['tone'] = 'none';
  let words = '上期无可比数据';
  if (delta !== null) {
    if (delta === 0) {
      change = '持平';
      tone = 'same';
      words = '与上期持平';
    } else {
      const up = delta > 0;
      change = `${up ? '▲' : '▼'} ${round(Math.abs(delta))}`;
      tone = up === WORSE_WHEN_UP.has(key) ? 'worse' : 'better';
      words = `较上期${up ? '上升' : '下降'} ${round(Math.abs(delta))}${unit}`;
    }
  }
  return { key, label, value: shown, change, tone, aria: `${label} ${shown}，${words}` };
}

/** The column chips: the sorted one says its order with an arrow. */
export function columnChips(view: RankingsView): ColumnChip[] {
  return view.columns.map((column) => {
    const active = column.key === view.sortBy;
    const order = view.order === 'desc' ? '从高到低' : '从低到高';
    return {
      key: column.key,
      label: column.label,
      text: active ? `${column.label} ${view.order === 'desc' ? '↓' : '↑'}` : column.label,
      active,
      aria: active ? `按${column.label}${order}排列，再点一次反过来` : `按${column.label}排列`,
    };
  });
}

/** The rows as cards: the sorted column first and large, the rest after it. */
export function rowViews(view: RankingsView): RowView[] {
  return view.rows.map((row: RankingRow) => {
    const cells = view.columns.map((column) =>
      cellView(column.key, column.label, column.rate, row.cells[column.key]),
    );
    const main = cells.find((cell) => cell.key === view.sortBy) ?? cells[0];
    const rank = row.rank === null ? '—' : String(row.rank);
    return {
      key: row.key,
      rank,
      name: row.name,
      sub: row.stationName ?? '',
      main,
      others: cells.filter((cell) => cell !== main),
      aria: `第${rank}名 ${row.name}，${cells.map((cell) => cell.aria).join('；')}`,
    };
  });
}

/** The order after tapping a column: another column starts from the highest, the same one turns. */
export function nextOrder(view: RankingsView, column: RankingColumn): 'desc' | 'asc' {
  if (column !== view.sortBy) return 'desc';
  return view.order === 'desc' ? 'asc' : 'desc';
}
