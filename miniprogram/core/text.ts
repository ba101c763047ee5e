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

/**
 * Free text: one rule for every field a person types and others read (names, descriptions,
 * addresses, notes, replies, comments, visitor entries), applied by the same validators on the phone
 * and in the functions (docs/decisions/0014-free-text.md). Invisible characters that can hide or
 * reorder what is shown are removed, never refused: a person cannot see them to delete them.
 *
 * - removed: control characters U+0000–U+001F, U+007F–U+009F, and the bidirectional controls
 *   U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069;
 * - except line breaks and tabs: in multi-line text (`lines`) a line break (\r\n, \r, \n, U+0085,
 *   U+2028, U+2029) becomes \n and a tab a space; in one-line text (`line`) each becomes a space and
 *   runs of spaces become one;
 * - then the text is trimmed.
 */
export type TextShape = 'line' | 'lines';

const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it removes
  /[\u0000-\u0008\u000b-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(text: string, shape: TextShape = 'line'): string {
  const spaced = text.replace(/\t/g, ' ').replace(LINE_BREAK, shape === 'lines' ? '\n' : ' ');
  const visible = spaced.replace(INVISIBLE, '');
  return (shape === 'line' ? visible.replace(/\s+/g, ' ') : visible).trim();
}

/**
 * A free-text field as received: '' when absent (undefined or null), the cleaned text when it is a
 * string, and null when it is anything else (a number, an array, an object): the caller answers a
 * field error rather than dropping it.
 */
export function textInput(value: unknown, shape: TextShape = 'line'): string | null {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? cleanText(value, shape) : null;
}

/** The field error for a value of the wrong type (a number where text belongs, …). */
export const WRONG_TYPE = '格式不正确，请重新填写';

/** What stands in for a phone number a reader may not see. */
export const PHONE_HIDDEN = '（电话已隐去）';

// A mobile (11 digits from 13…19, spaces or dashes between) or a landline with its area code, not
// inside a longer run of digits. No lookbehind: older phones' JavaScript lacks it.
const PHONE_IN_TEXT = /(^|[^\d])((?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}|0\d{2,3}[ -]?\d{7,8})(?!\d)/g;

/** Replaces every phone number written in the text (mobile or landline), e.g. for a handling unit. */
export function hidePhones(text: string): string {
  return text.replace(PHONE_IN_TEXT, (_match, before: string) => `${before}${PHONE_HIDDEN}`);
}
