// Anonymous readers of list pages and feeds get a copy rendered earlier, as long as the database's
// site_version has not moved since. Every process checks the shared counter on each request, so a
// vote through one process shows through all of them at once.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app.ts';
import type { Db } from '../db/driver.ts';
import { siteVersion } from '../db/site-version.ts';

interface Entry {
  version: number;
  body: ArrayBuffer;
  headers: [string, string][];
}

const MAX_ENTRIES = 500;

export function pageCache(db: Db): MiddlewareHandler<AppEnv> {
  const entries = new Map<string, Entry>();
  return async (c, next) => {
    if (c.req.method !== 'GET' || c.get('viewer')) return next();
    const key = c.req.url;
    const version = await siteVersion(db);
    const hit = entries.get(key);
    if (hit && hit.version === version) {
      entries.delete(key); // keep recently used entries at the end
      entries.set(key, hit);
      return c.body(hit.body, 200, Object.fromEntries(hit.headers));
    }
    await next();
    if (c.res.status !== 200 || c.res.headers.has('set-cookie')) return;
    const body = await c.res.clone().arrayBuffer();
    entries.set(key, { version, body, headers: [...c.res.headers.entries()] });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  };
}
