// The subscriptions table: one row per address and saved query ('' = the trending digest, PERSONAL_KEY
// = a member's recommendations), with its cadence, when it was confirmed (double opt-in) and whether
// it was unsubscribed.
import type { Db } from './driver.ts';
import { placeholders } from './sql.ts';

export type Cadence = 'daily' | 'weekly';

export interface Subscription {
  id: number;
  email: string;
  cadence: Cadence;
  /** A saved search: only new papers matching it are sent. Null for the trending digest and recommendations. */
  query: string | null;
  /** A member's recommendations (their `userId`'s upvotes choose the papers). */
  personal: boolean;
  userId: number | null;
  /** The first list day this subscription is owed (set when it is confirmed). */
  sinceDay: string | null;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  requestedAt: string;
  createdAt: string;
}

interface SubscriptionRow {
  id: number; email: string; cadence: Cadence; query: string | null; query_key: string; user_id: number | null; since_day: string | null;
  confirmed_at: string | null; unsubscribed_at: string | null; requested_at: string; created_at: string;
}

function rowToSubscription(r: SubscriptionRow): Subscription {
  return {
    id: Number(r.id), email: r.email, cadence: r.cadence, query: r.query, personal: r.query_key === PERSONAL_KEY, userId: r.user_id === null ? null : Number(r.user_id),
    sinceDay: r.since_day, confirmedAt: r.confirmed_at, unsubscribedAt: r.unsubscribed_at, requestedAt: r.requested_at, createdAt: r.created_at,
  };
}

/** The identity of a saved query: case and spacing do not make a second subscription. */
export function queryKey(query: string | null): string {
  return (query ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The key of a recommendations subscription, beside an address's trending digest and saved searches
 * (one of each per address). queryKey lower-cases every query, so no saved search can have it.
 */
export const PERSONAL_KEY = 'PERSONAL';

const keyOf = (s: { query: string | null; personal?: boolean }) => (s.personal ? PERSONAL_KEY : queryKey(s.query));

export function isActive(s: Subscription): boolean {
  return s.confirmedAt !== null && s.unsubscribedAt === null;
}

export async function getSubscription(db: Db, id: number): Promise<Subscription | null> {
  const row = await db.get<SubscriptionRow>('select * from subscriptions where id = ?', [id]);
  return row ? rowToSubscription(row) : null;
}

export async function subscriptionsByIds(db: Db, ids: readonly number[]): Promise<Map<number, Subscription>> {
  const out = new Map<number, Subscription>();
  if (!ids.length) return out;
  const rows = await db.all<SubscriptionRow>(`select * from subscriptions where id in (${placeholders(ids.length)})`, ids);
  for (const r of rows) out.set(Number(r.id), rowToSubscription(r));
  return out;
}

/** The address's subscription to that saved query (null: the trending digest), or to recommendations. */
export async function findSubscription(db: Db, email: string, query: string | null, personal = false): Promise<Subscription | null> {
  const row = await db.get<SubscriptionRow>('select * from subscriptions where email = ? and query_key = ?', [email, keyOf({ query, personal })]);
  return row ? rowToSubscription(row) : null;
}

export interface NewSubscription {
  email: string;
  cadence: Cadence;
  query: string | null;
  /** Recommendations for `userId` (query null). */
  personal?: boolean;
  userId: number | null;
}

export async function insertSubscription(db: Db, s: NewSubscription, now: string): Promise<Subscription> {
  const row = await db.get<SubscriptionRow>(
    `insert into subscriptions (email, cadence, query, query_key, user_id, requested_at, created_at) values (?, ?, ?, ?, ?, ?, ?)
     returning *`,
    [s.email, s.cadence, s.personal ? null : s.query, keyOf(s), s.userId, now, now],
  );
  return rowToSubscription(row!);
}

/** Notes a new confirmation request (and who asked, if a member did). */
export async function markRequested(db: Db, id: number, userId: number | null, now: string): Promise<void> {
  await db.run('update subscriptions set requested_at = ?, user_id = coalesce(?, user_id) where id = ?', [now, userId, id]);
}

/** Double opt-in done: active from now, at the cadence the confirmed link carried. */
export async function confirmSubscription(db: Db, id: number, cadence: Cadence, sinceDay: string | null, now: string): Promise<void> {
  await db.run(
    `update subscriptions set cadence = ?, confirmed_at = ?, unsubscribed_at = null,
       since_day = case when confirmed_at is null or unsubscribed_at is not null then ? else since_day end
     where id = ?`,
    [cadence, now, sinceDay, id],
  );
}

/** Stops every subscription of an address; returns how many were active. */
export async function unsubscribeAddress(db: Db, email: string, now: string): Promise<number> {
  const r = await db.run('update subscriptions set unsubscribed_at = ? where email = ? and unsubscribed_at is null', [now, email]);
  return r.changes;
}

export async function unsubscribeOne(db: Db, id: number, now: string): Promise<void> {
  await db.run('update subscriptions set unsubscribed_at = ? where id = ? and unsubscribed_at is null', [now, id]);
}

/** Confirmed, not unsubscribed subscriptions of a cadence (optionally of one address), oldest first. */
export async function activeSubscriptions(db: Db, cadence: Cadence, email?: string): Promise<Subscription[]> {
  const rows = await db.all<SubscriptionRow>(
    `select * from subscriptions where cadence = ? and confirmed_at is not null and unsubscribed_at is null
     ${email ? 'and email = ?' : ''} order by id`,
    email ? [cadence, email] : [cadence],
  );
  return rows.map(rowToSubscription);
}

/** A member's subscriptions: those made while logged in, and any for their address. */
export async function subscriptionsOfMember(db: Db, userId: number, email: string | null): Promise<Subscription[]> {
  const rows = await db.all<SubscriptionRow>(
    'select * from subscriptions where (user_id = ? or email = ?) and unsubscribed_at is null order by id',
    [userId, email ?? ''],
  );
  return rows.map(rowToSubscription);
}

export async function subscriptionCounts(db: Db): Promise<{ active: number; pending: number; unsubscribed: number }> {
  const row = await db.get<{ active: number; pending: number; unsubscribed: number }>(
    `select cast(coalesce(sum(case when confirmed_at is not null and unsubscribed_at is null then 1 else 0 end), 0) as integer) as active,
       cast(coalesce(sum(case when confirmed_at is null and unsubscribed_at is null then 1 else 0 end), 0) as integer) as pending,
       cast(coalesce(sum(case when unsubscribed_at is not null then 1 else 0 end), 0) as integer) as unsubscribed
     from subscriptions`,
  );
  return { active: Number(row?.active ?? 0), pending: Number(row?.pending ?? 0), unsubscribed: Number(row?.unsubscribed ?? 0) };
}
