import lexicon from './lexicon.json';
import taxonomyData from './taxonomy.json';
import { readingOf, readings, words } from './segment';

/**
 * What an appeal's text says, read the way a person in the office reads it: the problem (its words
 * and the classes of problems they name) kept apart from the place (小区, 路, 街 … and the
 * location the resident chose), so that two appeals about the same 小区 are not taken for the same
 * problem, and two about the same problem in different 小区 still are.
 */

export interface ProblemClass {
  id: string;
  label: string;
  strong: string[];
  weak: string[];
  /** Named on the way to more specific problems (物业): wins only when nothing more specific is named. */
  generic?: boolean;
}

export const TAXONOMY: readonly ProblemClass[] = taxonomyData.classes;

const CLASS_BY_ID = new Map(TAXONOMY.map((c) => [c.id, c]));

export function classById(id: string): ProblemClass | undefined {
  return CLASS_BY_ID.get(id);
}

/** What an appeal says, as stored on a case or in a draft. */
export interface AppealText {
  description: string;
  /** The category key the resident picked (a weak hint only: residents pick loosely). */
  category?: string | null;
  location?: { name?: string; address?: string; latitude?: number; longitude?: number } | null;
}

export interface Analysis {
  /** The problem's words (stop words and places removed, homophone typos read as the term they sound like), with counts. */
  terms: Map<string, number>;
  /** Taxonomy class id → how strongly the text names it. */
  classes: Map<string, number>;
  /** Place names found in the text and the location, normalised. */
  places: string[];
  /** Only those the text itself names (what may be shown to someone else: never an address). */
  namedPlaces: string[];
  point: { latitude: number; longitude: number } | null;
  category: string | null;
}

const STRONG = 1;
/** A longer term names its problem more surely than a short one; a lone character least. */
function strength(term: string): number {
  return term.length === 1 ? 0.6 : STRONG + 0.15 * (term.length - 2);
}
const WEAK = 0.35;
/** A term heard only through its pinyin (a homophone typo) counts a little less than one written out. */
const BY_SOUND = 0.8;

const STOPWORDS = new Set(lexicon.stopwords);
const NOT_PLACES = new Set(lexicon.notPlaces);
const SUFFIXES = new Set(lexicon.placeSuffixes);
/** Endings that make a phrase no place even with words before it (每天夜里, 过马路, 这条路). */
const NOT_PLACE_ENDINGS = lexicon.notPlaces.filter((w) => w.length >= 2 && !SUFFIXES.has(w));
const FALSE_FRIENDS = new Set(lexicon.falseFriends);

interface TermEntry {
  term: string;
  classId: string;
  weight: number;
}

/** Every taxonomy term, and the multi-character Chinese ones by their pinyin. Built on first use. */
let index: { terms: TermEntry[]; byLength: TermEntry[][]; bySound: Map<string, TermEntry[]> } | null = null;

const CHINESE_WORD = /^[\u4e00-\u9fa5]{2,}$/;

function termIndex() {
  if (index) return index;
  const terms: TermEntry[] = [];
  for (const c of TAXONOMY) {
    for (const term of c.strong)
      terms.push({ term: term.toLowerCase(), classId: c.id, weight: strength(term) });
    for (const term of c.weak) terms.push({ term: term.toLowerCase(), classId: c.id, weight: WEAK });
  }
  const bySound = new Map<string, TermEntry[]>();
  for (const entry of terms) {
    if (!CHINESE_WORD.test(entry.term)) continue;
    const key = readingOf(entry.term);
    bySound.set(key, [...(bySound.get(key) ?? []), entry]);
  }
  const byLength: TermEntry[][] = [];
  for (const entry of terms) (byLength[entry.term.length] ??= []).push(entry);
  index = { terms, byLength, bySound };
  return index;
}

/** Full-width letters and digits to half-width, lower case, whitespace collapsed. */
export function normalise(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();
}

