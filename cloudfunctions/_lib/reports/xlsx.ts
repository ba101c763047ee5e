import { chinaDateTime } from '../../../miniprogram/core/china-time';
import { streamingWorkbook } from '../sheets';
import type { BimonthlyData } from './data';
import {
  CASE_COLUMNS,
  caseCells,
  reportTitle,
  STATION_COLUMNS,
  stationCells,
  summaryPairs,
  UNIT_COLUMNS,
  unitCells,
  type ReportColumn,
} from './tables';

/**
 * The 双月反馈 report as an .xlsx (sheets/ streaming workbook): 汇总 (the figures), 各联络站,
 * 承办单位排名, 超期未办结, 不满意 — the same tables as the PDF, one per sheet.
 */

const columns = (list: readonly ReportColumn[]) => list.map((c) => ({ header: c.header, width: c.width }));

/** Writes the report to `outPath`; answers its sheets. */
export async function writeBimonthlyXlsx(data: BimonthlyData, outPath: string): Promise<number> {
  const book = streamingWorkbook(outPath);
  book
    .pairs('汇总')
    .write(reportTitle(data.period), [
      ['受理日期', `${data.period.from} 至 ${data.period.to}`],
      ['统计时间', chinaDateTime(data.asOf)],
      ...summaryPairs(data.total),
    ]);
  const sheets: Array<[string, readonly ReportColumn[], Array<Array<string | number | null>>]> = [
    ['各联络站', STATION_COLUMNS, data.stations.map(stationCells)],
    ['承办单位排名', UNIT_COLUMNS, data.units.map(unitCells)],
    ['超期未办结', CASE_COLUMNS.overdue, data.overdue.map(caseCells('overdue'))],
    ['不满意', CASE_COLUMNS.unsatisfied, data.unsatisfied.map(caseCells('unsatisfied'))],
  ];
  for (const [name, list, rows] of sheets) {
    const table = book.table(name, columns(list));
    for (const row of rows) table.row(row);
    table.end();
  }
  await book.close();
  return 1 + sheets.length;
}
