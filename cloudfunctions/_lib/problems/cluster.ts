import {
  Corpus,
  dot,
  mainClass,
  norm,
  problemSimilarity,
  type Profile,
  type SparseVector,
} from './similarity';
import { analyse, analyseAll, classById, type AppealText } from './text';

/**
 * Groups appeals into classes of problems. Taxonomy-seeded agglomerative clustering:
 *
 * 1. every appeal is read (text.ts) and weighed (TF-IDF of its words, the classes it names);
 * 2. an appeal that clearly names a class of the taxonomy starts in that class (the seeds);
 * 3. one that names none joins the class whose centre it is closest to, when close enough;
 * 4. the rest are clustered among themselves by average linkage over the same similarity, until
 *    no two groups are alike enough: problems the taxonomy does not know still come out as classes;
 * 5. the office's corrections are applied: splits (with the examples they were made from, so new
 *    appeals like them follow), merges and names, in the order the office made them.
 */

export interface Appeal {
  id: string;
  text: AppealText;
}

/** One correction by the office, applied in the order they were made. */
export type Correction =
  | { kind: 'rename'; key: string; label: string }
  | { kind: 'merge'; id: string; keys: readonly string[]; label?: string | null }
  | {
      kind: 'split';
      id: string;
      from: string;
      label: string;
      members: readonly string[];
      examples: readonly string[];
    };

export interface Group {
  /** Stable across runs: the taxonomy class, `words:<keyword>`, `split:<id>` or `merge:<id>`. */
  key: string;
  label: string;
  /** Taxonomy classes the group stands for (several after a merge). */
  seeds: string[];
  /** Appeal ids, the most typical first. */
  members: string[];
  keywords: string[];
  centroid: Pick<Profile, 'words' | 'classes'>;
}

export interface Grouping {
  groups: Group[];
  profiles: Map<string, Profile>;
  corpus: Corpus;
}

/** An appeal naming no class joins the nearest class at least this alike. */
const ATTACH = 0.3;
/** Appeals naming no class are clustered together while groups are at least this alike (average linkage). */
const LINK = 0.28;
/** Past this many, the appeals naming no class are clustered by a single pass instead (speed). */
const AGGLOMERATIVE_LIMIT = 600;
/** An appeal whose words are this alike to one of a split's examples follows the split. */
const SPLIT_LIKENESS = 0.2;

function centroidOf(profiles: readonly Profile[]): Pick<Profile, 'words' | 'classes'> {
  const words: SparseVector = new Map();
  const classes: SparseVector = new Map();
  for (const p of profiles) {
    for (const [k, v] of p.words) words.set(k, (words.get(k) ?? 0) + v);
    for (const [k, v] of p.classes) classes.set(k, (classes.get(k) ?? 0) + v);
  }
  return { words: norm(words), classes: norm(classes) };
}

