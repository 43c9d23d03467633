// The search engine against a real database (SQLite always, PostgreSQL when configured), with
// keywords ranked by this process's in-memory index and by the database's own: keyword syntax,
// filters, sorts, hidden papers, immediate indexing of new papers, the trained model, similar
// papers, and two processes' views staying consistent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/driver.ts';
import { currentModel } from '../src/db/vectors.ts';
import { pgvectorAvailable } from '../src/db/vectors-pg.ts';
import { upsertPapers } from '../src/domain/papers.ts';
import { SearchEngine, searchEngine, TUNING } from '../src/search/engine.ts';
import { SemanticIndex } from '../src/search/semantic.ts';
import { memoryKeywords } from '../src/search/keywords.ts';
import { retrain } from '../src/search/maintenance.ts';
import { topicPapers } from './search-corpus.ts';
import { buildPaper, DATABASES, testEnv, type TestEnv } from './support.ts';

const CASES = DATABASES.flatMap((d) => (['memory', 'database'] as const).map((keywords) => ({ ...d, keywords })));

describe.each(CASES)('search engine on $name, keywords ranked by the $keywords index', ({ name, keywords }) => {
  let t: TestEnv;
  let db: Db;
  const corpus = topicPapers();
  const topicOf = new Map(corpus.map((p) => [p.id, p.topic]));
  const ids = async (q: string, o = {}) => (await searchEngine(db).search(q, o)).hits.map((h) => h.paperId);

  beforeAll(async () => {
    t = await testEnv(name);
    db = t.db;
    await upsertPapers(db, corpus);
    await upsertPapers(db, [
      buildPaper({ id: '2602.00001', title: 'Mixture of experts routing at scale', abstract: 'Sparse experts with a learned router.', authors: [{ name: 'Noam Shazeer' }], publishedAt: '2026-02-01T00:00:00.000Z', upvotes: 50 }),
      buildPaper({ id: '2602.00002', title: 'Experts of mixture cooking', abstract: 'A survey of routing recipes.', authors: [{ name: 'Julia Child' }], publishedAt: '2026-02-02T00:00:00.000Z', upvotes: 1 }),
    ]);
    if (keywords === 'memory') {
      await memoryKeywords(db).start();
      expect(await memoryKeywords(db).current()).not.toBeNull();
    }
  });
  afterAll(async () => t.close());

  it('ranks keyword matches with the title weighted above the abstract', async () => {
    await upsertPapers(db, [
      buildPaper({ id: '2603.00001', title: 'Zebrafish tracking', abstract: 'We follow fish in tanks.' }),
      buildPaper({ id: '2603.00002', title: 'Fish tanks', abstract: 'Zebrafish appear once here among many other words about tanks and water.' }),
    ]);
    expect((await ids('zebrafish')).slice(0, 2)).toEqual(['2603.00001', '2603.00002']);
  });

  it('honours phrases, exclusions, prefixes and author names', async () => {
    expect(await ids('"mixture of experts"')).toEqual(['2602.00001']);
    expect(await ids('experts -cooking')).not.toContain('2602.00002');
    expect(await ids('experts -cooking')).toContain('2602.00001');
    expect((await ids('shaze*'))[0]).toBe('2602.00001');
    expect(await ids('author:"julia child"')).toEqual(['2602.00002']);
    expect((await ids('lovelace gripper')).length).toBeGreaterThan(0);
  });

  it('filters by date, category, code and votes, and sorts by newest or most upvoted', async () => {
    const hits = await searchEngine(db).search('quantization weights', { filters: { category: 'cs.LG', hasCode: true, minUpvotes: 5, from: '2026-01-05', to: '2026-01-20' }, limit: 50 });
    expect(hits.hits.length).toBeGreaterThan(0);
    for (const h of hits.hits) {
      const p = corpus.find((c) => c.id === h.paperId)!;
      expect(p.categories).toEqual(['cs.LG']);
      expect(p.githubUrl).not.toBeNull();
      expect(p.upvotes).toBeGreaterThanOrEqual(5);
      expect(p.publishedAt! >= '2026-01-05' && p.publishedAt! <= '2026-01-20T23').toBe(true);
    }
    const newest = await ids('experts routing', { sort: 'newest' });
    expect(newest.slice(0, 2)).toEqual(['2602.00002', '2602.00001']);
    const voted = await ids('experts routing', { sort: 'upvotes' });
    expect(voted.slice(0, 2)).toEqual(['2602.00001', '2602.00002']);
  });

  it('finds a new or changed paper at once and forgets a hidden one', async () => {
    await upsertPapers(db, [buildPaper({ id: '2604.00001', title: 'Holographic pancakes', abstract: 'Breakfast in three dimensions.' })]);
    expect(await ids('pancakes')).toEqual(['2604.00001']);
    await upsertPapers(db, [buildPaper({ id: '2604.00001', title: 'Holographic waffles', abstract: 'Breakfast in three dimensions.' })]);
    expect(await ids('pancakes')).toEqual([]);
    expect(await ids('waffles')).toEqual(['2604.00001']);
    await db.run('update papers set hidden = 1 where id = ?', ['2604.00001']);
    expect(await ids('waffles')).toEqual([]);
  });

  it('trains a model and then finds papers by meaning, including ones without the query words', async () => {
    expect(await currentModel(db)).toBeNull();
    const model = await retrain(db, searchEngine(db).semantic, { dims: 16, minCount: 2 });
    expect(model?.status).toBe('ready');
    // Every process holds a small archive's vectors; past a size, PostgreSQL with pgvector answers nearest-neighbour searches itself.
    expect((await searchEngine(db).semantic.current())!.index).not.toBeNull();
    const inDatabase = name === 'postgres' && (await pgvectorAvailable(db));
    const big = new SearchEngine(db, TUNING, new SemanticIndex(db, 0));
    expect((await big.semantic.current())!.index === null).toBe(inDatabase);
    if (name === 'postgres') process.stderr.write(`search on PostgreSQL past the size: ${inDatabase ? 'pgvector' : 'vectors in process (no pgvector)'}\n`);
    for (const engine of [searchEngine(db), big]) {
      if (keywords === 'memory') await engine.ready();
      const { hits } = await engine.search('lowbit', { limit: 100 });
      const quant = hits.filter((h) => topicOf.get(h.paperId) === 'quant');
      expect(quant.length).toBe(hits.length);
      // Some of them never say "lowbit": the model knows the topic.
      const withoutWord = quant.filter((h) => !/lowbit/.test(JSON.stringify(corpus.find((c) => c.id === h.paperId))));
      expect(withoutWord.length).toBeGreaterThan(0);
      expect(withoutWord.every((h) => h.semantic !== null && h.semantic > 0)).toBe(true);
    }
  });

  it('embeds papers upserted after training at once', async () => {
    await upsertPapers(db, [buildPaper({ id: '2605.00001', title: 'Tactile gripper teleoperation', abstract: 'A dexterous robot arm grasping objects with a policy.' })]);
    const sem = await searchEngine(db).semantic.current();
    expect(await sem?.search.get('2605.00001')).not.toBeNull();
  });

  it('lists similar papers from the same topic, never the paper itself', async () => {
    const paper = corpus.find((p) => p.topic === 'diffusion')!;
    const hits = await searchEngine(db).similar({ id: paper.id, title: paper.title, abstract: paper.abstract ?? null }, 8);
    expect(hits).toHaveLength(8);
    expect(hits.map((h) => h.paperId)).not.toContain(paper.id);
    expect(hits.every((h) => topicOf.get(h.paperId) === 'diffusion')).toBe(true);
  });

  it('keeps a second process current with papers and models another process writes', async () => {
    const other = await openDatabase(t.location);
    try {
      const second = new SearchEngine(other);
      if (keywords === 'memory') await second.ready();
      expect((await second.search('lowbit')).hits[0]!.semantic).not.toBeNull();
      await upsertPapers(db, [buildPaper({ id: '2606.00001', title: 'Dexterous gripper calibration', abstract: 'Robot arm teleoperation with tactile objects.' })]);
      expect((await second.search('calibration', { limit: 100 })).hits.map((h) => h.paperId)).toContain('2606.00001');
      const sem = await second.semantic.current();
      expect(await sem?.search.get('2606.00001')).not.toBeNull();
      const before = sem!.model.id;
      await retrain(db, searchEngine(db).semantic, { dims: 16, minCount: 2 });
      const after = await second.semantic.current();
      expect(after!.model.id).toBeGreaterThan(before);
      for (const id of ['2601.20001', '2605.00001', '2606.00001']) expect(await after!.search.get(id)).not.toBeNull();
    } finally {
      await other.close();
    }
  });
});
