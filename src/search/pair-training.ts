// Teaching the word vectors what a search looks like: every paper's title is a short text in other
// words than its abstract, so the corpus holds a query and its answer for every paper. The word
// vectors are tuned so that each title's SIF-weighted mean lands nearest its own abstract among the
// other abstracts of its batch (symmetric InfoNCE, in-batch negatives, row-wise Adagrad). One table
// serves queries and papers: measured against separate query and paper tables, it did better on
// SciFact and long arXiv queries, since words no title uses still move along with the papers.
// Deterministic for a given seed.
import { uniform } from './random.ts';
import { axpy, dot } from './vector-math.ts';

export interface PairParams {
  epochs: number;
  /** Papers per batch: every other paper of the batch is a negative, so larger batches teach more. */
  batch: number;
  temperature: number;
  /** Adagrad's rate; small, as the first steps would otherwise scatter what the SVD found (measured). */
  learningRate: number;
  seed: number;
}

export const DEFAULT_PAIR_PARAMS: PairParams = { epochs: 1, batch: 256, temperature: 0.05, learningRate: 0.01, seed: 7 };

export interface Pair {
  query: Int32Array;
  doc: Int32Array;
}

/** Sum of weight × row over the ids into out[o..o+dims), then unit length; returns the norm before. */
function encodeInto(m: Float32Array, weights: Float32Array, dims: number, ids: Int32Array, out: Float32Array, o: number): number {
  out.fill(0, o, o + dims);
  for (let t = 0; t < ids.length; t++) {
    const id = ids[t]!;
    axpy(out, o, weights[id]!, m, id * dims, dims);
  }
  let n = 0;
  for (let c = 0; c < dims; c++) n += out[o + c]! * out[o + c]!;
  n = Math.sqrt(n);
  if (n > 1e-12) for (let c = 0; c < dims; c++) out[o + c] = out[o + c]! / n;
  return n;
}

/**
 * A tuned copy of the word vectors (vocab × dims, row-major). `progress` is told the pairs done so far.
 */
export function trainOnPairs(vectors: Float32Array, weights: Float32Array, dims: number, pairs: Pair[], options: Partial<PairParams> = {}, progress?: (done: number, total: number) => void): Float32Array {
  const p = { ...DEFAULT_PAIR_PARAMS, ...options };
  const m = vectors.slice();
  const accumulated = new Float32Array(weights.length);
  const b = Math.min(p.batch, pairs.length);
  if (b < 2) return m;
  const random = uniform(p.seed);
  const order = Int32Array.from(pairs.keys());
  const qv = new Float32Array(b * dims), dv = new Float32Array(b * dims);
  const qn = new Float32Array(b), dn = new Float32Array(b);
  const scores = new Float32Array(b * b), grad = new Float32Array(b * b);
  const dq = new Float32Array(b * dims), dd = new Float32Array(b * dims);
  const batchQ: Int32Array[] = new Array(b), batchD: Int32Array[] = new Array(b);
  const total = p.epochs * Math.floor(pairs.length / b) * b;
  let done = 0;
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start + b <= order.length; start += b) {
      for (let k = 0; k < b; k++) {
        const pair = pairs[order[start + k]!]!;
        batchQ[k] = pair.query;
        batchD[k] = pair.doc;
        qn[k] = encodeInto(m, weights, dims, pair.query, qv, k * dims);
        dn[k] = encodeInto(m, weights, dims, pair.doc, dv, k * dims);
      }
      for (let i = 0; i < b; i++) for (let j = 0; j < b; j++) scores[i * b + j] = dot(qv, i * dims, dv, j * dims, dims) / p.temperature;
      lossGradient(scores, grad, b);
      // d loss / d vectors, then back through the normalisation into each word's row.
      dq.fill(0);
      dd.fill(0);
      for (let i = 0; i < b; i++) {
        for (let j = 0; j < b; j++) {
          const g = grad[i * b + j]! / p.temperature;
          if (g > -1e-7 && g < 1e-7) continue;
          axpy(dq, i * dims, g, dv, j * dims, dims);
          axpy(dd, j * dims, g, qv, i * dims, dims);
        }
      }
      step(m, accumulated, weights, dims, qv, dq, qn, batchQ, p.learningRate);
      step(m, accumulated, weights, dims, dv, dd, dn, batchD, p.learningRate);
      done += b;
      progress?.(done, total);
    }
  }
  return m;
}

/** Gradient of the mean of both InfoNCE directions (query → its paper, paper → its query) over the score matrix. */
function lossGradient(s: Float32Array, g: Float32Array, b: number): void {
  g.fill(0);
  const half = 1 / (2 * b);
  for (let i = 0; i < b; i++) softmaxInto(s, g, i * b, 1, b, half);
  for (let j = 0; j < b; j++) softmaxInto(s, g, j, b, b, half);
  for (let i = 0; i < b; i++) g[i * b + i] = g[i * b + i]! - 2 * half;
}

/** g[o + k·stride] += scale · softmax(s[o + k·stride]) for k < n. */
function softmaxInto(s: Float32Array, g: Float32Array, o: number, stride: number, n: number, scale: number): void {
  let max = -Infinity;
  for (let k = 0; k < n; k++) max = Math.max(max, s[o + k * stride]!);
  let z = 0;
  for (let k = 0; k < n; k++) z += Math.exp(s[o + k * stride]! - max);
  for (let k = 0; k < n; k++) g[o + k * stride] = g[o + k * stride]! + (scale * Math.exp(s[o + k * stride]! - max)) / z;
}

/** One Adagrad step (one accumulator per word) for every word of every text in the batch. */
function step(m: Float32Array, acc: Float32Array, weights: Float32Array, dims: number, unit: Float32Array, grad: Float32Array, norms: Float32Array, texts: Int32Array[], rate: number): void {
  for (let k = 0; k < texts.length; k++) {
    const o = k * dims;
    const along = dot(unit, o, grad, o, dims);
    const n = norms[k]! || 1;
    let g2 = 0;
    for (let c = 0; c < dims; c++) {
      const x = (grad[o + c]! - unit[o + c]! * along) / n;
      grad[o + c] = x;
      g2 += x * x;
    }
    for (const id of texts[k]!) {
      const w = weights[id]!;
      acc[id] = acc[id]! + (w * w * g2) / dims;
      axpy(m, id * dims, (-rate * w) / Math.sqrt(acc[id]! + 1e-8), grad, o, dims);
    }
  }
}
