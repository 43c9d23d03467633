// Sparse square matrices in compressed-row form and the co-occurrence counts the word model starts from.
import { axpy64 as axpy } from './vector-math.ts';

export interface SparseMatrix {
  n: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

const CHUNK = 1 << 23;

/**
 * Counts how often two vocabulary words occur within `window` positions of each other, over all
 * documents. Pairs are packed into one uint32 (both ids < 65536), sorted natively in chunks and
 * merged, which keeps memory at a few bytes per distinct pair instead of a hash map per word.
 */
export function cooccurrences(docs: Iterable<Int32Array>, n: number, window: number): SparseMatrix {
  if (n > 65536) throw new Error(`vocabulary of ${n} words is over the 65,536 the pair packing allows`);
  let keys: Uint32Array = new Uint32Array(0);
  let counts: Float32Array = new Float32Array(0);
  const buffer = new Uint32Array(CHUNK);
  let used = 0;
  const flush = () => {
    if (!used) return;
    const chunk = buffer.subarray(0, used).sort();
    [keys, counts] = mergeSorted(keys, counts, chunk);
    used = 0;
  };
  for (const ids of docs) {
    for (let p = 0; p < ids.length; p++) {
      const a = ids[p]!;
      const end = Math.min(ids.length, p + window + 1);
      for (let q = p + 1; q < end; q++) {
        const b = ids[q]!;
        if (a === b) continue;
        buffer[used++] = a < b ? a * 65536 + b : b * 65536 + a;
        if (used === CHUNK) flush();
      }
    }
  }
  flush();
  return symmetric(keys, counts, n);
}

/** Merges a sorted run of raw keys (with repeats) into sorted distinct keys with counts. */
function mergeSorted(keys: Uint32Array, counts: Float32Array, run: Uint32Array): [Uint32Array, Float32Array] {
  const outKeys = new Uint32Array(keys.length + run.length);
  const outCounts = new Float32Array(keys.length + run.length);
  let i = 0, j = 0, o = -1;
  let last = -1;
  while (i < keys.length || j < run.length) {
    let key: number, count: number;
    if (j >= run.length || (i < keys.length && keys[i]! <= run[j]!)) (key = keys[i]!), (count = counts[i++]!);
    else (key = run[j++]!), (count = 1);
    if (key === last) outCounts[o]! += count;
    else (outKeys[++o] = key), (outCounts[o] = count), (last = key);
  }
  return [outKeys.slice(0, o + 1), outCounts.slice(0, o + 1)];
}

/** Both halves of the symmetric matrix from its upper-triangle pairs. */
function symmetric(keys: Uint32Array, counts: Float32Array, n: number): SparseMatrix {
  const rowLength = new Int32Array(n);
  for (let k = 0; k < keys.length; k++) {
    rowLength[Math.floor(keys[k]! / 65536)]!++;
    rowLength[keys[k]! % 65536]!++;
  }
  const indptr = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) indptr[r + 1] = indptr[r]! + rowLength[r]!;
  const fill = indptr.slice(0, n);
  const indices = new Int32Array(indptr[n]!);
  const values = new Float32Array(indptr[n]!);
  for (let k = 0; k < keys.length; k++) {
    const a = Math.floor(keys[k]! / 65536), b = keys[k]! % 65536;
    indices[fill[a]!] = b, values[fill[a]!++] = counts[k]!;
    indices[fill[b]!] = a, values[fill[b]!++] = counts[k]!;
  }
  return { n, indptr, indices, values };
}

/** out (n×k, row-major) = M · X (n×k, row-major). */
export function multiply(m: SparseMatrix, x: Float64Array, k: number): Float64Array {
  const out = new Float64Array(m.n * k);
  for (let r = 0; r < m.n; r++) {
    const o = r * k;
    for (let p = m.indptr[r]!; p < m.indptr[r + 1]!; p++) axpy(out, o, m.values[p]!, x, m.indices[p]! * k, k);
  }
  return out;
}

/** out (n×k) = Mᵀ · X. */
export function multiplyTransposed(m: SparseMatrix, x: Float64Array, k: number): Float64Array {
  const out = new Float64Array(m.n * k);
  for (let r = 0; r < m.n; r++) {
    const xo = r * k;
    for (let p = m.indptr[r]!; p < m.indptr[r + 1]!; p++) axpy(out, m.indices[p]! * k, m.values[p]!, x, xo, k);
  }
  return out;
}
