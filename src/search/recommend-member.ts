// A member's recommendations: their most recent upvotes as the profile, the papers of the last days'
// lists (or given candidates) as what to choose from, papers they already upvoted left out.
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

export interface Recommended<P> {
  paper: P;
  score: number;
  /** The upvoted paper this one is most like. */
  because: { id: string; title: string } | null;
}

export interface Recommendations<P> {
  /** `votes`: ranked for the member's upvotes; `trending`: they have none yet, so by the community's. */
  basis: 'votes' | 'trending';
  /** How many upvotes the profile was made of. */
  profile: number;
  items: Recommended<P>[];
}

/** The best `limit` of `candidates` (most upvoted first) for a member, leaving out what they upvoted. */
export async function recommendFor<P extends ListedPaper>(db: Db, userId: number, candidates: readonly P[], limit: number): Promise<Recommendations<P>> {
  const votes = await votesByUser(db, userId, RECOMMEND.profileSize);
  const liked = await papersByIds(db, votes.map((v) => v.paperId));
  const upvoted = await votedBy(db, userId, candidates.map((p) => p.id));
  const open = candidates.filter((p) => !upvoted.has(p.id));
  const ranked = await rankCandidates(await searchEngine(db).semantic.current(), liked, open, limit);
  const byId = new Map(open.map((p) => [p.id, p]));
  const titles = new Map(liked.map((p) => [p.id, p.title]));
  return {
    basis: liked.length ? 'votes' : 'trending',
    profile: liked.length,
    items: ranked.map((r) => ({ paper: byId.get(r.paperId)!, score: r.score, because: r.because ? { id: r.because, title: titles.get(r.because)! } : null })),
  };
}

/** The visible papers of the last RECENT_DAYS days of lists, most upvoted first, and the days they span. */
export async function recentPapers(db: Db): Promise<{ from: string; to: string; papers: ListedPaper[] } | null> {
  const to = await latestDay(db);
  if (!to) return null;
  const from = addDays(to, 1 - RECENT_DAYS);
  return { from, to, papers: await listPapers(db, { from, to, order: 'upvotes', limit: MAX_CANDIDATES }) };
}
