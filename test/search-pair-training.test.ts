// The corpus model's tuning on (title, abstract) pairs: on real papers (the demo corpus), titles find
// their own abstracts more often after it than before, and the same corpus gives the same vectors.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { textVector, trainWordModel, type TrainingText, type WordModel } from '../src/search/word-model.ts';

const demo: TrainingText[] = gunzipSync(readFileSync(new URL('../demo/daily-papers.jsonl.gz', import.meta.url)))
  .toString('utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { title: string; abstract: string })
  .slice(0, 1200);

/** Mean reciprocal rank of each paper's abstract when its title is the query, among all abstracts. */
function titleMrr(model: WordModel, papers: TrainingText[]): number {
  const abstracts = papers.map((p) => textVector(model, p.abstract ?? ''));
  let sum = 0;
  papers.forEach((p, i) => {
    const q = textVector(model, p.title);
    const own = abstracts[i];
    if (!q || !own) return;
    const score = (v: Float32Array) => v.reduce((s, x, c) => s + x * q[c]!, 0);
    const mine = score(own);
    const better = abstracts.filter((a, j) => j !== i && a && score(a) > mine).length;
    sum += 1 / (better + 1);
  });
  return sum / papers.length;
}

describe('tuning the word vectors on titles and abstracts', () => {
  const small = { dims: 64, minCount: 2 };
  const plain = trainWordModel(() => demo, { ...small, pairs: null });
  const tuned = trainWordModel(() => demo, small);

  it('makes titles find their own abstracts better than the co-occurrence vectors alone', () => {
    const before = titleMrr(plain, demo);
    const after = titleMrr(tuned, demo);
    expect(before).toBeGreaterThan(0.1);
    expect(after).toBeGreaterThan(before * 1.1);
  });

  it('is deterministic: the same papers give the same vectors', () => {
    const again = trainWordModel(() => demo, small);
    expect(again.vocab).toEqual(tuned.vocab);
    expect(Buffer.from(again.vectors.buffer).equals(Buffer.from(tuned.vectors.buffer))).toBe(true);
    expect(tuned.params.pairs).toMatchObject({ epochs: 1, batch: 256 });
    expect(Buffer.from(tuned.vectors.buffer).equals(Buffer.from(plain.vectors.buffer))).toBe(false);
  });

  it("learns nothing from titles that only repeat the abstract's opening (a corpus without titles)", () => {
    const untitled = demo.slice(0, 300).map((p) => ({ title: (p.abstract ?? '').slice(0, 80), abstract: p.abstract }));
    const opts = { dims: 32, minCount: 2 };
    const a = trainWordModel(() => untitled, opts);
    const b = trainWordModel(() => untitled, { ...opts, pairs: null });
    expect(Buffer.from(a.vectors.buffer).equals(Buffer.from(b.vectors.buffer))).toBe(true);
  });
});
