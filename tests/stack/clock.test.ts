import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyClockRequest,
  clockFromCommandLine,
  ClockInputError,
  parseDuration,
  parseInstant,
  StackClock,
} from '../../stack/clock';
import { startBareStack } from '../helpers/local-stack';
import { spawnStack } from '../helpers/spawn-stack';

/** The stack's clock: set, frozen, moved forward, and back to real time; what follows it and what does not. */

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** 2026-03-10 09:00 China time. */
const T = Date.parse('2026-03-10T01:00:00Z');

/** A clock over a real time the test moves by hand. */
function fakeReal(start = Date.parse('2026-12-04T10:00:00Z')) {
  let real = start;
  return { read: () => real, pass: (ms: number) => (real += ms) };
}

describe('StackClock', () => {
  it('tells real time until it is set', () => {
    const real = fakeReal();
    const clock = new StackClock(real.read);
    expect(clock.now()).toBe(real.read());
    real.pass(5000);
    expect(clock.state()).toMatchObject({ mode: 'real', now: real.read() });
  });

  it('runs on from an instant it is set to, as real seconds pass', () => {
    const real = fakeReal();
    const clock = new StackClock(real.read);
    clock.set(T);
    real.pass(90_000);
    expect(clock.state()).toEqual({
      mode: 'running',
      now: T + 90_000,
      iso: '2026-03-10T01:01:30.000Z',
      chinaTime: '2026-03-10 09:01:30',
    });
  });

  it('stays at an instant it is frozen at, and moves only when moved', () => {
    const real = fakeReal();
    const clock = new StackClock(real.read);
    clock.set(T, true);
    real.pass(HOUR);
    expect(clock.now()).toBe(T);
    clock.advance(3 * DAY);
    real.pass(HOUR);
    expect(clock.state()).toMatchObject({ mode: 'frozen', now: T + 3 * DAY });
  });

  it('moves a running clock forward and keeps it running; from real time it starts running', () => {
    const real = fakeReal();
    const clock = new StackClock(real.read);
    const start = real.read();
    clock.advance(DAY);
    real.pass(1000);
    expect(clock.state()).toMatchObject({ mode: 'running', now: start + DAY + 1000 });
  });

  it('freezes where it is, runs on from where it was frozen, and goes back to real time', () => {
    const real = fakeReal();
    const clock = new StackClock(real.read);
    clock.set(T);
    real.pass(1000);
    clock.setFrozen(true);
    real.pass(HOUR);
    expect(clock.now()).toBe(T + 1000);
    clock.setFrozen(false);
    real.pass(2000);
    expect(clock.state()).toMatchObject({ mode: 'running', now: T + 3000 });
    clock.reset();
    expect(clock.state()).toMatchObject({ mode: 'real', now: real.read() });
  });
});

