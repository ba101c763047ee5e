/** Small text rules shared by screens and functions. Lengths count characters, not UTF-16 units. */

export const charLength = (text: string): number => [...text].length;

/** Cuts to at most `max` characters, ending with … when something was cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** 13812341234 → 138****1234; landlines keep their last four digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length >= 7) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return '****';
}

/** Mainland mobile numbers, and landlines with an area code (0591-87654321). */
export function isValidPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone) || /^0\d{2,3}-?\d{7,8}$/.test(phone);
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Weekday label of a YYYY-MM-DD date (calendar arithmetic, no time zone involved). */
export function weekdayLabel(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** China-local (UTC+8, no daylight saving) calendar date of an instant, as YYYY-MM-DD. */
export function chinaDate(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
}

/** China-local date and time of an instant, as YYYY-MM-DD HH:mm. */
export function chinaDateTime(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
