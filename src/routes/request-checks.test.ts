// Requests the lists, search and the API must refuse, or answer, in so many words: pages past the
// end, numbers out of range, reversed date ranges, bad ids and versions, wrong methods, far-off dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../test/support.ts';
import { runCli } from '../../test/cli.ts';
import type { App } from '../app.ts';

// Week 2025-W34 runs from Monday 2025-08-18 to Sunday 2025-08-24: 108 papers, three pages of 50.
const WEEK_DAYS = ['2025-08-18', '2025-08-19', '2025-08-20'];
const LAST_DAY = '2025-08-27'; // 17 papers, the latest day

describe.each(DATABASES)('request checks on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    const week = Array.from({ length: 108 }, (_, i) => {
      const day = WEEK_DAYS[i % 3]!;
      return buildPaper({ id: `2508.${String(40000 + i)}`, upvotes: i, daily: { day, submittedAt: `${day}T09:00:00.000Z` } });
    });
    const last = Array.from({ length: 17 }, (_, i) => buildPaper({ id: `2508.${String(50000 + i)}`, daily: { day: LAST_DAY, submittedAt: `${LAST_DAY}T09:00:00.000Z` } }));
    await addPapers(t.db, [...week, ...last]);
  });
  afterAll(() => t.close());

  const refusal = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    const text = await res.text();
    const message = res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as { message: string }).message : text;
    return { status: res.status, message, res };
  };

  it('says the real range of a number that is too large, on the API and the pages', async () => {
    expect(await refusal('/api/daily_papers?p=100001')).toMatchObject({ status: 400, message: 'p must be at most 100,000' });
    expect(await refusal('/api/daily_papers?p=many')).toMatchObject({ status: 400, message: 'p must be a number' });
    expect(await refusal('/api/papers/search?q=x&p=51')).toMatchObject({ status: 400, message: 'p must be at most 50' });
    expect(await refusal('/api/papers/search?q=x&min_upvotes=2000000')).toMatchObject({ status: 400, message: 'min_upvotes must be at most 1,000,000' });
    const page = await refusal('/papers/week/2025-W34?page=999999');
    expect(page.status).toBe(400);
    expect(page.message).toContain('page must be between 1 and 10,000, not &quot;999999&quot;');
    expect((await refusal('/papers/week/2025-W34?page=two')).message).toContain('page must be a number');
  });

  it('answers a page past the end of a list with a 404 naming the pages there are and a link to the last', async () => {
    const week = await refusal('/papers/week/2025-W34?page=4');
    expect(week.status).toBe(404);
    expect(week.message).toContain('Page 4 of 3 does not exist; this list has 3 pages.');
    expect(week.message).toContain('<a class="button" href="/papers/week/2025-W34?page=3">Go to page 3, the last</a>');
    expect(week.message).not.toContain('page 4 of 3 ·');
    expect(week.message).not.toContain('No papers were listed');
    const latest = await refusal('/?page=2');
    expect(latest.status).toBe(404);
    expect(latest.message).toContain('Page 2 of 1 does not exist; this list has 1 page.');
    expect(latest.message).toContain('href="/papers/date/2025-08-27"');
    expect((await app.request('/papers/week/2025-W34?page=3')).status).toBe(200);
    // A period without papers still has its page 1, which says so.
    const empty = await refusal('/papers/date/2025-08-21');
    expect(empty.status).toBe(200);
    expect(empty.message).toContain('No papers were listed on Thursday, August 21, 2025.');
    expect((await refusal('/papers/date/2025-08-21?page=2')).status).toBe(404);
    // The API keeps Hugging Face's answer past the end: an empty array.
    const api = await app.request('/api/daily_papers?week=2025-W34&p=4');
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual([]);
  });

  it('refuses a date range whose from is after its to, on the page, the API, the feed and the CLI', async () => {
    const said = 'from must not be after to: 2025-06-30 is after 2025-01-01';
    const page = await refusal('/search?q=x&from=2025-06-30&to=2025-01-01');
    expect(page.status).toBe(400);
    expect(page.message).toContain(said);
    expect(await refusal('/api/papers/search?q=x&from=2025-06-30&to=2025-01-01')).toMatchObject({ status: 400, message: said });
    expect((await refusal('/search/feed.xml?q=x&from=2025-06-30&to=2025-01-01')).status).toBe(400);
    expect((await app.request('/api/papers/search?q=x&from=2025-01-01&to=2025-01-01')).status).toBe(200);
    const cli = await runCli(['search', 'x', '--from', '2025-06-30', '--to', '2025-01-01'], { PAPERBOY_DATABASE: t.location, PAPERBOY_DATA_DIR: t.dir, PAPERBOY_DEMO: 'false' });
    expect(cli).toMatchObject({ code: 2, stderr: 'paperboy: search: --from must not be after --to: 2025-06-30 is after 2025-01-01\n' });
  });

  it('refuses version 0 of a paper with a 400 naming it, on the page and the API; a real version leads to the paper', async () => {
    const said = '"2508.40001v0" is not an arXiv id: v0 is not a version (arXiv versions start at v1)';
    for (const path of ['/api/papers/2508.40001v0', '/api/papers/2508.40001v0/similar', '/api/papers/2508.40001v0/comments', '/api/papers/hep-th/9901001v0']) {
      const r = await refusal(path);
      expect(r.status, path).toBe(400);
      expect(r.message, path).toMatch(/is not an arXiv id: v0 is not a version/);
    }
    expect((await refusal('/api/papers/2508.40001v0')).message).toBe(said);
    const page = await refusal('/papers/2508.40001v0');
    expect(page.status).toBe(400);
    expect(page.message).toContain('v0 is not a version (arXiv versions start at v1)');
    expect((await app.request('/papers/2508.40001v0/upvote', { method: 'POST' })).status).not.toBe(500);
    const v2 = await app.request('/papers/2508.40001v2');
    expect(v2.status).toBe(301);
    expect(v2.headers.get('location')).toBe('/papers/2508.40001');
    expect((await app.request('/api/papers/2508.40001v2')).status).toBe(200);
  });

  it('answers a malformed id with the same 400 on every /api/papers/ID route', async () => {
    for (const [path, method] of [['/api/papers/abc', 'GET'], ['/api/papers/abc/similar', 'GET'], ['/api/papers/abc/comments', 'GET'], ['/api/papers/abc/upvote', 'POST'], ['/api/papers/abc/comments', 'POST']] as const) {
      const r = await refusal(path, { method });
      expect(r.status, `${method} ${path}`).toBe(400);
      expect(r.message, `${method} ${path}`).toBe('"abc" is not an arXiv id (like 2508.01234 or hep-th/9901001)');
    }
    expect((await app.request('/api/papers/2508.40001/similar?limit=2')).status).toBe(200);
    expect((await app.request('/api/papers/hep-th/9901001/similar')).status).toBe(404);
  });

  it('refuses a query whose bytes are not UTF-8 instead of searching for its escapes as text', async () => {
    expect(await refusal('/api/papers/search?q=%FF%FE')).toMatchObject({ status: 400, message: 'q is not valid UTF-8' });
    const page = await refusal('/search?q=%FF%FE');
    expect(page.status).toBe(400);
    expect(page.message).toContain('q is not valid UTF-8');
    expect(await refusal('/api/daily_papers?submitter=%C3')).toMatchObject({ status: 400, message: 'submitter is not valid UTF-8' });
    expect(await refusal('/api/papers/search?q=100%')).toMatchObject({ status: 400, message: 'q has a % that does not start an escape like %20' });
    // Real UTF-8, escaped or as + for spaces, is read as it was typed.
    expect((await app.request('/api/papers/search?q=%C3%A9t%C3%A9+study')).status).toBe(200);
    expect((await app.request('/search?q=caf%C3%A9')).status).toBe(200);
  });

  it('has no list for a period still to come (404) or before arXiv began (400); the API keeps answering [] for a valid date', async () => {
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    for (const path of ['/papers/date/9999-12-31', '/papers/month/9999-12', '/papers/week/9999-W01', `/papers/date/${day(2)}`]) {
      const r = await refusal(path);
      expect(r.status, path).toBe(404);
      expect(r.message, path).toMatch(/no list for a (day|week|month) that has not come/);
    }
    expect((await refusal('/papers/date/9999-12-31')).message).toContain(`no list for a day that has not come: 9999-12-31 is after ${day(1)}`);
    expect((await app.request(`/papers/date/${day(1)}`)).status).toBe(200);
    expect((await app.request(`/papers/month/${day(0).slice(0, 7)}`)).status).toBe(200);
    for (const path of ['/papers/date/0000-01-01', '/papers/month/1990-12', '/papers/week/1985-W10']) {
      const r = await refusal(path);
      expect(r.status, path).toBe(400);
      expect(r.message, path).toContain('is before arXiv began (1991)');
    }
    expect((await app.request('/papers/date/1991-08-14')).status).toBe(200);
    const api = await app.request('/api/daily_papers?date=9999-12-31');
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual([]);
  });

  it('answers a method an address does not take with 405 and the Allow header from the route table', async () => {
    const put = await refusal('/api/papers/2508.40001', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(put.message).toBe('/api/papers/2508.40001 does not take PUT; it takes GET, HEAD, OPTIONS');
    const upvote = await app.request('/api/papers/2508.40001/upvote', { method: 'GET' });
    expect(upvote.status).toBe(405);
    expect(upvote.headers.get('allow')).toBe('POST, DELETE, OPTIONS');
    const page = await refusal('/papers/trending', { method: 'DELETE' });
    expect(page.status).toBe(405);
    expect(page.res.headers.get('allow')).toBe('GET, HEAD');
    expect(page.message).toContain('/papers/trending does not take DELETE; it takes GET, HEAD');
    expect((await app.request('/api/nothing-here', { method: 'PUT' })).status).toBe(404);
  });

  it('lets pages on other sites read the API (GET, HEAD, preflight) but never write with a cookie', async () => {
    const origin = { origin: 'https://elsewhere.example' };
    for (const path of ['/api/daily_papers', '/api/papers/2508.40001', '/api/papers/search?q=study']) {
      const res = await app.request(path, { headers: origin });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(res.headers.get('access-control-allow-credentials'), path).toBeNull();
    }
    const preflight = await app.request('/api/daily_papers', { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,HEAD,OPTIONS');
    expect(preflight.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    // A write (cookie or not) gets no CORS header: a browser elsewhere cannot read its answer, and its preflight does not offer POST.
    const vote = await app.request('/api/papers/2508.40001/upvote', { method: 'POST', headers: origin });
    expect(vote.headers.get('access-control-allow-origin')).toBeNull();
    const writePreflight = await app.request('/api/papers/2508.40001/upvote', { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'POST' } });
    expect(writePreflight.headers.get('access-control-allow-methods')).not.toContain('POST');
    expect((await app.request('/papers/trending', { headers: origin })).headers.get('access-control-allow-origin')).toBeNull();
  });
});
