// Recommendations for a member on a real database with a trained model: a three-topic corpus where
// the member upvoted papers of one topic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earlyPapers, seedRecommendCorpus, WEEK, type ListedTopicPaper } from '../../test/recommend-corpus.ts';
import { buildUser } from '../../test/accounts.ts';
import { DATABASES, testEnv, type TestEnv } from '../../test/support.ts';
import { listPapers } from '../db/daily.ts';
import { pgvectorAvailable } from '../db/vectors-pg.ts';
import { addVote } from '../db/votes.ts';
import { backgroundOf, recentPapers, recommendFor } from './recommend-member.ts';
import { RECOMMEND, rankCandidates } from './recommend.ts';
import { searchEngine } from './engine.ts';
import { SemanticIndex } from './semantic.ts';

describe.each(DATABASES)('recommendations on $name', ({ name }) => {
  let t: TestEnv;
  let corpus: ListedTopicPaper[];
  let topicOf: Map<string, string>;
  const earlier = (topic: ListedTopicPaper['topic']) => earlyPapers(corpus, topic);

  beforeAll(async () => {
    t = await testEnv(name);
    corpus = await seedRecommendCorpus(t.db);
    topicOf = new Map(corpus.map((p) => [p.id, p.topic]));
  });
  afterAll(async () => t.close());

  it('offers a member who upvoted robot papers the week’s robot papers first, each with the upvoted paper it is like', async () => {
    const user = await buildUser(t);
    for (const p of earlier('robots').slice(0, 4)) await addVote(t.db, user.id, p.id, '2026-01-06T00:00:00.000Z');
    const week = (await recentPapers(t.db))!;
    expect(week).toMatchObject(WEEK);
    const got = await recommendFor(t.db, user.id, week.papers, 10);
    expect(got).toMatchObject({ basis: 'votes', profile: 4 });
    expect(got.items).toHaveLength(10);
    expect(got.items.map((r) => topicOf.get(r.paper.id))).toEqual(Array(10).fill('robots'));
    for (const r of got.items) expect(topicOf.get(r.because!.id)).toBe('robots');
    expect(got.items[0]!.because!.title).toBe(corpus.find((p) => p.id === got.items[0]!.because!.id)!.title);
  });

  it('leaves out what the member upvoted, and ranks by the community’s votes for a member with none', async () => {
    const week = (await recentPapers(t.db))!;
    const user = await buildUser(t);
    const fresh = await recommendFor(t.db, user.id, week.papers, 5);
    expect(fresh.basis).toBe('trending');
    expect(fresh.items.map((r) => r.paper.id)).toEqual(week.papers.slice(0, 5).map((p) => p.id));
    expect(fresh.items.every((r) => r.because === null)).toBe(true);
    await addVote(t.db, user.id, week.papers[0]!.id, '2026-01-21T00:00:00.000Z');
    const after = await recommendFor(t.db, user.id, week.papers, 50);
    expect(after.items.map((r) => r.paper.id)).not.toContain(week.papers[0]!.id);
    expect(after.items).toHaveLength(week.papers.length - 1);
  });

  it('ranks alike whether the vectors are held in this process or left to pgvector', async () => {
    const candidates = await listPapers(t.db, { from: WEEK.from, order: 'upvotes', limit: 100 });
    const here = await rankCandidates(await searchEngine(t.db).semantic.current(), earlier('diffusion'), candidates, 10);
    // Past its size limit a process leaves the vectors to PostgreSQL where pgvector is installed.
    const big = (await new SemanticIndex(t.db, 0).current())!;
    expect(big.index === null).toBe(name === 'postgres' && (await pgvectorAvailable(t.db)));
    const there = await rankCandidates(big, earlier('diffusion'), candidates, 10);
    expect(there.map((r) => r.paperId)).toEqual(here.map((r) => r.paperId));
    expect(here.map((r) => topicOf.get(r.paperId))).toEqual(Array(10).fill('diffusion'));
  });

  it('measures relevance against the background, so that a week of other topics is not close, where against itself its best would be', async () => {
    const week = (await recentPapers(t.db))!.papers;
    const background = await backgroundOf(t.db, week);
    expect(background.length).toBeGreaterThanOrEqual(RECOMMEND.minBackground);
    expect(background.every((p) => p.daily.day < WEEK.from)).toBe(true);
    const sem = await searchEngine(t.db).semantic.current();
    const robots = earlier('robots').slice(0, 4);
    const all = await rankCandidates(sem, robots, week, week.length, RECOMMEND, background);
    expect(all.filter((r) => r.relevance! >= RECOMMEND.cutoff).map((r) => topicOf.get(r.paperId))).toEqual(Array(week.filter((p) => topicOf.get(p.id) === 'robots').length).fill('robots'));
    const others = week.filter((p) => topicOf.get(p.id) !== 'robots');
    const offTopic = await rankCandidates(sem, robots, others, others.length, RECOMMEND, background);
    expect(offTopic.filter((r) => r.relevance! >= RECOMMEND.cutoff)).toEqual([]);
    // Against the candidates alone (no background, as on a site's first list day), the best of them would stand out.
    const alone = await rankCandidates(sem, robots, others, others.length, RECOMMEND, []);
    expect(alone[0]!.relevance).toBeGreaterThan(RECOMMEND.cutoff);
  });

  it('ranks by words alone when there is no model, and returns nothing for no candidates', async () => {
    const candidates = await listPapers(t.db, { from: WEEK.from, order: 'upvotes', limit: 100 });
    const ranked = await rankCandidates(null, earlier('quant'), candidates, 5);
    expect(ranked.map((r) => topicOf.get(r.paperId))).toEqual(Array(5).fill('quant'));
    expect(ranked.every((r) => topicOf.get(r.because!) === 'quant')).toBe(true);
    expect(await rankCandidates(null, earlier('quant'), [], 5)).toEqual([]);
  });
});
