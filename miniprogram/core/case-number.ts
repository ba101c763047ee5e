import { chinaDate } from './china-time';

/**
 * 受理编号: what a resident quotes on the phone, so digits only, grouped: 20261121-4821-3095.
 * The date part is China-local; the eight random digits make a clash on one day unlikely, and the
 * unique index on `caseNo` turns the rare clash into a retry with a new number.
 */
export function newCaseNo(now: number, random: () => number): string {
  const digits = Array.from({ length: 8 }, () => Math.floor(random() * 10)).join('');
  return `${chinaDate(now).replace(/-/g, '')}-${digits.slice(0, 4)}-${digits.slice(4)}`;
}

export const CASE_NO_PATTERN = /^\d{8}-\d{4}-\d{4}$/;
