// The session cookie: issuing it at log-in (a new id every time), ending it at log-out. Only the
// SHA-256 of the id is stored, so a leaked sessions table cannot be replayed as cookies.
import type { Context } from 'hono';
import { deleteCookie, generateCookie, getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../../app.ts';
import type { Config } from '../../config.ts';
import { deleteSession, insertSession } from '../../db/sessions.ts';
import { setLastLogin } from '../../db/users.ts';
import { sweepOccasionally } from '../../domain/account-sweep.ts';
import { newSecret, secretHash } from '../../domain/accounts.ts';

const DAY_MS = 86_400_000;

/** Cookie names and attributes; on https the __Host- prefix pins them to this exact origin. */
export function cookieSettings(config: Config) {
  const secure = config.baseUrl.startsWith('https:');
  return {
    secure,
    session: secure ? '__Host-pb_session' : 'pb_session',
    anon: secure ? '__Host-pb_csrf' : 'pb_csrf',
    base: { path: '/', httpOnly: true, sameSite: 'Lax' as const, secure },
  };
}

export function sessionExpiry(config: Config, nowMs: number): string {
  return new Date(nowMs + config.sessionDays * DAY_MS).toISOString();
}

export function sessionCookie(config: Config, id: string): string {
  const s = cookieSettings(config);
  return generateCookie(s.session, id, { ...s.base, maxAge: config.sessionDays * 86_400 });
}

/**
 * Logs the browser in as `userId`: any session it already had is deleted and a new id issued, so an
 * id planted before log-in (session fixation) is worth nothing afterwards.
 */
export async function startSession(c: Context<AppEnv>, { db, config }: AppDeps, userId: number): Promise<void> {
  const s = cookieSettings(config);
  const old = getCookie(c, s.session);
  if (old) await deleteSession(db, secretHash(old));
  const id = newSecret();
  const now = Date.now();
  await insertSession(db, secretHash(id), userId, new Date(now).toISOString(), sessionExpiry(config, now));
  await setLastLogin(db, userId, new Date(now).toISOString());
  await sweepOccasionally(db, now);
  c.header('Set-Cookie', sessionCookie(config, id), { append: true });
}

/** Logs the browser out: its session row goes, and the cookie with it. */
export async function endSession(c: Context<AppEnv>, { db, config }: AppDeps): Promise<void> {
  const s = cookieSettings(config);
  const id = getCookie(c, s.session);
  if (id) await deleteSession(db, secretHash(id));
  deleteCookie(c, s.session, s.base);
}
