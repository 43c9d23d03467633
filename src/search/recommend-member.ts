// A member's recommendations: their most recent upvotes as the profile, the papers of the last days'
// lists (or given candidates) as what to choose from, papers they already upvoted left out, and the
// lists of the four weeks before the candidates as the background their relevance is measured against.
import { latestDay, listPapers } from '../db/daily.ts';
import type { Db } from '../db/driver.ts';
import { papersByIds } from '../db/search.ts';
import { votedBy, votesByUser } from '../db/votes.ts';
import { addDays } from '../domain/dates.ts';
import type { ListedPaper } from '../domain/paper.ts';
import { searchEngine } from './engine.ts';
import { RECOMMEND, rankCandidates } from './recommend.ts';

/** How many days of lists the "for you" page and API choose from (a week, as the weekly digest). */
export const RECENT_DAYS = 7;
/** The most papers of that window considered: the most upvoted ones. */
const MAX_CANDIDATES = 5000;
/** The background: the most upvoted papers of the lists of this many days before the candidates'. */
const BACKGROUND = { days: 28, papers: 1000 };

export interface Recommended<P> {
  paper: P;
  score: number;
  /** The upvoted paper this one is most like. */
  because: { id: string; title: string } | null;
  /** How close it is to the upvoted papers, against the background (see Recommendation); null by trending. */
  relevance: number | null;
  /** Relevant enough for a personal digest (RECOMMEND.cutoff); false by trending. */
  close: boolean;
}

export interface Recommendations<P> {
  /** `votes`: ranked for the member's upvotes; `trending`: they have none yet, so by the community's. */
  basis: 'votes' | 'trending';
  /** How many upvotes the profile was made of. */
  profile: number;
  items: Recommended<P>[];
}

/**
 * Backgrounds read in the last minutes, per database: every member of a digest run and every reader of
 * the page that week rank against the same one, and reading it costs more than ranking against it. A
 * paper listed or hidden meanwhile changes a reference distribution by a hair.
 */
const recentBackgrounds = new WeakMap<Db, Map<string, { until: number; papers: Promise<ListedPaper[]> }>>();
const BACKGROUND_KEPT_MS = 5 * 60_000;

/** The papers listed in the `days` before the first of these, most upvoted first: what their relevance is measured against. */
export async function backgroundOf(db: Db, candidates: readonly ListedPaper[], days = BACKGROUND.days): Promise<ListedPaper[]> {
  if (!candidates.length) return [];
  const first = candidates.reduce((min, p) => (p.daily.day < min ? p.daily.day : min), candidates[0]!.daily.day);
  const [from, to] = [addDays(first, -days), addDays(first, -1)];
  const kept = recentBackgrounds.get(db) ?? new Map();
  recentBackgrounds.set(db, kept);
  const hit = kept.get(`${from}/${to}`);
  if (hit && hit.until > Date.now()) return hit.papers;
  for (const [key, entry] of kept) if (entry.until <= Date.now()) kept.delete(key);
  const papers = listPapers(db, { from, to, order: 'upvotes', limit: BACKGROUND.papers });
  kept.set(`${from}/${to}`, { until: Date.now() + BACKGROUND_KEPT_MS, papers });
  papers.catch(() => kept.delete(`${from}/${to}`));
  return papers;
}

/** The best `limit` of `candidates` (most upvoted first) for a member, leaving out what they upvoted. */
export async function recommendFor<P extends ListedPaper>(db: Db, userId: number, candidates: readonly P[], limit: number): Promise<Recommendations<P>> {
  const votes = await votesByUser(db, userId, RECOMMEND.profileSize);
  const liked = await papersByIds(db, votes.map((v) => v.paperId));
  const upvoted = await votedBy(db, userId, candidates.map((p) => p.id));
  const open = candidates.filter((p) => !upvoted.has(p.id));
  const background = liked.length ? await backgroundOf(db, open) : [];
  const ranked = await rankCandidates(await searchEngine(db).semantic.current(), liked, open, limit, RECOMMEND, background);
  const byId = new Map(open.map((p) => [p.id, p]));
  const titles = new Map(liked.map((p) => [p.id, p.title]));
  return {
    basis: liked.length ? 'votes' : 'trending',
    profile: liked.length,
    items: ranked.map((r) => ({
      paper: byId.get(r.paperId)!,
      score: r.score,
      because: r.because ? { id: r.because, title: titles.get(r.because)! } : null,
      relevance: r.relevance,
      close: r.relevance !== null && r.relevance >= RECOMMEND.cutoff,
    })),
  };
}

/** The visible papers of the last RECENT_DAYS days of lists, most upvoted first, and the days they span. */
export async function recentPapers(db: Db): Promise<{ from: string; to: string; papers: ListedPaper[] } | null> {
  const to = await latestDay(db);
  if (!to) return null;
  const from = addDays(to, 1 - RECENT_DAYS);
  return { from, to, papers: await listPapers(db, { from, to, order: 'upvotes', limit: MAX_CANDIDATES }) };
}
