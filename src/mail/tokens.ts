// Signed links in e-mails: confirming a subscription (expires after 7 days) and unsubscribing
// (never expires: a years-old digest must still unsubscribe). HMAC-SHA256 with the site secret.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Cadence, Subscription } from '../db/subscriptions.ts';

export const CONFIRM_TTL_MS = 7 * 86_400_000;

function mac(secret: string, purpose: string, parts: (string | number)[]): string {
  return createHmac('sha256', secret).update([purpose, ...parts].join('\n')).digest('base64url').slice(0, 32);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A short stable digest of some parts (Message-IDs), keyed by the secret so it reveals nothing. */
export function opaqueId(secret: string, parts: (string | number)[]): string {
  return mac(secret, 'id', parts).slice(0, 20).replace(/[-_]/g, 'x');
}

export function confirmToken(secret: string, s: Pick<Subscription, 'id' | 'email'>, cadence: Cadence, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${s.id}.${cadence}.${exp}.${mac(secret, 'confirm', [s.id, s.email, cadence, exp])}`;
}

export interface ConfirmClaim {
  subscriptionId: number;
  cadence: Cadence;
  expiresAt: Date;
}

/** Reads a confirm token without trusting it: check it with verifyConfirm once the subscription is loaded. */
export function readConfirmToken(token: string): (ConfirmClaim & { mac: string }) | null {
  const m = /^(\d{1,12})\.(daily|weekly)\.(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  return { subscriptionId: Number(m[1]), cadence: m[2] as Cadence, expiresAt: new Date(Number(m[3]) * 1000), mac: m[4]! };
}

export function verifyConfirm(secret: string, claim: ConfirmClaim & { mac: string }, s: Pick<Subscription, 'id' | 'email'>): boolean {
  const exp = Math.floor(claim.expiresAt.getTime() / 1000);
  return same(claim.mac, mac(secret, 'confirm', [s.id, s.email, claim.cadence, exp]));
}

export function unsubscribeToken(secret: string, s: Pick<Subscription, 'id' | 'email'>): string {
  return `${s.id}.${mac(secret, 'unsubscribe', [s.id, s.email])}`;
}

export function readUnsubscribeToken(token: string): { subscriptionId: number; mac: string } | null {
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  return m ? { subscriptionId: Number(m[1]), mac: m[2]! } : null;
}

export function verifyUnsubscribe(secret: string, macText: string, s: Pick<Subscription, 'id' | 'email'>): boolean {
  return same(macText, mac(secret, 'unsubscribe', [s.id, s.email]));
}
