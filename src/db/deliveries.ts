// The deliveries table (one row per subscription and digest, written before and after sending) and
// delivered_papers (which papers a subscription has been sent: the "each paper once" guard).
import type { Db } from './driver.ts';
import { placeholders } from './sql.ts';

export type DeliveryKind = 'confirm' | 'digest' | 'alert' | 'personal';
/** pending → sending → sent; or back to pending (temporary failure), failed (permanent),
 *  uncertain (the sender died mid-send: never resent by itself), cancelled (unsubscribed first). */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain' | 'cancelled';

export interface Delivery {
  id: number;
  subscriptionId: number;
  kind: DeliveryKind;
  digestKey: string;
  messageId: string;
  params: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  claimedBy: string | null;
  claimedAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

interface DeliveryRow {
  id: number; subscription_id: number; kind: DeliveryKind; digest_key: string; message_id: string; params: string;
  status: DeliveryStatus; attempts: number; next_attempt_at: string; claimed_by: string | null; claimed_at: string | null;
  last_error: string | null; created_at: string; sent_at: string | null;
}

function rowToDelivery(r: DeliveryRow): Delivery {
  return {
    id: Number(r.id), subscriptionId: Number(r.subscription_id), kind: r.kind, digestKey: r.digest_key, messageId: r.message_id,
    params: JSON.parse(r.params), status: r.status, attempts: Number(r.attempts), nextAttemptAt: r.next_attempt_at,
    claimedBy: r.claimed_by, claimedAt: r.claimed_at, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at,
  };
}

export interface NewDelivery {
  subscriptionId: number;
  kind: DeliveryKind;
  digestKey: string;
  messageId: string;
  params?: Record<string, unknown>;
}

/** Records a delivery as pending; null when this subscription already has that digest. */
export async function insertDelivery(db: Db, d: NewDelivery, now: string): Promise<number | null> {
  const row = await db.get<{ id: number }>(
    `insert into deliveries (subscription_id, kind, digest_key, message_id, params, status, next_attempt_at, created_at)
     values (?, ?, ?, ?, ?, 'pending', ?, ?)
     on conflict (subscription_id, digest_key) do nothing returning id`,
    [d.subscriptionId, d.kind, d.digestKey, d.messageId, JSON.stringify(d.params ?? {}), now, now],
  );
  return row ? Number(row.id) : null;
}

/**
 * Records many pending deliveries at once (a digest run); returns the new delivery id of each
 * subscription that did not have that digest yet.
 */
export async function insertDeliveries(db: Db, list: readonly NewDelivery[], now: string): Promise<Map<number, number>> {
  const created = new Map<number, number>();
  const CHUNK = 100;
  for (let start = 0; start < list.length; start += CHUNK) {
    const chunk = list.slice(start, start + CHUNK);
    const rows = await db.all<{ id: number; subscription_id: number }>(
      `insert into deliveries (subscription_id, kind, digest_key, message_id, params, status, next_attempt_at, created_at)
       values ${chunk.map(() => `(?, ?, ?, ?, ?, 'pending', ?, ?)`).join(', ')}
       on conflict (subscription_id, digest_key) do nothing returning id, subscription_id`,
      chunk.flatMap((d) => [d.subscriptionId, d.kind, d.digestKey, d.messageId, JSON.stringify(d.params ?? {}), now, now]),
    );
    for (const r of rows) created.set(Number(r.subscription_id), Number(r.id));
  }
  return created;
}

export interface DeliveredPaper {
  subscriptionId: number;
  deliveryId: number;
  paperId: string;
  /** Where the paper is shown in the message, from 0. */
  position: number;
}

/** Reserves papers for their deliveries. */
export async function insertDeliveredPapers(db: Db, rows: readonly DeliveredPaper[]): Promise<void> {
  if (db.dialect === 'postgres') {
    // Four array parameters instead of thousands of scalars: far less for the server to parse and bind.
    const CHUNK = 20_000;
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      await db.run(
        `insert into delivered_papers (subscription_id, paper_id, delivery_id, position)
         select * from unnest(?::integer[], ?::text[], ?::integer[], ?::integer[])`,
        [chunk.map((r) => r.subscriptionId), chunk.map((r) => r.paperId), chunk.map((r) => r.deliveryId), chunk.map((r) => r.position)],
      );
    }
    return;
  }
  const CHUNK = 500;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await db.run(
      `insert into delivered_papers (subscription_id, paper_id, delivery_id, position) values ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((r) => [r.subscriptionId, r.paperId, r.deliveryId, r.position]),
    );
  }
}

/** Which of these papers each of these subscriptions has already been sent (or has reserved). */
export async function deliveredPapers(db: Db, subscriptionIds: readonly number[], paperIds: readonly string[]): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (!subscriptionIds.length || !paperIds.length) return out;
  const rows = await db.all<{ subscription_id: number; paper_id: string }>(
    `select subscription_id, paper_id from delivered_papers
     where subscription_id in (${placeholders(subscriptionIds.length)}) and paper_id in (${placeholders(paperIds.length)})`,
    [...subscriptionIds, ...paperIds],
  );
  for (const r of rows) {
    const id = Number(r.subscription_id);
    let set = out.get(id);
    if (!set) out.set(id, (set = new Set()));
    set.add(r.paper_id);
  }
  return out;
}

/**
 * The newest list day each of these subscriptions' recommendations have covered (`through` in the
 * params of its latest personal digest): the next one chooses from the days after it.
 */
export async function personalDigestsThrough(db: Db, subscriptionIds: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!subscriptionIds.length) return out;
  const rows = await db.all<{ subscription_id: number; params: string }>(
    `select subscription_id, params from deliveries where id in (
       select max(id) from deliveries where kind = 'personal' and subscription_id in (${placeholders(subscriptionIds.length)}) group by subscription_id)`,
    subscriptionIds,
  );
  for (const r of rows) {
    const through = JSON.parse(r.params).through;
    if (typeof through === 'string') out.set(Number(r.subscription_id), through);
  }
  return out;
}

/** The papers of each delivery, in their shown order. */
export async function paperIdsOfDeliveries(db: Db, deliveryIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>(deliveryIds.map((id) => [id, []]));
  if (!deliveryIds.length) return out;
  const rows = await db.all<{ delivery_id: number; paper_id: string }>(
    `select delivery_id, paper_id from delivered_papers where delivery_id in (${placeholders(deliveryIds.length)}) order by delivery_id, position`,
    deliveryIds,
  );
  for (const r of rows) out.get(Number(r.delivery_id))?.push(r.paper_id);
  return out;
}

/** Serialises digest composition across processes for the rest of the transaction. */
export async function lockComposition(tx: Db): Promise<void> {
  // SQLite transactions begin IMMEDIATE, which already admits one writer at a time.
  if (tx.dialect === 'postgres') await tx.run('select pg_advisory_xact_lock(7357004)');
}

export interface ClaimOptions {
  now: string;
  limit: number;
  worker: string;
  /** Also take deliveries still waiting out a retry delay (a run started by hand). */
  ignoreBackoff?: boolean;
  /** Only deliveries to this address. */
  email?: string;
}

/**
 * Marks up to `limit` pending deliveries as being sent by this worker and returns them. A
 * delivery is claimed by one worker only: the status change is the claim.
 */
export async function claimDeliveries(db: Db, o: ClaimOptions): Promise<Delivery[]> {
  const where = [`d.status = 'pending'`];
  const params: unknown[] = [];
  if (!o.ignoreBackoff) (where.push('d.next_attempt_at <= ?'), params.push(o.now));
  if (o.email) (where.push('s.email = ?'), params.push(o.email));
  const rows = await db.all<DeliveryRow>(
    `update deliveries set status = 'sending', claimed_by = ?, claimed_at = ?, attempts = attempts + 1
     where id in (select d.id from deliveries d join subscriptions s on s.id = d.subscription_id
       where ${where.join(' and ')} order by d.next_attempt_at, d.id limit ?${db.dialect === 'postgres' ? ' for update of d skip locked' : ''})
     returning *`,
    [o.worker, o.now, ...params, o.limit],
  );
  return rows.map(rowToDelivery).sort((a, b) => a.id - b.id);
}

export async function markSent(db: Db, id: number, now: string): Promise<void> {
  await db.run(`update deliveries set status = 'sent', sent_at = ?, last_error = null where id = ? and status = 'sending'`, [now, id]);
}

/** A temporary failure: pending again, not before `nextAttemptAt`. */
export async function markRetry(db: Db, id: number, error: string, nextAttemptAt: string): Promise<void> {
  await db.run(
    `update deliveries set status = 'pending', next_attempt_at = ?, last_error = ?, claimed_by = null where id = ? and status = 'sending'`,
    [nextAttemptAt, error, id],
  );
}

/** Ends a delivery that will not be sent: failed, uncertain or cancelled. */
export async function markFinal(db: Db, id: number, status: 'failed' | 'uncertain' | 'cancelled', error: string | null): Promise<void> {
  await db.run(`update deliveries set status = ?, last_error = coalesce(?, last_error) where id = ? and status in ('sending', 'pending')`, [status, error, id]);
}

/** Deliveries some worker began sending (to check whether that worker is still alive). */
export async function deliveriesInFlight(db: Db): Promise<Delivery[]> {
  return (await db.all<DeliveryRow>(`select * from deliveries where status = 'sending' order by id`)).map(rowToDelivery);
}

/** Nothing more is sent to an address that unsubscribed, even what was already queued. */
export async function cancelPendingForAddress(db: Db, email: string): Promise<number> {
  const r = await db.run(
    `update deliveries set status = 'cancelled', last_error = 'unsubscribed before it was sent'
     where status = 'pending' and subscription_id in (select id from subscriptions where email = ?)`,
    [email],
  );
  return r.changes;
}

/** The mail server is down: everything due waits until `until` (a run by hand may still try it). */
export async function postponeDue(db: Db, until: string): Promise<number> {
  return (await db.run(`update deliveries set next_attempt_at = ? where status = 'pending' and next_attempt_at < ?`, [until, until])).changes;
}

/** When the next pending delivery may be tried, or null when none waits. */
export async function nextPendingTime(db: Db): Promise<string | null> {
  const row = await db.get<{ t: string | null }>(`select min(next_attempt_at) as t from deliveries where status = 'pending'`);
  return row?.t ?? null;
}

export async function countPending(db: Db, email?: string): Promise<number> {
  const row = await db.get<{ n: number }>(
    `select cast(count(*) as integer) as n from deliveries d join subscriptions s on s.id = d.subscription_id
     where d.status = 'pending'${email ? ' and s.email = ?' : ''}`,
    email ? [email] : [],
  );
  return Number(row?.n ?? 0);
}

export async function deliveryCounts(db: Db): Promise<{ kind: DeliveryKind; status: DeliveryStatus; n: number }[]> {
  const rows = await db.all<{ kind: DeliveryKind; status: DeliveryStatus; n: number }>(
    'select kind, status, cast(count(*) as integer) as n from deliveries group by kind, status order by kind, status',
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Deliveries an admin should look at: failed, uncertain, or pending after a failed attempt. */
export async function troubledDeliveries(db: Db, limit: number): Promise<(Delivery & { email: string })[]> {
  const rows = await db.all<DeliveryRow & { email: string }>(
    `select d.*, s.email from deliveries d join subscriptions s on s.id = d.subscription_id
     where d.status in ('failed', 'uncertain') or (d.status = 'pending' and d.last_error is not null)
     order by d.id desc limit ?`,
    [limit],
  );
  return rows.map((r) => ({ ...rowToDelivery(r), email: r.email }));
}

/** An admin's decision to send an uncertain or failed delivery again (accepting a possible duplicate). */
export async function requeueDelivery(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db.run(
    `update deliveries set status = 'pending', next_attempt_at = ?, claimed_by = null where id = ? and status in ('failed', 'uncertain')`,
    [now, id],
  );
  return r.changes === 1;
}

/**
 * Forgets finished deliveries created before the cutoff, with the papers they carried. Safe once
 * they are older than any digest window: those papers can never be candidates again.
 */
export async function deleteOldDeliveries(db: Db, before: string): Promise<number> {
  const r = await db.run(`delete from deliveries where created_at < ? and status in ('sent', 'cancelled', 'failed', 'uncertain')`, [before]);
  return r.changes;
}
