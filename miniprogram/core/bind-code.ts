/**
 * The one-time codes the congress office (代表工委) hands a deputy, a station's staff member or a
 * handling unit's liaison so they can bind their WeChat account to that role. Read aloud over the
 * phone or copied from a printed slip, so: eight characters from an alphabet without the look-alikes
 * 0/O and 1/I, shown in two groups of four (`K7MX-3QPA`). Shared by the bind page (what a person
 * types) and the functions (what is hashed and looked up), so both read a code the same way.
 */

/** 32 characters: A–Z and 2–9 without 0, O, 1 and I. 32 divides 256, so a random byte maps evenly. */
export const BIND_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const BIND_CODE_LENGTH = 8;

const WELL_FORMED = new RegExp(`^[${BIND_CODE_ALPHABET}]{${BIND_CODE_LENGTH}}$`);

/** What the form says when a typed code cannot be one of ours. */
export const BIND_CODE_FORMAT_HINT = '绑定码是 8 位字母和数字，不含 0、O、1、I，请核对后重新输入';

/**
 * What a person typed → the code's characters: full-width letters and digits (a Chinese input
 * method) become ASCII, letters upper-case, and spaces, dashes and other separators are dropped.
 */
export function normaliseBindCode(typed: string): string {
  return typed
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
}

/** Eight characters of the alphabet, after normalising. */
export const isWellFormedBindCode = (code: string): boolean => WELL_FORMED.test(code);

/** Characters a person typed that no code contains (0, O, 1, I), once each: the form points them out. */
export const lookalikesIn = (code: string): string[] =>
  [...new Set(code.split('').filter((c) => !BIND_CODE_ALPHABET.includes(c)))].sort();

/** Groups of four joined by a dash, also while typing: `K7MX3` → `K7MX-3`. */
export function formatBindCode(code: string): string {
  const groups = code.match(/.{1,4}/g) ?? [];
  return groups.join('-');
}
