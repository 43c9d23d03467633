// Personal recommendations: candidate papers ranked for a member by how close they are to the papers
// the member upvoted — in meaning (the semantic index's stored vectors) and in words — with a little
// weight on the community's votes. With no upvotes the community's votes alone decide (trending).
// Each pick also gets a relevance measured against a background of recently listed papers, which is
// what a personal digest's cut-off reads (docs/RECOMMENDATIONS.md).
import type { Semantic } from './semantic.ts';
import { dot } from './vector-math.ts';
import { wordSimilarity, type Text } from './recommend-terms.ts';

export interface Candidate extends Text {
  upvotes: number;
}

export interface Recommendation {
  paperId: string;
  score: number;
  /** The upvoted paper it is most like; null when ranked by the community's votes alone. */
  because: string | null;
  /**
   * How much closer (meaning and words together) it is to the upvoted papers than the background's
   * papers are, in the background's spreads (its standard deviations); null without upvotes.
   */
  relevance: number | null;
}

/** Chosen on bench/recommend.ts's development users; its evaluation users were only reported. */
export const RECOMMEND = {
  /** How many of the most recent upvotes make a profile. */
  profileSize: 100,
  /** Softness of the max over the upvoted papers' cosines (log-sum-exp): near 0 takes the closest alone. */
  temperature: 0.05,
  wordWeight: 1,
  popularityWeight: 0.3,
  /**
   * A personal digest sends only papers at least this relevant: 0.7 spreads above the background's
   * typical paper. The highest cut-off keeping 90 % of the daily digests' recall and 95 % of the
   * weekly's on bench/recommend.ts's dev readers (it sends a fifth fewer papers a day, a third fewer on
   * a day without the reader's papers).
   */
  cutoff: 0.7,
  /** Fewer background papers than this say too little about the member's usual closeness: the candidates join them. */
  minBackground: 30,
};
export type RecommendTuning = typeof RECOMMEND;

/**
 * Scores standardised by the mean and spread of those at `reference` (positions; all when omitted);
 * a missing one (NaN) counts as the mean.
 */
function standardised(x: Float64Array, reference?: readonly number[]): Float64Array {
  let n = 0, sum = 0, squares = 0;
  const add = (v: number) => void (Number.isNaN(v) || (n++, (sum += v), (squares += v * v)));
  if (reference) for (const i of reference) add(x[i]!);
  else x.forEach(add);
  const mean = n ? sum / n : 0;
  const spread = Math.sqrt(Math.max(0, (n ? squares / n : 0) - mean * mean)) || 1;
  return x.map((v) => (Number.isNaN(v) ? 0 : (v - mean) / spread));
}

/**
 * Cosines of every upvoted paper (rows) with every candidate (columns), NaN where either has no
 * vector; and which upvoted papers had one. Vectors held in this process are multiplied here (100
 * upvotes × 5,000 candidates in a few tens of ms); with pgvector, one query per upvoted paper.
 */
async function cosines(sem: Semantic, liked: readonly Text[], ids: string[]): Promise<{ rows: string[]; m: Float32Array }> {
  const rows: string[] = [];
  const vectors: Float32Array[] = [];
  for (const l of liked) {
    const v = await sem.search.get(l.id);
    if (v) (rows.push(l.id), vectors.push(v));
  }
  const m = new Float32Array(rows.length * ids.length).fill(NaN);
  if (sem.index) {
    const dims = sem.index.dims;
    ids.forEach((id, j) => {
      const c = sem.index!.get(id);
      if (c) vectors.forEach((v, i) => void (m[i * ids.length + j] = dot(v, 0, c, 0, dims)));
    });
  } else {
    for (const [i, v] of vectors.entries()) {
      const found = await sem.search.similarities(v, ids);
      ids.forEach((id, j) => void (found.has(id) && (m[i * ids.length + j] = found.get(id)!)));
    }
  }
  return { rows, m };
}

/**
 * Per candidate, a soft maximum of its cosines with the upvoted papers, so that a member who upvotes
 * two subjects is offered papers close to either (a mean profile would point between them); and which
 * upvoted paper is the closest. Null when no upvoted paper has a vector.
 */
async function meaningScores(sem: Semantic, liked: readonly Text[], ids: string[], temperature: number) {
  const { rows, m } = await cosines(sem, liked, ids);
  if (!rows.length) return null;
  const scores = new Float64Array(ids.length);
  const closest: (string | null)[] = [];
  ids.forEach((_, j) => {
    let best = -Infinity, arg = -1;
    for (let i = 0; i < rows.length; i++) {
      const c = m[i * ids.length + j]!;
      if (c > best) (best = c), (arg = i);
    }
    if (arg < 0) return void ((scores[j] = NaN), closest.push(null));
    let sum = 0;
    for (let i = 0; i < rows.length; i++) {
      const c = m[i * ids.length + j]!;
      if (!Number.isNaN(c)) sum += Math.exp((c - best) / temperature);
    }
    scores[j] = best + temperature * Math.log(sum);
    closest.push(rows[arg]!);
  });
  return { scores, closest };
}

/**
 * The best `limit` candidates for someone who upvoted `liked` (most recent first), best first.
 * Candidates keep their given order where scores tie (callers pass them most upvoted first).
 * Closeness in meaning and in words is standardised against `background` (papers listed before the
 * candidates), so that a day whose papers are all far from the member's scores low, and against the
 * candidates themselves when the background is too small; the community's votes against the candidates.
 */
export async function rankCandidates(
  sem: Semantic | null,
  liked: readonly Text[],
  candidates: readonly Candidate[],
  limit: number,
  t: RecommendTuning = RECOMMEND,
  background: readonly Text[] = [],
): Promise<Recommendation[]> {
  if (!candidates.length || limit <= 0) return [];
  const popularity = standardised(Float64Array.from(candidates, (c) => Math.log1p(Math.max(0, c.upvotes))));
  const profile = liked.slice(0, t.profileSize);
  if (!profile.length) {
    return candidates.map((c, i) => ({ paperId: c.id, score: popularity[i]!, because: null, relevance: null })).sort((a, b) => b.score - a.score).slice(0, limit);
  }
  const ids = candidates.map((c) => c.id);
  const taken = new Set([...ids, ...profile.map((p) => p.id)]);
  const others = background.filter((b) => !taken.has(b.id));
  const all = [...candidates, ...others];
  const meaning = sem ? await meaningScores(sem, profile, all.map((p) => p.id), t.temperature) : null;
  const words = wordSimilarity(profile, all);
  const reference = others.length >= t.minBackground ? others.map((_, i) => ids.length + i) : undefined;
  const m = meaning ? standardised(meaning.scores, reference) : null;
  const w = standardised(words.scores, reference);
  const closeness = standardised(w.map((v, i) => (m ? m[i]! : 0) + t.wordWeight * v), reference);
  const ranked = ids
    .map((id, i) => ({ i, score: (m ? m[i]! : 0) + t.wordWeight * w[i]! + t.popularityWeight * popularity[i]! }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  return ranked.map(({ i, score }) => ({ paperId: ids[i]!, score, because: meaning?.closest[i] ?? words.closest(ids[i]!), relevance: closeness[i]! }));
}