const PLACE_BODY =
  '[^\\s的在了是我你他她们家这那个和与及到从往向把被给就都也很太还又说有没不，。！？、；：“”‘’（）,.!?;:()\\[\\]【】0-9]';
const PLACE = new RegExp(
  `(${PLACE_BODY}{1,6}?(?:${[...lexicon.placeSuffixes].sort((a, b) => b.length - a.length).join('|')}))(?!灯|面|况|线|过|道|管|墙|边|舞)`,
  'g',
);
const BUILDING = /\d+\s*(?:号楼|栋|幢|单元|号)/g;

/** A place name as compared: no building numbers, no trailing 小区/社区 (幸福里小区 = 幸福里). */
function placeKey(name: string): string {
  return normalise(name)
    .replace(/\d+\s*(?:号楼|栋|幢|单元|号|室)/g, '')
    .replace(/(小区|社区|家园|花园)$/u, '')
    .trim();
}

/** Whether a phrase is a taxonomy term (水泥路 ends like a road name but is a kind of road). */
function isTerm(phrase: string): boolean {
  return termIndex().terms.some((t) => t.term === phrase);
}

/** Place names in a text, and the text with them taken out. */
export function splitPlaces(text: string): { places: string[]; rest: string } {
  const places: string[] = [];
  const rest = text
    .replace(PLACE, (match: string) => {
      if (NOT_PLACES.has(match) || match.length < 2 || isTerm(match)) return match;
      if (NOT_PLACE_ENDINGS.some((bad) => match.endsWith(bad))) return match;
      places.push(match);
      return ' ';
    })
    .replace(BUILDING, ' ');
  return { places, rest };
}

function add(map: Map<string, number>, key: string, by: number) {
  map.set(key, (map.get(key) ?? 0) + by);
}

/**
 * The taxonomy terms a text names, each counted once, longest first: a longer term hides the
 * shorter ones inside it (停车位 is not also 停车, 电梯 not also 电). A strong term also counts when
 * only its pinyin is there (a homophone typo: 躁音, 路等, 电题), unless the window is a real word
 * that merely sounds like it (午夜 is not 物业).
 */
function taxonomyHits(text: string, wholeWords: ReadonlySet<string>): TermEntry[] {
  const { byLength, bySound } = termIndex();
  const py = readings(text);
  const masked = text.split('');
  const hits = new Map<string, TermEntry>();
  const free = (i: number, length: number) => {
    for (let k = i; k < i + length; k++) if (masked[k] === '\u0000') return false;
    return true;
  };
  const take = (i: number, length: number) => masked.fill('\u0000', i, i + length);
  const maxLength = byLength.length - 1;
  for (let length = maxLength; length >= 1; length--) {
    for (const entry of byLength[length] ?? []) {
      // A lone character counts only where jieba cuts it as a word of its own (水 in 没水, not in 水果).
      if (length === 1 && !wholeWords.has(entry.term)) continue;
      for (let i = text.indexOf(entry.term); i >= 0; i = text.indexOf(entry.term, i + 1)) {
        if (!free(i, length)) continue;
        hits.set(`${entry.classId}:${entry.term}`, entry);
        take(i, length);
      }
    }
    if (!py || length < 2) continue;
    for (let i = 0; i + length <= text.length; i++) {
      const found = bySound.get(py.slice(i, i + length).join(' '));
      if (!found || !free(i, length)) continue;
      const window = text.slice(i, i + length);
      if (FALSE_FRIENDS.has(window) || !CHINESE_WORD.test(window)) continue;
      const strong = found.filter((entry) => entry.weight >= STRONG);
      for (const entry of strong) {
        const key = `${entry.classId}:${entry.term}`;
        if (!hits.has(key)) hits.set(key, { ...entry, weight: entry.weight * BY_SOUND });
      }
      if (strong.length > 0) take(i, length);
    }
  }
  return [...hits.values()];
}

