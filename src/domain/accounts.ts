// Account rules without HTTP or SQL: what a valid username, e-mail and password are, password
// hashing (scrypt), and the random secrets we hand out (session ids, API tokens) with their hashes.
import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const USERNAME_RULE = '2–32 letters, digits, _ or -';
const USERNAME = /^[A-Za-z0-9_-]{2,32}$/;
// Deliberately loose: one @, something before it, a dotted domain after it, no spaces or brackets.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
export const MIN_PASSWORD = 8;
// scrypt's cost grows with length; nobody types more, and it keeps a hash request cheap to refuse.
export const MAX_PASSWORD = 256;

/** The problem with a username, or null when it is acceptable. */
export function usernameProblem(username: string): string | null {
  if (!USERNAME.test(username)) return `the username must be ${USERNAME_RULE}`;
  return null;
}

export function emailProblem(email: string): string | null {
  if (email.length > 254 || !EMAIL.test(email)) return 'enter an e-mail address like name@example.org';
  return null;
}

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD) return `the password must be at least ${MIN_PASSWORD} characters`;
  if (password.length > MAX_PASSWORD) return `the password must be at most ${MAX_PASSWORD} characters`;
  return null;
}

// N = 2^15, r = 8 costs 32 MiB and ~50 ms per hash: cheap for one log-in, expensive for a guesser.
const COST = { N: 1 << 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keylen, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** "scrypt$N$r$p$salt$hash" (base64url): the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

// Verified against when the username is unknown, so a miss takes as long as a wrong password.
let decoy: Promise<string> | null = null;

/** True when the password matches the stored hash; false for a wrong password or an unusable hash. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const target = stored ?? (await (decoy ??= hashPassword(randomBytes(12).toString('hex'))));
  const [scheme, n, r, p, salt, hash] = target.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected) && stored !== null;
}

/** A fresh random secret: 32 bytes, URL-safe. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export const TOKEN_PREFIX = 'pb_';
export const newApiToken = () => newSecret(TOKEN_PREFIX);

/**
 * What we store for a session id or API token. They carry 256 random bits, so a fast hash is
 * enough: a stolen table gives nothing that can be replayed.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** HMAC-SHA256 of the parts under the site secret, for signed links and anti-forgery tokens. */
export function sign(secret: string, ...parts: string[]): string {
  return createHmac('sha256', secret).update(parts.join('\n')).digest('base64url');
}

/** Compares two strings without revealing where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
