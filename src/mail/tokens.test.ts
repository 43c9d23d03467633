// Signed links and addresses: what is accepted, what is refused.
import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './address.ts';
import { confirmToken, opaqueId, readConfirmToken, readUnsubscribeToken, unsubscribeToken, verifyConfirm, verifyUnsubscribe } from './tokens.ts';

const SECRET = 's'.repeat(40);
const sub = { id: 42, email: 'reader@example.org' };

describe('signed links', () => {
  it('confirms with the cadence and expiry it was made with, for that subscription only', () => {
    const token = confirmToken(SECRET, sub, 'weekly', new Date('2025-08-12T00:00:00Z'));
    const claim = readConfirmToken(token)!;
    expect(claim).toMatchObject({ subscriptionId: 42, cadence: 'weekly', expiresAt: new Date('2025-08-12T00:00:00Z') });
    expect(verifyConfirm(SECRET, claim, sub)).toBe(true);
    expect(verifyConfirm(SECRET, claim, { ...sub, email: 'other@example.org' })).toBe(false);
    expect(verifyConfirm('t'.repeat(40), claim, sub)).toBe(false);
    expect(verifyConfirm(SECRET, readConfirmToken(token.replace('weekly', 'daily'))!, sub)).toBe(false);
    const later = token.replace(/\.(\d+)\./, (_, exp) => `.${Number(exp) + 86400}.`);
    expect(verifyConfirm(SECRET, readConfirmToken(later)!, sub)).toBe(false);
    expect(readConfirmToken('42.daily.abc.xyz')).toBeNull();
  });

  it('unsubscribes with a token bound to the subscription and address', () => {
    const token = unsubscribeToken(SECRET, sub);
    const claim = readUnsubscribeToken(token)!;
    expect(claim.subscriptionId).toBe(42);
    expect(verifyUnsubscribe(SECRET, claim.mac, sub)).toBe(true);
    expect(verifyUnsubscribe(SECRET, claim.mac, { id: 42, email: 'else@example.org' })).toBe(false);
    expect(readUnsubscribeToken(`${token}x`)).toBeNull();
  });

  it('makes opaque ids that are stable and differ by input', () => {
    expect(opaqueId(SECRET, [1, 'daily:2025-08-05'])).toBe(opaqueId(SECRET, [1, 'daily:2025-08-05']));
    expect(opaqueId(SECRET, [2, 'daily:2025-08-05'])).not.toBe(opaqueId(SECRET, [1, 'daily:2025-08-05']));
    expect(opaqueId(SECRET, [1, 'x'])).toMatch(/^[A-Za-z0-9]{20}$/);
  });
});

describe('normalizeAddress', () => {
  it('accepts addresses and folds case', () => {
    expect(normalizeAddress(' Ada.Lovelace+papers@Example.ORG ')).toBe('ada.lovelace+papers@example.org');
    expect(normalizeAddress('x@sub.example.co.uk')).toBe('x@sub.example.co.uk');
  });

  it('refuses what is not an address', () => {
    for (const bad of ['not an address', 'a@b', '@example.org', 'a@', 'a..b@example.org', '.a@example.org', 'a@-x.org', 'a b@example.org', `${'x'.repeat(65)}@example.org`, 42, null]) {
      expect(normalizeAddress(bad), String(bad)).toBeNull();
    }
  });
});
