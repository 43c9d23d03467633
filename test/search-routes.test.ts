// The search page, API, feed and similar papers through the app, on SQLite and PostgreSQL.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { upsertPapers } from '../src/domain/papers.ts';
import { searchEngine } from '../src/search/engine.ts';
import { retrain } from '../src/search/maintenance.ts';
import { topicPapers } from './search-corpus.ts';
import { buildPaper, DATABASES, testApp, testEnv, type TestEnv } from './support.ts';

describe.each(DATABASES)('search routes on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  const corpus = topicPapers(20);

  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await upsertPapers(t.db, corpus);
    await upsertPapers(t.db, [
      buildPaper({
        id: '2607.00001', title: 'Quantization of <script>alert(1)</script> weights', abstract: 'Rounding weights to four bits with calibration & care.',
        daily: { day: '2026-07-02', submittedAt: '2026-07-02T08:00:00.000Z' }, upvotes: 12,
      }),
    ]);
    await retrain(t.db, searchEngine(t.db).semantic, { dims: 16, minCount: 2 });
  });
  afterAll(async () => t.close());

  it('GET /api/papers/search answers in Hugging Face\'s shape, best first', async () => {
    const res = await app.request('/api/papers/search?q=weights%20four%20bits%20care&limit=5');
    expect(res.status).toBe(200);
    const items = (await res.json()) as { paper: { id: string; title: string; upvotes: number; authors: { name: string }[] }; title: string; summary: string }[];
    expect(items).toHaveLength(5);
    // The paper with the rare words comes first: BM25 on SQLite, ts_rank weighted by word rarity on PostgreSQL.
    expect(items[0]!.paper.id).toBe('2607.00001');
    const special = items.find((i) => i.paper.id === '2607.00001')!;
    expect(special.title).toBe(special.paper.title);
    expect(special.paper.upvotes).toBe(12);
    for (const item of items) expect(Object.keys(item.paper)).toEqual(expect.arrayContaining(['id', 'title', 'summary', 'authors', 'upvotes']));
  });

  it('rejects an empty, blank or over-long query and bad filters with a 400 JSON error', async () => {
    for (const q of ['', '%20%20', 'x'.repeat(251)]) {
      const res = await app.request(`/api/papers/search?q=${q}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/^q /) });
    }
    expect((await app.request('/api/papers/search')).status).toBe(400);
    expect((await app.request(`/api/papers/search?q=${'x'.repeat(250)}`)).status).toBe(200);
    const bad = await app.request('/api/papers/search?q=robots&limit=500');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('limit');
    expect((await app.request('/api/papers/search?q=robots&from=2026-13-40')).status).toBe(400);
    expect((await app.request('/api/papers/search?q=robots&sort=random')).status).toBe(400);
    const upvotes = await app.request('/api/papers/search?q=robots&min_upvotes=many');
    expect(upvotes.status).toBe(400);
    expect(((await upvotes.json()) as { message: string }).message).toBe('min_upvotes must be a number');
    expect((await app.request('/api/papers/search?q=robots&min_upvotes=')).status).toBe(200);
  });

  it('applies filters through the API', async () => {
    const items = (await (await app.request('/api/papers/search?q=robot%20gripper&category=cs.RO&has_code=1&limit=50')).json()) as { paper: { id: string; githubRepo?: string } }[];
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(corpus.find((c) => c.id === i.paper.id)?.categories).toEqual(['cs.RO']);
      expect(i.paper.githubRepo).toMatch(/^https:\/\/github.com\//);
    }
    const listed = (await (await app.request('/api/papers/search?q=quantization&listed=yes')).json()) as { paper: { id: string } }[];
    expect(listed.map((i) => i.paper.id)).toEqual(['2607.00001']);
  });

  it('GET /api/papers/ID/similar lists neighbours without the paper itself', async () => {
    const paper = corpus.find((p) => p.topic === 'robots')!;
    const res = await app.request(`/api/papers/${paper.id}/similar?limit=5`);
    expect(res.status).toBe(200);
    const items = (await res.json()) as { paper: { id: string } }[];
    expect(items).toHaveLength(5);
    expect(items.map((i) => i.paper.id)).not.toContain(paper.id);
    expect((await app.request('/api/papers/2699.99999/similar')).status).toBe(404);
    expect((await app.request(`/api/papers/${paper.id}/similar?limit=0`)).status).toBe(400);
  });

  it('the search page shows the form, highlighted and escaped results, and links its feed', async () => {
    const res = await app.request('/search?q=quantization%20four%20bits');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<form class="search" method="get" action="/search"');
    expect(body).toContain('value="quantization four bits"');
    expect(body).toContain('<mark>Quantization</mark> of &lt;script&gt;alert(1)&lt;/script&gt; weights');
    expect(body).not.toContain('<script>alert(1)');
    expect(body).toContain('<link rel="alternate" type="application/rss+xml" title="paperboy: search for quantization four bits" href="/search/feed.xml?q=quantization+four+bits">');
    expect(body).toMatch(/<a href="\/search" aria-current="page">Search<\/a>/);
  });

  it('the search page without a query shows the form; a bad one explains itself', async () => {
    const empty = await app.request('/search');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('Search all papers by words');
    const long = await app.request(`/search?q=${'y'.repeat(300)}`);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('q must be at most 250 characters');
    const none = await app.request('/search?q=zzzzqqq');
    expect(await none.text()).toContain('No papers match “zzzzqqq”');
  });

  it('/search/ with a trailing slash leads to the search page, query and filters kept', async () => {
    const res = await app.request('/search/?q=robot%20arm&has_code=1');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/search?q=robot%20arm&has_code=1');
    const page = await app.request(res.headers.get('location')!);
    expect(await page.text()).toContain('value="robot arm"');
    expect((await app.request('/search/')).headers.get('location')).toBe('/search');
  });

  it('returns only the results part for the page script, with filters kept in the page links', async () => {
    const res = await app.request('/search?q=diffusion%20denoising&sort=newest&has_code=1&p=1&partial=1');
    const body = await res.text();
    expect(body.startsWith('<div id="results"')).toBe(true);
    expect(body).not.toContain('<html');
    expect(body).toContain('href="/search?q=diffusion+denoising&amp;has_code=1&amp;sort=newest">← Previous page</a>');
  });

  it('/search/feed.xml is valid RSS of the matches, newest first', async () => {
    const res = await app.request('/search/feed.xml?q=quantization%20weights');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/rss+xml');
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const channel = new XMLParser().parse(xml).rss.channel;
    expect(channel.title).toBe('paperboy: quantization weights');
    expect(channel.link).toBe('http://paperboy.test/search?q=quantization+weights');
    const items = [].concat(channel.item);
    expect(items.length).toBeGreaterThan(3);
    const dates = items.map((i: { pubDate: string }) => Date.parse(i.pubDate));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect((await app.request('/search/feed.xml')).status).toBe(400);
  });

  it('the paper page shows similar papers', async () => {
    const paper = corpus.find((p) => p.topic === 'diffusion')!;
    const body = await (await app.request(`/papers/${paper.id}`)).text();
    const section = body.slice(body.indexOf('<h2 id="similar">'));
    expect(section).toContain('Similar papers');
    const linked = [...section.slice(0, section.indexOf('</section>')).matchAll(/href="\/papers\/([0-9.]+)"/g)].map((m) => m[1]);
    expect(linked.length).toBeGreaterThan(2);
    expect(linked).not.toContain(paper.id);
    expect(linked.every((id) => corpus.find((c) => c.id === id)?.topic === 'diffusion')).toBe(true);
  });

  it('documents its endpoints in the OpenAPI file', async () => {
    const spec = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/papers/search', '/api/papers/{id}/similar']));
  });
});
