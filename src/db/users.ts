// The users table: accounts, their role and whether they are suspended.
import type { Db } from './driver.ts';
import { isUniqueViolation } from './errors.ts';

export interface User {
  id: number;
  username: string;
  email: string | null;
  passwordHash: string | null;
  isAdmin: boolean;
  suspended: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

interface UserRow {
  id: number; username: string; email: string | null; password_hash: string | null;
  is_admin: number; suspended: number; created_at: string; last_login_at: string | null;
}

const COLUMNS = 'id, username, email, password_hash, is_admin, suspended, created_at, last_login_at';

function rowToUser(r: UserRow): User {
  return {
    id: Number(r.id), username: r.username, email: r.email, passwordHash: r.password_hash,
    isAdmin: Boolean(r.is_admin), suspended: Boolean(r.suspended), createdAt: r.created_at, lastLoginAt: r.last_login_at,
  };
}

export class DuplicateUser extends Error {
  constructor(readonly field: 'username' | 'email') {
    super(`that ${field === 'email' ? 'e-mail address' : field} is already taken`);
  }
}

export interface NewUser {
  username: string;
  email: string;
  passwordHash: string | null;
  isAdmin?: boolean;
}

/** Creates an account; a username or e-mail already in use (in any letter case) → DuplicateUser. */
export async function insertUser(db: Db, u: NewUser, now: string): Promise<User> {
  // Checked first for a clear message; the unique indexes still decide when two sign-ups race.
  if (await userByName(db, u.username)) throw new DuplicateUser('username');
  if (await userByEmail(db, u.email)) throw new DuplicateUser('email');
  try {
    const row = await db.tx((tx) =>
      tx.get<UserRow>(
        `insert into users (username, email, password_hash, is_admin, suspended, created_at, updated_at)
         values (?, ?, ?, ?, 0, ?, ?) returning ${COLUMNS}`,
        [u.username, u.email, u.passwordHash, u.isAdmin ?? false, now, now],
      ),
    );
    return rowToUser(row!);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateUser(String(err).includes('email') ? 'email' : 'username');
    throw err;
  }
}

export async function userById(db: Db, id: number): Promise<User | null> {
  const row = await db.get<UserRow>(`select ${COLUMNS} from users where id = ?`, [id]);
  return row ? rowToUser(row) : null;
}

/** Usernames are unique regardless of case; /u/Ada and /u/ada are the same person. */
export async function userByName(db: Db, username: string): Promise<User | null> {
  const row = await db.get<UserRow>(`select ${COLUMNS} from users where lower(username) = lower(?)`, [username]);
  return row ? rowToUser(row) : null;
}

export async function userByEmail(db: Db, email: string): Promise<User | null> {
  const row = await db.get<UserRow>(`select ${COLUMNS} from users where lower(email) = lower(?)`, [email]);
  return row ? rowToUser(row) : null;
}

export async function setPasswordHash(db: Db, userId: number, hash: string, now: string): Promise<void> {
  await db.run('update users set password_hash = ?, updated_at = ? where id = ?', [hash, now, userId]);
}

/** Changes the e-mail; one another account uses → DuplicateUser. */
export async function setEmail(db: Db, userId: number, email: string, now: string): Promise<void> {
  const other = await userByEmail(db, email);
  if (other && other.id !== userId) throw new DuplicateUser('email');
  try {
    await db.tx((tx) => tx.run('update users set email = ?, updated_at = ? where id = ?', [email, now, userId]));
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateUser('email');
    throw err;
  }
}

export async function setLastLogin(db: Db, userId: number, now: string): Promise<void> {
  await db.run('update users set last_login_at = ? where id = ?', [now, userId]);
}

export async function setSuspended(db: Db, userId: number, suspended: boolean, now: string): Promise<boolean> {
  const r = await db.run('update users set suspended = ?, updated_at = ? where id = ?', [suspended, now, userId]);
  return r.changes > 0;
}

export async function setAdmin(db: Db, userId: number, isAdmin: boolean, now: string): Promise<void> {
  await db.run('update users set is_admin = ?, updated_at = ? where id = ?', [isAdmin, now, userId]);
}

/** Newest accounts first, for /admin and `paperboy user list`. */
export async function recentUsers(db: Db, limit: number): Promise<User[]> {
  const rows = await db.all<UserRow>(`select ${COLUMNS} from users order by created_at desc, id desc limit ?`, [limit]);
  return rows.map(rowToUser);
}
