/**
 * What time the local stack says it is. Real time unless told otherwise, so that development, demos
 * and tests can stand on a chosen day (a reception day, the evening before a duty reminder, a week
 * past a deadline) without touching the machine's clock.
 *
 * Set to an instant, the clock either runs on from there (real seconds keep passing) or stays frozen
 * there; it can be moved forward by a duration, and put back to real time. Functions see it through
 * their context (functions.ts), timer triggers fire on it (timers.ts), and the database's
 * `serverDate()` and the WeChat stand-ins use it. Storage URL signing and request bookkeeping
 * (transaction idle expiry) stay on real time: they measure how long a client takes, not what day
 * it is.
 */

export type ClockMode = 'real' | 'running' | 'frozen';

/** How to set the clock: at an instant (ISO 8601 or milliseconds), running on from it unless frozen. */
export interface ClockSetting {
  now: number | string;
  frozen?: boolean;
}

export interface ClockState {
  mode: ClockMode;
  /** Milliseconds since 1970. */
  now: number;
  iso: string;
  /** The same instant as China-local wall time, for people reading it. */
  chinaTime: string;
}

/** Input that does not say a time or a duration; the message says what was expected. */
export class ClockInputError extends Error {}

const CHINA_OFFSET_MS = 8 * 3600_000;
/**
 * The years the stack's clock may be set to: the product's own era, and the years timer schedules can
 * name. Outside it is almost always a slip (seconds for milliseconds, 20260310 for 2026-03-10).
 */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1) - 1;

export class StackClock {
  private mode: ClockMode = 'real';
  /** Running: stack time minus real time. */
  private offset = 0;
  /** Frozen: the instant it stays at. */
  private frozenAt = 0;

  constructor(private readonly real: () => number = Date.now) {}

  /** The stack's now, in milliseconds; bound, so it can be handed around as `clock.now`. */
  readonly now = (): number => {
    if (this.mode === 'frozen') return this.frozenAt;
    return this.mode === 'running' ? this.real() + this.offset : this.real();
  };

  set(instant: number, frozen = false): void {
    if (frozen) {
      this.mode = 'frozen';
      this.frozenAt = instant;
    } else {
      this.mode = 'running';
      this.offset = instant - this.real();
    }
  }

  /** Moves the clock forward, keeping it running or frozen; from real time it starts running. */
  advance(ms: number): void {
    this.set(this.now() + ms, this.mode === 'frozen');
  }

  /** Stops the clock where it is, or lets it run on from there. */
  setFrozen(frozen: boolean): void {
    if (frozen || this.mode === 'frozen') this.set(this.now(), frozen);
  }

  /** Back to real time. */
  reset(): void {
    this.mode = 'real';
    this.offset = 0;
  }

  state(): ClockState {
    const now = this.now();
    return {
      mode: this.mode,
      now,
      iso: new Date(now).toISOString(),
      chinaTime: new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' '),
    };
  }
}

const INSTANT_HELP =
  'an ISO 8601 time (2026-03-10T09:00:00+08:00; without an offset it is China time) or milliseconds since 1970';

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(?:(Z)|([+-])(\d{2}):?(\d{2})?)?$/i;

