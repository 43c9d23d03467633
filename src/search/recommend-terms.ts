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

/** Each word's inverse document frequency over `tf` (the papers at hand). */
function inverseFrequencies(tf: readonly Sparse[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const m of tf) for (const t of m.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  for (const [t, n] of df) df.set(t, Math.log((tf.length + 1) / n));
  return df;
}

/** A paper's unit TF-IDF vector. */
function unit(counts: Sparse, idf: Map<string, number>): Sparse {
  const v: Sparse = new Map();
  let norm = 0;
  for (const [t, c] of counts) {
    const w = (1 + Math.log(c)) * (idf.get(t) ?? 0);
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

/** The cosine of a paper's TF-IDF vector with `profile` (of norm `profileNorm`), without building the vector. */
function cosine(counts: Sparse, idf: Map<string, number>, profile: Sparse, profileNorm: number): number {
  let d = 0, norm = 0;
  for (const [t, c] of counts) {
    const w = (1 + Math.log(c)) * (idf.get(t) ?? 0);
    norm += w * w;
    d += w * (profile.get(t) ?? 0);
  }
  return norm ? d / Math.sqrt(norm) / profileNorm : 0;
}

export interface WordSimilarity {
  /** Each candidate's cosine with the sum of the liked papers' vectors, in candidate order. */
  scores: Float64Array;
  /** The liked paper whose words are closest to a candidate's (for a few, after ranking). */
  closest(candidateId: string): string | null;
}

/**
 * Each candidate's TF-IDF cosine with the liked papers. The document frequencies are counted over
 * these papers alone (the candidates and the liked ones): measured against frequencies over the whole
 * archive, it loses little (bench/recommend.ts) and needs nothing but the papers at hand, on either
 * database. Candidates' vectors are only built for `closest`: a background of a thousand papers
 * is scored too.
 */
export function wordSimilarity(liked: readonly Text[], candidates: readonly Text[]): WordSimilarity {
  const ids = new Set(candidates.map((c) => c.id));
  const tf = candidates.map(counts);
  const idf = inverseFrequencies([...tf, ...liked.filter((l) => !ids.has(l.id)).map(counts)]);
  const likedVectors = liked.map((l) => unit(counts(l), idf));
  const profile: Sparse = new Map();
  for (const v of likedVectors) for (const [t, w] of v) profile.set(t, (profile.get(t) ?? 0) + w);
  const norm = Math.sqrt(dot(profile, profile)) || 1;
  const scores = Float64Array.from(tf, (c) => cosine(c, idf, profile, norm));
  const position = new Map(candidates.map((c, i) => [c.id, i]));
  return {
    scores,
    closest(id) {
      const i = position.get(id);
      const v = i === undefined ? null : unit(tf[i]!, idf);
      let best: string | null = null;
      let bestScore = 0;
      likedVectors.forEach((l, j) => {
        const s = v ? dot(v, l) : 0;
        if (s > bestScore) (best = liked[j]!.id), (bestScore = s);
      });
      return best;
    },
  };
}
