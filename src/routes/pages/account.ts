// /signup, /login, /logout and /reset (set a password from a one-time link). Each post reads the
// form, checks its rate limit, validates, stores, then starts or ends the session and redirects.
import type { Context } from 'hono';
import type { App, AppDeps, AppEnv } from '../../app.ts';
import { clearLimit } from '../../db/rate-limits.ts';
import { userById } from '../../db/users.ts';
import { checkPasswordLink, passwordLinkUser } from '../../domain/password-links.ts';
import { AccountError, changePassword, checkCredentials, createAccount } from '../../domain/users.ts';
import { loginPage, logoutPage, signupPage } from '../../views/account-login.ts';
import { resetFailedPage, resetPage } from '../../views/account-reset.ts';
import '../../views/account-header.ts';
import { endSession, startSession } from '../middleware/session.ts';

// Failed log-ins per account (guessing one password) and attempts per address (guessing many).
export const LOGIN_PER_USER = { limit: 10, windowSeconds: 15 * 60 };
export const LOGIN_PER_IP = { limit: 30, windowSeconds: 15 * 60 };
export const SIGNUPS_PER_IP = { limit: 5, windowSeconds: 60 * 60 };

export const loginKey = (username: string) => `login:user:${username.toLowerCase()}`;

/** The text of a form field ('' when absent or a file). */
export async function formText(c: Context, name: string): Promise<string> {
  const value = (await c.req.parseBody())[name];
  return typeof value === 'string' ? value : '';
}

/** Where to go after logging in: a path on this site only, never another site ("//evil", "/\\evil"). */
export function safeNext(raw: string | undefined): string {
  // Control characters could split the Location header; a backslash is a slash to some browsers.
  if (!raw || raw.length > 500 || !raw.startsWith('/') || raw.startsWith('//') || /[\x00-\x1f\x7f\\]/.test(raw)) return '/';
  return /^\/(login|signup|logout|reset)\b/.test(raw) ? '/' : raw;
}

function errorStatus(err: AccountError): 400 | 409 {
  return err.kind === 'taken' ? 409 : 400;
}

export function accountRoutes(app: App, deps: AppDeps): void {
  const { db, config } = deps;

  app.get('/signup', (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.get('viewer')) return c.redirect(next, 303);
    return c.html(signupPage({ csrf: c.get('csrf'), next }).value);
  });

  app.post('/signup', async (c) => {
    const next = safeNext(await formText(c, 'next'));
    const values = { username: (await formText(c, 'username')).trim(), email: (await formText(c, 'email')).trim() };
    const limiter = c.get('limiter');
    const ipKey = `signup:ip:${limiter.ip}`;
    await limiter.check(ipKey, SIGNUPS_PER_IP.limit, SIGNUPS_PER_IP.windowSeconds, 'too many accounts were created from your address; try again later');
    try {
      const user = await createAccount(db, { ...values, password: await formText(c, 'password') });
      await limiter.hit(ipKey, SIGNUPS_PER_IP.limit, SIGNUPS_PER_IP.windowSeconds);
      deps.log.info({ user: user.username }, 'account created');
      await startSession(c, deps, user.id);
      return c.redirect(next, 303);
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      return c.html(signupPage({ csrf: c.get('csrf'), next, values, errors: err.all }).value, errorStatus(err));
    }
  });

  app.get('/login', (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.get('viewer')) return c.redirect(next, 303);
    return c.html(loginPage({ csrf: c.get('csrf'), next }).value);
  });

  app.post('/login', async (c) => {
    const next = safeNext(await formText(c, 'next'));
    const username = (await formText(c, 'username')).trim();
    const password = await formText(c, 'password');
    const limiter = c.get('limiter');
    const again = (status: 400 | 401 | 403, message: string) =>
      c.html(loginPage({ csrf: c.get('csrf'), next, values: { username }, message }).value, status);
    if (!username || !password) return again(400, 'enter your username and password');
    await limiter.hit(`login:ip:${limiter.ip}`, LOGIN_PER_IP.limit, LOGIN_PER_IP.windowSeconds, 'too many log-in attempts from your address; try again later');
    await limiter.check(loginKey(username), LOGIN_PER_USER.limit, LOGIN_PER_USER.windowSeconds, 'too many failed log-ins for this account; try again later');
    const user = await checkCredentials(db, username, password);
    if (!user) {
      await limiter.hit(loginKey(username), LOGIN_PER_USER.limit, LOGIN_PER_USER.windowSeconds);
      return again(401, 'wrong username or password');
    }
    if (user.suspended) return again(403, 'this account is suspended; contact the site administrators');
    await clearLimit(db, loginKey(username));
    await startSession(c, deps, user.id);
    return c.redirect(next, 303);
  });

  app.get('/logout', (c) => c.html(logoutPage({ csrf: c.get('csrf'), viewer: c.get('viewer') }).value));

  app.post('/logout', async (c) => {
    await endSession(c, deps);
    return c.redirect('/', 303);
  });

  /** The user a set-password link is for, when the link is genuine, unexpired and unused. */
  async function linkUser(token: string) {
    const id = passwordLinkUser(token);
    const user = id === null ? null : await userById(db, id);
    const verdict = user ? checkPasswordLink(config.secret, token, user, Date.now()) : 'invalid';
    if (verdict === 'expired') return { error: 'the link has expired' } as const;
    if (!user || verdict !== 'ok') return { error: 'the link is not valid, or it has already been used' } as const;
    if (user.suspended) return { error: 'this account is suspended' } as const;
    return { user } as const;
  }

  // The token in /reset?token=… is a credential, so no Referer from these pages may carry the URL.
  // `strict-origin` sends the site's origin alone — never the path or query, not even to this site —
  // and, unlike `no-referrer`, lets the browser say where the form comes from (Origin), which the
  // forgery check needs: under `no-referrer` Chromium sends `Origin: null`, which is refused.
  const RESET_REFERRER_POLICY = 'strict-origin';

  app.get('/reset', async (c) => {
    c.header('Referrer-Policy', RESET_REFERRER_POLICY);
    const token = c.req.query('token') ?? '';
    const found = await linkUser(token);
    if ('error' in found) return c.html(resetFailedPage(found.error!).value, 400);
    return c.html(resetPage({ csrf: c.get('csrf'), token, username: found.user.username }).value);
  });

  app.post('/reset', async (c) => {
    c.header('Referrer-Policy', RESET_REFERRER_POLICY);
    const token = await formText(c, 'token');
    const found = await linkUser(token);
    if ('error' in found) return c.html(resetFailedPage(found.error!).value, 400);
    try {
      await changePassword(db, found.user, await formText(c, 'password'), null);
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      return c.html(resetPage({ csrf: c.get('csrf'), token, username: found.user.username, errors: { password: err.message } }).value, 400);
    }
    await startSession(c, deps, found.user.id);
    return c.redirect('/settings', 303);
  });
}
