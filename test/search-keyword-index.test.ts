// The in-memory keyword index: the same words as queries, BM25 scores over weighted fields, papers replaced and hidden,
// ranking like the database's BM25 (FTS5) on a small corpus on either database, and staying
// current with what another process imports, edits or hides.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/driver.ts';
import type { PaperInput } from '../src/domain/paper.ts';
import { upsertPapers } from '../src/domain/papers.ts';
import { SearchEngine, TUNING } from '../src/search/engine.ts';
import { indexFromParts, KeywordIndexBuilder } from '../src/search/keyword-build.ts';
import type { SearchFilters } from '../src/db/search.ts';
import { bm25Idf, type Bm25f } from '../src/search/keyword-scoring.ts';
import { Vocabulary } from '../src/search/keyword-terms.ts';
import { memoryKeywords } from '../src/search/keywords.ts';
import { parseQuery } from '../src/search/query.ts';
import { stem, words } from '../src/search/text.ts';
import { runCli } from './cli.ts';
import { buildPaper, DATABASES, testEnv, type TestEnv } from './support.ts';

describe('keyword index terms', () => {
  it('cuts text where the query tokenizer does: LaTeX, hyphens, apostrophes, digits, accents', () => {
    const texts = ['Self-Supervised Pre-training of \\alpha-Models', "it's the model's 3D-CNN (v2.0) -- x'", 'naïve Bayes über Café', '\\\\mathbf{x}_2 and x\\y \\', 'ÆON-Flux résumé GPT4o'];
    for (const text of texts) {
      const v = new Vocabulary();
      const got: string[] = [];
      v.read(text, 0, { count: (t) => got.push(v.stems[t]!) });
      expect(got).toEqual(words(text).flatMap((w) => w.split(/[-']/)).filter(Boolean).map(stem));
    }
  });
});

describe('keyword index scores', () => {
  const text = (title: string, abstract: string, authors = '') => ({ title, authors, abstract, facts: { day: -1, categories: '[]', code: false, upvotes: 0, listed: false } });
  const plain: Bm25f = { fields: { title: 2, authors: 1, abstract: 1 }, k1: 1.2, b: 0, idfPower: 1 };
  const build = async () => {
    const b = new KeywordIndexBuilder();
    b.add('a', text('Graph networks', 'Graph graph learning.', 'Ada Lovelace'));
    b.add('b', text('Image models', 'Graph of images.'));
    b.add('c', text('Robots', 'Robots grasp.'));
    b.add('d', text('Sound', 'Audio tokens.'));
    b.add('e', text('Weather', 'Rain forecasts.'));
    return indexFromParts(await b.finish(async () => {}));
  };
  const scores = (index: Awaited<ReturnType<typeof build>>, q: string, p = plain) => {
    const m = index.match(parseQuery(q).terms.map((w) => ({ terms: index.termsOf(w), need: 'any' as const })), p);
    return Object.fromEntries(Array.from(m.slots, (s, i) => [index.paperId(s), m.scores[i]!]));
  };

  it('weighs each field, saturates counts and knows how rare a word is (BM25 as FTS5 weighs columns)', async () => {
    const index = await build();
    const idf = Math.log((5 - 2 + 0.5) / (2 + 0.5));
    expect(bm25Idf(5, 2)).toBeCloseTo(idf, 10);
    const s = scores(index, 'graph');
    // a: 2 × 1 in the title + 1 × 2 in the abstract = 4; b: once in the abstract.
    expect(s.a).toBeCloseTo((idf * 4 * 2.2) / (1.2 + 4), 5);
    expect(s.b).toBeCloseTo((idf * 1 * 2.2) / (1.2 + 1), 5);
    expect(Object.keys(s).sort()).toEqual(['a', 'b']);
    // With length normalisation the same count weighs less in a longer paper.
    const long = { ...plain, b: 1 };
    const b2 = new KeywordIndexBuilder();
    b2.add('short', text('x', 'graph a'));
    b2.add('long', text('x', 'graph a b c d e f g'));
    const idx2 = indexFromParts(await b2.finish(async () => {}));
    const s2 = scores(idx2, 'graph', long);
    expect(s2.short).toBeGreaterThan(s2.long!);
  });

  it('flattens rarity with an IDF power below 1: two shared common words can outweigh one rare one', async () => {
    const b = new KeywordIndexBuilder();
    b.add('rare', text('x', 'leak detector'));
    for (const id of ['common1', 'common2']) b.add(id, text('y', 'water pipe network'));
    b.add('both', text('z', 'water pipe'));
    for (let i = 0; i < 6; i++) b.add(`filler${i}`, text('w', 'filler'));
    const index = indexFromParts(await b.finish(async () => {}));
    const q = 'leak water pipe';
    const idf = (df: number) => bm25Idf(10, df);
    const sharp = scores(index, q);
    expect(sharp.rare).toBeCloseTo((idf(1) * 2.2) / 2.2, 5);
    expect(sharp.rare).toBeGreaterThan(sharp.both!);
    const flat = scores(index, q, { ...plain, idfPower: 0.6 });
    expect(flat.rare).toBeCloseTo(idf(1) ** 0.6, 5);
    expect(flat.both).toBeCloseTo(2 * idf(3) ** 0.6, 5);
    expect(flat.both).toBeGreaterThan(flat.rare!);
  });

  it('replaces an edited paper, forgets a hidden one and counts new ones', async () => {
    const index = await build();
    index.put('b', text('Image models', 'Pictures only.'));
    expect(Object.keys(scores(index, 'graph'))).toEqual(['a']);
    expect(scores(index, 'graph').a).toBeCloseTo((bm25Idf(5, 1) * 4 * 2.2) / 5.2, 5);
    expect(Object.keys(scores(index, 'pictures'))).toEqual(['b']);
    index.put('f', text('Graph pictures', 'New.'));
    expect(Object.keys(scores(index, 'pictures')).sort()).toEqual(['b', 'f']);
    expect(index.size).toBe(6);
    index.put('a', null);
    expect(Object.keys(scores(index, 'graph'))).toEqual(['f']);
    expect(index.has('a')).toBe(false);
    expect(index.size).toBe(5);
  });
});

/** Papers whose relevance to each query below is clear-cut, so any BM25 ranks them alike. */
function rankedCorpus(): PaperInput[] {
  const p = (id: string, title: string, abstract: string, authors = ['Ada Lovelace']) => buildPaper({ id, title, abstract, authors: authors.map((name) => ({ name })) });
  return [
    p('2601.00001', 'Graph neural networks for molecules', 'Message passing graph networks predict molecular properties from atoms and bonds.'),
    p('2601.00002', 'Molecular property prediction', 'A graph of atoms, read by a transformer; we compare with networks of many kinds.'),
    p('2601.00003', 'Scaling laws for language models', 'Loss falls as a power law in parameters and tokens.', ['Noam Shazeer']),
    p('2601.00004', 'Diffusion models for image generation', 'Denoising diffusion with guidance generates images; diffusion samplers are compared.'),
    p('2601.00005', 'Fast samplers', 'Few-step samplers for diffusion.', ['Grace Hopper']),
    p('2601.00006', 'Robot grasping with tactile sensing', 'A robot learns grasping policies from tactile feedback and vision.', ['Grace Hopper']),
    p('2601.00007', 'Policy learning for manipulation', 'Imitation learning of manipulation policies on a real robot arm.'),
    p('2601.00008', 'Quantization of large language models', 'Low-bit quantization keeps accuracy; quantized weights and activations.'),
    p('2601.00009', 'Mixture of experts routing at scale', 'Sparse mixture of experts with a learned router.', ['Noam Shazeer', 'Jeff Dean']),
    p('2601.00010', 'Experts of mixture cooking', 'A survey of cooking recipes by experts.', ['Julia Child']),
    p('2601.00011', 'Weather forecasting with transformers', 'Global rain and wind forecasts from a transformer trained on reanalysis.'),
    p('2601.00012', 'Speech recognition benchmarks', 'We benchmark speech recognition across accents and noise.'),
  ];
}

const QUERIES = ['graph networks', 'diffusion samplers', 'robot grasping policy', 'quantiz*', '"mixture of experts"', 'author:shazeer', 'experts -cooking', 'transformer forecasts'];

describe.each(DATABASES)('in-memory keyword ranking on $name', ({ name }) => {
  let t: TestEnv;
  let reference: TestEnv;
  const keywordOnly = { ...TUNING, semanticWeight: 0, semanticDepth: 0 };

  beforeAll(async () => {
    [t, reference] = await Promise.all([testEnv(name), testEnv('sqlite')]);
    await Promise.all([upsertPapers(t.db, rankedCorpus()), upsertPapers(reference.db, rankedCorpus())]);
    await memoryKeywords(t.db).start();
  });
  afterAll(async () => Promise.all([t.close(), reference.close()]));

  it('ranks like FTS5 BM25 on the same papers, on either database', async () => {
    const memory = new SearchEngine(t.db, keywordOnly);
    const fts5 = new SearchEngine(reference.db, { ...keywordOnly, keywords: 'database' });
    expect(await memoryKeywords(t.db).current()).not.toBeNull();
    for (const q of QUERIES) {
      const mine = (await memory.search(q)).hits.map((h) => h.paperId);
      const theirs = (await fts5.search(q)).hits.map((h) => h.paperId);
      expect(mine.length, q).toBeGreaterThan(0);
      expect([q, mine.slice(0, 3)]).toEqual([q, theirs.slice(0, 3)]);
      expect([q, [...mine].sort()]).toEqual([q, [...theirs].sort()]);
    }
  });

  it('filters in memory by facts kept current: a vote or a daily listing updates them without re-reading the words', async () => {
    const keywords = memoryKeywords(t.db);
    const params = { fields: TUNING.fields, k1: TUNING.k1, b: TUNING.b, idfPower: TUNING.idfPower };
    const found = async (q: string, filters: SearchFilters) => (await keywords.search(parseQuery(q), filters, params, 10))!.map((s) => s.paperId);
    const before = (await keywords.current())!.staleness;
    expect(await found('samplers', { minUpvotes: 40 })).toEqual([]);
    await t.db.run('update papers set upvotes = 41 where id = ?', ['2601.00005']);
    expect(await found('samplers', { minUpvotes: 40 })).toEqual(['2601.00005']);
    expect(await found('samplers', { listed: true })).toEqual([]);
    await t.db.run(`insert into daily_entries (paper_id, day, submitted_at, hot) values (?, '2026-01-05', '2026-01-05T00:00:00.000Z', 0)`, ['2601.00004']);
    expect(await found('samplers', { listed: true })).toEqual(['2601.00004']);
    expect(await found('samplers', { listed: false })).toEqual(['2601.00005']);
    expect((await keywords.current())!.staleness).toEqual(before);
    // The same answers as the database gives them.
    const viaDb = new SearchEngine(reference.db, { ...TUNING, keywords: 'database' });
    await reference.db.run('update papers set upvotes = 41 where id = ?', ['2601.00005']);
    expect((await viaDb.search('samplers', { filters: { minUpvotes: 40 } })).hits.map((h) => h.paperId)).toEqual(['2601.00005']);
  });

  it('rebuilds itself in the background once many papers changed, and serves meanwhile', async () => {
    const keywords = memoryKeywords(t.db);
    const many = Array.from({ length: 2100 }, (_, i) => buildPaper({ id: `2603.${String(i).padStart(5, '0')}`, title: `Bulk paper ${i}`, abstract: i === 7 ? 'A zeppelin.' : 'Filler text.' }));
    await upsertPapers(t.db, many);
    const before = (await keywords.current())!;
    expect(before.staleness.added).toBe(2100);
    await keywords.settled();
    const after = (await keywords.current())!;
    expect(after).not.toBe(before);
    expect(after.staleness).toEqual({ dead: 0, added: 0, built: 12 + 2100 });
    const params = { fields: TUNING.fields, k1: TUNING.k1, b: TUNING.b, idfPower: TUNING.idfPower };
    expect((await keywords.search(parseQuery('zeppelin'), {}, params, 10))!.map((s) => s.paperId)).toEqual(['2603.00007']);
    await t.db.run('update papers set hidden = 1 where id like ?', ['2603.%']);
    expect(await keywords.search(parseQuery('zeppelin'), {}, params, 10)).toEqual([]);
  });

  it('picks up papers another process imports and edits, and forgets one hidden elsewhere', async () => {
    const keywords = memoryKeywords(t.db);
    const params = { fields: TUNING.fields, k1: TUNING.k1, b: TUNING.b, idfPower: TUNING.idfPower };
    const found = async (q: string) => (await keywords.search(parseQuery(q), {}, params, 10))!.map((s) => s.paperId);
    const file = join(t.dir, 'papers.jsonl');
    const line = (id: string, title: string, abstract: string) => JSON.stringify({ arxiv_id: id, title, abstract, authors: ['Ada Lovelace'] });
    writeFileSync(file, [line('2602.00001', 'Holographic pancakes', 'Breakfast in three dimensions.'), line('2601.00012', 'Speech translation benchmarks', 'We benchmark waffle recognition.')].join('\n') + '\n');
    const r = await runCli(['import', file], { PAPERBOY_DATABASE: t.location, PAPERBOY_DATA_DIR: t.dir, PAPERBOY_DEMO: 'false' });
    expect(r.code, r.stderr).toBe(0);
    expect(await found('pancakes')).toEqual(['2602.00001']);
    expect(await found('waffle')).toEqual(['2601.00012']);
    expect(await found('accents')).toEqual([]);
    const other = await openDatabase(t.location);
    try {
      await other.run('update papers set hidden = 1 where id = ?', ['2602.00001']);
    } finally {
      await other.close();
    }
    expect(await found('pancakes')).toEqual([]);
    expect((await new SearchEngine(t.db).search('holographic breakfast')).hits.map((h) => h.paperId)).not.toContain('2602.00001');
  });
});
