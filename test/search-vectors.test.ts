// Nearest vectors: the SIMD scans agree with plain arithmetic, the nearest are exactly the true
// ones (with or without the first pass over bytes), and rows survive growing and replacing.
import { describe, expect, it } from 'vitest';
import { uniform } from '../src/search/random.ts';
import { Rows } from '../src/search/simd-rows.ts';
import { dot } from '../src/search/vector-math.ts';
import { VectorIndex } from '../src/search/vector-index.ts';

/** Deterministic unit vectors. */
function vectors(n: number, dims: number, seed: number): Float32Array[] {
  const next = uniform(seed);
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: dims }, () => next() - 0.5);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

const exactTop = (all: Float32Array[], q: Float32Array, k: number) =>
  all.map((v, i) => ({ i, s: dot(v, 0, q, 0, q.length) })).sort((a, b) => b.s - a.s || a.i - b.i).slice(0, k).map((x) => `p${x.i}`);

describe('vector search', () => {
  it('scores rows in WebAssembly SIMD as plain arithmetic does, across a growth', () => {
    let rows = new Rows(48, 4);
    const all = vectors(10, 48, 3);
    all.slice(0, 4).forEach((v, i) => rows.data.set(v, i * 48));
    rows = rows.grown(16, 4);
    all.slice(4).forEach((v, i) => rows.data.set(v, (i + 4) * 48));
    const scores = Array.from(rows.scan(all[0]!, 10));
    scores.forEach((s, i) => expect(s).toBeCloseTo(dot(all[i]!, 0, all[0]!, 0, 48), 5));
  });

  it('finds exactly the nearest vectors', () => {
    const all = vectors(3000, 64, 5);
    const ix = new VectorIndex(64, 16);
    all.forEach((v, i) => ix.set(`p${i}`, v));
    for (const q of vectors(5, 64, 9)) expect(ix.nearest(q, 20).map((n) => n.paperId)).toEqual(exactTop(all, q, 20));
  });

  it('keeps the exact top k when a first pass over byte copies chooses what to score in full', () => {
    const all = vectors(6000, 32, 17);
    const ix = new VectorIndex(32, 100);
    all.forEach((v, i) => ix.set(`p${i}`, v));
    for (const q of vectors(8, 32, 19)) {
      const exact = exactTop(all, q, 100);
      expect(ix.nearest(q, 100, undefined, true).map((n) => n.paperId)).toEqual(exact);
      expect(ix.nearest(q, 100).map((n) => n.paperId)).toEqual(exact);
    }
  });

  it('replaces a paper\'s vector and leaves out excluded papers', () => {
    const [a, b, c] = vectors(3, 32, 13);
    const ix = new VectorIndex(32);
    ix.set('a', a!);
    ix.set('b', b!);
    ix.set('b', a!);
    ix.set('c', c!);
    expect(ix.size).toBe(3);
    expect(ix.similarity(a!, 'b')).toBeCloseTo(1, 5);
    expect(ix.nearest(a!, 2, new Set(['a'])).map((n) => n.paperId)).toEqual(['b', 'c']);
    expect(Array.from(ix.get('b')!)).toEqual(Array.from(a!));
  });
});
