/**
 * The two packages that read Chinese, each loaded on first use and kept for the life of the
 * function instance: jieba (word segmentation, jieba-rs compiled to WebAssembly with its dictionary
 * inside the .wasm file, so nothing is built on install) and pinyin-pro (pure JavaScript).
 *
 * They are required inside the functions below, not imported at the top, so a function instance
 * that never compares appeals never pays for loading the 4 MB dictionary. A deployed function finds
 * the .wasm beside its bundle (the build copies it there, scripts/build-functions.ts): jieba-wasm
 * reads it from its own `__dirname`, which in a bundle is the bundle's folder.
 */

import type * as JiebaModule from 'jieba-wasm';
import type * as PinyinModule from 'pinyin-pro';

type Jieba = typeof JiebaModule;
type PinyinPro = typeof PinyinModule;

let jieba: Jieba | null = null;
let pinyinPro: PinyinPro | null = null;

function loadJieba(): Jieba {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  jieba ??= require('jieba-wasm') as Jieba;
  return jieba;
}

function loadPinyin(): PinyinPro {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pinyinPro ??= require('pinyin-pro') as PinyinPro;
  return pinyinPro;
}

/** Whether jieba has been loaded in this instance (for the tests of laziness). */
export function segmenterLoaded(): boolean {
  return jieba !== null;
}

/** The words of a text, as jieba cuts it (with its HMM for words not in the dictionary). */
export function words(text: string): string[] {
  return loadJieba().cut(text, true);
}

/**
 * The toneless pinyin of every character of a text, one entry per UTF-16 unit, so that entry i is
 * the reading of `text[i]`; a character that is not Chinese stands for itself. Null when the text
 * holds characters outside the basic plane (the entries would not line up).
 */
export function readings(text: string): string[] | null {
  if (/[\uD800-\uDFFF]/.test(text)) return null;
  const out = loadPinyin().pinyin(text, { toneType: 'none', type: 'array' });
  return out.length === text.length ? out : null;
}

/** The toneless pinyin of a word, syllables joined by spaces. */
export function readingOf(word: string): string {
  return loadPinyin().pinyin(word, { toneType: 'none', type: 'array' }).join(' ');
}
