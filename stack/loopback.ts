import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

/**
 * What only this machine may reach. The status page (`/`), `/local/*` and the admin API (`/admin`)
 * show every case, name and OpenID, set the clock and take any credentials: a developer who binds
 * the stack to a LAN address so that a phone can reach `/wx/*` and `/storage/*` must not publish
 * them to that network. They answer loopback clients only, however the stack is bound.
 */
export function isMachineOnly(path: string): boolean {
  return (
    path === '/' ||
    path === '/local' ||
    path.startsWith('/local/') ||
    path === '/admin' ||
    path.startsWith('/admin/')
  );
}

/** 127.0.0.0/8, ::1, and the IPv4 loopback seen through a dual-stack socket (::ffff:127.x.y.z). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  return isIP(address) === 6 && /^(0{0,4}:){7}0{0,3}1$|^::1$/.test(address);
}

/** Answers 403 to a request for a machine-only path from elsewhere; true when it did. */
export function refusedFromAfar(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (!isMachineOnly(path) || isLoopback(req.socket.remoteAddress)) return false;
  req.resume();
  res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(
    JSON.stringify({
      code: 'PERMISSION_DENIED',
      message: `${path} answers requests from this machine (127.0.0.1) only`,
    }),
  );
  return true;
}
