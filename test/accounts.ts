// Test factories for accounts: a user with a known password, a logged-in browser's cookie and
// anti-forgery token, an API token. They go through the same code as sign-up and log-in.
import { insertSession } from '../src/db/sessions.ts';
import type { User } from '../src/db/users.ts';
import { newSecret, secretHash } from '../src/domain/accounts.ts';
import { createAccount, createApiToken } from '../src/domain/users.ts';
import { cookieSettings, sessionExpiry } from '../src/routes/middleware/session.ts';
import { sessionCsrf } from '../src/routes/middleware/viewer.ts';
import type { TestEnv } from './support.ts';

let serial = 0;
export const PASSWORD = 'correct horse battery';

export async function buildUser(t: TestEnv, overrides: { username?: string; email?: string; password?: string | null; isAdmin?: boolean } = {}): Promise<User> {
  serial++;
  const username = overrides.username ?? `member${serial}`;
  return createAccount(t.db, {
    username,
    email: overrides.email ?? `${username.toLowerCase()}@example.org`,
    password: overrides.password === undefined ? PASSWORD : overrides.password,
    isAdmin: overrides.isAdmin,
  });
}

/** A logged-in browser: headers carrying its session cookie, and the csrf token its forms carry. */
export async function loggedIn(t: TestEnv, user: { id: number }): Promise<{ cookie: string; csrf: string; sessionId: string }> {
  const sessionId = newSecret();
  const now = Date.now();
  await insertSession(t.db, secretHash(sessionId), user.id, new Date(now).toISOString(), sessionExpiry(t.config, now));
  return { cookie: `${cookieSettings(t.config).session}=${sessionId}`, csrf: sessionCsrf(t.config.secret, sessionId), sessionId };
}

export async function apiToken(t: TestEnv, user: { id: number }): Promise<string> {
  return (await createApiToken(t.db, user.id, 'test')).token;
}

/** A same-site form post from a logged-in browser (cookie, Origin, _csrf field). */
export function formPost(session: { cookie: string; csrf: string } | null, fields: Record<string, string>, origin = 'http://paperboy.test'): RequestInit {
  const body = new URLSearchParams(session ? { _csrf: session.csrf, ...fields } : fields);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', origin };
  if (session) headers.cookie = session.cookie;
  return { method: 'POST', body, headers };
}

/**
 * A browser for in-process route tests: keeps cookies between requests, sends same-site posts
 * with the `_csrf` value of the last HTML page it loaded.
 */
export class TestBrowser {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, readonly origin = 'http://paperboy.test') {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (value === '' || attrs.some((a) => /max-age=0\b/i.test(a.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string): Promise<{ res: Response; text: string }> {
    const res = await this.app.request(path, { headers: this.cookies.size ? { cookie: this.cookieHeader } : {} });
    this.remember(res);
    const text = await res.text();
    const token = /name="_csrf" value="([^"]*)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { res, text };
  }

  async post(path: string, fields: Record<string, string>, options: { csrf?: string | null; origin?: string } = {}): Promise<{ res: Response; text: string }> {
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    const body = new URLSearchParams(csrf === null ? fields : { _csrf: csrf, ...fields });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', origin: options.origin ?? this.origin };
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    const res = await this.app.request(path, { method: 'POST', body, headers });
    this.remember(res);
    const text = await res.text();
    const token = /name="_csrf" value="([^"]*)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { res, text };
  }
}
