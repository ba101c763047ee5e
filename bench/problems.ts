import {
  adjustedRandIndex,
  analyse,
  Corpus,
  groupAppeals,
  likeness,
  purity,
} from '../cloudfunctions/_lib/problems';
import { APPEALS, HELD_OUT, POOL, type LabelledAppeal } from '../tests/fixtures/problems/appeals';
import { FRESH } from '../tests/fixtures/problems/fresh';
import { UNSEEN } from '../tests/fixtures/problems/unseen';
import { peakMemory } from './memory';

/**
 * `npx tsx bench/problems.ts`: how well appeals are grouped into classes of problems and how often
 * the top similar case is the same problem (against the labelled appeals in tests/fixtures), and how
 * long grouping a large period takes (PROBLEM_APPEALS, 10,000 by default), as `office.problemClasses`
 * groups them. Prints figures, never passes or fails.
 */

const COUNT = Number(process.env.PROBLEM_APPEALS ?? 10_000);

const textOf = (a: LabelledAppeal) => ({
  description: a.description,
  category: a.category,
  location: a.place,
});

function grouping(appeals: readonly LabelledAppeal[]) {
  const started = performance.now();
  const { groups } = groupAppeals(appeals.map((a, i) => ({ id: String(i), text: textOf(a) })));
  const ms = performance.now() - started;
  const groupOf = new Map<string, string>();
  for (const g of groups) for (const m of g.members) groupOf.set(m, g.key);
  const labels = appeals.map((a) => a.label);
  const keys = appeals.map((_, i) => groupOf.get(String(i)) ?? '');
  return { ari: adjustedRandIndex(labels, keys), purity: purity(labels, keys), classes: groups.length, ms };
}

function topOne(pool: readonly LabelledAppeal[], queries: readonly LabelledAppeal[]): number {
  const analyses = [...pool, ...queries].map((a) => analyse(textOf(a)));
  const corpus = new Corpus(analyses);
  const profiles = pool.map((_, i) => corpus.profile(analyses[i]));
  let right = 0;
  queries.forEach((query, k) => {
    const profile = corpus.profile(analyses[pool.length + k]);
    let best = -1;
    let label = '';
    profiles.forEach((other, i) => {
      const score = likeness(profile, other).score;
      if (score > best) [best, label] = [score, pool[i].label];
    });
    if (label === query.label) right += 1;
  });
  return right / queries.length;
}

const OPENINGS = ['', '您好，', '代表您好，', '反映一个问题：', '我是附近的居民，', '麻烦帮忙看一下，'];
const PLACES = [
  '幸福里小区',
  '华林路',
  '五四路',
  '屏西小区',
  '福屏新村',
  '湖东路',
  '杨桥路',
  '铜盘路',
  '温泉支路',
  '南后街',
];
const ENDINGS = ['', '希望尽快解决。', '谢谢！', '已经反映过好几次了。', '请相关部门处理。'];

/** COUNT appeals made from the labelled ones, each worded a little differently, labels kept. */
function many(count: number): LabelledAppeal[] {
  const base = [...APPEALS, ...FRESH, ...UNSEEN];
  return Array.from({ length: count }, (_, i) => {
    const a = base[i % base.length];
    const round = Math.floor(i / base.length);
    const description = `${OPENINGS[round % OPENINGS.length]}${PLACES[(i + round) % PLACES.length]}${a.description}${ENDINGS[(round + i) % ENDINGS.length]}`;
    return { ...a, description };
  });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function main(): void {
  const labelled = grouping(APPEALS);
  const unseen = grouping([...APPEALS, ...FRESH, ...UNSEEN]);
  console.log(`problems: ${APPEALS.length} labelled appeals, ${labelled.classes} classes`);
  console.log(
    `  adjusted Rand index   ${labelled.ari.toFixed(3)}  (with the fresh and unseen sets: ${unseen.ari.toFixed(3)})`,
  );
  console.log(
    `  purity                ${labelled.purity.toFixed(3)}  (with the fresh and unseen sets: ${unseen.purity.toFixed(3)})`,
  );
  console.log(
    `  top-1 similar case    held out ${pct(topOne(POOL, HELD_OUT))}, unseen ${pct(topOne([...APPEALS, ...FRESH], UNSEEN))}`,
  );
  const memory = peakMemory();
  const big = grouping(many(COUNT));
  console.log(
    `  grouping ${COUNT.toLocaleString('en-US')} appeals: ${(big.ms / 1000).toFixed(1)} s, ${big.classes} classes, ARI ${big.ari.toFixed(3)}, memory ${(memory.stop().rss / 2 ** 20).toFixed(0)} MB`,
  );
}

main();
