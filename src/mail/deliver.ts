// Sends pending deliveries, recording each before ("sending") and after ("sent"). Exactly-once in
// effect: a delivery is claimed by one worker; a temporary failure (server down, 4xx) puts it back
// with backoff; a 5xx fails it for good. If a sender dies after handing a message to the server
// but before recording it, the delivery stays "sending": it is then marked uncertain and NOT resent
// — a rare lost digest is preferred to a duplicate (an admin may resend it; its Message-ID is the same).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.ts';
import { getPaper } from '../db/daily.ts';
import {
  claimDeliveries, deliveriesInFlight, markFinal, markRetry, markSent, paperIdsOfDeliveries, postponeDue, type Delivery,
} from '../db/deliveries.ts';
import type { Db } from '../db/driver.ts';
import { isActive, subscriptionsByIds, type Subscription } from '../db/subscriptions.ts';
import type { Paper } from '../domain/paper.ts';
import type { Logger } from '../log.ts';
import { confirmationMail, digestMail, type OutgoingMail } from './message.ts';
import type { DigestContent } from './templates/digest.ts';
import { openMailer, type Mailer } from './transport.ts';

/** A claim older than this belongs to a worker that is gone. */
const CLAIM_LEASE_MS = 30 * 60_000;
/** A digest that could not be delivered for this long is given up (it would be stale). */
const GIVE_UP_MS = 48 * 3_600_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

export interface DeliverOptions {
  /** Also send deliveries still waiting out a retry delay (a run started by hand). */
  ignoreBackoff?: boolean;
  email?: string;
  /** A mailer to reuse; otherwise one is opened for this run and closed after it. */
  mailer?: Mailer;
  batchSize?: number;
  /** Called after each batch (a job keeps its lease with it). */
  onBatch?: () => Promise<void>;
  now?: () => Date;
}

export interface DeliveryReport {
  sent: number;
  /** Temporary failures, queued again with backoff. */
  retrying: number;
  failed: number;
  /** Found interrupted mid-send by a worker that died; not resent. */
  uncertain: number;
  cancelled: number;
  /** The last temporary error (server down, 4xx), for people to read. */
  temporaryError: string | null;
  target: string;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
}

function isPermanent(err: SmtpError): boolean {
  return err.permanent === true || (typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode !== 503);
}

function errorText(err: SmtpError): string {
  return (err.responseCode ? err.response ?? err.message : err.message).slice(0, 500);
}

const runs = new Set<string>();
const me = `${hostname()}:${process.pid}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deliveries left "sending" by a worker that is gone become uncertain. */
async function settleInterrupted(db: Db, now: Date): Promise<number> {
  let n = 0;
  for (const d of await deliveriesInFlight(db)) {
    const [host, pid, run] = (d.claimedBy ?? '').split(':');
    const expired = !d.claimedAt || now.getTime() - Date.parse(d.claimedAt) > CLAIM_LEASE_MS;
    const gone = host === hostname() && (Number(pid) === process.pid ? !runs.has(run ?? '') : !alive(Number(pid)));
    if (!expired && !gone) continue;
    await markFinal(db, d.id, 'uncertain', 'the sender stopped between handing it to the mail server and recording the result; not resent automatically so that it is never sent twice');
    n++;
  }
  return n;
}

/** The papers of digest deliveries, visible ones only, in recorded order. */
async function papersFor(db: Db, deliveries: Delivery[], cache: Map<string, Paper | null>) {
  const ids = await paperIdsOfDeliveries(db, deliveries.filter((d) => d.kind !== 'confirm').map((d) => d.id));
  const out = new Map<number, (Paper & { day: string })[]>();
  for (const [deliveryId, paperIds] of ids) {
    const papers: (Paper & { day: string })[] = [];
    for (const id of paperIds) {
      if (!cache.has(id)) cache.set(id, await getPaper(db, id));
      const p = cache.get(id);
      if (p && !p.hidden) papers.push({ ...p, day: p.daily?.day ?? (p.publishedAt ?? '').slice(0, 10) });
    }
    out.set(deliveryId, papers);
  }
  return out;
}

function messageFor(
  config: Config,
  d: Delivery,
  s: Subscription | undefined,
  papers: (Paper & { day: string })[] | undefined,
  fragments: NonNullable<DigestContent['fragments']>,
): OutgoingMail | string {
  if (!s || s.unsubscribedAt) return 'unsubscribed before it was sent';
  if (d.kind === 'confirm') return confirmationMail(config, d, s);
  if (!isActive(s)) return 'the subscription is not confirmed';
  if (!papers?.length) return 'its papers were hidden before it was sent';
  return digestMail(config, d, s, papers, fragments);
}

export async function deliverPending(deps: { db: Db; config: Config; log: Logger }, o: DeliverOptions = {}): Promise<DeliveryReport> {
  const { db, config, log } = deps;
  const clock = o.now ?? (() => new Date());
  const run = randomUUID().slice(0, 8);
  const worker = `${me}:${run}`;
  const mailer = o.mailer ?? openMailer(config);
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, uncertain: 0, cancelled: 0, temporaryError: null, target: mailer.target };
  const cache = new Map<string, Paper | null>();
  const fragments: NonNullable<DigestContent['fragments']> = new Map();
  runs.add(run);
  try {
    report.uncertain = await settleInterrupted(db, clock());
    for (;;) {
      const claimed = await claimDeliveries(db, { now: clock().toISOString(), limit: o.batchSize ?? 100, worker, ignoreBackoff: o.ignoreBackoff, email: o.email });
      if (!claimed.length) break;
      const subs = await subscriptionsByIds(db, [...new Set(claimed.map((d) => d.subscriptionId))]);
      const papers = await papersFor(db, claimed, cache);
      let longestDelay = 0;
      await Promise.all(
        claimed.map(async (d) => {
          const mail = messageFor(config, d, subs.get(d.subscriptionId), papers.get(d.id), fragments);
          if (typeof mail === 'string') {
            await markFinal(db, d.id, 'cancelled', mail);
            report.cancelled++;
            return;
          }
          try {
            await mailer.send(mail);
          } catch (e) {
            const err = e as SmtpError;
            const text = errorText(err);
            const now = clock();
            if (isPermanent(err)) {
              await markFinal(db, d.id, 'failed', text);
              report.failed++;
              log.warn({ delivery: d.id, error: text }, 'mail server refused a message for good');
            } else if (now.getTime() - Date.parse(d.createdAt) > GIVE_UP_MS) {
              await markFinal(db, d.id, 'failed', `gave up after ${d.attempts} attempts over 48 hours: ${text}`);
              report.failed++;
            } else {
              const delay = retryDelayMs(d.attempts);
              longestDelay = Math.max(longestDelay, delay);
              await markRetry(db, d.id, text, new Date(now.getTime() + delay).toISOString());
              report.retrying++;
              report.temporaryError = text;
            }
            return;
          }
          await markSent(db, d.id, clock().toISOString());
          report.sent++;
        }),
      );
      await o.onBatch?.();
      if (report.temporaryError) {
        // The server is down or refusing for now: the rest waits too instead of failing one by one.
        await postponeDue(db, new Date(clock().getTime() + longestDelay).toISOString());
        log.warn({ target: mailer.target, error: report.temporaryError }, 'mail server unavailable; deliveries will be retried');
        break;
      }
    }
  } finally {
    runs.delete(run);
    if (!o.mailer) mailer.close();
  }
  return report;
}
