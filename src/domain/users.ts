// What can be done to an account, shared by the pages and the CLI: create one, check a password,
// change e-mail or password, issue API tokens. Validation problems are AccountError with the field.
import type { Db } from '../db/driver.ts';
import { deleteUserSessions } from '../db/sessions.ts';
import { insertToken } from '../db/tokens.ts';
import { DuplicateUser, insertUser, setEmail, setPasswordHash, userByEmail, userByName, type User } from '../db/users.ts';
import { emailProblem, hashPassword, newApiToken, passwordProblem, secretHash, TOKEN_PREFIX, usernameProblem, verifyPassword } from './accounts.ts';

export type AccountField = 'username' | 'email' | 'password' | 'current' | 'name';

/**
 * Bad input for an account action; `field` says which form field to point at. `all` holds every
 * field's problem when several were found at once (the first of them is `field`), so a form can
 * show them together instead of one per attempt.
 */
export class AccountError extends Error {
  constructor(
    readonly field: AccountField,
    message: string,
    readonly kind: 'invalid' | 'taken' = 'invalid',
    readonly all: Partial<Record<AccountField, string>> = { [field]: message },
  ) {
    super(message);
  }
}

function ensure(field: AccountField, problem: string | null): void {
  if (problem) throw new AccountError(field, problem);
}

export interface NewAccount {
  username: string;
  email: string;
  /** null: no password yet (the CLI prints a set-password link instead). */
  password: string | null;
  isAdmin?: boolean;
}

export async function createAccount(db: Db, a: NewAccount, now = new Date().toISOString()): Promise<User> {
  const problems: Partial<Record<AccountField, string>> = {};
  const badUsername = usernameProblem(a.username);
  const badEmail = emailProblem(a.email);
  const badPassword = a.password === null ? null : passwordProblem(a.password);
  if (badUsername) problems.username = badUsername;
  if (badEmail) problems.email = badEmail;
  if (badPassword) problems.password = badPassword;
  const fields = Object.keys(problems) as AccountField[];
  if (fields.length) {
    // Nothing is stored this time, so say now which well-formed name or address is taken as well.
    if (!badUsername && (await userByName(db, a.username))) problems.username = new DuplicateUser('username').message;
    if (!badEmail && (await userByEmail(db, a.email))) problems.email = new DuplicateUser('email').message;
    const first = (['username', 'email', 'password'] as const).find((f) => problems[f])!;
    throw new AccountError(first, problems[first]!, 'invalid', problems);
  }
  const passwordHash = a.password === null ? null : await hashPassword(a.password);
  try {
    return await insertUser(db, { username: a.username, email: a.email, passwordHash, isAdmin: a.isAdmin }, now);
  } catch (err) {
    if (err instanceof DuplicateUser) throw new AccountError(err.field, err.message, 'taken');
    throw err;
  }
}

/**
 * The account for a username (any letter case) and password, or null. Suspended accounts are
 * returned too: the caller says why they cannot log in instead of pretending the password is wrong.
 */
export async function checkCredentials(db: Db, username: string, password: string): Promise<User | null> {
  const user = username.length <= 64 ? await userByName(db, username) : null;
  // Always verify (against a decoy when there is no such user), so timing does not reveal names.
  const ok = await verifyPassword(password.slice(0, 1024), user?.passwordHash ?? null);
  return ok && user ? user : null;
}

/** Sets a new password and logs the user out everywhere else (keepSessionHash stays logged in). */
export async function changePassword(db: Db, user: User, password: string, keepSessionHash: string | null, now = new Date().toISOString()): Promise<void> {
  ensure('password', passwordProblem(password));
  const hash = await hashPassword(password);
  await db.tx(async (tx) => {
    await setPasswordHash(tx, user.id, hash, now);
    await deleteUserSessions(tx, user.id, keepSessionHash);
  });
}

export async function changeEmail(db: Db, user: User, email: string, now = new Date().toISOString()): Promise<void> {
  ensure('email', emailProblem(email));
  try {
    await setEmail(db, user.id, email, now);
  } catch (err) {
    if (err instanceof DuplicateUser) throw new AccountError('email', err.message, 'taken');
    throw err;
  }
}

/** Issues a named API token; the returned secret is shown once and only its hash is kept. */
export async function createApiToken(db: Db, userId: number, name: string, now = new Date().toISOString()): Promise<{ id: number; token: string }> {
  const label = name.trim();
  if (!label || label.length > 60) throw new AccountError('name', 'give the token a name of 1–60 characters (e.g. "laptop script")');
  const token = newApiToken();
  const stored = await insertToken(db, { userId, name: label, hash: secretHash(token), prefix: token.slice(0, TOKEN_PREFIX.length + 4) }, now);
  return { id: stored.id, token };
}
