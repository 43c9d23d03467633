// One-time set-password links (`paperboy user add` without a password, `paperboy user link`):
// signed with the site secret, expiring, and bound to the current password hash, so the link stops
// working the moment it has been used to set a password.
import { sameSecret, sign } from './accounts.ts';

export const LINK_HOURS = 48;

function signature(secret: string, userId: number, expires: number, passwordHash: string | null): string {
  return sign(secret, 'set-password', String(userId), String(expires), passwordHash ?? '');
}

/** The token for /reset?token=…, valid LINK_HOURS from `nowMs`. */
export function passwordLinkToken(secret: string, user: { id: number; passwordHash: string | null }, nowMs: number): string {
  const expires = Math.floor(nowMs / 1000) + LINK_HOURS * 3600;
  return `${user.id}.${expires}.${signature(secret, user.id, expires, user.passwordHash)}`;
}

/** The user id a token names, before checking it (to look the user up); null when malformed. */
export function passwordLinkUser(token: string): number | null {
  const m = /^(\d{1,12})\.(\d{1,12})\.([\w-]{43})$/.exec(token);
  return m ? Number(m[1]) : null;
}

export type LinkCheck = 'ok' | 'expired' | 'invalid';

/** Whether a token is genuine, unexpired and unused for this user (as stored now). */
export function checkPasswordLink(secret: string, token: string, user: { id: number; passwordHash: string | null }, nowMs: number): LinkCheck {
  const m = /^(\d{1,12})\.(\d{1,12})\.([\w-]{43})$/.exec(token);
  if (!m || Number(m[1]) !== user.id) return 'invalid';
  const expires = Number(m[2]);
  if (!sameSecret(m[3]!, signature(secret, user.id, expires, user.passwordHash))) return 'invalid';
  return expires * 1000 > nowMs ? 'ok' : 'expired';
}