/** Average-linkage agglomerative clustering of a few appeals (Lance–Williams update). */
function agglomerate(profiles: readonly Profile[]): number[][] {
  const n = profiles.length;
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      sim[i * n + j] = sim[j * n + i] = problemSimilarity(profiles[i], profiles[j]);
  const members: Array<number[] | null> = profiles.map((_, i) => [i]);
  for (;;) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) {
      if (!members[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (members[j] && sim[i * n + j] > best) {
          best = sim[i * n + j];
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0 || best < LINK) break;
    const a = members[bi] as number[];
    const b = members[bj] as number[];
    for (let k = 0; k < n; k++) {
      if (!members[k] || k === bi || k === bj) continue;
      const merged = (sim[bi * n + k] * a.length + sim[bj * n + k] * b.length) / (a.length + b.length);
      sim[bi * n + k] = sim[k * n + bi] = merged;
    }
    members[bi] = [...a, ...b];
    members[bj] = null;
  }
  return members.filter((m): m is number[] => m !== null);
}

/** One pass: each appeal joins the most alike group so far, or starts one. */
function singlePass(profiles: readonly Profile[]): number[][] {
  const groups: Array<{ members: number[]; centre: Pick<Profile, 'words' | 'classes'> }> = [];
  profiles.forEach((p, i) => {
    let best: (typeof groups)[number] | null = null;
    let bestSim = LINK;
    for (const g of groups) {
      const s = problemSimilarity(p, g.centre);
      if (s >= bestSim) {
        best = g;
        bestSim = s;
      }
    }
    if (best) {
      best.members.push(i);
      best.centre = centroidOf(best.members.map((m) => profiles[m]));
    } else groups.push({ members: [i], centre: { words: p.words, classes: p.classes } });
  });
  return groups.map((g) => g.members);
}

function keywordsOf(profiles: readonly Profile[], count = 6): string[] {
  const score = new Map<string, number>();
  for (const p of profiles) for (const [k, v] of p.words) score.set(k, (score.get(k) ?? 0) + v);
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // Words of two characters or more say more; a lone character only when there is nothing else.
  const longer = ranked.filter(([word]) => word.length >= 2);
  return (longer.length > 0 ? longer : ranked).slice(0, count).map(([word]) => word);
}

interface Draft {
  key: string;
  label: string | null;
  seeds: string[];
  ids: string[];
}

function finish(draft: Draft, profiles: Map<string, Profile>, fallback: (ids: string[]) => string[]): Group {
  const members = draft.ids.map((id) => profiles.get(id) as Profile);
  const centroid = centroidOf(members);
  const order = draft.ids
    .map((id, i) => ({ id, s: problemSimilarity(members[i], centroid) }))
    .sort((a, b) => b.s - a.s || a.id.localeCompare(b.id))
    .map((x) => x.id);
  let keywords = keywordsOf(members);
  if (keywords.length === 0) keywords = fallback(draft.ids);
  const label = draft.label ?? (keywords.length > 0 ? keywords.slice(0, 2).join('、') : '其他诉求');
  return { key: draft.key, label, seeds: draft.seeds, members: order, keywords, centroid };
}

/**
 * Moves a split's cases out of the class they were in, with the appeals more like them (or like
 * the examples the split was made from) than like what remains: so a split made last quarter still
 * holds for this quarter's appeals.
 */
function splitOff(
  drafts: Draft[],
  split: Extract<Correction, { kind: 'split' }>,
  profiles: Map<string, Profile>,
  corpus: Corpus,
): Draft | null {
  const parent = drafts.find((d) => d.key === split.from);
  if (!parent) return null;
  const named = new Set(split.members);
  const examples = [
    ...parent.ids.filter((id) => named.has(id)).map((id) => profiles.get(id) as Profile),
    ...split.examples.map((text) => corpus.profile(analyse({ description: text }))),
  ];
  if (examples.length === 0) return null;
  // Within one class the classes named are alike, so the words decide: an appeal goes with the
  // split when its words are close enough to one of the examples' (those named, and those kept).
  const moving = parent.ids.filter((id) => {
    if (named.has(id)) return true;
    const own = (profiles.get(id) as Profile).words;
    return examples.some((example) => dot(own, example.words) >= SPLIT_LIKENESS);
  });
  if (moving.length === 0) return null;
  const movingSet = new Set(moving);
  parent.ids = parent.ids.filter((id) => !movingSet.has(id));
  return { key: `split:${split.id}`, label: split.label, seeds: [], ids: moving };
}

/** Groups appeals into classes of problems, with the office's corrections applied. */
export function groupAppeals(
  appeals: readonly Appeal[],
  corrections: readonly Correction[] = [],
  fallbackKeywords: (ids: string[]) => string[] = () => [],
): Grouping {
  const analyses = analyseAll(appeals.map((a) => a.text));
  const corpus = new Corpus(analyses);
  const profiles = new Map<string, Profile>();
  appeals.forEach((a, i) => profiles.set(a.id, corpus.profile(analyses[i])));

  // 2. Seeds.
  const seeded = new Map<string, string[]>();
  const unseeded: string[] = [];
  for (const a of appeals) {
    const main = mainClass(profiles.get(a.id) as Profile);
    if (main) seeded.set(main, [...(seeded.get(main) ?? []), a.id]);
    else unseeded.push(a.id);
  }
  const seedCentres = [...seeded.entries()].map(([classId, ids]) => ({
    classId,
    centre: centroidOf(ids.map((id) => profiles.get(id) as Profile)),
  }));
  // 3. Attach.
  const rest: string[] = [];
  for (const id of unseeded) {
    const p = profiles.get(id) as Profile;
    let best: string | null = null;
    let bestSim = ATTACH;
    for (const { classId, centre } of seedCentres) {
      const s = problemSimilarity(p, centre);
      if (s >= bestSim) {
        best = classId;
        bestSim = s;
      }
    }
    if (best) (seeded.get(best) as string[]).push(id);
    else rest.push(id);
  }
  let drafts: Draft[] = [...seeded.entries()].map(([classId, ids]) => ({
    key: classId,
    label: classById(classId)?.label ?? null,
    seeds: [classId],
    ids,
  }));
  // 4. The rest among themselves.
  const restProfiles = rest.map((id) => profiles.get(id) as Profile);
  const clusters = rest.length <= AGGLOMERATIVE_LIMIT ? agglomerate(restProfiles) : singlePass(restProfiles);
  const used = new Set(drafts.map((d) => d.key));
  for (const cluster of clusters) {
    const ids = cluster.map((i) => rest[i]);
    const top =
      keywordsOf(
        ids.map((id) => profiles.get(id) as Profile),
        1,
      )[0] ?? ids[0];
    let key = `words:${top}`;
    for (let n = 2; used.has(key); n++) key = `words:${top}:${n}`;
    used.add(key);
    drafts.push({ key, label: null, seeds: [], ids });
  }
  // 5. The office's corrections, oldest first.
  const names = new Map<string, string>();
  for (const correction of corrections) {
    switch (correction.kind) {
      case 'split': {
        const moved = splitOff(drafts, correction, profiles, corpus);
        if (moved) drafts.push(moved);
        break;
      }
      case 'merge': {
        const parts = drafts.filter((d) => correction.keys.includes(d.key));
        if (parts.length === 0) break;
        drafts = drafts.filter((d) => !correction.keys.includes(d.key));
        drafts.push({
          key: `merge:${correction.id}`,
          label: correction.label ?? names.get(parts[0].key) ?? parts[0].label,
          seeds: parts.flatMap((p) => p.seeds),
          ids: parts.flatMap((p) => p.ids),
        });
        break;
      }
      case 'rename':
        names.set(correction.key, correction.label);
        break;
    }
  }
  const groups = drafts
    .filter((d) => d.ids.length > 0)
    .map((d) => finish({ ...d, label: names.get(d.key) ?? d.label }, profiles, fallbackKeywords))
    .sort((a, b) => b.members.length - a.members.length || a.key.localeCompare(b.key));
  return { groups, profiles, corpus };
}

/** The group an appeal of another period belongs to, by the class it names or its nearest centre. */
export function placeInGroups(groups: readonly Group[], profile: Profile): Group | null {
  const main = mainClass(profile);
  if (main) {
    const bySeed = groups.find((g) => g.seeds.includes(main));
    if (bySeed) return bySeed;
  }
  let best: Group | null = null;
  let bestSim = ATTACH;
  for (const g of groups) {
    const s = problemSimilarity(profile, g.centroid);
    if (s >= bestSim) {
      best = g;
      bestSim = s;
    }
  }
  return best;
}
