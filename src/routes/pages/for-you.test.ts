// "Recommended for you" through the app: a member upvotes through the API, then reads the page and
// GET /api/papers/for-you; a member without upvotes, a visitor, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, buildUser, loggedIn } from '../../../test/accounts.ts';
import { earlyPapers, seedRecommendCorpus, WEEK, type ListedTopicPaper } from '../../../test/recommend-corpus.ts';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';
import { listPapers } from '../../db/daily.ts';

interface Item { paper: { id: string; title: string; upvotes: number }; title: string; recommendation: { basis: string; score: number; because?: { id: string; title: string }; close: boolean } }

describe.each(DATABASES)('recommended for you on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  let corpus: ListedTopicPaper[];
  const topicOf = (id: string) => corpus.find((p) => p.id === id)?.topic;
  const titles = (page: string) => [...page.matchAll(/<h3><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]!);
  /** Each card's paper and how its "which you upvoted" line begins. */
  const likeness = (page: string) => page.split('<h3><a href="/papers/').slice(1).map((card) => [card.slice(0, card.indexOf('"')), /<p class="score">(Like|Only loosely like) /.exec(card)?.[1]] as const);
  // An upvoted robot paper whose title must reach the page escaped.
  const odd = buildPaper({ id: '2601.29999', title: 'Robot <b>grasping</b> & gripper policy', abstract: 'robot grasping gripper arm tactile policy manipulation objects', daily: { day: '2026-01-05', submittedAt: '2026-01-05T10:00:00.000Z' } });

  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    corpus = await seedRecommendCorpus(t.db);
    await addPapers(t.db, [odd]);
  });
  afterAll(async () => t.close());

  async function memberWhoUpvoted(ids: string[]) {
    const user = await buildUser(t);
    const token = await apiToken(t, user);
    for (const id of ids) expect((await app.request(`/api/papers/${id}/upvote`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    return { user, token, session: await loggedIn(t, user) };
  }

  it('shows a member who upvoted robot papers the week’s robot papers, each saying which upvoted paper it is like', async () => {
    const liked = [odd.id, ...earlyPapers(corpus, 'robots').slice(0, 3).map((p) => p.id)];
    const { user, session } = await memberWhoUpvoted(liked);
    const res = await app.request('/papers/for-you', { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const page = await res.text();
    expect(page).toContain('<h1>Recommended for you</h1>');
    expect(page).toContain('From the lists of Jan 20 – Jan 26, 2026');
    expect(page).toMatch(/<a href="\/papers\/for-you" aria-current="page">For you<\/a>/);
    expect(page).toContain(`for the 4 papers you\n    <a href="/u/${user.username}">upvoted</a>`);
    const shown = titles(page);
    expect(shown).toHaveLength(30);
    expect(shown.slice(0, 10).map(topicOf)).toEqual(Array(10).fill('robots'));
    for (const id of liked) expect(shown).not.toContain(id);
    expect(page).toMatch(/<p class="score">Like <a href="\/papers\/2601\.\d{5}">[^<]+<\/a>, which you upvoted<\/p>/);
    // The whole list is kept; the papers of other topics say they are only loosely like hers (a digest leaves them out).
    for (const [id, like] of likeness(page)) expect([id, like]).toEqual([id, topicOf(id) === 'robots' ? 'Like' : 'Only loosely like']);
    expect(page).toContain('Those only loosely like yours say so; the e-mails leave them out.');
    // What a paper's title holds is shown as text.
    const { session: oddOnly } = await memberWhoUpvoted([odd.id]);
    const second = await (await app.request('/papers/for-you', { headers: { cookie: oddOnly.cookie } })).text();
    expect(second).toContain('Like <a href="/papers/2601.29999">Robot &lt;b&gt;grasping&lt;/b&gt; &amp; gripper policy</a>, which you upvoted');
    expect(second).not.toContain('<b>grasping</b>');
  });

  it('gives the same through GET /api/papers/for-you with a token, in daily-paper items', async () => {
    const { token } = await memberWhoUpvoted(earlyPapers(corpus, 'quant').slice(0, 3).map((p) => p.id));
    const res = await app.request('/api/papers/for-you?limit=5', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const items = (await res.json()) as Item[];
    expect(items).toHaveLength(5);
    expect(items.map((i) => topicOf(i.paper.id))).toEqual(Array(5).fill('quant'));
    for (const i of items) {
      expect(i.title).toBe(i.paper.title);
      expect(i.recommendation).toMatchObject({ basis: 'votes', because: { id: expect.any(String), title: expect.any(String) } });
      expect(topicOf(i.recommendation.because!.id)).toBe('quant');
    }
    expect(items.map((i) => i.recommendation.score)).toEqual([...items.map((i) => i.recommendation.score)].sort((a, b) => b - a));
    expect(items.every((i) => i.recommendation.close)).toBe(true);
    const all = (await (await app.request('/api/papers/for-you?limit=100', { headers: { authorization: `Bearer ${token}` } })).json()) as Item[];
    expect(all.filter((i) => i.recommendation.close).map((i) => topicOf(i.paper.id))).toEqual(Array(all.filter((i) => topicOf(i.paper.id) === 'quant').length).fill('quant'));
  });

  it('tells a member without upvotes so and shows the week’s most upvoted papers', async () => {
    const { session, token } = await memberWhoUpvoted([]);
    const page = await (await app.request('/papers/for-you', { headers: { cookie: session.cookie } })).text();
    expect(page).toContain('You have not upvoted any papers yet');
    const mostUpvoted = await listPapers(t.db, { ...WEEK, order: 'upvotes', limit: 30 });
    expect(titles(page)).toEqual(mostUpvoted.map((p) => p.id));
    expect(page).not.toContain('which you upvoted');
    const items = (await (await app.request('/api/papers/for-you', { headers: { authorization: `Bearer ${token}` } })).json()) as Item[];
    expect(items[0]!.recommendation).toEqual({ basis: 'trending', score: expect.any(Number), close: false });
  });

  it('explains the page to a visitor, and the API answers 401 JSON without a token and 400 for a bad limit', async () => {
    const res = await app.request('/papers/for-you');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Members get the week’s papers picked for them');
    expect(page).toContain('href="/login?next=%2Fpapers%2Ffor-you"');
    expect(titles(page)).toEqual([]);
    const anonymous = await app.request('/api/papers/for-you');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: 'unauthorized' });
    const { token } = await memberWhoUpvoted([]);
    for (const limit of ['0', '101', 'ten']) {
      const bad = await app.request(`/api/papers/for-you?limit=${limit}`, { headers: { authorization: `Bearer ${token}` } });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toMatch(/^limit /);
    }
  });

  it('documents GET /api/papers/for-you in the OpenAPI description', async () => {
    const spec = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, { get: { responses: Record<string, unknown> } }>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(spec.paths['/api/papers/for-you']!.get.responses)).toEqual(['200', '400', '401']);
    expect(spec.components.schemas.RecommendedPaper).toBeDefined();
  });
});
