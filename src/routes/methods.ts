// Which methods an address answers, read from the app's own route table: a wrong method gets 405 with
// an Allow header, and the public read API is open to browsers on other sites (CORS, reads only).
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { App } from '../app.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const READS = ['GET', 'HEAD', 'OPTIONS'];

type Match = [[unknown, { method: string }], unknown][];

/** The methods some route (not a middleware, registered for every method) answers at this path. */
export function allowedMethods(app: App, path: string): string[] {
  const found = METHODS.filter((m) => hasRoute(app, m, path));
  if (found.length === 0) return [];
  // Hono answers HEAD with the GET route; the API answers OPTIONS itself (see apiCors).
  return [...found.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])), ...(path.startsWith('/api/') ? ['OPTIONS'] : [])];
}

function hasRoute(app: App, method: string, path: string): boolean {
  return (app.router.match(method, path)[0] as Match).some(([[, route]]) => route.method !== 'ALL');
}

/** The 405 a known address gives to a method it does not have, or null when nothing lives there. */
export function methodNotAllowed(app: App, c: Context): { allow: string; message: string } | null {
  if (c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS' && hasRoute(app, c.req.method, c.req.path)) return null;
  const allowed = allowedMethods(app, c.req.path);
  if (allowed.length === 0 || allowed.includes(c.req.method)) return null;
  return { allow: allowed.join(', '), message: `${c.req.path} does not take ${c.req.method}; it takes ${allowed.join(', ')}` };
}

/**
 * A write or OPTIONS to an address that does not take it is answered 405 before the session and
 * anti-forgery checks, which would otherwise refuse it for reasons that are not the real one.
 */
export function checkMethod(app: App, answer: (c: Context, allow: string, message: string) => Response): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next(); // a wrong GET ends in notFound, which checks
    const wrong = methodNotAllowed(app, c);
    if (wrong) return answer(c, wrong.allow, wrong.message);
    return next();
  };
}

/**
 * CORS for /api/*: any site may read (GET, HEAD) without credentials, as it may read huggingface.co's
 * API; writes get no CORS headers at all, so a page elsewhere can never send a session's cookie with
 * one and read the answer. A preflight for an address that exists answers 204 naming the reads.
 */
export function apiCors(app: App): MiddlewareHandler {
  const open = cors({ origin: '*', allowMethods: READS, credentials: false, maxAge: 86_400 });
  return async (c, next) => {
    if (!READS.includes(c.req.method)) return next();
    if (c.req.method === 'OPTIONS') {
      const allowed = allowedMethods(app, c.req.path);
      if (allowed.length === 0) return next();
      c.header('Allow', allowed.join(', '));
    }
    return open(c, next);
  };
}
