import { addDays, daysBetween, endOfMonth, validatePeriod, type Period } from './china-time';
import { invalid, ok, type Failure, type Success } from './result';

/**
 * 双月反馈: every two months (January–February, March–April, …) the stations' work goes to the
 * 代表工委 as one report (Fuzhou's practice): the period's figures, by station, the handling units'
 * ranking, the overdue and the unsatisfied cases. The timer makes the report of the two months just
 * ended; the office may ask for any period.
 */

export type ReportFormat = 'pdf' | 'xlsx';

export const REPORT_FORMATS: readonly ReportFormat[] = ['pdf', 'xlsx'];

/** The longest period one report covers: a year. */
export const MAX_REPORT_DAYS = 366;

/** The two-month period (Jan–Feb, Mar–Apr, …) that holds the China-local date `date`. */
export function bimonthOf(date: string): Period {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const first = month % 2 === 1 ? month : month - 1;
  const from = `${year}-${String(first).padStart(2, '0')}-01`;
  const second = `${year}-${String(first + 1).padStart(2, '0')}-01`;
  return { from, to: endOfMonth(second) };
}

/** The two-month period that ended before the one holding `today`: what the timer reports. */
export const previousBimonth = (today: string): Period => bimonthOf(addDays(bimonthOf(today).from, -1));

export interface BimonthlyRequest extends Period {
  format: ReportFormat;
}

/** Validates `office.bimonthlyReport`'s input: a period (China-local `YYYY-MM-DD`) and a format. */
export function validateBimonthlyRequest(raw: unknown): Success<BimonthlyRequest> | Failure {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const period = validatePeriod(input);
  const fields: Record<string, string> = period.ok ? {} : { ...period.fields };
  if (period.ok && daysBetween(period.data.from, period.data.to) > MAX_REPORT_DAYS)
    fields.to = '一份报告最长一年，请缩短时段';
  const format = input.format === undefined || input.format === null ? 'pdf' : input.format;
  if (!REPORT_FORMATS.includes(format as ReportFormat))
    fields.format = '请选择报告格式：PDF（打印）或 Excel 表格';
  if (!period.ok || Object.keys(fields).length > 0) return invalid(fields);
  return ok({ ...period.data, format: format as ReportFormat });
}
