// Unit vectors of every paper under one model with top-k cosine, scanned in WebAssembly SIMD
// (simd-rows.ts): a first pass over byte copies of every vector (a quarter of the memory to read),
// then the best few hundred scored exactly in floats. Byte rounding moves a cosine by well under the
// gaps that decide the top k, so the result is the exact top k (measured: bench/search-arxiv.ts).
import { ByteRows, Rows } from './simd-rows.ts';
import { dot } from './vector-math.ts';

export interface Neighbour {
  paperId: string;
  score: number;
}

/** Rows re-scored in floats after the byte pass: this many times k, and at least SHORTLIST. */
const SHORTLIST_FACTOR = 3;
const SHORTLIST = 1000;

export class VectorIndex {
  private rows: Rows;
  private bytes: ByteRows | null;
  private ids: string[] = [];
  private rowOf = new Map<string, number>();

  constructor(readonly dims: number, capacity = 1024) {
    this.rows = new Rows(dims, capacity);
    this.bytes = ByteRows.create(dims, capacity);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Moves with every vector set, so a memo of neighbours can tell it is out of date. */
  get version(): number {
    return this.changes;
  }
  private changes = 0;

  set(paperId: string, vector: Float32Array): void {
    if (vector.length !== this.dims) throw new Error(`vector of ${vector.length} dims in an index of ${this.dims}`);
    let row = this.rowOf.get(paperId);
    if (row === undefined) {
      row = this.ids.length;
      if (row + 1 > this.rows.capacity) {
        const capacity = Math.max(2 * row, row + 1);
        this.rows = this.rows.grown(capacity, row);
        this.bytes = this.bytes?.grown(capacity, row) ?? null;
      }
      this.ids.push(paperId);
      this.rowOf.set(paperId, row);
    }
    this.rows.data.set(vector, row * this.dims);
    this.bytes?.set(row, vector);
    this.changes++;
  }

  get(paperId: string): Float32Array | null {
    const row = this.rowOf.get(paperId);
    return row === undefined ? null : this.rows.data.slice(row * this.dims, (row + 1) * this.dims);
  }

  /** Cosine of the query with one paper (vectors are unit length), or null when it has none. */
  similarity(query: Float32Array, paperId: string): number | null {
    const row = this.rowOf.get(paperId);
    if (row === undefined) return null;
    return dot(this.rows.data, row * this.dims, query, 0, this.dims);
  }

  /** The k most similar papers, best first (`exact`: every vector scored in floats, for measuring). */
  nearest(query: Float32Array, k: number, exclude?: ReadonlySet<string>, exact = false): Neighbour[] {
    const n = this.ids.length;
    if (!n || k <= 0) return [];
    const want = Math.min(n, k + (exclude?.size ?? 0));
    const shortlist = Math.max(SHORTLIST_FACTOR * want, SHORTLIST);
    let rows: Int32Array | null = null;
    let scores: Float32Array;
    if (this.bytes && !exact && shortlist < n) {
      rows = topRows(this.bytes.scan(query, n), shortlist);
      scores = new Float32Array(rows.length);
      for (let i = 0; i < rows.length; i++) scores[i] = dot(this.rows.data, rows[i]! * this.dims, query, 0, this.dims);
    } else scores = this.rows.scan(query, n);
    const out: Neighbour[] = [];
    for (const i of topRows(scores, want)) {
      const paperId = this.ids[rows ? rows[i]! : i]!;
      if (exclude?.has(paperId)) continue;
      out.push({ paperId, score: scores[i]! });
      if (out.length === k) break;
    }
    return out;
  }
}

/**
 * Indices of the k largest scores, largest first, ties by lower index. A threshold guessed from a
 * sample keeps only a few more than k rows in one pass; the k-th largest among those (or, when the
 * guess kept too few, among all) is then found by selection, so 1,000 of 100,000 cost one pass.
 */
export function topRows(scores: Float32Array, k: number): Int32Array {
  const n = scores.length;
  k = Math.min(k, n);
  if (k <= 0) return new Int32Array(0);
  let pool: Float32Array = scores;
  if (n > 8 * k && n > 4096) {
    const step = Math.floor(n / 2048);
    const sample = new Float32Array(2048);
    for (let i = 0; i < 2048; i++) sample[i] = scores[i * step]!;
    // The sample's value at twice k's share of the rows: about 2k rows lie above it.
    const guess = kthLargest(sample, Math.min(2048, Math.ceil((2 * k * 2048) / n) + 8));
    let m = 0;
    for (let i = 0; i < n; i++) if (scores[i]! >= guess) m++;
    if (m >= k) {
      pool = new Float32Array(m);
      m = 0;
      for (let i = 0; i < n; i++) if (scores[i]! >= guess) pool[m++] = scores[i]!;
    }
  }
  const threshold = kthLargest(pool === scores ? scores.slice() : pool, k);
  const out = new Int32Array(k);
  let m = 0;
  for (let i = 0; i < n; i++) if (scores[i]! > threshold) out[m++] = i;
  for (let i = 0; i < n && m < k; i++) if (scores[i] === threshold) out[m++] = i;
  return out.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** The k-th largest value (1-based), reordering `a` (Hoare's selection). */
function kthLargest(a: Float32Array, k: number): number {
  let lo = 0, hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}