/** The words jieba finds that carry meaning: no stop words, punctuation, numbers or lone characters. */
function meaningfulWords(cut: readonly string[], known: Set<string>): string[] {
  return cut.filter((w) => {
    const word = w.trim();
    if (!word || STOPWORDS.has(word)) return false;
    if (!/[\u4e00-\u9fa5a-z]/.test(word)) return false;
    return word.length > 1 || known.has(word);
  });
}

let singleCharTerms: Set<string> | null = null;

interface Prepared {
  rest: string;
  places: string[];
  namedPlaces: string[];
  location: AppealText['location'];
  category: string | null;
}

/** The text with its places taken out, and the places. */
function prepare(appeal: AppealText): Prepared {
  const text = normalise(appeal.description);
  const { places, rest } = splitPlaces(text);
  const namedPlaces = [...new Set(places.map(placeKey).filter((p) => p.length >= 2))];
  const location = appeal.location ?? null;
  for (const named of [location?.name, location?.address]) {
    if (!named || !named.trim()) continue;
    const found = splitPlaces(normalise(named)).places;
    places.push(...(found.length > 0 ? found : [named]));
  }
  return { rest, places, namedPlaces, location, category: appeal.category ?? null };
}

/** Words read as the taxonomy term they sound like (躁音 → 噪音), remembered per instance. */
const soundsLike = new Map<string, string>();

function canonicalWord(word: string): string {
  let key = soundsLike.get(word);
  if (key === undefined) {
    const sounding =
      CHINESE_WORD.test(word) && !FALSE_FRIENDS.has(word)
        ? termIndex().bySound.get(readingOf(word))
        : undefined;
    key = sounding?.[0]?.term ?? word;
    if (soundsLike.size > 100_000) soundsLike.clear();
    soundsLike.set(word, key);
  }
  return key;
}

/** Reads one appeal. */
export function analyse(appeal: AppealText): Analysis {
  const prepared = prepare(appeal);
  return read(prepared, words(prepared.rest));
}

/** Appeals cut by jieba this many at a time: one call per appeal costs several times more. */
const BATCH = 100;

/** Reads many appeals, as analyse() reads each, segmenting them in batches. */
export function analyseAll(appeals: readonly AppealText[]): Analysis[] {
  const prepared = appeals.map(prepare);
  const out: Analysis[] = [];
  for (let i = 0; i < prepared.length; i += BATCH) {
    const batch = prepared.slice(i, i + BATCH);
    // Whitespace is normalised to spaces, so a newline can only be the separator.
    const cuts: string[][] = [[]];
    for (const word of words(batch.map((p) => p.rest).join('\n'))) {
      if (word === '\n') cuts.push([]);
      else cuts[cuts.length - 1].push(word);
    }
    batch.forEach((p, k) => out.push(read(p, cuts.length === batch.length ? cuts[k] : words(p.rest))));
  }
  return out;
}

function read(prepared: Prepared, cut: string[]): Analysis {
  const { rest, places, namedPlaces, location } = prepared;
  const classes = new Map<string, number>();
  const terms = new Map<string, number>();
  const hits = taxonomyHits(rest, new Set(cut.filter((w) => w.length === 1)));
  for (const hit of hits) {
    add(classes, hit.classId, hit.weight);
    add(terms, hit.term, 1);
  }
  singleCharTerms ??= new Set(
    termIndex()
      .terms.filter((t) => t.term.length === 1)
      .map((t) => t.term),
  );
  for (const word of meaningfulWords(cut, singleCharTerms)) {
    if (!terms.has(word)) add(terms, canonicalWord(word), 1);
  }
  const point =
    location && typeof location.latitude === 'number' && typeof location.longitude === 'number'
      ? { latitude: location.latitude, longitude: location.longitude }
      : null;
  return {
    terms,
    classes,
    places: [...new Set(places.map(placeKey).filter((p) => p.length >= 2))],
    namedPlaces,
    point,
    category: prepared.category,
  };
}
