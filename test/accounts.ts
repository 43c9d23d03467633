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
