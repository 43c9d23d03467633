// The word side of personal recommendations: each paper as a TF-IDF vector of its stemmed content
// words (title counted twice), weighted by how rare a word is among the papers being compared.
import { terms } from './text.ts';

export interface Text {
  id: string;
  title: string;
  abstract?: string | null;
}

type Sparse = Map<string, number>;

/** Term counts of recently ranked papers: a week's papers are ranked again for every member. */
const known = new Map<string, { text: string; counts: Sparse }>();
const KNOWN_MAX = 50_000;

function counts(p: Text): Sparse {
  const text = `${p.title} ${p.title} ${p.abstract ?? ''}`;
  const hit = known.get(p.id);
  if (hit?.text === text) return hit.counts;
  const m: Sparse = new Map();
  for (const t of terms(text)) m.set(t, (m.get(t) ?? 0) + 1);
  known.delete(p.id);
  known.set(p.id, { text, counts: m });
  if (known.size > KNOWN_MAX) known.delete(known.keys().next().value!);
  return m;
}

function dot(a: Sparse, b: Sparse): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) s += w * (large.get(t) ?? 0);
  return s;
}

/**
 * Unit TF-IDF vectors of `papers`. The document frequencies are counted over these papers alone (the
 * candidates and the upvoted ones): measured against frequencies over the whole archive, it loses
 * little (bench/recommend.ts) and needs nothing but the papers at hand, on either database.
 */
function vectors(papers: readonly Text[]): Map<string, Sparse> {
  const tf = papers.map(counts);
  const df = new Map<string, number>();
  for (const m of tf) for (const t of m.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const out = new Map<string, Sparse>();
  papers.forEach((p, i) => {
    const v: Sparse = new Map();
    let norm = 0;
    for (const [t, c] of tf[i]!) {
      const w = (1 + Math.log(c)) * Math.log((papers.length + 1) / df.get(t)!);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    out.set(p.id, v);
  });
  return out;
}

export interface WordSimilarity {
  /** Each candidate's cosine with the sum of the liked papers' vectors, in candidate order. */
  scores: Float64Array;
  /** The liked paper whose words are closest to a candidate's (for a few, after ranking). */
  closest(candidateId: string): string | null;
}

export function wordSimilarity(liked: readonly Text[], candidates: readonly Text[]): WordSimilarity {
  const ids = new Set(candidates.map((c) => c.id));
  const vecs = vectors([...candidates, ...liked.filter((l) => !ids.has(l.id))]);
  const profile: Sparse = new Map();
  for (const l of liked) for (const [t, w] of vecs.get(l.id)!) profile.set(t, (profile.get(t) ?? 0) + w);
  const norm = Math.sqrt(dot(profile, profile)) || 1;
  const scores = Float64Array.from(candidates, (c) => dot(vecs.get(c.id)!, profile) / norm);
  return {
    scores,
    closest(id) {
      const v = vecs.get(id);
      let best: string | null = null;
      let bestScore = 0;
      for (const l of liked) {
        const s = v ? dot(v, vecs.get(l.id)!) : 0;
        if (s > bestScore) (best = l.id), (bestScore = s);
      }
      return best;
    },
  };
}
