// Personal digests: a member's recommendations among the list days their last one did not cover,
// papers already sent to them and papers they upvoted left out, and only those relevant enough
// (RECOMMEND.cutoff): a day with none sends nothing. Drafted before the composition's
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
 * A pick, not the list (the trending digest brings whole lists): at most about a third of a day's
 * list on a site like Hugging Face's (15–50 papers a day), and an eighth of its week.
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

/** New papers were listed, but none is relevant enough to send (the settings preview says so). */
export interface NoneClose {
  /** How many new papers there were. */
  papers: number;
  /** The most relevant of them, under the cut-off. */
  closest: { id: string; title: string };
}

type Draft = DigestPlan | { noneClose: NoneClose } | null;

async function draftOne(db: Db, s: Subscription, candidates: readonly ListedPaper[], sent: ReadonlySet<string>, through: string | undefined, newestDay: string, now: Date): Promise<Draft> {
  if (!s.userId) return null; // the account was deleted
  const owed = firstOwedDay(s, newestDay);
  const from = through && addDays(through, 1) > owed ? addDays(through, 1) : owed;
  const open = candidates.filter((p) => p.daily.day >= from && !sent.has(p.id));
  if (!open.length) return null;
  // All of them ranked, so that the best relevant ones fill the digest and the closest is known.
  const r = await recommendFor(db, s.userId, open, open.length);
  // Without upvotes there is nothing to be close to: the most upvoted papers, as the mail says.
  const items = (r.basis === 'votes' ? r.items.filter((i) => i.close) : r.items).slice(0, PERSONAL_MAX[s.cadence]);
  if (!items.length) {
    if (!r.items.length) return null;
    const closest = r.items.reduce((a, b) => ((b.relevance ?? -Infinity) > (a.relevance ?? -Infinity) ? b : a));
    return { noneClose: { papers: r.items.length, closest: { id: closest.paper.id, title: closest.paper.title } } };
  }
  const because = Object.fromEntries(items.flatMap((i) => (i.because ? [[i.paper.id, i.because]] : [])));
  const params: PersonalParams = { through: newestDay, basis: r.basis, because };
  // Named after the newest list day (daily) or the week (weekly) it was made for, not after its papers'
  // days: the papers left out are older, and must not make a second digest of the same run.
  const digestKey = s.cadence === 'daily' ? `daily:${newestDay}` : `weekly:${isoWeekOf(dayString(now))}`;
  return { subscription: s, kind: 'personal', digestKey, papers: items.map((i) => i.paper), params };
}

type Candidates = { newestDay: string; papers: readonly ListedPaper[] };

async function drafts(db: Db, subscriptions: readonly Subscription[], c: Candidates, now: Date): Promise<Draft[]> {
  if (!subscriptions.length) return [];
  const ids = subscriptions.map((s) => s.id);
  const sent = await deliveredPapers(db, ids, c.papers.map((p) => p.id));
  const through = await personalDigestsThrough(db, ids);
  const out: Draft[] = [];
  for (const s of subscriptions) out.push(await draftOne(db, s, c.papers, sent.get(s.id) ?? new Set(), through.get(s.id), c.newestDay, now));
  return out;
}

const isPlan = (d: Draft): d is DigestPlan => d !== null && !('noneClose' in d);

/** The next personal digest of each of these subscriptions that has something new and relevant enough. */
export async function draftPersonalDigests(db: Db, subscriptions: readonly Subscription[], c: Candidates, now: Date): Promise<DigestPlan[]> {
  return (await drafts(db, subscriptions, c, now)).filter(isPlan);
}

/** One subscription's next personal digest; or why there is none though new papers were listed; or null. */
export async function draftPersonalDigest(db: Db, s: Subscription, c: Candidates, now: Date): Promise<DigestPlan | { noneClose: NoneClose } | null> {
  return (await drafts(db, [s], c, now))[0] ?? null;
}

/** A draft without the papers another run has reserved since; null when none is left. */
export function withoutSent(plan: DigestPlan, sent: ReadonlySet<string> | undefined): DigestPlan | null {
  if (!sent?.size) return plan;
  const papers = plan.papers.filter((p) => !sent.has(p.id));
  return papers.length ? { ...plan, papers } : null;
}
