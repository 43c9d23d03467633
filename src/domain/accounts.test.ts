// Account rules: what names, addresses and passwords pass; scrypt hashes; one-time links.
import { describe, expect, it } from 'vitest';
import { emailProblem, hashPassword, passwordProblem, secretHash, usernameProblem, verifyPassword } from './accounts.ts';
import { checkPasswordLink, passwordLinkToken } from './password-links.ts';

describe('validation', () => {
  it.each(['ab', 'Ada_Lovelace', 'x-1', 'A'.repeat(32)])('accepts the username %s', (u) => expect(usernameProblem(u)).toBeNull());
  it.each(['a', 'A'.repeat(33), 'has space', 'ümlaut', 'a.b', '<script>', ''])('refuses the username %s', (u) => expect(usernameProblem(u)).toContain('2–32'));
  it.each(['a@example.org', 'first.last+tag@sub.example.co.uk'])('accepts the e-mail %s', (e) => expect(emailProblem(e)).toBeNull());
  it.each(['plain', 'a@b', 'a@@example.org', 'a b@example.org', '@example.org', 'a@example.org>', 'a@-x.org'])('refuses the e-mail %s', (e) =>
    expect(emailProblem(e)).not.toBeNull(),
  );
  it('wants passwords of 8 to 256 characters', () => {
    expect(passwordProblem('1234567')).toContain('at least 8');
    expect(passwordProblem('12345678')).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toContain('at most 256');
  });
});

describe('password hashing', () => {
  it('hashes with a fresh salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
    expect(await verifyPassword('anything', 'md5$garbage')).toBe(false);
  });

  it('stores a token as a hash that does not contain it', () => {
    expect(secretHash('pb_abc')).toMatch(/^[\w-]{43}$/);
    expect(secretHash('pb_abc')).not.toContain('abc');
  });
});

describe('set-password links', () => {
  const secret = 'x'.repeat(40);
  const user = { id: 7, passwordHash: null };
  const now = Date.parse('2025-08-05T10:00:00Z');

  it('is valid for 48 hours, for that user, until a password is set', () => {
    const token = passwordLinkToken(secret, user, now);
    expect(checkPasswordLink(secret, token, user, now + 47 * 3600_000)).toBe('ok');
    expect(checkPasswordLink(secret, token, user, now + 49 * 3600_000)).toBe('expired');
    expect(checkPasswordLink(secret, token, { id: 8, passwordHash: null }, now)).toBe('invalid');
    expect(checkPasswordLink(secret, token, { id: 7, passwordHash: 'scrypt$new' }, now)).toBe('invalid');
    expect(checkPasswordLink('y'.repeat(40), token, user, now)).toBe('invalid');
    expect(checkPasswordLink(secret, token.replace(/\.(\d+)\./, (_m, e) => `.${Number(e) + 1000}.`), user, now)).toBe('invalid');
  });
});
