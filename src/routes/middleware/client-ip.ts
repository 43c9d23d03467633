// The client's IP address for rate limits: the socket's peer, or — only when PAPERBOY_TRUST_PROXY
// says a reverse proxy sits in front — the address that proxy appended to X-Forwarded-For.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    // The rightmost entry is the one our proxy added; anything left of it the client could have typed.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
    const last = forwarded?.[forwarded.length - 1];
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // no socket: an in-process request (tests, app.request)
  }
}
