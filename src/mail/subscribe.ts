// Subscribing with double opt-in, confirming, and unsubscribing — shared by the API, the pages and
// the members' settings. Answers never reveal whether an address is already subscribed.
import { z } from 'zod';
import type { Config } from '../config.ts';
import { latestDay } from '../db/daily.ts';
import { cancelPendingForAddress, insertDelivery } from '../db/deliveries.ts';
import type { Db } from '../db/driver.ts';
import {
  confirmSubscription, findSubscription, getSubscription, insertSubscription, isActive, markRequested, unsubscribeAddress,
  type Cadence, type Subscription,
} from '../db/subscriptions.ts';
import { badRequest } from '../errors.ts';
import { MAX_QUERY_LENGTH } from '../search/query.ts';
import { normalizeAddress } from './address.ts';
import { queueDelivery } from './jobs.ts';
import { messageId } from './message.ts';
import { CONFIRM_TTL_MS, readConfirmToken, readUnsubscribeToken, verifyConfirm, verifyUnsubscribe } from './tokens.ts';

/** No second confirmation mail to the same subscription within this time (against mail-bombing). */
const RESEND_AFTER_MS = 5 * 60_000;
/** A saved search takes any query search takes. */
export { MAX_QUERY_LENGTH };

export const subscriptionRequest = z.object({
  email: z.string({ message: 'email is required' }).max(320, 'email is too long'),
  cadence: z.enum(['daily', 'weekly'], { message: 'cadence must be "daily" or "weekly"' }),
  query: z.string().max(MAX_QUERY_LENGTH, `query must be at most ${MAX_QUERY_LENGTH} characters`).nullish(),
});
export type SubscriptionRequest = z.input<typeof subscriptionRequest>;

type Deps = { db: Db; config: Config };

/** Validates a request; the first problem becomes a 400 that says what is wrong. */
export function parseSubscriptionRequest(input: unknown): { email: string; cadence: Cadence; query: string | null } {
  const parsed = subscriptionRequest.safeParse(input);
  if (!parsed.success) throw badRequest(parsed.error.issues[0]!.message);
  const email = normalizeAddress(parsed.data.email);
  if (!email) throw badRequest(`"${parsed.data.email.slice(0, 80)}" is not an e-mail address`);
  const query = parsed.data.query?.trim().replace(/\s+/g, ' ') || null;
  return { email, cadence: parsed.data.cadence, query };
}

/**
 * Records the wish and queues a confirmation mail with a signed link. A confirmed subscription
 * asked for again at the same cadence is left as it is (no mail); at another cadence the change
 * waits for the link to be followed, like a new subscription.
 */
export async function requestSubscription(deps: Deps, input: unknown, userId: number | null = null, now = new Date()): Promise<void> {
  await request(deps, { ...parseSubscriptionRequest(input), personal: false }, userId, now);
}

/**
 * A member's recommendations by e-mail (`{email, cadence}`), with the same double opt-in: the address
 * may be any the member gives. The member's upvotes choose the papers.
 */
export async function requestPersonalDigest(deps: Deps, input: unknown, userId: number, now = new Date()): Promise<void> {
  const wish = parseSubscriptionRequest(typeof input === 'object' && input ? { ...input, query: null } : input);
  await request(deps, { ...wish, personal: true }, userId, now);
}

async function request({ db, config }: Deps, wish: ReturnType<typeof parseSubscriptionRequest> & { personal: boolean }, userId: number | null, now: Date): Promise<void> {
  const queued = await db.tx(async (tx) => {
    let s = await findSubscription(tx, wish.email, wish.query, wish.personal);
    const isNew = !s;
    s ??= await insertSubscription(tx, { ...wish, userId }, now.toISOString());
    // Another member's recommendations going to this address stay theirs (the answer is the same).
    if (wish.personal && isActive(s) && s.userId !== userId) return false;
    if (isActive(s) && s.cadence === wish.cadence) {
      if (userId && !s.userId) await markRequested(tx, s.id, userId, s.requestedAt);
      return false;
    }
    if (!isNew && now.getTime() - Date.parse(s.requestedAt) < RESEND_AFTER_MS) return false;
    await markRequested(tx, s.id, userId, now.toISOString());
    const key = `confirm:${now.toISOString()}`;
    const expiresAt = new Date(now.getTime() + CONFIRM_TTL_MS).toISOString();
    await insertDelivery(tx, { subscriptionId: s.id, kind: 'confirm', digestKey: key, messageId: messageId(config, s.id, key), params: { cadence: wish.cadence, expiresAt } }, now.toISOString());
    return true;
  });
  if (queued) await queueDelivery(db);
}

export type ConfirmOutcome = { status: 'confirmed'; subscription: Subscription } | { status: 'expired' | 'invalid' };
export type ConfirmCheck = { status: 'ok'; subscription: Subscription; cadence: Cadence } | { status: 'expired' | 'invalid' };

/** What a confirm token would confirm, without confirming it (the page that asks first). */
export async function checkConfirmToken({ db, config }: Deps, token: string, now = new Date()): Promise<ConfirmCheck> {
  const claim = readConfirmToken(token);
  const s = claim ? await getSubscription(db, claim.subscriptionId) : null;
  if (!claim || !s || !verifyConfirm(config.secret, claim, s)) return { status: 'invalid' };
  if (claim.expiresAt.getTime() < now.getTime()) return { status: 'expired' };
  return { status: 'ok', subscription: s, cadence: claim.cadence };
}

export async function confirmByToken(deps: Deps, token: string, now = new Date()): Promise<ConfirmOutcome> {
  const check = await checkConfirmToken(deps, token, now);
  if (check.status !== 'ok') return check;
  const { db } = deps;
  // A daily subscriber's first digest brings the newest list; a weekly one's the last seven days.
  const sinceDay = check.cadence === 'daily' ? await latestDay(db) : null;
  await confirmSubscription(db, check.subscription.id, check.cadence, sinceDay, now.toISOString());
  return { status: 'confirmed', subscription: (await getSubscription(db, check.subscription.id))! };
}

/** The subscription a signed unsubscribe token names, or null when the token is not genuine. */
export async function subscriptionForUnsubscribe({ db, config }: Deps, token: string): Promise<Subscription | null> {
  const claim = readUnsubscribeToken(token);
  const s = claim ? await getSubscription(db, claim.subscriptionId) : null;
  return claim && s && verifyUnsubscribe(config.secret, claim.mac, s) ? s : null;
}

/** Stops all mail to the token's address, queued mail included. Null when the token is not genuine. */
export async function unsubscribeByToken(deps: Deps, token: string, now = new Date()): Promise<Subscription | null> {
  const s = await subscriptionForUnsubscribe(deps, token);
  if (!s) return null;
  await deps.db.tx(async (tx) => {
    await unsubscribeAddress(tx, s.email, now.toISOString());
    await cancelPendingForAddress(tx, s.email);
  });
  return s;
}
