import { latestMatch, parseSchedule, type Schedule } from './cron';

/**
 * Timer triggers, fired on the stack's clock as CloudBase fires them: the function receives
 * `{ Type: 'Timer', TriggerName, Time }`.
 *
 * Each tick looks at the stretch of stack time since the previous one and fires every trigger whose
 * schedule falls in it once, as of its latest time there; a trigger still running is skipped rather
 * than run twice at once. While the clock runs, a tick covers a second. When it is moved forward, the
 * tick covers the jump: a trigger whose times were jumped over fires once, not once per missed time,
 * because the sweeps it runs catch up on everything due in one run. Moved back, nothing fires for
 * the jump, and the times come round again as the clock runs on. Frozen, nothing fires by itself.
 */

export interface TimerTrigger {
  functionName: string;
  name: string;
  cron: string;
}

export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
}

export interface FiredTimer {
  function: string;
  trigger: string;
  time: string;
}

type Invoke = (functionName: string, event: TimerEvent) => Promise<unknown>;

interface Entry extends TimerTrigger {
  schedule: Schedule;
  running: boolean;
  lastFired: number | null;
}

export class TimerScheduler {
  private readonly entries: Entry[];
  private last: number;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    triggers: TimerTrigger[],
    private readonly now: () => number,
    private readonly invoke: Invoke,
  ) {
    this.entries = triggers.map((t) => ({
      ...t,
      schedule: parseSchedule(t.cron),
      running: false,
      lastFired: null,
    }));
    this.last = now();
  }

  /** Ticks every second until stopped; without this, triggers fire only by hand. */
  start(): void {
    if (this.ticker || !this.entries.length) return;
    this.last = this.now();
    this.ticker = setInterval(() => this.tick(), 1000);
    this.ticker.unref();
  }

  get scheduled(): boolean {
    return this.ticker !== undefined;
  }

  stop(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  /** Fires what fell due since the previous tick (see above); answers what it fired. */
  tick(): FiredTimer[] {
    if (!this.ticker) return [];
    const now = this.now();
    const after = this.last;
    this.last = now;
    const fired: FiredTimer[] = [];
    for (const entry of this.entries) {
      const at = latestMatch(entry.schedule, after, now);
      if (at === null || entry.running) continue;
      entry.running = true;
      entry.lastFired = at;
      const time = new Date(at).toISOString();
      fired.push({ function: entry.functionName, trigger: entry.name, time });
      this.invoke(entry.functionName, { Type: 'Timer', TriggerName: entry.name, Time: time })
        .catch((error) => console.error(`[stack] timer ${entry.functionName}/${entry.name} failed`, error))
        .finally(() => (entry.running = false));
    }
    return fired;
  }

  find(functionName: string, name: string): TimerTrigger | undefined {
    return this.entries.find((e) => e.functionName === functionName && e.name === name);
  }

  /** Fires a declared trigger now, by the stack's clock, whatever its schedule; answers the function's result. */
  async fire(trigger: TimerTrigger): Promise<{ event: TimerEvent; result: unknown }> {
    const event: TimerEvent = {
      Type: 'Timer',
      TriggerName: trigger.name,
      Time: new Date(this.now()).toISOString(),
    };
    return { event, result: await this.invoke(trigger.functionName, event) };
  }

  list() {
    return this.entries.map((e) => ({
      function: e.functionName,
      trigger: e.name,
      cron: e.cron,
      running: e.running,
      lastFired: e.lastFired === null ? null : new Date(e.lastFired).toISOString(),
    }));
  }
}
