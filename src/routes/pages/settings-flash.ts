// The one-shot outcome of a /settings form (a notice, or a new API token's secret), carried across
// the redirect after the post in a short-lived encrypted cookie and cleared the first time it is shown.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../../app.ts';
import type { SettingsView } from '../../views/account-settings.ts';
import { cookieSettings } from '../middleware/session.ts';

export type Flash = Pick<SettingsView, 'newToken' | 'form' | 'message'>;

// Long enough for a slow redirect, short enough that an unshown secret does not linger in the jar.
const FLASH_SECONDS = 120;

const cookieName = (config: AppDeps['config']) => (cookieSettings(config).secure ? '__Host-pb_flash' : 'pb_flash');
// AES-GCM both hides a token's secret from anything reading the cookie store and stops forgery.
const keyOf = (secret: string) => createHmac('sha256', secret).update('settings flash cookie').digest();

/** Remembers `flash` for the next /settings page this browser loads as `userId`. */
export function setFlash(c: Context<AppEnv>, { config }: AppDeps, userId: number, flash: Flash): void {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(config.secret), iv);
  const plain = JSON.stringify({ u: userId, exp: Date.now() + FLASH_SECONDS * 1000, flash });
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const value = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  setCookie(c, cookieName(config), value, { ...cookieSettings(config).base, sameSite: 'Strict', maxAge: FLASH_SECONDS });
}

/** The flash left for `userId`, once: the cookie is cleared whether or not it could be read. */
export function takeFlash(c: Context<AppEnv>, { config }: AppDeps, userId: number): Flash | null {
  const name = cookieName(config);
  const raw = getCookie(c, name);
  if (!raw) return null;
  deleteCookie(c, name, { ...cookieSettings(config).base, sameSite: 'Strict' });
  try {
    const bytes = Buffer.from(raw, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyOf(config.secret), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    const { u, exp, flash } = JSON.parse(plain) as { u: number; exp: number; flash: Flash };
    return u === userId && exp > Date.now() ? flash : null;
  } catch {
    return null; // tampered, from an older secret, or cut short: nothing to show
  }
}
