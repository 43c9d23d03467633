// The sessions table: one row per logged-in browser, keyed by the hash of the cookie's session id.
import type { Db } from './driver.ts';

export interface SessionUser {
  userId: number;
  username: string;
  isAdmin: boolean;
  expiresAt: string;
  lastSeenAt: string;
}

export async function insertSession(db: Db, idHash: string, userId: number, now: string, expiresAt: string): Promise<void> {
  await db.run('insert into sessions (id_hash, user_id, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?)', [idHash, userId, now, now, expiresAt]);
}

/** The account behind a live session; null when it is unknown, expired, or its user is suspended. */
export async function sessionUser(db: Db, idHash: string, now: string): Promise<SessionUser | null> {
  const row = await db.get<{ user_id: number; username: string; is_admin: number; expires_at: string; last_seen_at: string }>(
    `select s.user_id, u.username, u.is_admin, s.expires_at, s.last_seen_at
     from sessions s join users u on u.id = s.user_id
     where s.id_hash = ? and s.expires_at > ? and u.suspended = 0`,
    [idHash, now],
  );
  if (!row) return null;
  return { userId: Number(row.user_id), username: row.username, isAdmin: Boolean(row.is_admin), expiresAt: row.expires_at, lastSeenAt: row.last_seen_at };
}

/** Slides the expiry forward for an active session. */
export async function touchSession(db: Db, idHash: string, now: string, expiresAt: string): Promise<void> {
  await db.run('update sessions set last_seen_at = ?, expires_at = ? where id_hash = ?', [now, expiresAt, idHash]);
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.run('delete from sessions where id_hash = ?', [idHash]);
}

/** Logs a user out everywhere (password change, suspension), optionally keeping one session. */
export async function deleteUserSessions(db: Db, userId: number, exceptIdHash: string | null = null): Promise<number> {
  const r = await db.run('delete from sessions where user_id = ? and id_hash <> ?', [userId, exceptIdHash ?? '']);
  return r.changes;
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  return (await db.run('delete from sessions where expires_at <= ?', [now])).changes;
}
