/**
 * Spreadsheets in and out of the product (exceljs): the directory import and its template, the
 * ledger (台账), and the streaming workbook writer they and the reports write with.
 */
export { importDirectory, MAX_ROWS, SHEETS } from './directory-import';
export { ledger, ledgerFile, type LedgerParams } from './ledger';
export { casesInPeriod, LEDGER_COLUMNS, ledgerSummary, maskPhonesIn } from './ledger-rows';
export { importTemplate, templateWorkbook, TEMPLATE_PATH } from './template';
export {
  streamingWorkbook,
  type Cell,
  type Column,
  type StreamingSheet,
  type StreamingWorkbook,
} from './workbook';
