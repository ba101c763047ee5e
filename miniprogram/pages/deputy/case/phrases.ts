import type { ReplyPhrasesView } from '../../../core/api';
import { PHRASE_LIMITS } from '../../../core/deputy-entry';
import type { CaseAction } from '../../../core/model';
import { charLength, cleanText } from '../../../core/text';

/** 常用语 on the case page: which forms offer them, how a tap inserts one, how one is kept. */

/** The forms whose text goes to the resident: an answer, a report back, a written explanation. */
export const PHRASE_ACTIONS: CaseAction[] = ['reply', 'report_back', 'decline'];

export interface PhraseChip {
  text: string;
  /** The deputy's own (long-press removes it); the defaults cannot be removed. */
  own: boolean;
}

/** The deputy's own first (they chose them), then the defaults they do not repeat. */
export const phraseChips = (view: ReplyPhrasesView): PhraseChip[] => [
  ...view.own.map((text) => ({ text, own: true })),
  ...view.defaults.filter((text) => !view.own.includes(text)).map((text) => ({ text, own: false })),
];

/** The answer with the phrase added after what is typed (on a new line when the text has one). */
export function insertPhrase(note: string, phrase: string): string {
  if (!note.trim()) return phrase;
  return note.endsWith('\n') ? `${note}${phrase}` : `${note}${note.includes('\n') ? '\n' : ''}${phrase}`;
}

/** The own list with the typed text added, or why it cannot be kept. */
export function addPhrase(own: string[], note: string): string[] | string {
  const text = cleanText(note);
  const length = charLength(text);
  if (length < PHRASE_LIMITS.min) return '先在答复框里写好要保存的话';
  if (length > PHRASE_LIMITS.max) return `常用语最多 ${PHRASE_LIMITS.max} 个字`;
  if (own.includes(text)) return '这句已经是常用语了';
  if (own.length >= PHRASE_LIMITS.count) return `常用语最多 ${PHRASE_LIMITS.count} 条，长按可删除旧的`;
  return [...own, text];
}