describe('reading times and durations', () => {
  it.each([
    ['2026-03-10T09:00:00+08:00', T],
    ['2026-03-10T01:00:00Z', T],
    ['2026-03-10T01:00:00.000z', T],
    ['2026-03-10T09:00:00+0800', T],
    ['2026-03-10T03:00:00+02', T],
    // Without an offset, China time: the product's dates are China-local.
    ['2026-03-10T09:00', T],
    ['2026-03-10 09:00:00', T],
    ['2026-03-10', T - 9 * HOUR],
    [T, T],
  ])('reads %p as an instant', (input, expected) => {
    expect(parseInstant(input)).toBe(expected);
  });

  it.each([
    ['2026-02-30', 'not a real date'],
    ['2026-03-10T24:00:00', 'not a real date'],
    ['tomorrow', 'ISO 8601'],
    ['', 'ISO 8601'],
    [null, 'ISO 8601'],
    [1.5, 'ISO 8601'],
    // Seconds where milliseconds were meant, and a date typed without its dashes.
    [1773104400, 'years 2000–2099'],
    ['20260310', 'ISO 8601'],
    ['2100-01-01T00:00:00Z', 'years 2000–2099'],
  ])('refuses %p as an instant', (input, message) => {
    expect(() => parseInstant(input)).toThrow(ClockInputError);
    expect(() => parseInstant(input)).toThrow(message);
  });

  it.each([
    ['P3D', 3 * DAY],
    ['PT2H30M', 2.5 * HOUR],
    ['P1W', 7 * DAY],
    ['P1DT12H', 1.5 * DAY],
    ['PT1.5S', 1500],
    ['pt10m', 10 * 60_000],
    [90_000, 90_000],
    [0, 0],
  ])('reads %p as a duration', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each([
    ['P1M', 'no fixed length'],
    ['P1Y', 'no fixed length'],
    ['-P1D', 'only moves the clock forward'],
    [-60_000, 'only moves the clock forward'],
    ['P', 'ISO 8601 duration'],
    ['PT', 'ISO 8601 duration'],
    ['3 days', 'ISO 8601 duration'],
    ['3600', 'ISO 8601 duration'],
    [1.5, 'ISO 8601 duration'],
  ])('refuses %p as a duration', (input, message) => {
    expect(() => parseDuration(input)).toThrow(message);
  });

  it('changes nothing when any part of a request is refused', () => {
    const clock = new StackClock(fakeReal().read);
    clock.set(T, true);
    for (const body of [
      { now: '2026-05-01', frozen: 'yes' },
      { now: '2026-05-01', advance: 'P1D' },
      { now: '2026-05-01', at: 'noon' },
      { advance: 'P1M', frozen: false },
      {},
      [],
      'P1D',
    ]) {
      expect(() => applyClockRequest(clock, body)).toThrow(ClockInputError);
    }
    expect(clock.state()).toMatchObject({ mode: 'frozen', now: T });
  });
});

describe('npm start options', () => {
  it('reads --now and --frozen, and STACK_NOW and STACK_FROZEN, the command line winning', () => {
    expect(clockFromCommandLine(['--now', '2026-03-10T09:00:00+08:00'], {})).toEqual({
      now: T,
      frozen: false,
    });
    expect(clockFromCommandLine(['--reset', '--now=2026-03-10T09:00', '--frozen'], {})).toEqual({
      now: T,
      frozen: true,
    });
    expect(clockFromCommandLine([], { STACK_NOW: '2026-03-10T09:00:00+08:00', STACK_FROZEN: '1' })).toEqual({
      now: T,
      frozen: true,
    });
    expect(clockFromCommandLine(['--now', String(T + DAY)], { STACK_NOW: '2026-01-01' })).toEqual({
      now: T + DAY,
      frozen: false,
    });
    expect(clockFromCommandLine(['--reset'], {})).toBeUndefined();
  });

  it('says which option is wrong', () => {
    expect(() => clockFromCommandLine(['--now'], {})).toThrow('--now needs a time');
    expect(() => clockFromCommandLine(['--now', '--frozen'], {})).toThrow('--now needs a time');
    expect(() => clockFromCommandLine(['--now', 'soon'], {})).toThrow(/^--now must be/);
    expect(() => clockFromCommandLine([], { STACK_NOW: 'soon' })).toThrow(/^STACK_NOW must be/);
  });
});

describe('/local/clock', () => {
  let ctx: Awaited<ReturnType<typeof startBareStack>>;
  beforeAll(async () => {
    ctx = await startBareStack();
  });
  afterAll(() => ctx.close());
  afterEach(() => ctx.stack.clock.reset());

  const clockUrl = () => `${ctx.stack.url}/local/clock`;
  async function send(method: string, body?: unknown) {
    const res = await fetch(clockUrl(), {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const stackNow = async () =>
    ((await ctx.app.callFunction({ name: 'echo', data: {} })).result as { stackNow: number }).stackNow;

  it('sets the time, freezes it, moves it forward, lets it run, and goes back to real time', async () => {
    expect((await send('GET')).body).toMatchObject({ mode: 'real' });

    const set = await send('PUT', { now: '2026-03-10T09:00:00+08:00', frozen: true });
    expect(set).toEqual({
      status: 200,
      body: {
        mode: 'frozen',
        now: T,
        iso: '2026-03-10T01:00:00.000Z',
        chinaTime: '2026-03-10 09:00:00',
        fired: [],
      },
    });
    expect(await stackNow()).toBe(T);

    expect((await send('PUT', { advance: 'P3D' })).body).toMatchObject({ mode: 'frozen', now: T + 3 * DAY });
    expect((await send('PUT', { advance: HOUR })).body).toMatchObject({ now: T + 3 * DAY + HOUR });
    expect(await stackNow()).toBe(T + 3 * DAY + HOUR);

    const running = await send('PUT', { frozen: false });
    expect(running.body).toMatchObject({ mode: 'running' });
    expect(await stackNow()).toBeGreaterThanOrEqual(T + 3 * DAY + HOUR);
    expect(await stackNow()).toBeLessThan(T + 4 * DAY);

    expect((await send('PUT', { now: T })).body).toMatchObject({ mode: 'running' });

    const before = Date.now();
    expect((await send('DELETE')).body).toMatchObject({ mode: 'real' });
    const now = await stackNow();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('refuses bad input with 400 and a message, and keeps the time it had', async () => {
    await send('PUT', { now: T, frozen: true });
    for (const [body, message] of [
      [{ now: '2026-02-30' }, 'not a real date'],
      [{ now: 'next tuesday' }, 'ISO 8601'],
      [{ advance: 'P1M' }, 'no fixed length'],
      [{ advance: -1000 }, 'only moves the clock forward'],
      [{ now: T, advance: 'P1D' }, 'either now or advance'],
      [{ frozen: 'yes' }, 'frozen must be true or false'],
      [{ when: 'now' }, 'unknown field when'],
      [{}, 'give now, advance or frozen'],
      ['{"now": ', 'not valid JSON'],
      ['', 'must be JSON'],
    ] as const) {
      const answer = await send('PUT', body);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ code: 'INVALID_PARAM', message: expect.stringContaining(message) });
    }
    expect((await send('GET')).body).toMatchObject({ mode: 'frozen', now: T });
    expect((await send('POST', { now: T })).status).toBe(405);
  });
});

describe('what follows the clock, and what does not', () => {
  let ctx: Awaited<ReturnType<typeof startBareStack>>;
  beforeAll(async () => {
    ctx = await startBareStack({ clock: { now: '2026-03-10T09:00:00+08:00', frozen: true } });
  });
  afterAll(() => ctx.close());

  it('starts where startStack is told, and functions and serverDate() see it', async () => {
    expect(ctx.stack.clock.state()).toMatchObject({ mode: 'frozen', now: T });
    const { result } = await ctx.app.callFunction({ name: 'echo', data: {} });
    expect(result).toMatchObject({ stackNow: T });
    const db = ctx.app.database();
    await db.createCollection('stamped');
    const { id } = await db.collection('stamped').add({ at: db.serverDate() });
    const { data } = await db.collection('stamped').doc(id!).get();
    expect(new Date(data[0].at).getTime()).toBe(T);
  });

  it('leaves storage URLs on real time: a URL handed out is not expired by moving the clock', async () => {
    const { fileID } = await ctx.app.uploadFile({
      cloudPath: 'clock/a.txt',
      fileContent: Buffer.from('hello'),
    });
    const {
      fileList: [{ tempFileURL }],
    } = await ctx.app.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] });
    ctx.stack.clock.advance(30 * DAY);
    const res = await fetch(tempFileURL);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello');
  });
});

describe('timer triggers on the clock', () => {
  let ctx: Awaited<ReturnType<typeof startBareStack>>;
  beforeAll(async () => {
    ctx = await startBareStack({
      clock: { now: '2026-03-10T09:00:30+08:00', frozen: true },
      timers: [
        { functionName: 'echo', name: 'every-minute', cron: '0 * * * * * *' },
        { functionName: 'echo', name: 'evening', cron: '0 0 18 * * * *' },
      ],
    });
  });
  afterAll(() => ctx.close());

  const put = async (body: unknown) => {
    const res = await fetch(`${ctx.stack.url}/local/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { fired: Array<{ function: string; trigger: string; time: string }> };
  };

  it('fires each trigger a jump passes over once, as of its latest time, and nothing for a jump back', async () => {
    // 09:00:30 to 19:00:30 China time: six hundred minutes and one evening, each trigger once.
    expect((await put({ advance: 'PT10H' })).fired).toEqual([
      { function: 'echo', trigger: 'every-minute', time: '2026-03-10T11:00:00.000Z' },
      { function: 'echo', trigger: 'evening', time: '2026-03-10T10:00:00.000Z' },
    ]);
    // Within the same minute: nothing is due.
    expect((await put({ advance: 'PT20S' })).fired).toEqual([]);
    expect((await put({ now: '2026-03-10T08:00:00+08:00', frozen: true })).fired).toEqual([]);
    const listed = (await (await fetch(`${ctx.stack.url}/local/timers`)).json()) as Record<string, unknown>;
    expect(listed).toMatchObject({
      scheduled: true,
      timers: [
        { function: 'echo', trigger: 'every-minute', lastFired: '2026-03-10T11:00:00.000Z' },
        { function: 'echo', trigger: 'evening', lastFired: '2026-03-10T10:00:00.000Z' },
      ],
    });
  });

  it('fires a trigger by hand at the stack’s now, and says which triggers there are', async () => {
    await put({ now: '2026-03-10T17:59:00+08:00', frozen: true });
    const res = await fetch(`${ctx.stack.url}/local/timers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ function: 'echo', trigger: 'evening' }),
    });
    const event = { Type: 'Timer', TriggerName: 'evening', Time: '2026-03-10T09:59:00.000Z' };
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      event,
      result: expect.objectContaining({ event, stackNow: Date.parse('2026-03-10T09:59:00Z') }),
    });

    const unknown = await fetch(`${ctx.stack.url}/local/timers`, {
      method: 'POST',
      body: JSON.stringify({ function: 'echo', trigger: 'midnight' }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      message: expect.stringContaining('echo/every-minute, echo/evening'),
    });
    const malformed = await fetch(`${ctx.stack.url}/local/timers`, {
      method: 'POST',
      body: '{"trigger": 1}',
    });
    expect(malformed.status).toBe(400);
  });
});

