/**
 * CloudBase timer-trigger schedules: seven fields, `second minute hour day month weekday year`, each
 * `*`, a number, a range `a-b`, a list `a,b`, or a step `*\/n` / `a-b/n`; weekdays 0–6 (Sunday 0) or
 * SUN–SAT, months 1–12 or JAN–DEC. Evaluated in China time (UTC+8), as the functions run with
 * TZ=Asia/Shanghai.
 */

const NAMES: Record<string, number> = {
  SUN: 0,
  MON: 1,
  TUE: 2,
  WED: 3,
  THU: 4,
  FRI: 5,
  SAT: 6,
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};

const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
  [1970, 2099],
];

export type Schedule = Array<Set<number>>;

function value(text: string): number {
  const n = NAMES[text.toUpperCase()] ?? Number(text);
  if (!Number.isInteger(n)) throw new Error(`not a number: ${text}`);
  return n;
}

function field(text: string, [min, max]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : value(stepText);
    const [from, to] =
      range === '*'
        ? [min, max]
        : range.includes('-')
          ? range.split('-').map(value)
          : [value(range), stepText ? max : value(range)];
    if (step < 1 || from < min || to > max || from > to) throw new Error(`out of range: ${part}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export function parseSchedule(expression: string): Schedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 7)
    throw new Error(`a CloudBase timer needs 7 fields, got ${parts.length}: ${expression}`);
  return parts.map((p, i) => field(p, RANGES[i]));
}

export function matches(schedule: Schedule, instant: number): boolean {
  const t = new Date(instant + 8 * 3600_000);
  const now = [
    t.getUTCSeconds(),
    t.getUTCMinutes(),
    t.getUTCHours(),
    t.getUTCDate(),
    t.getUTCMonth() + 1,
    t.getUTCDay(),
    t.getUTCFullYear(),
  ];
  return schedule.every((allowed, i) => allowed.has(now[i]));
}
