import { groupAppeals, type Correction } from '../../cloudfunctions/_lib/problems';

/** The office's corrections hold for appeals that were not there when they were made. */

const appeals = [
  '小区广场舞音响太大，每晚吵到十点',
  '楼下广场舞大喇叭天天放歌，老人睡不着',
  '广场舞噪音扰民，能不能小声点',
  '楼上KTV唱歌到凌晨，噪音太大',
  '隔壁酒吧音乐声音太吵，半夜都不停',
  '烧烤店油烟熏得窗户不能开',
].map((description, i) => ({ id: `n${i}`, text: { description } }));

const groupOf = (grouping: ReturnType<typeof groupAppeals>, id: string) =>
  grouping.groups.find((g) => g.members.includes(id))!;

it('keeps a split made last period: appeals like its examples follow it', () => {
  const before = groupAppeals(appeals);
  expect(groupOf(before, 'n0').key).toBe(groupOf(before, 'n3').key);
  const split: Correction = {
    kind: 'split',
    id: 'c1',
    from: 'noise_life',
    label: '广场舞扰民',
    members: ['last-quarter-case'],
    examples: ['小区广场舞音响太大，每天晚上吵到十点多', '楼下广场舞的大喇叭天天放歌，吵得睡不着'],
  };
  const after = groupAppeals(appeals, [split]);
  const dance = groupOf(after, 'n0');
  expect(dance).toMatchObject({ key: 'split:c1', label: '广场舞扰民' });
  expect(dance.members).toEqual(expect.arrayContaining(['n0', 'n1']));
  expect(dance.members).not.toContain('n4');
  expect(groupOf(after, 'n3').key).toBe('noise_life');
});

it('applies renames and merges in the order they were made', () => {
  const corrections: Correction[] = [
    { kind: 'merge', id: 'm1', keys: ['noise_life', 'cooking_fumes'], label: null },
    { kind: 'rename', key: 'merge:m1', label: '扰民问题' },
  ];
  const grouping = groupAppeals(appeals, corrections);
  const merged = groupOf(grouping, 'n5');
  expect(merged).toMatchObject({ key: 'merge:m1', label: '扰民问题' });
  expect(merged.members).toHaveLength(6);
});

it('gives every class of two or more appeals a label and keywords, even of few words', () => {
  const grouping = groupAppeals([
    { id: 'a', text: { description: '吵！吵！吵！' } },
    { id: 'b', text: { description: '吵吵吵，太吵' } },
  ]);
  for (const group of grouping.groups.filter((g) => g.members.length >= 2)) {
    expect(group.label).not.toBe('');
    expect(group.keywords.length).toBeGreaterThan(0);
  }
  expect(grouping.groups.some((g) => g.members.length === 2)).toBe(true);
});
