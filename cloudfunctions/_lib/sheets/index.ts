/** Spreadsheets in and out of the product (exceljs): the directory import and its template. */
export { importDirectory, MAX_ROWS, SHEETS } from './directory-import';
export { importTemplate, templateWorkbook, TEMPLATE_PATH } from './template';
