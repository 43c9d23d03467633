// The daily site through its real interfaces: pages, the HF-compatible API and the feeds.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPapers, buildPaper, DATABASES, HF_SAMPLE, testApp, testEnv, type TestEnv } from '../../test/support.ts';
import type { App } from '../app.ts';
import { importFile } from '../ingest/importer.ts';

const SAMPLE_ORDER = ['2508.02324', '2508.02276', '2508.01959', '2508.01059', '2508.02150'];

describe.each(DATABASES)('daily site on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await importFile(t.db, HF_SAMPLE);
    await importFile(t.db, HF_SAMPLE);
    await addPapers(t.db, [
      buildPaper({ id: '2508.10001', title: 'An earlier day with $\\alpha$-tuning', upvotes: 4, daily: { day: '2025-08-01', submittedAt: '2025-08-01T09:00:00.000Z' } }),
      buildPaper({ id: '2509.10002', title: 'A later month', upvotes: 50, daily: { day: '2025-09-02', submittedAt: '2025-09-02T09:00:00.000Z' } }),
      buildPaper({ id: '2508.10003', title: 'Hidden <b>paper</b>', upvotes: 99, daily: { day: '2025-08-05', submittedAt: '2025-08-05T09:00:00.000Z' } }),
      buildPaper({ id: 'hep-th/9901001', title: 'An old-style paper', daily: null }),
    ]);
    await t.db.run('update papers set hidden = 1 where id = ?', ['2508.10003']);
  });
  afterAll(async () => t.close());

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

  describe('pages', () => {
    it('the day page lists the 13 papers by upvotes with links to each', async () => {
      const res = await get('/papers/date/2025-08-05');
      expect(res.status).toBe(200);
      const body = await res.text();
      const ids = [...body.matchAll(/<h3><a href="\/papers\/([^"]+)">/g)].map((m) => m[1]);
      expect(ids).toHaveLength(13);
      expect(ids.slice(0, 5)).toEqual(SAMPLE_ORDER);
      expect(body).toContain('Qwen-Image Technical Report');
      expect(body).toContain('Tuesday, August 5, 2025');
      expect(body).not.toContain('Hidden');
    });

    it('previous and next skip empty days', async () => {
      const body = await (await get('/papers/date/2025-08-05')).text();
      expect(body).toContain('href="/papers/date/2025-08-01"');
      expect(body).toContain('href="/papers/date/2025-09-02"');
    });

    it('the home page shows the latest day with papers', async () => {
      const body = await (await get('/')).text();
      expect(body).toContain('A later month');
      expect(body).toContain('href="/papers/date/2025-08-05"');
    });

    it('the week and month pages include the day, ordered by upvotes', async () => {
      const week = await (await get('/papers/week/2025-W32')).text();
      const weekIds = [...week.matchAll(/<h3><a href="\/papers\/([^"]+)">/g)].map((m) => m[1]);
      expect(weekIds.slice(0, 2)).toEqual(['2508.02324', '2508.02276']);
      expect(weekIds).not.toContain('2508.10001'); // Friday 2025-08-01 belongs to W31
      expect(weekIds).toHaveLength(13);
    });

    it('puts each day into its own ISO week', async () => {
      const w31 = await (await get('/papers/week/2025-W31')).text();
      expect(w31).toContain('2508.10001');
      expect(w31).not.toContain('2508.02324');
      const month = await (await get('/papers/month/2025-08')).text();
      expect([...month.matchAll(/<h3><a href="\/papers\/([^"]+)">/g)]).toHaveLength(14);
      expect(month).toContain('href="/papers/month/2025-09"');
    });

    it('the pickers land on canonical URLs', async () => {
      expect((await get('/papers/date?day=2025-08-05')).headers.get('location')).toBe('/papers/date/2025-08-05');
      expect((await get('/papers/week?week=2025-W32')).headers.get('location')).toBe('/papers/week/2025-W32');
      expect((await get('/papers/month?month=2025-08')).headers.get('location')).toBe('/papers/month/2025-08');
      expect((await get('/papers/date?day=2025-02-30')).status).toBe(400);
    });

    it('the trending page shows the formula and each score', async () => {
      const body = await (await get('/papers/trending')).text();
      expect(body).toContain('score = (upvotes + 1) × ½^(age in hours ÷ 48)');
      expect(body).toMatch(/score <strong>51\.00<\/strong> = \(50 \+ 1\) × ½\^\(0 h ÷ 48\)/);
      const ids = [...body.matchAll(/<h3><a href="\/papers\/([^"]+)">/g)].map((m) => m[1]);
      expect(ids[0]).toBe('2509.10002');
    });

    it('the paper page shows title, authors, abstract, links, listing day and BibTeX', async () => {
      const res = await get('/papers/2508.02324');
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('<h1>Qwen-Image Technical Report</h1>');
      expect(body).toContain('We present Qwen-Image, an image generation foundation model');
      expect(body).toContain('href="https://arxiv.org/abs/2508.02324"');
      expect(body).toContain('href="https://arxiv.org/pdf/2508.02324"');
      expect(body).toContain('href="/papers/date/2025-08-05"');
      expect(body).toContain('Chenfei Wu');
      expect(body).toMatch(/@misc\{wu2025qwen,/);
      expect(body).toContain('eprint = {2508.02324}');
    });

    it('renders LaTeX in titles with KaTeX and escapes markup', async () => {
      const body = await (await get('/papers/2508.10001')).text();
      expect(body).toContain('class="katex"');
      expect(body).toContain('<annotation encoding="application/x-tex">\\alpha</annotation>');
    });

    it('serves old-style ids and redirects versioned ids', async () => {
      expect((await get('/papers/hep-th/9901001')).status).toBe(200);
      const res = await get('/papers/2508.02324v2');
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe('/papers/2508.02324');
    });

    it('answers unknown and malformed addresses with 404 pages, never a 500', async () => {
      for (const path of ['/papers/2599.99999', '/papers/date/2025-02-30', '/papers/week/2025-W60', '/papers/month/2025-13', '/papers/2508.10003', '/papers/not-a-paper']) {
        const res = await get(path);
        expect(res.status, path).toBe(404);
        expect(await res.text(), path).toContain('<h1>Not found</h1>');
      }
    });

    it('links the feeds from every list page', async () => {
      for (const path of ['/', '/papers/date/2025-08-05', '/papers/week/2025-W32', '/papers/trending']) {
        const body = await (await get(path)).text();
        expect(body, path).toContain('<link rel="alternate" type="application/rss+xml" title="paperboy: daily papers" href="/papers/feed.xml">');
      }
    });
  });

  describe('API', () => {
    it('GET /api/daily_papers?date= returns the day in Hugging Face shape with the sample counts', async () => {
      const res = await get('/api/daily_papers?date=2025-08-05');
      expect(res.status).toBe(200);
      const items = (await res.json()) as any[];
      expect(items).toHaveLength(13);
      expect(items.map((i) => i.paper.id).slice(0, 5)).toEqual(SAMPLE_ORDER);
      const first = items[0];
      expect(Object.keys(first).sort()).toEqual(['isAuthorParticipating', 'mediaUrls', 'numComments', 'paper', 'publishedAt', 'submittedBy', 'summary', 'thumbnail', 'title']);
      expect(first.paper).toMatchObject({
        id: '2508.02324', title: 'Qwen-Image Technical Report', upvotes: 20, publishedAt: '2025-08-04T11:49:20.000Z',
        submittedOnDailyAt: '2025-08-05T04:39:37.929Z', discussionId: expect.stringMatching(/^[0-9a-f]{24}$/),
        submittedOnDailyBy: { user: 'LooperXX', fullname: 'Xiao Xu', _id: '616fb788e2ad27af26561b1a' },
      });
      expect(first.paper.authors[0]).toEqual({ _id: '68919a57f01a094725f83598', name: 'Chenfei Wu', hidden: false });
      expect(first.numComments).toBe(1);
      expect(first.isAuthorParticipating).toBe(false);
      expect(items.map((i) => i.numComments)).toEqual([1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
      expect(first.paper.githubRepo).toBe('https://github.com/QwenLM/Qwen-Image');
      expect('githubRepo' in items[1].paper).toBe(false); // unknown fields are omitted, not null
      expect(items[2].paper.projectPage).toBe('https://huggingface.co/SituatedEmbedding');
      expect(JSON.stringify(items)).not.toContain('null');
    });

    it('pages with limit and p, announcing the next page in a Link header', async () => {
      const page0 = await get('/api/daily_papers?date=2025-08-05&limit=5');
      expect(((await page0.json()) as any[]).map((i) => i.paper.id)).toEqual(SAMPLE_ORDER);
      expect(page0.headers.get('link')).toBe('<http://paperboy.test/api/daily_papers?date=2025-08-05&limit=5&p=1>; rel="next"');
      const page2 = await get('/api/daily_papers?date=2025-08-05&limit=5&p=2');
      expect((await page2.json()) as any[]).toHaveLength(3);
      expect(page2.headers.get('link')).toBeNull();
    });

    it('filters by week, month and submitter and sorts by trending', async () => {
      expect(((await (await get('/api/daily_papers?week=2025-W32')).json()) as any[])).toHaveLength(13);
      expect(((await (await get('/api/daily_papers?month=2025-08')).json()) as any[])).toHaveLength(14);
      const mine = (await (await get('/api/daily_papers?submitter=LooperXX')).json()) as any[];
      expect(mine.map((i) => i.paper.id)).toContain('2508.02324');
      expect(mine.every((i) => i.submittedBy.name === 'LooperXX')).toBe(true);
      const trending = (await (await get('/api/daily_papers?sort=trending&limit=1')).json()) as any[];
      expect(trending[0].paper.id).toBe('2509.10002');
      const newest = (await (await get('/api/daily_papers?limit=2')).json()) as any[];
      expect(newest.map((i) => i.paper.id)).toEqual(['2509.10002', '2508.02324']);
    });

    it('refuses bad parameters with 400 JSON errors that say what is wrong', async () => {
      const cases: [string, RegExp][] = [
        ['/api/daily_papers?limit=1000', /limit must be between 1 and 100/],
        ['/api/daily_papers?limit=0', /limit must be between 1 and 100/],
        ['/api/daily_papers?limit=abc', /limit/],
        ['/api/daily_papers?date=2025-02-30', /date must be a calendar date/],
        ['/api/daily_papers?week=2025-W99', /week/],
        ['/api/daily_papers?p=-1', /p must be 0 or more/],
        ['/api/daily_papers?sort=best', /sort must be publishedAt or trending/],
        ['/api/daily_papers?date=2025-08-05&month=2025-08', /at most one of date, week and month/],
        ['/api/papers/hello', /not an arXiv id/],
      ];
      for (const [path, message] of cases) {
        const res = await get(path);
        expect(res.status, path).toBe(400);
        expect(res.headers.get('content-type')).toContain('application/json');
        const body = (await res.json()) as { error: string; message: string };
        expect(body.error, path).toBe('bad_request');
        expect(body.message, path).toMatch(message);
      }
    });

    it('GET /api/papers/ID returns the paper object or a 404 JSON error', async () => {
      const ok = await get('/api/papers/2508.02324');
      expect(((await ok.json()) as any)).toMatchObject({ id: '2508.02324', upvotes: 20, title: 'Qwen-Image Technical Report' });
      const old = await get('/api/papers/hep-th/9901001');
      expect(((await old.json()) as any).id).toBe('hep-th/9901001');
      for (const path of ['/api/papers/2599.99999', '/api/papers/2508.10003']) {
        const res = await get(path);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: 'not_found', message: expect.stringContaining('is not on paperboy') });
      }
      expect((await get('/api/nothing-here')).status).toBe(404);
    });

    it('describes itself in OpenAPI 3.1 and reports health and metrics', async () => {
      const spec = (await (await get('/api/openapi.json')).json()) as any;
      expect(spec.openapi).toBe('3.1.0');
      expect(spec.paths['/api/daily_papers'].get.parameters.map((p: any) => p.name)).toEqual(['date', 'week', 'month', 'p', 'limit', 'submitter', 'sort']);
      expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
      const metrics = await (await get('/metrics')).text();
      expect(metrics).toMatch(/paperboy_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="2xx"\} \d+/);
    });
  });

  describe('feeds', () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    for (const path of ['/papers/feed.xml', '/papers/trending/feed.xml']) {
      it(`${path} is valid RSS 2.0 with items`, async () => {
        const res = await get(path);
        expect(res.headers.get('content-type')).toContain('application/rss+xml');
        const xml = await res.text();
        expect(XMLValidator.validate(xml)).toBe(true);
        const channel = parser.parse(xml).rss.channel;
        const items = [channel.item].flat();
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) {
          expect(item.title).toBeTruthy();
          expect(item.link).toMatch(/^http:\/\/paperboy\.test\/papers\//);
          expect(new Date(item.pubDate).getTime()).not.toBeNaN();
          expect(typeof item.description).toBe('string');
        }
        expect(xml).not.toContain('Hidden');
      });
    }
  });

  it('sends security headers on pages', async () => {
    const res = await get('/papers/date/2025-08-05');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
