// Who is asking: sets c.var.viewer from `Authorization: Bearer TOKEN` or the session cookie, and
// c.var.csrf, the anti-forgery token every form of this response must carry (see csrf.ts).
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, generateCookie, getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../../app.ts';
import { sessionUser, touchSession } from '../../db/sessions.ts';
import { tokenUser, touchToken } from '../../db/tokens.ts';
import { newSecret, secretHash, sign } from '../../domain/accounts.ts';
import { AppError, forbidden } from '../../errors.ts';
import { cookieSettings, sessionCookie, sessionExpiry } from './session.ts';

/** How the request authenticated; the CSRF check exempts token requests (no ambient credential). */
export interface AuthState {
  via: 'token' | 'session' | null;
}

// Activity timestamps are written at most this often, so reading pages does not write every time.
const TOUCH_MS = 3_600_000;
const ANON_COOKIE_DAYS = 7;

export const invalidToken = () =>
  new AppError(401, 'invalid_token', 'the API token is not valid: it is mistyped or revoked', {
    'WWW-Authenticate': 'Bearer error="invalid_token"',
  });
/** A real token whose account is suspended: who is asking is known, and refused. */
export const suspendedToken = (username: string) =>
  forbidden(`the account ${username} is suspended: its API tokens may not be used until an administrator lifts the suspension`);

/** The anti-forgery token of a logged-in browser: bound to its session id. */
export const sessionCsrf = (secret: string, sessionId: string) => sign(secret, 'csrf-session', sessionId);
/** The anti-forgery token of an anonymous browser: bound to its random pb_csrf cookie (signed double-submit). */
export const anonCsrf = (secret: string, cookieValue: string) => sign(secret, 'csrf-anon', cookieValue);

/** The token of `Authorization: Bearer TOKEN`; undefined without a Bearer header (other schemes are not ours). */
export function bearerToken(c: Context): string | undefined {
  const m = /^Bearer\s+(.*)$/i.exec(c.req.header('authorization') ?? '');
  return m ? m[1]!.trim() : undefined;
}

export function viewerMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const { db, config } = deps;
  const cookies = cookieSettings(config);
  return async (c, next) => {
    const now = Date.now();
    const nowIso = new Date(now).toISOString();
    c.set('viewer', null);
    c.set('auth', { via: null });

    const token = bearerToken(c);
    if (token !== undefined) {
      const found = token ? await tokenUser(db, secretHash(token)) : null;
      if (!found) throw invalidToken();
      if (found.suspended) throw suspendedToken(found.username);
      if (!found.lastUsedAt || now - Date.parse(found.lastUsedAt) > TOUCH_MS) await touchToken(db, found.tokenId, nowIso);
      c.set('viewer', { id: found.userId, username: found.username, isAdmin: found.isAdmin });
      c.set('auth', { via: 'token' });
      c.set('csrf', '');
      return next();
    }

    const sessionId = getCookie(c, cookies.session);
    if (sessionId) {
      const hash = secretHash(sessionId);
      const found = await sessionUser(db, hash, nowIso);
      if (found) {
        c.set('viewer', { id: found.userId, username: found.username, isAdmin: found.isAdmin });
        c.set('auth', { via: 'session' });
        c.set('csrf', sessionCsrf(config.secret, sessionId));
        if (now - Date.parse(found.lastSeenAt) > TOUCH_MS) {
          // An active session slides forward; an idle one expires sessionDays after its last use.
          await touchSession(db, hash, nowIso, sessionExpiry(config, now));
          c.header('Set-Cookie', sessionCookie(config, sessionId), { append: true });
        }
        await next();
        // A page with someone's name and form tokens on it is for their browser only, never a shared cache.
        if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'private, no-cache');
        return;
      }
      // Expired, logged out elsewhere, or suspended: drop the dead cookie.
      deleteCookie(c, cookies.session, cookies.base);
    }

    // Anonymous: forms are bound to a random cookie (signed double-submit), issued with HTML pages.
    const existing = getCookie(c, cookies.anon);
    const anon = existing && /^[\w-]{20,100}$/.test(existing) ? existing : newSecret();
    c.set('csrf', anonCsrf(config.secret, anon));
    await next();
    if (anon !== existing && c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.res.headers.append('Set-Cookie', generateCookie(cookies.anon, anon, { ...cookies.base, maxAge: ANON_COOKIE_DAYS * 86_400 }));
    }
  };
}
