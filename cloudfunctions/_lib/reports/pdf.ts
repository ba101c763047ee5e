import { chinaDateTime } from '../../../miniprogram/core/china-time';
import { A4, pdfWriter, type Pdf } from '../print';
import type { Cell } from '../sheets';
import { LIST_MAX, type BimonthlyData } from './data';
import {
  CASE_COLUMNS,
  caseCells,
  reportTitle,
  STATION_COLUMNS,
  stationCells,
  summaryPairs,
  UNIT_COLUMNS,
  unitCells,
} from './tables';

/**
 * The 双月反馈 report as a printable A4 PDF (print/ pdfWriter: the Chinese font embedded): a title,
 * then five sections — 总体情况, 各联络站, 承办单位排名, 超期未办结, 不满意 — each a table that
 * continues on the next page with its header repeated.
 */

const MARGIN = 40;
const WIDTH = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - MARGIN;
const ROW = 16;
const INK = '#1a1a1a';
const GREY = '#555555';
const RED = '#b71c1c';

interface Column {
  header: string;
  /** Share of the page's width. */
  share: number;
}

class Layout {
  y = MARGIN;
  constructor(private readonly doc: Pdf) {}

  page(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.y = MARGIN;
  }

  /** Makes room for `height`, on a new page when this one is full; answers whether it turned. */
  room(height: number): boolean {
    if (this.y + height <= BOTTOM) return false;
    this.page();
    return true;
  }

  line(text: string, size: number, color = INK, gap = 4): void {
    this.room(size + gap);
    this.doc.fillColor(color).fontSize(size).text(text, MARGIN, this.y, { width: WIDTH, lineBreak: false });
    this.y += size + gap + 2;
  }

  heading(text: string): void {
    this.room(60);
    this.y += 8;
    this.line(text, 14, RED, 6);
  }

  /** A row's texts, their widths and its height: a cell too long for its column wraps. */
  private measure(columns: readonly Column[], cells: readonly Cell[], header: boolean) {
    this.doc.fontSize(header ? 9 : 9.5);
    const texts = cells.map((value) => (value === null || value === undefined ? '' : String(value)));
    const widths = columns.map((column) => column.share * WIDTH - 4);
    const height = Math.max(
      ROW,
      ...texts.map((text, i) => this.doc.heightOfString(text, { width: widths[i] }) + 5),
    );
    return { texts, widths, height };
  }

  private row(columns: readonly Column[], cells: readonly Cell[], header: boolean): void {
    const { texts, widths, height } = this.measure(columns, cells, header);
    let x = MARGIN;
    this.doc.fillColor(header ? GREY : INK);
    texts.forEach((text, i) => {
      this.doc.text(text, x, this.y + 3, { width: widths[i] });
      x += widths[i] + 4;
    });
    this.y += height;
    this.doc
      .moveTo(MARGIN, this.y)
      .lineTo(MARGIN + WIDTH, this.y)
      .lineWidth(header ? 0.8 : 0.3)
      .stroke(header ? '#888888' : '#dddddd');
  }

  table(columns: readonly Column[], rows: ReadonlyArray<readonly Cell[]>, empty: string): void {
    if (rows.length === 0) {
      this.line(empty, 10.5, GREY);
      return;
    }
    const headers = columns.map((c) => c.header);
    this.room(2 * ROW);
    this.row(columns, headers, true);
    for (const cells of rows) {
      if (this.room(this.measure(columns, cells, false).height)) this.row(columns, headers, true);
      this.row(columns, cells, false);
    }
    this.y += 6;
  }
}

const more = (shown: number, total: number) =>
  total > shown ? `（只列出前 ${shown} 件，共 ${total} 件：全部见 Excel 版或台账）` : '';

/** Writes the report to `outPath`; answers its pages. */
export async function writeBimonthlyPdf(data: BimonthlyData, outPath: string): Promise<number> {
  const title = reportTitle(data.period);
  const writer = pdfWriter(outPath, { title });
  const doc = writer.doc;
  let pages = 0;
  doc.on('pageAdded', () => (pages += 1));
  const layout = new Layout(doc);
  layout.page();
  layout.line(title, 20, RED, 8);
  layout.line(
    `受理日期：${data.period.from} 至 ${data.period.to}，统计时间：${chinaDateTime(data.asOf)}`,
    10.5,
    GREY,
  );
  layout.line('报送：人大常委会代表工委', 10.5, GREY, 10);

  layout.heading('一、总体情况');
  layout.table(
    [
      { header: '项目', share: 0.6 },
      { header: '数值', share: 0.4 },
    ],
    summaryPairs(data.total),
    '本期没有受理诉求。',
  );

  layout.heading('二、各联络站');
  layout.table(STATION_COLUMNS, data.stations.map(stationCells), '本期各联络站没有受理诉求。');

  layout.heading('三、承办单位排名（按满意率，其次按期回复率）');
  layout.table(UNIT_COLUMNS, data.units.map(unitCells), '本期没有交承办单位办理的诉求。');

  layout.heading(
    `四、超期未办结（${data.total.overdue} 件）${more(data.overdue.length, data.total.overdue)}`,
  );
  layout.table(CASE_COLUMNS.overdue, data.overdue.map(caseCells('overdue')), '没有超期未办结的诉求。');

  layout.heading(
    `五、群众不满意（${data.total.unsatisfied} 件）${more(data.unsatisfied.length, data.total.unsatisfied)}`,
  );
  layout.table(
    CASE_COLUMNS.unsatisfied,
    data.unsatisfied.map(caseCells('unsatisfied')),
    '没有群众不满意的答复。',
  );
  if (data.overdue.length >= LIST_MAX || data.unsatisfied.length >= LIST_MAX)
    layout.line('名单较长，完整名单请导出同期台账。', 9, GREY);
  await writer.finish();
  return pages;
}
