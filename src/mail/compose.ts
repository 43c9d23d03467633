// What one subscriber's next digest holds, decided without side effects: the papers of the days
// they are owed that they have not been sent, best first, within the cadence's window and size.
import type { Cadence, Subscription } from '../db/subscriptions.ts';
import { addDays, dayString, isoWeekOf } from '../domain/dates.ts';
import type { ListedPaper } from '../domain/paper.ts';

/** Papers shown in full; the rest of a digest is a short list of titles. */
export const FEATURED = 10;
/** The most papers one message carries. */
export const MAX_PAPERS: Record<Cadence, number> = { daily: 50, weekly: 25 };
/** How far back a digest reaches: a digest never brings back papers older than a week. */
export const WINDOW_DAYS = 7;

export interface DigestPlan {
  subscription: Subscription;
  kind: 'digest' | 'alert' | 'personal';
  /** Names the digest within the subscription (daily:2025-08-05, weekly:2025-W32): one delivery each. */
  digestKey: string;
  /** Best first. */
  papers: ListedPaper[];
  /** Kept with the delivery for rendering it later (a personal digest's reasons). */
  params?: Record<string, unknown>;
}

/** The first list day a subscription may receive now. */
export function firstOwedDay(s: Subscription, newestDay: string): string {
  const windowStart = addDays(newestDay, 1 - WINDOW_DAYS);
  // A new daily subscriber starts with the newest list; a weekly one with the last seven days.
  const since = s.sinceDay ?? (s.cadence === 'daily' ? newestDay : windowStart);
  return since > windowStart ? since : windowStart;
}

/**
 * The next digest of one subscription, or null when nothing is new.
 * `candidates` are the visible papers of the window, best first; `sent` the ones it already has;
 * `matching` (saved searches only) the candidates its query matches.
 */
export function planDigest(
  s: Subscription,
  candidates: readonly ListedPaper[],
  sent: ReadonlySet<string>,
  matching: ReadonlySet<string> | null,
  newestDay: string,
  now: Date,
): DigestPlan | null {
  const from = firstOwedDay(s, newestDay);
  const papers = candidates
    .filter((p) => p.daily.day >= from && !sent.has(p.id) && (!matching || matching.has(p.id)))
    .slice(0, MAX_PAPERS[s.cadence]);
  if (!papers.length) return null;
  const lastDay = papers.reduce((max, p) => (p.daily.day > max ? p.daily.day : max), papers[0]!.daily.day);
  const digestKey = s.cadence === 'daily' ? `daily:${lastDay}` : `weekly:${isoWeekOf(dayString(now))}`;
  return { subscription: s, kind: s.query ? 'alert' : 'digest', digestKey, papers };
}