/** An instant from ISO 8601 text or a number of milliseconds. A time without an offset is China time. */
export function parseInstant(value: unknown, name = 'now'): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new ClockInputError(`${name} must be ${INSTANT_HELP}, got ${value}`);
    return inRange(value, name);
  }
  const match = typeof value === 'string' ? ISO_TIME.exec(value.trim()) : null;
  if (!match) throw new ClockInputError(`${name} must be ${INSTANT_HELP}, got ${JSON.stringify(value)}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zulu, sign, oh, om = '0'] = match;
  const fields = [y, mo, d, h, mi, s].map(Number);
  const wall = Date.UTC(
    fields[0],
    fields[1] - 1,
    fields[2],
    fields[3],
    fields[4],
    fields[5],
    Number(ms.padEnd(3, '0')),
  );
  // Date.UTC rolls 30 February over into March; a date that does not round-trip does not exist.
  const back = new Date(wall);
  if (
    back.getUTCFullYear() !== fields[0] ||
    back.getUTCMonth() !== fields[1] - 1 ||
    back.getUTCDate() !== fields[2] ||
    back.getUTCHours() !== fields[3] ||
    back.getUTCMinutes() !== fields[4] ||
    back.getUTCSeconds() !== fields[5]
  ) {
    throw new ClockInputError(`${name} is not a real date and time: ${String(value)}`);
  }
  const offset = zulu
    ? 0
    : sign
      ? (sign === '-' ? -1 : 1) * (Number(oh) * 3600_000 + Number(om) * 60_000)
      : CHINA_OFFSET_MS;
  return inRange(wall - offset, name);
}

function inRange(instant: number, name: string): number {
  if (instant >= EARLIEST && instant <= LATEST) return instant;
  const shown = Math.abs(instant) <= 8.64e15 ? new Date(instant).toISOString() : String(instant);
  throw new ClockInputError(`${name} must be in the years 2000–2099, got ${shown}`);
}

const DURATION_HELP =
  'an ISO 8601 duration in weeks, days, hours, minutes, seconds (P3D, PT2H30M) or milliseconds';
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/i;

/** A forward duration in milliseconds, from ISO 8601 (weeks to seconds) or milliseconds. */
export function parseDuration(value: unknown, name = 'advance'): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value;
    throw new ClockInputError(
      value < 0
        ? `${name} only moves the clock forward; to go back, set now`
        : `${name} must be ${DURATION_HELP}, got ${value}`,
    );
  }
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.startsWith('-'))
    throw new ClockInputError(`${name} only moves the clock forward; to go back, set now`);
  // Years and months have no fixed length: how long is "a month" from 31 January?
  if (/^P(?:\d+Y|(?:\d+Y)?\d+M)/i.test(text))
    throw new ClockInputError(`${name}: years and months have no fixed length; say days instead (P30D)`);
  const match = ISO_DURATION.exec(text);
  if (!match || text.length < 2 || /T$/i.test(text))
    throw new ClockInputError(`${name} must be ${DURATION_HELP}, got ${JSON.stringify(value)}`);
  const [, w = '0', d = '0', h = '0', m = '0', s = '0'] = match;
  return Math.round(
    ((Number(w) * 7 + Number(d)) * 24 * 3600 + Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000,
  );
}

/**
 * Applies a request to the clock: `{ now, frozen? }` sets it (running on unless frozen),
 * `{ advance, frozen? }` moves it forward (keeping its mode unless told), `{ frozen }` alone stops it
 * or lets it run. Validates everything before changing anything.
 */
export function applyClockRequest(clock: StackClock, body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ClockInputError(
      'the body must be a JSON object: { "now" } or { "advance" }, optionally "frozen"',
    );
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((k) => !['now', 'advance', 'frozen'].includes(k));
  if (unknown.length)
    throw new ClockInputError(`unknown field ${unknown[0]}: expected now, advance or frozen`);
  if (fields.now !== undefined && fields.advance !== undefined)
    throw new ClockInputError('give either now or advance, not both');
  if (fields.frozen !== undefined && typeof fields.frozen !== 'boolean')
    throw new ClockInputError('frozen must be true or false');
  const frozen = fields.frozen as boolean | undefined;
  if (fields.now !== undefined) {
    clock.set(parseInstant(fields.now), frozen ?? false);
  } else if (fields.advance !== undefined) {
    const ms = parseDuration(fields.advance);
    clock.advance(ms);
    if (frozen !== undefined) clock.setFrozen(frozen);
  } else if (frozen !== undefined) {
    clock.setFrozen(frozen);
  } else {
    throw new ClockInputError('give now, advance or frozen');
  }
}

/**
 * The clock `npm start` is told: `--now <time>` (or `--now=<time>`, or STACK_NOW), and `--frozen`
 * (or STACK_FROZEN=1) to keep it there; `--frozen` alone freezes it at the moment of start.
 * Undefined means real time.
 */
export function clockFromCommandLine(
  args: string[],
  env: Record<string, string | undefined>,
): ClockSetting | undefined {
  let now = env.STACK_NOW || undefined;
  let source = 'STACK_NOW';
  let frozen = env.STACK_FROZEN === '1' || env.STACK_FROZEN === 'true';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--frozen') frozen = true;
    else if (arg.startsWith('--now=')) [now, source] = [arg.slice('--now='.length), '--now'];
    else if (arg === '--now') {
      [now, source] = [args[i + 1], '--now'];
      if (now === undefined || now.startsWith('--'))
        throw new ClockInputError(`--now needs a time: ${INSTANT_HELP}`);
      i++;
    }
  }
  if (now === undefined && !frozen) return undefined;
  if (now === undefined) return { now: Date.now(), frozen };
  // Everything on a command line is text: digits alone are milliseconds.
  return { now: parseInstant(/^\d+$/.test(now) ? Number(now) : now, source), frozen };
}
