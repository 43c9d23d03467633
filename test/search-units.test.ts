// Pure parts of search: query parsing, keyword syntax for both databases, highlighting, the SVD,
// the vector index and the evaluation metrics, with exact expected values.
import { describe, expect, it } from 'vitest';
import { fts5Match, pgQuery } from '../src/db/search.ts';
import { mean, ndcg, parseQrels, parseRun, reciprocalRank } from '../src/search/evaluate.ts';
import { matcher, segments, snippetRange } from '../src/search/highlight.ts';
import { parseQuery } from '../src/search/query.ts';
import { randomizedSvd } from '../src/search/svd.ts';
import { cooccurrences } from '../src/search/sparse.ts';
import { terms } from '../src/search/text.ts';
import { topRows, VectorIndex } from '../src/search/vector-index.ts';

describe('parseQuery', () => {
  it('splits free words, phrases, authors, exclusions and prefixes', () => {
    const q = parseQuery('  sparse "mixture of experts" author:"Noam Shazeer" -vision quant* the  ');
    expect(q.terms).toEqual(['sparse']);
    expect(q.phrases).toEqual([['mixture', 'of', 'experts']]);
    expect(q.authors).toEqual([['noam', 'shazeer']]);
    expect(q.excluded).toEqual([['vision']]);
    expect(q.prefixes).toEqual(['quant']);
    expect(q.semanticText).toBe('sparse mixture of experts quant the');
  });

  it('reads hyphenated words as their parts and keeps function words only when nothing else is there', () => {
    expect(parseQuery('self-supervised pre-training of a model').terms).toEqual(['self', 'supervised', 'pre', 'training', 'model']);
    expect(parseQuery('to be or not to be').terms).toEqual(['to', 'be', 'or', 'not']);
  });

  it('never throws on unbalanced or odd input', () => {
    expect(parseQuery('"unclosed phrase').phrases).toEqual([['unclosed', 'phrase']]);
    expect(parseQuery('*** --- ""').terms).toEqual([]);
  });
});

describe('keyword syntax', () => {
  it('quotes every word for FTS5 so user text cannot inject operators', () => {
    expect(fts5Match(parseQuery('llm NEAR quantization "low bit" -survey author:dettmers'))).toBe(
      '("llm" OR "near" OR "quantization") AND "low bit" AND authors : "dettmers" NOT "survey"',
    );
    expect(fts5Match(parseQuery('quant*'))).toBe('("quant"*)');
    expect(fts5Match(parseQuery('***'))).toBeNull();
  });

  it('hands user text to websearch_to_tsquery and only clean lexemes to to_tsquery', () => {
    const q = pgQuery(parseQuery(`diffusion quant* "video generation" -survey author:o'brien`))!;
    expect(q.sql).toBe(`(websearch_to_tsquery('english', ?) || to_tsquery('english', ?)) && websearch_to_tsquery('english', ?) && to_tsquery('english', ?)`);
    expect(q.params).toEqual(['diffusion', 'quant:*', '"video generation" -"survey"', 'obrien:B']);
  });
});

describe('highlighting', () => {
  it('marks words whose stem matches a query word, and prefix matches', () => {
    const m = matcher(parseQuery('quantization transform*'));
    expect(segments('Quantized Transformers quantize well', m)).toEqual([
      { text: 'Quantized', match: true }, { text: ' ', match: false }, { text: 'Transformers', match: true },
      { text: ' ', match: false }, { text: 'quantize', match: true }, { text: ' well', match: false },
    ]);
  });

  it('cuts a snippet around the matches, at word breaks', () => {
    const text = `${'filler words here '.repeat(30)}the quantization result ${'more filler '.repeat(30)}`;
    const { start, end } = snippetRange(text, matcher(parseQuery('quantization')), 120);
    const cut = text.slice(start, end);
    expect(cut).toContain('quantization');
    expect(start).toBeGreaterThan(0);
    expect(end - start).toBeLessThanOrEqual(120);
    expect(text[start - 1]).toBe(' ');
    expect(end === text.length || text[end] === ' ').toBe(true);
  });
});

describe('text terms', () => {
  it('stems, drops function words, numbers and LaTeX commands, and keeps hyphenated words with their parts', () => {
    expect(terms('The \\emph{Self-Supervised} models of 2024 are training')).toEqual(['self-supervis', 'self', 'supervis', 'model', 'train']);
  });
});

describe('randomized SVD', () => {
  it('recovers the singular values of a small symmetric matrix', () => {
    // Co-occurrence of a path 0-1-2-3 with window 1: the adjacency matrix of a path, eigenvalues ±φ, ±1/φ.
    const m = cooccurrences([Int32Array.from([0, 1, 2, 3])], 4, 1);
    const svd = randomizedSvd(m, 2, { oversample: 2, powerIterations: 3 });
    const phi = (1 + Math.sqrt(5)) / 2;
    expect(svd.s[0]).toBeCloseTo(phi, 6);
    expect(svd.s[1]).toBeCloseTo(phi, 6);
  });
});

describe('VectorIndex', () => {
  it('returns the nearest unit vectors best first, without excluded ones', () => {
    const ix = new VectorIndex(2);
    const unit = (a: number) => Float32Array.from([Math.cos(a), Math.sin(a)]);
    ix.set('a', unit(0));
    ix.set('b', unit(0.5));
    ix.set('c', unit(1.5));
    ix.set('b', unit(0.1)); // an update replaces the vector
    expect(ix.size).toBe(3);
    expect(ix.nearest(unit(0.05), 2).map((n) => n.paperId)).toEqual(['a', 'b']);
    expect(ix.nearest(unit(0.05), 2, new Set(['a'])).map((n) => n.paperId)).toEqual(['b', 'c']);
    expect(ix.similarity(unit(0), 'a')).toBeCloseTo(1, 6);
  });

  it('topRows picks the k largest, ties by position', () => {
    expect(Array.from(topRows(Float32Array.from([0.1, 0.9, 0.5, 0.9, 0.2]), 3))).toEqual([1, 3, 2]);
  });
});

describe('evaluation metrics', () => {
  it('computes nDCG@10 and MRR@10 from qrels and a TREC run', () => {
    const qrels = parseQrels('query-id\tcorpus-id\tscore\nq1\td2\t1\nq2\td9\t1\n');
    const run = parseRun('q1 Q0 d1 1 3.0 t\nq1 Q0 d2 2 2.0 t\nq2 Q0 d5 1 1.0 t\n');
    expect(ndcg(run.get('q1')!, qrels.get('q1')!)).toBeCloseTo(1 / Math.log2(3), 10);
    expect(reciprocalRank(run.get('q1')!, qrels.get('q1')!)).toBe(0.5);
    expect(mean(run, qrels, (r, j) => ndcg(r, j))).toBeCloseTo(1 / Math.log2(3) / 2, 10);
  });
});
