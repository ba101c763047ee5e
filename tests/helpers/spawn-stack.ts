import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export interface SpawnedStack {
  url: string;
  proc: ChildProcessWithoutNullStreams;
  output: () => string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
  /**
   * Signals the stack's whole process group, as Ctrl-C or a supervisor would. The TypeScript loader
   * runs a helper process beside the stack; killing only the stack would orphan it.
   */
  kill(signal: NodeJS.Signals): void;
}

/** Starts the stack as `npm start` does (a real process, its own event loop), on a free port. */
export function spawnStack(dataDir: string, extraEnv: Record<string, string> = {}): Promise<SpawnedStack> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'stack', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ...extraEnv },
    detached: true,
  });
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, signal);
    } catch {
      // already gone
    }
  };
  let out = '';
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | string>((resolve) =>
    proc.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stack did not become ready:\n${out}`)), 30_000);
    const onData = () => {
      const match = /ready at (http:\/\/[\d.]+:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        proc.stdout.off('data', onData);
        resolve({ url: match[1], proc, output: () => out, exited, kill });
      }
    };
    proc.stdout.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`stack exited (${code}) before ready:\n${out}`));
    });
  });
}
