// paperboy's own semantic model, trained on the papers it holds: PPMI word co-occurrence reduced by
// randomized SVD to dense word vectors, then tuned on the corpus's own (title, abstract) pairs
// (pair-training.ts); texts are SIF-weighted averages. Deterministic.
import { DEFAULT_PAIR_PARAMS, trainOnPairs, type PairParams } from './pair-training.ts';
import { randomizedSvd } from './svd.ts';
import { cooccurrences, type SparseMatrix } from './sparse.ts';
import { terms } from './text.ts';

export interface WordModelParams {
  dims: number;
  window: number;
  minCount: number;
  maxVocab: number;
  /** Context-distribution smoothing of PMI (Levy et al. 2015). */
  alpha: number;
  /** Singular values enter the vectors to this power: 0 = directions only, 1 = plain SVD. */
  eigenPower: number;
  /** SIF smoothing a in a / (a + p(w)). */
  sif: number;
  /** PMI cells at or below this are dropped (0 = plain PPMI); a small shift keeps the matrix sparse. */
  pmiFloor: number;
  seed: number;
  /** Title → abstract tuning; null (and in models trained before it existed: absent) = none. */
  pairs?: PairParams | null;
}

/**
 * maxVocab: on the 103k arXiv corpus the 30,000 most frequent words (each seen about 5 times or more)
 * ranked as well as 60,000 in hybrid search (arXiv dev MRR@10 within ±0.01 at 20k, 30k, 40k, 60k;
 * neighbours' category agreement 0.572 / 0.573 / 0.570 at 30k / 40k / 60k) and no worse by meaning alone
 * (short 0.26 vs 0.21), while the factorisation takes about half as long. Smaller corpora (SciFact's
 * 5,183 abstracts) have fewer words than that, so it does not bind there.
 */
export const DEFAULT_PARAMS: WordModelParams = {
  dims: 256, window: 5, minCount: 3, maxVocab: 30_000, alpha: 0.75, eigenPower: 0.5, sif: 1e-3, pmiFloor: 0, seed: 42, pairs: DEFAULT_PAIR_PARAMS,
};

export interface WordModel {
  params: WordModelParams;
  vocab: string[];
  /** vocab.length × dims, row-major. */
  vectors: Float32Array;
  /** SIF weight of each word. */
  weights: Float32Array;
  /** The common direction of all documents, removed from every text vector. */
  common: Float32Array;
  index: Map<string, number>;
}

export function modelFrom(params: WordModelParams, vocab: string[], vectors: Float32Array, weights: Float32Array, common: Float32Array): WordModel {
  return { params, vocab, vectors, weights, common, index: new Map(vocab.map((w, i) => [w, i])) };
}

/** The text a paper is embedded from: the title counts twice, being the densest summary. */
export function paperText(p: TrainingText): string {
  return `${p.title}. ${p.title}. ${p.abstract ?? ''}`;
}

/** What a model is trained on: each paper's title and abstract. */
export interface TrainingText {
  title: string;
  abstract: string | null;
}

export interface TrainProgress {
  (stage: string, done: number, total: number): void;
}

/**
 * Trains a model on the papers' titles and abstracts. Co-occurrences are counted over the text papers
 * are embedded from (paperText: the title twice, then the abstract).
 */
export function trainWordModel(papers: () => Iterable<TrainingText>, options: Partial<WordModelParams> = {}, progress?: TrainProgress): WordModel {
  const params = { ...DEFAULT_PARAMS, ...options };
  // Pass 1: every term gets a provisional id; titles and abstracts become id arrays.
  const provisional = new Map<string, number>();
  const counts: number[] = [];
  const toIds = (text: string, times: number) => {
    const ts = terms(text);
    const ids = new Int32Array(ts.length);
    for (let i = 0; i < ts.length; i++) {
      let id = provisional.get(ts[i]!);
      if (id === undefined) provisional.set(ts[i]!, (id = counts.length)), counts.push(0);
      counts[id]! += times;
      ids[i] = id;
    }
    return ids;
  };
  const titles: Int32Array[] = [];
  const abstracts: Int32Array[] = [];
  for (const p of papers()) {
    titles.push(toIds(p.title, 2));
    abstracts.push(toIds(p.abstract ?? '', 1));
    if (titles.length % 5000 === 0) progress?.('tokenizing', titles.length, 0);
  }
  const words = [...provisional.keys()];
  const kept = words
    .map((w, id) => ({ w, id, n: counts[id]! }))
    .filter((x) => x.n >= params.minCount)
    .sort((a, b) => b.n - a.n || (a.w < b.w ? -1 : 1))
    .slice(0, Math.min(params.maxVocab, 65536));
  const remap = new Int32Array(words.length).fill(-1);
  kept.forEach((x, i) => (remap[x.id] = i));
  // Out-of-vocabulary words are dropped, so windows span the words the model knows.
  const known = (ids: Int32Array) => Int32Array.from(ids.filter((id) => remap[id]! >= 0), (id) => remap[id]!);
  for (let i = 0; i < titles.length; i++) (titles[i] = known(titles[i]!)), (abstracts[i] = known(abstracts[i]!));
  const vocab = kept.map((x) => x.w);
  const total = kept.reduce((s, x) => s + x.n, 0);
  const embedded = function* () {
    for (let i = 0; i < titles.length; i++) {
      const t = titles[i]!, a = abstracts[i]!;
      const doc = new Int32Array(2 * t.length + a.length);
      doc.set(t), doc.set(t, t.length), doc.set(a, 2 * t.length);
      yield doc;
    }
  };
  progress?.('counting', 0, 1);
  const counted = cooccurrences(embedded(), vocab.length, params.window);
  const ppmi = positivePmi(counted, params.alpha, params.pmiFloor);
  progress?.('factorizing', 0, 1);
  const dims = Math.min(params.dims, Math.max(1, vocab.length - 1));
  const svd = randomizedSvd(ppmi, dims, { seed: params.seed });
  const vectors = new Float32Array(vocab.length * dims);
  for (let r = 0; r < vocab.length; r++) {
    let norm = 0;
    for (let c = 0; c < dims; c++) norm += (svd.u[r * dims + c]! * svd.s[c]! ** params.eigenPower) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < dims; c++) vectors[r * dims + c] = (svd.u[r * dims + c]! * svd.s[c]! ** params.eigenPower) / norm;
  }
  const weights = Float32Array.from(kept, (x) => params.sif / (params.sif + x.n / total));
  let model = modelFrom({ ...params, dims }, vocab, vectors, weights, new Float32Array(dims));
  if (params.pairs) {
    // Tried on SciFact and arXiv dev queries: abstract sentence → rest-of-paper pairs (inverse cloze) did worse.
    // A title that merely repeats the abstract's opening teaches nothing: a corpus without titles gets
    // its text's first characters, and the word cut there can give up to three different terms.
    const repeats = (t: Int32Array, a: Int32Array) => t.length >= 4 && t.subarray(0, -3).every((id, k) => a[k] === id);
    const teaches = (t: Int32Array, a: Int32Array) => t.length > 0 && a.length > t.length && !repeats(t, a);
    const pairs = titles.flatMap((query, i) => (teaches(query, abstracts[i]!) ? [{ query, doc: abstracts[i]! }] : []));
    const tuned = trainOnPairs(vectors, weights, dims, pairs, params.pairs, (done, all) => progress?.('tuning on titles', done, all));
    model = modelFrom(model.params, vocab, tuned, weights, model.common);
  }
  progress?.('common direction', 0, 1);
  model.common.set(commonDirection(model, embedded()));
  return model;
}

