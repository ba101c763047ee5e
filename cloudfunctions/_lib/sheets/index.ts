/** Spreadsheets in and out of the product (exceljs): the directory import and its template. */
export {
  importDirectory,
  importTemplate,
  MAX_ROWS,
  SHEETS,
  templateWorkbook,
  TEMPLATE_PATH,
} from './directory-import';
