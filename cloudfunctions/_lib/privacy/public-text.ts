import { truncate } from '../../../miniprogram/core/text';

/**
 * A resident's or a handler's words as the public may read them (五公开 on a deputy's or station's
 * page, decision 0023): what identifies a person is taken out before anything is cut short.
 *
 * - ID numbers (18 digits, the last may be X; the old 15) and e-mail addresses;
 * - phone numbers: mobiles (spaces, dashes, +86 allowed) and landlines with an area code;
 * - house numbers: a number before 号楼, 栋, 幢, 单元, 室, 层, 号, 户 (in digits or Chinese numerals);
 * - names: the resident's own (the case's contact name, and its surname with a form of address),
 *   any surname with a form of address (王先生 → 某先生, 李阿姨 → 某阿姨), and a name introduced
 *   as one (我叫…, 名叫…, 姓名…);
 * - then any other run of three or more digits (a plate, a room, a card number).
 *
 * It masks what it can recognise; names written bare in the text cannot all be recognised, which
 * is why publishing needs the resident's consent and the office's outcomes are short excerpts.
 */

const ID_NUMBER = /\d{17}[\dXx]|\d{15}/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const PHONE = /(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}|0\d{2,3}[ -]?\d{7,8}/g;
const NUMERAL = '[0-9０-９零〇一二三四五六七八九十百千两]+';
const HOUSE = new RegExp(`${NUMERAL}\\s*(号楼|栋|幢|单元|室|层|号|户)`, 'g');
const ADDRESS_FORMS = '先生|女士|小姐|阿姨|大爷|大妈|大娘|师傅|老师|大姐|大哥|奶奶|爷爷|叔叔|婆婆|老伯';
const TITLED = new RegExp(`[\\u4e00-\\u9fa5](${ADDRESS_FORMS})`, 'g');
const INTRODUCED = /(我叫|名叫|姓名[:：]?\s*)[\u4e00-\u9fa5]{2,3}/g;
const DIGITS = /\d{3,}/g;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with what identifies a person masked, cut to `max` characters. */
export function publicText(
  text: string,
  options: { max: number; names?: ReadonlyArray<string | null> },
): string {
  let out = text
    .replace(ID_NUMBER, '（证件号已隐去）')
    .replace(EMAIL, '（邮箱已隐去）')
    .replace(PHONE, '（电话已隐去）');
  for (const name of options.names ?? []) {
    const trimmed = name?.trim() ?? '';
    if ([...trimmed].length >= 2) out = out.replace(new RegExp(escape(trimmed), 'g'), '某某');
  }
  out = out
    .replace(HOUSE, '*$1')
    .replace(TITLED, '某$1')
    .replace(INTRODUCED, '$1某某')
    .replace(DIGITS, (digits) => '*'.repeat(Math.min(digits.length, 4)));
  return truncate(out, options.max);
}
