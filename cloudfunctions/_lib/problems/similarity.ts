import { classById, type Analysis } from './text';

/**
 * How alike two appeals are: the problem (their words, weighted by TF-IDF over the appeals being
 * compared, and the classes of problems they name) and, apart from it, the place (a shared place
 * name, or locations close together). The problem decides; the place only orders appeals about the
 * same problem and says why they are shown.
 */

export type SparseVector = Map<string, number>;

export interface Profile {
  analysis: Analysis;
  /** TF-IDF of the problem's words, unit length. */
  words: SparseVector;
  /** The classes named, a generic one damped, unit length. */
  classes: SparseVector;
}

/** A generic class (物业) counts this much beside a specific one. */
const GENERIC_DAMPING = 0.6;
/** Within the problem's similarity, the share of the classes named (the rest is the words). */
const CLASS_SHARE = 0.6;
/** Locations closer than this are "nearby" (metres). */
export const NEARBY_METRES = 500;

export function norm(vector: SparseVector): SparseVector {
  let sum = 0;
  for (const v of vector.values()) sum += v * v;
  if (sum === 0) return vector;
  const length = Math.sqrt(sum);
  const out: SparseVector = new Map();
  for (const [k, v] of vector) out.set(k, v / length);
  return out;
}

export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) sum += v * w;
  }
  return sum;
}

/** The classes an analysis names, a generic class damped when a specific one is named too. */
export function classWeights(analysis: Analysis): SparseVector {
  const specific = [...analysis.classes.keys()].some((id) => !classById(id)?.generic);
  const out: SparseVector = new Map();
  for (const [id, score] of analysis.classes) {
    const weight = specific && classById(id)?.generic ? score * GENERIC_DAMPING : score;
    // Squared, so the class named most outweighs the ones merely touched on.
    out.set(id, weight * weight);
  }
  return out;
}

/** The class an appeal is mostly about, or null when it names none clearly (one strong term at least). */
export function mainClass(profile: Profile | Analysis): string | null {
  const analysis = 'analysis' in profile ? profile.analysis : profile;
  let best: string | null = null;
  let bestScore = 0;
  for (const [id, weight] of classWeights(analysis)) {
    if (weight > bestScore) {
      best = id;
      bestScore = weight;
    }
  }
  return bestScore >= 0.6 ? best : null;
}

/** Inverse document frequencies of the problems' words over a set of appeals. */
export class Corpus {
  private readonly idf = new Map<string, number>();
  private readonly unseen: number;

  constructor(analyses: readonly Analysis[]) {
    const df = new Map<string, number>();
    for (const a of analyses) for (const term of a.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    const n = analyses.length;
    for (const [term, count] of df) this.idf.set(term, Math.log((1 + n) / (1 + count)) + 1);
    this.unseen = Math.log(1 + n) + 1;
  }

  weightOf(term: string): number {
    return this.idf.get(term) ?? this.unseen;
  }

  profile(analysis: Analysis): Profile {
    const words: SparseVector = new Map();
    for (const [term, tf] of analysis.terms) words.set(term, (1 + Math.log(tf)) * this.weightOf(term));
    return { analysis, words: norm(words), classes: norm(classWeights(analysis)) };
  }
}

/** How alike two problems are, 0–1, places aside. */
export function problemSimilarity(
  a: Pick<Profile, 'words' | 'classes'>,
  b: Pick<Profile, 'words' | 'classes'>,
): number {
  const words = dot(a.words, b.words);
  if (a.classes.size === 0 || b.classes.size === 0) return words * (1 - CLASS_SHARE / 2);
  return CLASS_SHARE * dot(a.classes, b.classes) + (1 - CLASS_SHARE) * words;
}

/** Metres between two points on the earth (haversine). */
export function metresBetween(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether two appeals name the same place (one name inside the other counts: 幸福里 / 幸福里小区). */
export function samePlace(a: Analysis, b: Analysis): boolean {
  return a.places.some((p) =>
    b.places.some((q) => p === q || (p.length >= 3 && q.includes(p)) || (q.length >= 3 && p.includes(q))),
  );
}

export type Reason = 'same_problem' | 'same_place' | 'nearby';

export interface Likeness {
  /** 0–1 (a little over 1 with the place), most alike highest. */
  score: number;
  problem: number;
  reasons: Reason[];
  metres: number | null;
}

/** Above this the problem is called the same. */
export const SAME_PROBLEM = 0.5;
const PLACE_BONUS = 0.08;
const NEARBY_BONUS = 0.04;

/** How alike two appeals are, and why. */
export function likeness(a: Profile, b: Profile): Likeness {
  const problem = problemSimilarity(a, b);
  const place = samePlace(a.analysis, b.analysis);
  const metres =
    a.analysis.point && b.analysis.point
      ? Math.round(metresBetween(a.analysis.point, b.analysis.point))
      : null;
  const near = metres !== null && metres <= NEARBY_METRES;
  const reasons: Reason[] = [];
  if (problem >= SAME_PROBLEM) reasons.push('same_problem');
  if (place) reasons.push('same_place');
  if (near) reasons.push('nearby');
  const category = a.analysis.category && a.analysis.category === b.analysis.category ? 0.01 : 0;
  const score = problem + (place ? PLACE_BONUS : 0) + (near ? NEARBY_BONUS : 0) + category;
  return { score: Math.round(score * 1000) / 1000, problem, reasons, metres };
}
