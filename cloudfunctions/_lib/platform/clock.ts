import type { CloudContext } from './handler';

/**
 * The instant a call starts. The one place the functions read the real clock: everything else
 * takes `ctx.now`, so tests and the local stack can set the time.
 */
export function nowFrom(_context: CloudContext | undefined): number {
  return Date.now();
}
