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

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3600_000;
const descending = (set: Set<number>) => [...set].sort((a, b) => b - a);

/**
 * The latest whole second in (after, upTo] that the schedule matches, or null. Walks back a China-local
 * day at a time, so a span of years costs a loop over days rather than over seconds.
 */
export function latestMatch(schedule: Schedule, after: number, upTo: number): number | null {
  const [seconds, minutes, hours, days, months, weekdays, years] = schedule;
  const [hs, ms, ss] = [descending(hours), descending(minutes), descending(seconds)];
  const end = Math.floor(upTo / 1000) * 1000;
  for (
    let dayStart = Math.floor((end + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
    dayStart + DAY_MS > after && dayStart + DAY_MS > 0;
    dayStart -= DAY_MS
  ) {
    const t = new Date(dayStart + CHINA_OFFSET_MS);
    if (
      !days.has(t.getUTCDate()) ||
      !months.has(t.getUTCMonth() + 1) ||
      !weekdays.has(t.getUTCDay()) ||
      !years.has(t.getUTCFullYear())
    )
      continue;
    // The first candidate at or before `end`, in descending order, is the latest one.
    for (const h of hs) {
      if (dayStart + h * 3600_000 > end) continue;
      for (const m of ms) {
        if (dayStart + h * 3600_000 + m * 60_000 > end) continue;
        for (const s of ss) {
          const instant = dayStart + h * 3600_000 + m * 60_000 + s * 1000;
          if (instant > end) continue;
          return instant > after ? instant : null;
        }
      }
    }
  }
  return null;
}
