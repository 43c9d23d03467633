// Personal digests: a member's recommendations among the list days their last one did not cover,
// papers already sent to them and papers they upvoted left out. Drafted before the composition's
// transaction (ranking reads the search index through the main database handle, which an open
// SQLite transaction would block) and checked again inside it.
import { deliveredPapers, personalDigestsThrough } from '../db/deliveries.ts';
import type { Db } from '../db/driver.ts';
import type { Cadence, Subscription } from '../db/subscriptions.ts';
import { addDays, dayString, isoWeekOf } from '../domain/dates.ts';
import type { ListedPaper } from '../domain/paper.ts';
import { recommendFor } from '../search/recommend-member.ts';
import { firstOwedDay, type DigestPlan } from './compose.ts';

/**
 * A pick, not the list (the trending digest brings whole lists): about a third of a day's list on a
 * site like Hugging Face's (15–50 papers a day), and an eighth of its week.
 */
export const PERSONAL_MAX: Record<Cadence, number> = { daily: 5, weekly: 15 };

/** Why each paper is in a personal digest, as kept in its delivery's params. */
export type PersonalParams = {
  /** The newest list day it chose from. */
  through: string;
  /** `trending`: the member had upvoted nothing, so the most upvoted papers were sent. */
  basis: 'votes' | 'trending';
  /** Paper id → the upvoted paper it is most like. */
  because: Record<string, { id: string; title: string }>;
};

async function draftOne(db: Db, s: Subscription, candidates: readonly ListedPaper[], sent: ReadonlySet<string>, through: string | undefined, newestDay: string, now: Date): Promise<DigestPlan | null> {
  if (!s.userId) return null; // the account was deleted
  const owed = firstOwedDay(s, newestDay);
  const from = through && addDays(through, 1) > owed ? addDays(through, 1) : owed;
  const open = candidates.filter((p) => p.daily.day >= from && !sent.has(p.id));
  if (!open.length) return null;
  const r = await recommendFor(db, s.userId, open, PERSONAL_MAX[s.cadence]);
  if (!r.items.length) return null;
  const because = Object.fromEntries(r.items.flatMap((i) => (i.because ? [[i.paper.id, i.because]] : [])));
  const params: PersonalParams = { through: newestDay, basis: r.basis, because };
  // Named after the newest list day (daily) or the week (weekly) it was made for, not after its papers'
  // days: the papers left out are older, and must not make a second digest of the same run.
  const digestKey = s.cadence === 'daily' ? `daily:${newestDay}` : `weekly:${isoWeekOf(dayString(now))}`;
  return { subscription: s, kind: 'personal', digestKey, papers: r.items.map((i) => i.paper), params };
}

/** The next personal digest of each of these subscriptions that has something new. */
export async function draftPersonalDigests(
  db: Db,
  subscriptions: readonly Subscription[],
  c: { newestDay: string; papers: readonly ListedPaper[] },
  now: Date,
): Promise<DigestPlan[]> {
  if (!subscriptions.length) return [];
  const ids = subscriptions.map((s) => s.id);
  const sent = await deliveredPapers(db, ids, c.papers.map((p) => p.id));
  const through = await personalDigestsThrough(db, ids);
  const plans: DigestPlan[] = [];
  for (const s of subscriptions) {
    const plan = await draftOne(db, s, c.papers, sent.get(s.id) ?? new Set(), through.get(s.id), c.newestDay, now);
    if (plan) plans.push(plan);
  }
  return plans;
}

/** A draft without the papers another run has reserved since; null when none is left. */
export function withoutSent(plan: DigestPlan, sent: ReadonlySet<string> | undefined): DigestPlan | null {
  if (!sent?.size) return plan;
  const papers = plan.papers.filter((p) => !sent.has(p.id));
  return papers.length ? { ...plan, papers } : null;
}
