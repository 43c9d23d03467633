// A digest run: plans every due subscription's next digest and records each as a pending delivery
// with its papers reserved, in batches, under a lock — so concurrent or repeated runs add nothing twice.
import type { Config } from '../config.ts';
import { latestDay, listPapers } from '../db/daily.ts';
import { deliveredPapers, insertDeliveredPapers, insertDeliveries, lockComposition } from '../db/deliveries.ts';
import type { Db } from '../db/driver.ts';
import { activeSubscriptions, queryKey, type Cadence, type Subscription } from '../db/subscriptions.ts';
import { addDays } from '../domain/dates.ts';
import type { ListedPaper } from '../domain/paper.ts';
import { planDigest, WINDOW_DAYS, type DigestPlan } from './compose.ts';
import { papersMatching } from './matching.ts';
import { messageId } from './message.ts';
import { draftPersonalDigests, withoutSent } from './personal.ts';

const BATCH = 500;

export interface ComposeOptions {
  cadence: Cadence;
  /** Only this address's subscriptions. */
  email?: string;
  /** Plan without recording anything. */
  dryRun?: boolean;
  now?: Date;
}

export interface ComposeResult {
  /** The digests planned (and, unless a dry run, recorded). */
  plans: DigestPlan[];
  subscriptions: number;
  newestDay: string | null;
}

/** The window's visible papers, best first, and each saved query's matches among them. */
export async function digestCandidates(db: Db, subscriptions: readonly Subscription[]) {
  const newestDay = await latestDay(db);
  if (!newestDay) return null;
  const papers = await listPapers(db, { from: addDays(newestDay, 1 - WINDOW_DAYS), to: newestDay, order: 'upvotes', limit: 5000 });
  const matches = new Map<string, Set<string>>();
  for (const s of subscriptions) {
    const key = queryKey(s.query);
    if (s.query && !matches.has(key)) matches.set(key, new Set((await papersMatching(db, s.query, papers)).map((p) => p.id)));
  }
  return { newestDay, papers, matches };
}

/** Plans one batch of subscriptions against what each has been sent. */
function planBatch(
  batch: readonly Subscription[],
  c: { newestDay: string; papers: ListedPaper[]; matches: Map<string, Set<string>> },
  sent: Map<number, Set<string>>,
  now: Date,
): DigestPlan[] {
  const none = new Set<string>();
  return batch
    .map((s) => planDigest(s, c.papers, sent.get(s.id) ?? none, s.query ? c.matches.get(queryKey(s.query))! : null, c.newestDay, now))
    .filter((p): p is DigestPlan => p !== null);
}

export async function composeDigests(deps: { db: Db; config: Config }, o: ComposeOptions): Promise<ComposeResult> {
  const { db, config } = deps;
  const now = o.now ?? new Date();
  const subscriptions = await activeSubscriptions(db, o.cadence, o.email);
  const candidates = subscriptions.length ? await digestCandidates(db, subscriptions) : null;
  if (!candidates) return { plans: [], subscriptions: subscriptions.length, newestDay: null };
  const ids = candidates.papers.map((p) => p.id);
  const plans: DigestPlan[] = [];
  for (let start = 0; start < subscriptions.length; start += BATCH) {
    const batch = subscriptions.slice(start, start + BATCH).filter((s) => !s.personal);
    const personal = await draftPersonalDigests(db, subscriptions.slice(start, start + BATCH).filter((s) => s.personal), candidates, now);
    if (o.dryRun) {
      plans.push(...planBatch(batch, candidates, await deliveredPapers(db, batch.map((s) => s.id), ids), now), ...personal);
      continue;
    }
    await db.tx(async (tx) => {
      await lockComposition(tx);
      const sent = await deliveredPapers(tx, [...batch, ...personal.map((p) => p.subscription)].map((s) => s.id), ids);
      const planned = [
        ...planBatch(batch, candidates, sent, now),
        ...personal.map((p) => withoutSent(p, sent.get(p.subscription.id))).filter((p): p is DigestPlan => p !== null),
      ];
      const created = await insertDeliveries(
        tx,
        planned.map((p) => ({ subscriptionId: p.subscription.id, kind: p.kind, digestKey: p.digestKey, messageId: messageId(config, p.subscription.id, p.digestKey), params: p.params })),
        now.toISOString(),
      );
      // A digest made before keeps its papers; what is new for it waits for the next one.
      const fresh = planned.filter((p) => created.has(p.subscription.id));
      await insertDeliveredPapers(
        tx,
        fresh.flatMap((p) => p.papers.map((paper, position) => ({ subscriptionId: p.subscription.id, deliveryId: created.get(p.subscription.id)!, paperId: paper.id, position }))),
      );
      plans.push(...fresh);
    });
  }
  return { plans, subscriptions: subscriptions.length, newestDay: candidates.newestDay };
}
