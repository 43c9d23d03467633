// Personal recommendations: candidate papers ranked for a member by how close they are to the papers
// the member upvoted — in meaning (the semantic index's stored vectors) and in words — with a little
// weight on the community's votes. With no upvotes the community's votes alone decide (trending).
import type { Semantic } from './semantic.ts';
import { wordSimilarity, type Text } from './recommend-terms.ts';

export interface Candidate extends Text {
  upvotes: number;
}

export interface Recommendation {
  paperId: string;
  score: number;
  /** The upvoted paper it is most like; null when ranked by the community's votes alone. */
  because: string | null;
}

/** Chosen on bench/recommend.ts's development users; its evaluation users were only reported. */
export const RECOMMEND = {
  /** How many of the most recent upvotes make a profile. */
  profileSize: 100,
  /** Softness of the max over the upvoted papers' cosines (log-sum-exp): near 0 takes the closest alone. */
  temperature: 0.05,
  wordWeight: 1,
  popularityWeight: 0.3,
};
export type RecommendTuning = typeof RECOMMEND;

/** Scores standardised across the candidates (mean 0, spread 1); a missing one (NaN) counts as the mean. */
function standardised(x: Float64Array): Float64Array {
  let n = 0, sum = 0, squares = 0;
  for (const v of x) if (!Number.isNaN(v)) (n++, (sum += v), (squares += v * v));
  const mean = n ? sum / n : 0;
  const spread = Math.sqrt(Math.max(0, (n ? squares / n : 0) - mean * mean)) || 1;
  return x.map((v) => (Number.isNaN(v) ? 0 : (v - mean) / spread));
}

/**
 * Per candidate, a soft maximum of its cosines with the upvoted papers, so that a member who upvotes
 * two subjects is offered papers close to either (a mean profile would point between them); and which
 * upvoted paper is the closest. Null when no upvoted paper has a vector.
 */
async function meaningScores(sem: Semantic, liked: readonly Text[], ids: string[], temperature: number) {
  const cosines: Map<string, number>[] = [];
  const likedIds: string[] = [];
  for (const l of liked) {
    const v = await sem.search.get(l.id);
    if (!v) continue;
    cosines.push(await sem.search.similarities(v, ids));
    likedIds.push(l.id);
  }
  if (!cosines.length) return null;
  const scores = new Float64Array(ids.length);
  const closest: (string | null)[] = [];
  ids.forEach((id, i) => {
    let best = -Infinity, arg: string | null = null;
    cosines.forEach((m, j) => {
      const c = m.get(id);
      if (c !== undefined && c > best) (best = c), (arg = likedIds[j]!);
    });
    if (arg === null) return void ((scores[i] = NaN), closest.push(null));
    let sum = 0;
    for (const m of cosines) {
      const c = m.get(id);
      if (c !== undefined) sum += Math.exp((c - best) / temperature);
    }
    scores[i] = best + temperature * Math.log(sum);
    closest.push(arg);
  });
  return { scores, closest };
}

/**
 * The best `limit` candidates for someone who upvoted `liked` (most recent first), best first.
 * Candidates keep their given order where scores tie (callers pass them most upvoted first).
 */
export async function rankCandidates(
  sem: Semantic | null,
  liked: readonly Text[],
  candidates: readonly Candidate[],
  limit: number,
  t: RecommendTuning = RECOMMEND,
): Promise<Recommendation[]> {
  if (!candidates.length || limit <= 0) return [];
  const popularity = standardised(Float64Array.from(candidates, (c) => Math.log1p(Math.max(0, c.upvotes))));
  const profile = liked.slice(0, t.profileSize);
  if (!profile.length) {
    return candidates.map((c, i) => ({ paperId: c.id, score: popularity[i]!, because: null })).sort((a, b) => b.score - a.score).slice(0, limit);
  }
  const ids = candidates.map((c) => c.id);
  const meaning = sem ? await meaningScores(sem, profile, ids, t.temperature) : null;
  const words = wordSimilarity(profile, candidates);
  const m = meaning ? standardised(meaning.scores) : null;
  const w = standardised(words.scores);
  const ranked = ids
    .map((id, i) => ({ i, score: (m ? m[i]! : 0) + t.wordWeight * w[i]! + t.popularityWeight * popularity[i]! }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  return ranked.map(({ i, score }) => ({ paperId: ids[i]!, score, because: meaning?.closest[i] ?? words.closest(ids[i]!) }));
}
