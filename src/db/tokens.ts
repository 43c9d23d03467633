// The api_tokens table: named Bearer tokens per user, stored as hashes with a short visible prefix.
import type { Db } from './driver.ts';

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface TokenUser {
  tokenId: number;
  userId: number;
  username: string;
  isAdmin: boolean;
  /** A suspended user's tokens are known but refused (403), unlike unknown ones (401). */
  suspended: boolean;
  lastUsedAt: string | null;
}

export async function insertToken(db: Db, t: { userId: number; name: string; hash: string; prefix: string }, now: string): Promise<ApiToken> {
  const row = await db.get<{ id: number }>(
    'insert into api_tokens (user_id, name, token_hash, prefix, created_at) values (?, ?, ?, ?, ?) returning id',
    [t.userId, t.name, t.hash, t.prefix, now],
  );
  return { id: Number(row!.id), userId: t.userId, name: t.name, prefix: t.prefix, createdAt: now, lastUsedAt: null };
}

/** The account a token acts for, suspended or not; null when the token is unknown. */
export async function tokenUser(db: Db, hash: string): Promise<TokenUser | null> {
  const row = await db.get<{ id: number; user_id: number; username: string; is_admin: number; suspended: number; last_used_at: string | null }>(
    `select t.id, t.user_id, u.username, u.is_admin, u.suspended, t.last_used_at
     from api_tokens t join users u on u.id = t.user_id where t.token_hash = ?`,
    [hash],
  );
  if (!row) return null;
  return {
    tokenId: Number(row.id), userId: Number(row.user_id), username: row.username, isAdmin: Boolean(row.is_admin),
    suspended: Boolean(Number(row.suspended)), lastUsedAt: row.last_used_at,
  };
}

export async function touchToken(db: Db, id: number, now: string): Promise<void> {
  await db.run('update api_tokens set last_used_at = ? where id = ?', [now, id]);
}

export async function tokensOfUser(db: Db, userId: number): Promise<ApiToken[]> {
  const rows = await db.all<{ id: number; user_id: number; name: string; prefix: string; created_at: string; last_used_at: string | null }>(
    'select id, user_id, name, prefix, created_at, last_used_at from api_tokens where user_id = ? order by created_at desc, id desc',
    [userId],
  );
  return rows.map((r) => ({ id: Number(r.id), userId: Number(r.user_id), name: r.name, prefix: r.prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

/** Revokes one of the user's own tokens; false when there is no such token of theirs. */
export async function deleteToken(db: Db, userId: number, id: number): Promise<boolean> {
  return (await db.run('delete from api_tokens where id = ? and user_id = ?', [id, userId])).changes > 0;
}
