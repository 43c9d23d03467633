// Builds the HTTP app (Hono) and exports it: `serve` listens with it, tests call app.request().
import { Hono, type Context } from 'hono';
import type { Config } from './config.ts';
import type { Db } from './db/driver.ts';
import { AppError } from './errors.ts';
import type { Logger } from './log.ts';
import { observeRequest } from './routes/health.ts';
import { registerRoutes } from './routes/index.ts';
import { apiCors, checkMethod, methodNotAllowed } from './routes/methods.ts';
import { utf8Query } from './routes/query-params.ts';
import { installMiddleware } from './routes/middleware/index.ts';
import type { Limiter } from './routes/middleware/rate-limit.ts';
import type { AuthState } from './routes/middleware/viewer.ts';
import type { Viewer } from './views/layout.ts';
import { errorPage } from './views/error-page.ts';

export interface AppDeps {
  db: Db;
  config: Config;
  log: Logger;
}

export type AppEnv = { Variables: { viewer: Viewer | null; csrf: string; auth: AuthState; limiter: Limiter } };
export type App = Hono<AppEnv>;

const SECURITY_HEADERS: Record<string, string> = {
  // KaTeX positions glyphs with style attributes, so those (and only those) are allowed inline.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function wantsJson(path: string, accept: string | undefined): boolean {
  return path.startsWith('/api/') || (accept?.includes('application/json') === true && !accept.includes('text/html'));
}

function notAllowed(c: Context, allow: string, message: string): Response {
  c.header('Allow', allow);
  if (wantsJson(c.req.path, c.req.header('accept'))) return c.json({ error: 'method_not_allowed', message }, 405);
  return c.html(errorPage(405, message).value, 405);
}

export function createApp(deps: AppDeps): App {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const started = performance.now();
    c.set('viewer', null);
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
    const seconds = (performance.now() - started) / 1000;
    observeRequest(c.req.method, c.req.routePath, c.res.status, seconds);
    if (c.res.status >= 500) deps.log.error({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 1000) }, 'request failed');
    else deps.log.debug({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 1000) }, 'request');
  });

  app.use('/api/*', apiCors(app));
  app.use(checkMethod(app, notAllowed));
  installMiddleware(app, deps);
  app.use(utf8Query);
  registerRoutes(app, deps);

  app.notFound((c) => {
    const wrongMethod = methodNotAllowed(app, c);
    if (wrongMethod) return notAllowed(c, wrongMethod.allow, wrongMethod.message);
    const message = `nothing at ${c.req.path}`;
    if (wantsJson(c.req.path, c.req.header('accept'))) return c.json({ error: 'not_found', message }, 404);
    return c.html(errorPage(404, message).value, 404);
  });

  app.onError((err, c) => {
    const known = err instanceof AppError ? err : null;
    if (!known) deps.log.error({ err, method: c.req.method, path: c.req.path }, 'unhandled error');
    const status = known?.status ?? 500;
    const code = known?.code ?? 'internal_error';
    const message = known?.message ?? 'something went wrong on our side; it has been logged';
    for (const [k, v] of Object.entries(known?.headers ?? {})) c.header(k, v);
    if (wantsJson(c.req.path, c.req.header('accept'))) return c.json({ error: code, message }, status);
    return c.html(errorPage(status, message).value, status);
  });

  return app;
}
