// Refuses forged state-changing requests (403). A POST/PUT/PATCH/DELETE that a browser could have
// sent with our cookies must (1) come from our own origin when it says where it comes from
// (Origin, else Referer) and (2) carry c.var.csrf — the `_csrf` form field, or the X-CSRF-Token
// header for fetch() calls. Requests authenticated with a Bearer token carry no ambient credential
// and are exempt, as are signed one-click unsubscribes (RFC 8058), which mail clients POST bare.
// A form whose own signed token is the proof (confirming a subscription from its e-mail) needs no
// _csrf — a forger cannot know that token — but must still not come from another site.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../../app.ts';
import { sameSecret } from '../../domain/accounts.ts';
import { AppError } from '../../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const EXEMPT_PATHS = new Set(['/unsubscribe']);
const SIGNED_FORM_PATHS = new Set(['/subscribe/confirm']);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export const csrfRefused = (why: string) => new AppError(403, 'csrf_refused', why);

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid';
  }
}

async function submittedToken(c: Context<AppEnv>): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    // parseBody caches the parsed form, so the route handler reads the same body after us.
    const value = (await c.req.parseBody())[CSRF_FIELD];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

export function csrfMiddleware({ config }: AppDeps): MiddlewareHandler<AppEnv> {
  const site = new URL(config.baseUrl).origin;
  return async (c, next) => {
    if (SAFE.has(c.req.method) || c.get('auth').via === 'token' || EXEMPT_PATHS.has(c.req.path)) return next();
    const hasCookies = Boolean(c.req.header('cookie'));
    // An API call with no cookies has no ambient authority to abuse (e.g. curl subscribing an address).
    if (!hasCookies && c.req.path.startsWith('/api/')) return next();

    // The request's own origin counts too, so a local instance reached as 127.0.0.1 instead of its
    // configured localhost still accepts its own forms; a cross-site page can forge neither.
    const allowed = [site, new URL(c.req.url).origin];
    const from = originOf(c.req.header('origin')) ?? originOf(c.req.header('referer'));
    if (from && !allowed.includes(from)) throw csrfRefused(`refused: this request came from another site (${from === 'invalid' ? 'an unreadable origin' : from})`);
    if (SIGNED_FORM_PATHS.has(c.req.path)) return next();

    const token = await submittedToken(c);
    const expected = c.get('csrf');
    if (!token || !expected || !sameSecret(token, expected)) {
      throw csrfRefused(
        hasCookies
          ? 'refused: the form is out of date or was not sent from this site; reload the page and try again'
          : 'refused: this form needs cookies; enable them for this site, reload the page and try again',
      );
    }
    return next();
  };
}
