/**
 * How well a grouping matches a person's labels: the adjusted Rand index (Hubert & Arabie, 1985:
 * agreement on every pair of items, corrected for chance; 1 is perfect, 0 is chance) and purity
 * (the share of items in their group's most common label).
 */

function choose2(n: number): number {
  return (n * (n - 1)) / 2;
}

export function adjustedRandIndex(labels: readonly string[], groups: readonly string[]): number {
  if (labels.length !== groups.length) throw new Error('labels and groups differ in length');
  const n = labels.length;
  const cells = new Map<string, number>();
  const byLabel = new Map<string, number>();
  const byGroup = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const cell = `${labels[i]}\u0000${groups[i]}`;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
    byLabel.set(labels[i], (byLabel.get(labels[i]) ?? 0) + 1);
    byGroup.set(groups[i], (byGroup.get(groups[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const count of cells.values()) index += choose2(count);
  let a = 0;
  for (const count of byLabel.values()) a += choose2(count);
  let b = 0;
  for (const count of byGroup.values()) b += choose2(count);
  const expected = (a * b) / choose2(n);
  const max = (a + b) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

export function purity(labels: readonly string[], groups: readonly string[]): number {
  const counts = new Map<string, Map<string, number>>();
  groups.forEach((group, i) => {
    const inGroup = counts.get(group) ?? new Map<string, number>();
    inGroup.set(labels[i], (inGroup.get(labels[i]) ?? 0) + 1);
    counts.set(group, inGroup);
  });
  let majority = 0;
  for (const inGroup of counts.values()) majority += Math.max(...inGroup.values());
  return labels.length === 0 ? 1 : majority / labels.length;
}
