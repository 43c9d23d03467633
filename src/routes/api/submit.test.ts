// Submitting papers through POST /api/papers/submit and the /submit form, with arXiv played by the
// fixture server on 127.0.0.1: every rule and every failure path, on each database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiToken, buildUser, loggedIn, TestBrowser } from '../../../test/accounts.ts';
import { FIXTURE_IDS, startArxivFixture, type ArxivFixture } from '../../../test/arxiv-fixture.ts';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { getPaper } from '../../db/daily.ts';
import { countPapers } from '../../db/papers.ts';
import { commentThread } from '../../domain/comments.ts';

let arxiv: ArxivFixture;
beforeAll(async () => {
  arxiv = await startArxivFixture();
});
afterAll(() => arxiv.close());

const today = () => new Date().toISOString().slice(0, 10);

it('allows 10 submissions a day and papers up to 14 days old unless configured otherwise', () => {
  const config = loadConfig({ PAPERBOY_DATA_DIR: '/tmp/paperboy-config-test', PAPERBOY_SECRET: 'x'.repeat(32) });
  expect(config.submitDailyQuota).toBe(10);
  expect(config.submitMaxAgeDays).toBe(14);
});

describe.each(DATABASES)('submitting on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  const fresh = () => FIXTURE_IDS.fresh;

  beforeAll(async () => {
    t = await testEnv(name, { ...arxiv.env, PAPERBOY_SUBMIT_DAILY_QUOTA: '3', PAPERBOY_SUBMIT_ARXIV_BUDGET_MS: '2000' });
    app = testApp(t);
  });
  afterAll(() => t.close());
  beforeEach(() => arxiv.reset());

  const submit = async (body: unknown, token?: string) =>
    app.request('/api/papers/submit', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  const member = async () => {
    const user = await buildUser(t);
    return { user, token: await apiToken(t, user) };
  };

  it('refuses a caller without a token with 401 and asks arXiv nothing', async () => {
    const res = await submit({ paper_id: fresh()[0] });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('unauthorized');
    expect(arxiv.count('api')).toBe(0);
    expect(await getPaper(t.db, fresh()[0]!)).toBeNull();
  });

  it('lists a paper arXiv knows on today\'s list with its submitter; its page shows the title', async () => {
    const { user, token } = await member();
    const res = await submit({ paper_id: fresh()[0] }, token);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`http://paperboy.test/papers/${fresh()[0]}`);
    const item = await res.json();
    expect(item.paper.id).toBe(fresh()[0]);
    expect(item.title).toMatch(/^No Place to Hide: Benchmarking Video Hallucination/);
    expect(item.submittedBy.name).toBe(user.username);
    expect(item.paper.submittedOnDailyAt.slice(0, 10)).toBe(today());

    const listed = await (await app.request(`/api/daily_papers?date=${today()}`)).json();
    expect(listed.map((p: { paper: { id: string } }) => p.paper.id)).toEqual([fresh()[0]]);
    const page = await (await app.request(`/papers/${fresh()[0]}`)).text();
    expect(page).toContain('No Place to Hide: Benchmarking Video Hallucination');
    expect(page).toContain(`submitted by ${user.username}`);
  });

  it('answers 409 naming the day when the paper is already listed', async () => {
    const { token } = await member();
    const res = await submit({ paper_id: `https://arxiv.org/abs/${fresh()[0]}v1` }, token);
    expect(res.status).toBe(409);
    expect((await res.json()).message).toBe(`arXiv:${fresh()[0]} is already on the daily list of ${today()}; a paper is listed only once`);
    expect(arxiv.count('api')).toBe(0);
  });

  it.each([
    ['a PDF link with a version', (id: string) => `https://arxiv.org/pdf/${id}v1`],
    ['an id with a version', (id: string) => `${id}v1`],
  ])('takes %s', async (_what, form) => {
    const { token } = await member();
    const id = _what.startsWith('a PDF') ? fresh()[1]! : fresh()[2]!;
    const res = await submit({ paper_id: form(id) }, token);
    expect(res.status).toBe(201);
    expect((await getPaper(t.db, id))?.daily?.day).toBe(today());
  });

  it.each([
    ['"hello world"', { paper_id: 'hello world' }, /"hello world" is not an arXiv id or link/],
    ['an empty id', { paper_id: '' }, /no paper given/],
    ['a number', { paper_id: 2508.01234 }, /paper_id: give the arXiv id/],
    ['no JSON', 'paper_id=2508.01234', /send a JSON object like/],
    ['a too long comment', { paper_id: '2606.31947', comment: 'x'.repeat(10_001) }, /body: a comment may be at most 10,000 characters/],
  ])('refuses %s with 400, stores nothing and asks arXiv nothing', async (_what, body, message) => {
    const { token } = await member();
    const before = await countPapers(t.db);
    const res = await submit(body, token);
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(message);
    expect(await countPapers(t.db)).toBe(before);
    expect(arxiv.count('api')).toBe(0);
  });

  it('answers 404 for an id arXiv does not know (its empty feed) and stores nothing', async () => {
    const { token } = await member();
    const before = await countPapers(t.db);
    const res = await submit({ paper_id: FIXTURE_IDS.unknown }, token);
    expect(res.status).toBe(404);
    expect((await res.json()).message).toBe(`arXiv does not know ${FIXTURE_IDS.unknown}; check the id (nothing was stored)`);
    expect(await countPapers(t.db)).toBe(before);
  });

  it('answers 502 when arXiv keeps answering 503, after retrying within the budget, and stores nothing', async () => {
    const { token } = await member();
    const before = await countPapers(t.db);
    const started = Date.now();
    const res = await submit({ paper_id: FIXTURE_IDS.unavailable }, token);
    expect(res.status).toBe(502);
    expect((await res.json()).message).toMatch(/^arXiv could not be reached \(.*\); nothing was stored, please try again later$/);
    expect(arxiv.count('api')).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(await countPapers(t.db)).toBe(before);
  });

  it('recovers when arXiv fails once and then answers', async () => {
    const { token } = await member();
    arxiv.failNext(1, { status: 503 });
    const res = await submit({ paper_id: fresh()[3] }, token);
    expect(res.status).toBe(201);
    expect(arxiv.count('api')).toBe(2);
  });

  it('refuses a paper first published more than 14 days ago with 422 and stores nothing', async () => {
    const { token } = await member();
    const res = await submit({ paper_id: FIXTURE_IDS.multiVersion }, token);
    expect(res.status).toBe(422);
    expect((await res.json()).message).toMatch(
      new RegExp(`^arXiv:${FIXTURE_IDS.multiVersion} was first published on 2025-05-14, \\d+ days ago; only papers first published in the last 14 days can be submitted$`),
    );
    expect(await getPaper(t.db, FIXTURE_IDS.multiVersion)).toBeNull();
  });

  it('refuses a paper the moderators removed with 403', async () => {
    const { token } = await member();
    await addPapers(t.db, [buildPaper({ id: fresh()[11]! })]);
    await t.db.run('update papers set hidden = 1 where id = ?', [fresh()[11]]);
    const res = await submit({ paper_id: fresh()[11] }, token);
    expect(res.status).toBe(403);
    expect((await res.json()).message).toBe(`arXiv:${fresh()[11]} was removed by the moderators and cannot be submitted`);
    expect((await getPaper(t.db, fresh()[11]!))?.daily).toBeNull();
  });

  it('makes the optional comment the first comment', async () => {
    const { user, token } = await member();
    const res = await submit({ paper_id: fresh()[4], comment: 'Worth a read: $O(n)$ at last.' }, token);
    expect(res.status).toBe(201);
    expect((await res.json()).numComments).toBe(1);
    const thread = await commentThread(t.db, fresh()[4]!);
    expect(thread.map((n) => [n.comment.username, n.comment.body])).toEqual([[user.username, 'Worth a read: $O(n)$ at last.']]);
  });

  it('answers 429 with Retry-After until midnight UTC once the daily quota is used, storing nothing more', async () => {
    const { token } = await member();
    for (const id of fresh().slice(5, 8)) expect((await submit({ paper_id: id }, token)).status).toBe(201);
    const res = await submit({ paper_id: fresh()[8] }, token);
    expect(res.status).toBe(429);
    const midnight = Date.parse(`${today()}T00:00:00Z`) + 86_400_000;
    const expected = Math.ceil((midnight - Date.now()) / 1000);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(expected - 5);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(expected + 1);
    expect((await res.json()).message).toBe('you have submitted 3 papers today, the most allowed per day; you can submit again after midnight UTC');
    expect(await getPaper(t.db, fresh()[8]!)).toBeNull();
  });

  describe('the /submit page', () => {
    it('sends a logged-out visitor to log in first', async () => {
      const res = await app.request('/submit');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login?next=%2Fsubmit');
    });

    it('lists a pasted abs URL with a version and lands on the paper\'s page', async () => {
      const user = await buildUser(t);
      const b = new TestBrowser(app);
      const s = await loggedIn(t, user);
      b.cookies.set(s.cookie.split('=')[0]!, s.cookie.split('=')[1]!);
      const form = await b.get('/submit');
      expect(form.text).toContain('Each member can submit 3 papers a day (UTC); you have 3 left today.');
      const { res } = await b.post('/submit', { paper: ` https://arxiv.org/abs/${fresh()[9]}v1 `, comment: '' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/papers/${fresh()[9]}`);
      expect((await getPaper(t.db, fresh()[9]!))?.daily?.submitterUsername).toBe(user.username);
      expect((await b.get('/submit')).text).toContain('you have 2 left today');
    });

    it('shows the reason above the form, keeps what was typed, and answers with the API\'s status', async () => {
      const user = await buildUser(t);
      const b = new TestBrowser(app);
      const s = await loggedIn(t, user);
      b.cookies.set(s.cookie.split('=')[0]!, s.cookie.split('=')[1]!);
      await b.get('/submit');
      const bad = await b.post('/submit', { paper: 'hello <b>world</b>', comment: 'keep me' });
      expect(bad.res.status).toBe(400);
      expect(bad.text).toContain('&quot;hello &lt;b&gt;world&lt;/b&gt;&quot; is not an arXiv id or link');
      expect(bad.text).toContain('value="hello &lt;b&gt;world&lt;/b&gt;"');
      expect(bad.text).toContain('>keep me</textarea>');
      const again = await b.post('/submit', { paper: fresh()[9]! });
      expect(again.res.status).toBe(409);
      expect(again.text).toContain(`is already on the daily list of ${today()}`);
      expect(again.text).toContain(`<a href="/papers/${fresh()[9]}">Go to the paper</a>`);
    });

    it('refuses a cross-site post and stores nothing', async () => {
      const user = await buildUser(t);
      const s = await loggedIn(t, user);
      const res = await app.request('/submit', {
        method: 'POST',
        body: new URLSearchParams({ paper: fresh()[10]! }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie, origin: 'https://evil.example' },
      });
      expect(res.status).toBe(403);
      expect(await getPaper(t.db, fresh()[10]!)).toBeNull();
    });
  });
});
