// Where a form post sends the browser afterwards: back to the page it came from when that page is
// on this site (the Referer), else a fallback. Never an address on another site.
import type { Context } from 'hono';

export function backTo(c: Context, fallback: string): string {
  const referer = c.req.header('referer');
  if (!referer) return fallback;
  try {
    const from = new URL(referer);
    if (from.origin !== new URL(c.req.url).origin) return fallback;
    return from.pathname + from.search;
  } catch {
    return fallback;
  }
}

export function loginUrl(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}
