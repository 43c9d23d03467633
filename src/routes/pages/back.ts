// Where a form post sends the browser afterwards: back to the page it came from when that page is
// on this site (the Referer), else a fallback. Never an address on another site.
import type { Context } from 'hono';

export function backTo(c: Context, baseUrl: string, fallback: string): string {
  const referer = c.req.header('referer');
  if (!referer) return fallback;
  try {
    const from = new URL(referer);
    // The configured site and the address the request came in on (127.0.0.1 for localhost) both count.
    if (from.origin !== new URL(baseUrl).origin && from.origin !== new URL(c.req.url).origin) return fallback;
    return from.pathname + from.search;
  } catch {
    return fallback;
  }
}

export function loginUrl(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}