describe('npm start with a clock', () => {
  jest.setTimeout(60_000);
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-clock-'));
    dirs.push(dir);
    return dir;
  };

  it('starts at STACK_NOW, frozen with STACK_FROZEN, and says so', async () => {
    const stack = await spawnStack(freshDir(), { STACK_NOW: '2026-03-10T09:00:00+08:00', STACK_FROZEN: '1' });
    try {
      expect(stack.output()).toContain('clock: 2026-03-10 09:00:00 China time, frozen');
      const state = (await (await fetch(`${stack.url}/local/clock`)).json()) as Record<string, unknown>;
      expect(state).toMatchObject({ mode: 'frozen', now: T });
    } finally {
      stack.kill('SIGTERM');
      await stack.exited;
    }
  });

  it('refuses to start on a time it cannot read', async () => {
    await expect(spawnStack(freshDir(), { STACK_NOW: '2026-13-01' })).rejects.toThrow(
      /stack exited \(1\)[\s\S]*STACK_NOW/,
    );
  });
});

describe('closing with a timer still running', () => {
  it('waits for the function to finish, so its database requests are still answered', async () => {
    const ctx = await startBareStack({
      clock: { now: '2026-03-10T09:00:00+08:00', frozen: true },
      timers: [{ functionName: 'slow', name: 'every-second', cron: '* * * * * * *' }],
    });
    const settled: unknown[] = [];
    const invoke = ctx.stack.functions.invoke.bind(ctx.stack.functions);
    jest.spyOn(ctx.stack.functions, 'invoke').mockImplementation((call) => {
      const running = invoke(call);
      running.then(
        (result) => settled.push(result),
        (error: unknown) => settled.push(error),
      );
      return running;
    });
    const res = await fetch(`${ctx.stack.url}/local/clock`, { method: 'PUT', body: '{"advance": 1000}' });
    expect(await res.json()).toMatchObject({ fired: [{ function: 'slow', trigger: 'every-second' }] });
    expect(settled).toEqual([]);
    await ctx.close();
    expect(settled).toEqual(['too late']);
  });
});