/** PPMI with smoothed context probabilities; non-positive cells are dropped. */
function positivePmi(m: SparseMatrix, alpha: number, floor: number): SparseMatrix {
  const rowSum = new Float64Array(m.n);
  for (let r = 0; r < m.n; r++) for (let p = m.indptr[r]!; p < m.indptr[r + 1]!; p++) rowSum[r]! += m.values[p]!;
  const smoothed = Float64Array.from(rowSum, (c) => c ** alpha);
  const z = smoothed.reduce((a, b) => a + b, 0);
  const indptr = new Int32Array(m.n + 1);
  const indices = new Int32Array(m.values.length);
  const values = new Float32Array(m.values.length);
  let o = 0;
  for (let r = 0; r < m.n; r++) {
    for (let p = m.indptr[r]!; p < m.indptr[r + 1]!; p++) {
      const c = m.indices[p]!;
      const pmi = Math.log((m.values[p]! * z) / (rowSum[r]! * smoothed[c]!));
      if (pmi > floor) (indices[o] = c), (values[o++] = pmi - floor);
    }
    indptr[r + 1] = o;
  }
  return { n: m.n, indptr, indices: indices.slice(0, o), values: values.slice(0, o) };
}

/** SIF-weighted mean of the text's word vectors, before common-direction removal; null when no word is known. */
function rawTextVector(model: WordModel, text: string): Float32Array | null {
  const dims = model.params.dims;
  const out = new Float32Array(dims);
  let n = 0;
  for (const t of terms(text)) {
    const id = model.index.get(t);
    if (id === undefined) continue;
    const w = model.weights[id]!;
    const o = id * dims;
    for (let c = 0; c < dims; c++) out[c]! += w * model.vectors[o + c]!;
    n++;
  }
  return n ? out : null;
}

/** The unit vector of a text (a paper's title and abstract, or a query); null when no word is known. */
export function textVector(model: WordModel, text: string): Float32Array | null {
  const v = rawTextVector(model, text);
  if (!v) return null;
  let dot = 0;
  for (let c = 0; c < v.length; c++) dot += v[c]! * model.common[c]!;
  let norm = 0;
  for (let c = 0; c < v.length; c++) {
    v[c]! -= dot * model.common[c]!;
    norm += v[c]! * v[c]!;
  }
  norm = Math.sqrt(norm);
  if (norm < 1e-12) return null;
  for (let c = 0; c < v.length; c++) v[c]! /= norm;
  return v;
}

/** First principal direction of the papers' raw vectors (power iteration, fixed start). */
function commonDirection(model: WordModel, docs: Iterable<Int32Array>): Float32Array {
  const dims = model.params.dims;
  const rows: Float32Array[] = [];
  for (const ids of docs) {
    if (!ids.length) continue;
    const v = new Float32Array(dims);
    for (const id of ids) {
      const w = model.weights[id]!;
      for (let c = 0; c < dims; c++) v[c]! += w * model.vectors[id * dims + c]!;
    }
    rows.push(v);
  }
  let d = new Float64Array(dims).fill(1 / Math.sqrt(dims));
  for (let it = 0; it < 30; it++) {
    const next = new Float64Array(dims);
    for (const v of rows) {
      let dot = 0;
      for (let c = 0; c < dims; c++) dot += v[c]! * d[c]!;
      for (let c = 0; c < dims; c++) next[c]! += dot * v[c]!;
    }
    const norm = Math.sqrt(next.reduce((s, x) => s + x * x, 0)) || 1;
    d = next.map((x) => x / norm);
  }
  return Float32Array.from(d);
}
