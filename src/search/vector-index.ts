// Unit vectors of every paper under one model, held in one Float32Array, with top-k cosine. The
// scan first scores a contiguous copy of the leading dimensions (SVD puts most of the signal there)
// and re-scores only the best couple of thousand in full, which keeps 100k papers within a few ms.

export interface Neighbour {
  paperId: string;
  score: number;
}

const COARSE_DIMS = 32;

export class VectorIndex {
  private data: Float32Array;
  private coarse: Float32Array;
  private readonly coarseDims: number;
  private ids: string[] = [];
  private rows = new Map<string, number>();

  constructor(readonly dims: number, capacity = 1024) {
    this.coarseDims = Math.min(dims, COARSE_DIMS);
    this.data = new Float32Array(capacity * dims);
    this.coarse = new Float32Array(capacity * this.coarseDims);
  }

  get size(): number {
    return this.ids.length;
  }

  set(paperId: string, vector: Float32Array): void {
    if (vector.length !== this.dims) throw new Error(`vector of ${vector.length} dims in an index of ${this.dims}`);
    let row = this.rows.get(paperId);
    if (row === undefined) {
      row = this.ids.length;
      if ((row + 1) * this.dims > this.data.length) {
        const capacity = Math.max(2 * this.ids.length, row + 1);
        const grown = new Float32Array(capacity * this.dims);
        grown.set(this.data);
        this.data = grown;
        const coarse = new Float32Array(capacity * this.coarseDims);
        coarse.set(this.coarse);
        this.coarse = coarse;
      }
      this.ids.push(paperId);
      this.rows.set(paperId, row);
    }
    this.data.set(vector, row * this.dims);
    this.coarse.set(vector.subarray(0, this.coarseDims), row * this.coarseDims);
  }

  get(paperId: string): Float32Array | null {
    const row = this.rows.get(paperId);
    return row === undefined ? null : this.data.subarray(row * this.dims, (row + 1) * this.dims);
  }

  /** Cosine of the query with one paper (vectors are unit length), or null when it has none. */
  similarity(query: Float32Array, paperId: string): number | null {
    const row = this.rows.get(paperId);
    if (row === undefined) return null;
    return dot(this.data, row * this.dims, query, this.dims);
  }

  /** The k most similar papers, best first. */
  nearest(query: Float32Array, k: number, exclude?: ReadonlySet<string>): Neighbour[] {
    const n = this.ids.length;
    if (!n || k <= 0) return [];
    const dims = this.dims;
    const cd = this.coarseDims;
    const shortlist = Math.min(n, Math.max(4 * k, 2000));
    let candidates: Int32Array;
    if (cd < dims && shortlist < n) {
      const coarse = new Float32Array(n);
      for (let r = 0; r < n; r++) coarse[r] = dot(this.coarse, r * cd, query, cd);
      candidates = topRows(coarse, shortlist);
    } else candidates = Int32Array.from({ length: n }, (_, i) => i);
    const full = new Float32Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) full[i] = dot(this.data, candidates[i]! * dims, query, dims);
    const order = topRows(full, Math.min(candidates.length, k + (exclude?.size ?? 0)));
    const out: Neighbour[] = [];
    for (const i of order) {
      const paperId = this.ids[candidates[i]!]!;
      if (exclude?.has(paperId)) continue;
      out.push({ paperId, score: full[i]! });
      if (out.length === k) break;
    }
    return out;
  }
}

function dot(data: Float32Array, offset: number, q: Float32Array, len: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let c = 0;
  for (; c + 3 < len; c += 4) {
    s0 += data[offset + c]! * q[c]!;
    s1 += data[offset + c + 1]! * q[c + 1]!;
    s2 += data[offset + c + 2]! * q[c + 2]!;
    s3 += data[offset + c + 3]! * q[c + 3]!;
  }
  for (; c < len; c++) s0 += data[offset + c]! * q[c]!;
  return s0 + s1 + s2 + s3;
}

/**
 * Indices of the k largest scores, largest first, ties by lower index. The k-th largest value is
 * found by selection on a copy (linear time), so picking 2,000 of 100,000 costs one pass, not a
 * heap operation per row.
 */
export function topRows(scores: Float32Array, k: number): Int32Array {
  const n = scores.length;
  k = Math.min(k, n);
  if (k <= 0) return new Int32Array(0);
  const threshold = kthLargest(scores.slice(), k);
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
