import ExcelJS from 'exceljs';

/**
 * Workbooks written as they go (exceljs's streaming writer): each row is committed to the file and
 * let go, so a sheet of 150,000 rows takes the memory of a few rows. Strings are written inline,
 * not to a shared-strings table, which would otherwise grow with the sheet.
 *
 * Sheets appear in the order they are added; a sheet's rows may be written after a later sheet's
 * (a summary first in the book, filled in once the rows are counted).
 */

export type Cell = string | number | null;

export interface Column {
  header: string;
  /** In characters, as Excel counts them (a Chinese character is about two). */
  width: number;
}

export interface StreamingSheet {
  /** Writes one row and lets it go. */
  row(values: readonly Cell[]): void;
  /** Ends the sheet: nothing can be added to it afterwards. */
  end(): void;
}

export interface StreamingWorkbook {
  /** A sheet with a frozen header row. */
  table(name: string, columns: readonly Column[]): StreamingSheet;
  /** A sheet of label–value pairs (a title first, when given). */
  pairs(name: string): { write(title: string | null, pairs: ReadonlyArray<readonly [string, Cell]>): void };
  /** Ends every sheet and closes the file. */
  close(): Promise<void>;
}

export function streamingWorkbook(filename: string, creator = '代表码'): StreamingWorkbook {
  // No styles either: exceljs works out a style for every cell when they are on, which doubles the
  // time a 150,000-row ledger takes. Headers stand out by staying frozen at the top instead.
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename,
    useStyles: false,
    useSharedStrings: false,
  });
  book.creator = creator;
  const sheets: ExcelJS.Worksheet[] = [];
  const add = (name: string, frozen: boolean) => {
    const sheet = book.addWorksheet(name, frozen ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
    sheets.push(sheet);
    return sheet;
  };
  return {
    table(name, columns) {
      const sheet = add(name, true);
      sheet.columns = columns.map((c) => ({ width: c.width }));
      sheet.addRow(columns.map((c) => c.header)).commit();
      return {
        row: (values) => sheet.addRow([...values]).commit(),
        end: () => sheet.commit(),
      };
    },
    pairs(name) {
      const sheet = add(name, false);
      sheet.columns = [{ width: 24 }, { width: 40 }];
      return {
        write(title, pairs) {
          if (title !== null) sheet.addRow([title]).commit();
          for (const [label, value] of pairs) sheet.addRow([label, value]).commit();
          sheet.commit();
        },
      };
    },
    async close() {
      await book.commit();
    },
  };
}
