import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATES } from '../miniprogram/core/notifications';
import { startProjectStack } from '../stack/project';
import { DEV_DEPUTY_OPENID } from '../stack/seed';
import type { Stack } from '../stack/server';
import { submission } from '../tests/helpers/project-stack';

/**
 * `npx tsx bench/submit-profile.ts`: where the CPU of a warm submit goes. The product on a fresh
 * stack, warmed by a few submits, then PROFILE_SUBMITS (default 400) submits at concurrency 8
 * through /wx/callFunction under the V8 profiler, as the city bench runs them. The profile is the
 * request thread's: with the functions on a thread of their own (as `npm start` runs them), their
 * side is not in it; PROFILE_FUNCTION_THREADS=0 puts them back on the request thread.
 * Prints the CPU per submit of the request thread (its busy time) and of the whole process (every
 * thread, from process.cpuUsage; the bench's own fetch is in it), the request thread's by part
 * (each sample goes to the nearest frame of a known part: the SDK's signing, the SDK, HTTP, the
 * stack's server, its database code, SQLite, mingo, EJSON, the function's own code…) and the
 * costliest functions, and writes the profile to .tmp/submit.cpuprofile for Chrome's DevTools. A
 * figure to read, never a pass or fail.
 */

const SUBMITS = Number(process.env.PROFILE_SUBMITS ?? 400);
/** As `npm start` runs them (PROFILE_FUNCTION_THREADS, default 1; 0: on the request thread, profiled with it). */
const FUNCTION_THREADS = Number(process.env.PROFILE_FUNCTION_THREADS ?? 1);
const CONCURRENCY = 8;

/** The parts, in the order a frame's source is tested. */
const PARTS: Array<[string, RegExp]> = [
  ['SDK: request signing', /@cloudbase\/signature-nodejs/],
  ['mingo', /node_modules\/mingo\//],
  ['SQLite (better-sqlite3)', /better-sqlite3/],
  ['EJSON (bson)', /node_modules\/bson\//],
  ['SDK: requests and answers', /@cloudbase\/|wx-server-sdk|agentkeepalive/],
  ['stack: database', /\/stack\/db\//],
  ['stack: WeChat stand-ins', /\/stack\/wx-/],
  ['stack: functions runtime', /\/stack\/functions\.ts/],
  ['stack: HTTP handling', /\/stack\//],
  ['function code', /\/cloudfunctions\//],
  ['bench client (fetch)', /\/bench\/|undici/],
  ['node: HTTP, sockets, streams', /^node:/],
];

async function main(): Promise<void> {
  process.env.TENCENTCLOUD ||= 'true';
  const dataDir = mkdtempSync(join(tmpdir(), 'submit-profile-'));
  const stack = await startProjectStack({ port: 0, dataDir, functionThreads: FUNCTION_THREADS });
  try {
    for (let i = 0; i < SUBMITS + 100; i++)
      stack.wx.grantCredits(DEV_DEPUTY_OPENID, { [TEMPLATES.caseReceived.id]: 'accept' });
    await load(stack, 40); // warm: modules loaded, statements prepared, readers started
    const session = new Session();
    session.connect();
    const post = <T>(method: string, params?: object) =>
      new Promise<T>((resolve, reject) =>
        session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
      );
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 100 });
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    await post('Profiler.start');
    const t = process.hrtime.bigint();
    await load(stack, SUBMITS);
    const wall = Number(process.hrtime.bigint() - t) / 1e6;
    const { profile } = await post<{ profile: Profiler.Profile }>('Profiler.stop');
    const busy = performance.eventLoopUtilization(elu).active;
    const used = process.cpuUsage(cpu);
    const processMs = (used.user + used.system) / 1000;
    session.disconnect();
    const out = join(__dirname, '..', '.tmp');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'submit.cpuprofile'), JSON.stringify(profile));
    report(profile, busy, processMs, wall);
  } finally {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function load(stack: Stack, submits: number): Promise<void> {
  let left = submits;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_x, w) => {
      while (left-- > 0) {
        const res = await fetch(`${stack.url}/wx/callFunction`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'X-WX-OPENID': `o-profile-${w}` },
          body: JSON.stringify({ name: 'resident', data: { action: 'submit', data: submission() } }),
        });
        const { result } = (await res.json()) as { result: { ok: boolean; code?: string } };
        if (!result.ok) throw new Error(`submit failed: ${JSON.stringify(result)}`);
      }
    }),
  );
}

function report(profile: Profiler.Profile, busy: number, processMs: number, wall: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const parts = new Map<string, number>();
  const functions = new Map<string, number>();
  const json = { parse: 0, stringify: 0 };
  const deltas = profile.timeDeltas ?? [];
  for (const [i, sample] of (profile.samples ?? []).entries()) {
    const dt = (deltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(sample);
    if (!leaf) continue;
    const { functionName, url, lineNumber } = leaf.callFrame;
    if (functionName === '(idle)') continue;
    const name = `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/.*\/(stack|cloudfunctions|bench)\//, '$1/')}:${lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + dt);
    let part = ['(garbage collector)', '(program)'].includes(functionName) ? 'V8: GC and VM' : '';
    let seenJson = false;
    for (let id: number | undefined = sample; id !== undefined && !part; id = parentOf.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (!frame) break;
      if (!frame.url && !seenJson && (frame.functionName === 'parse' || frame.functionName === 'stringify')) {
        json[frame.functionName] += dt;
        seenJson = true;
      }
      part = PARTS.find(([, pattern]) => pattern.test(frame.url))?.[0] ?? '';
    }
    parts.set(part || 'other', (parts.get(part || 'other') ?? 0) + dt);
  }
  const per = (ms: number) => `${(ms / SUBMITS).toFixed(3)} ms`;
  const sampled = [...parts.values()].reduce((s, v) => s + v, 0);
  console.log(
    `\nsubmit profile: ${SUBMITS} warm submits at concurrency ${CONCURRENCY}, node ${process.version}`,
  );
  console.log(
    `  ${(SUBMITS / (wall / 1000)).toFixed(0)}/s; request thread busy ${per(busy)}, whole process ${per(processMs)} of CPU per submit`,
  );
  console.log(`  sampled CPU per submit, by part (${per(sampled)} in all):`);
  for (const [part, ms] of [...parts].sort((a, b) => b[1] - a[1]))
    console.log(`    ${part.padEnd(32)} ${per(ms)}`);
  console.log(`  of which JSON.parse ${per(json.parse)}, JSON.stringify ${per(json.stringify)}`);
  console.log('  costliest functions (own time per submit):');
  for (const [name, ms] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`    ${per(ms).padStart(9)}  ${name}`);
  console.log('  profile: .tmp/submit.cpuprofile');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
