// Upvotes through POST/DELETE /api/papers/ID/upvote and through the vote buttons' form, on each
// database: idempotence, counts and trending from the vote rows, who may vote, and the rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, buildUser, loggedIn, TestBrowser } from '../../../test/accounts.ts';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';
import { votedBy } from '../../db/votes.ts';

describe.each(DATABASES)('upvotes on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  const day = '2025-08-05';
  const older = buildPaper({ id: '2508.00001', upvotes: 5, daily: { day, submittedAt: `${day}T08:00:00.000Z` } });
  const newer = buildPaper({ id: '2508.00002', upvotes: 5, daily: { day, submittedAt: `${day}T09:00:00.000Z` } });
  const oldStyle = buildPaper({ id: 'hep-th/9901001', upvotes: 0, daily: { day, submittedAt: `${day}T07:00:00.000Z` } });
  const hidden = buildPaper({ id: '2508.00003', daily: { day, submittedAt: `${day}T07:00:00.000Z` } });

  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await addPapers(t.db, [older, newer, oldStyle, hidden]);
    await t.db.run('update papers set hidden = 1 where id = ?', [hidden.id]);
  });
  afterAll(() => t.close());

  const vote = async (id: string, method: 'POST' | 'DELETE', token?: string) => {
    const res = await app.request(`/api/papers/${id}/upvote`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: await res.json(), headers: res.headers };
  };
  const upvotesOf = async (id: string) =>
    ((await (await app.request(`/api/daily_papers?date=${day}`)).json()) as { paper: { id: string; upvotes: number } }[]).find((p) => p.paper.id === id)?.paper.upvotes;
  const trending = async () => ((await (await app.request('/api/daily_papers?sort=trending')).json()) as { paper: { id: string } }[]).map((p) => p.paper.id);

  it('counts two upvotes by one member once, a second member\'s too, and DELETE takes one back', async () => {
    const ada = await apiToken(t, await buildUser(t));
    const alan = await apiToken(t, await buildUser(t));
    expect(await vote(older.id, 'POST', ada)).toMatchObject({ status: 200, body: { upvotes: 6, upvoted: true } });
    expect(await vote(older.id, 'POST', ada)).toMatchObject({ status: 200, body: { upvotes: 6, upvoted: true } });
    expect(await vote(older.id, 'POST', alan)).toMatchObject({ status: 200, body: { upvotes: 7, upvoted: true } });
    expect(await upvotesOf(older.id)).toBe(7);
    expect(await vote(older.id, 'DELETE', alan)).toMatchObject({ status: 200, body: { upvotes: 6, upvoted: false } });
    expect(await vote(older.id, 'DELETE', alan)).toMatchObject({ status: 200, body: { upvotes: 6, upvoted: false } });
    expect(await upvotesOf(older.id)).toBe(6);
  });

  it('moves a paper up the trending list in the same request', async () => {
    // Equal votes: the newer listing ranks first; one more vote lifts the older one above it.
    const [a, b] = [buildPaper({ upvotes: 5, daily: { day: '2025-08-06', submittedAt: '2025-08-06T08:00:00.000Z' } }), buildPaper({ upvotes: 5, daily: { day: '2025-08-06', submittedAt: '2025-08-06T09:00:00.000Z' } })];
    await addPapers(t.db, [a, b]);
    const before = await trending();
    expect(before.indexOf(b.id)).toBeLessThan(before.indexOf(a.id));
    await vote(a.id, 'POST', await apiToken(t, await buildUser(t)));
    const after = await trending();
    expect(after.indexOf(a.id)).toBeLessThan(after.indexOf(b.id));
  });

  it('takes old-style ids', async () => {
    const token = await apiToken(t, await buildUser(t));
    expect(await vote(oldStyle.id, 'POST', token)).toMatchObject({ status: 200, body: { upvotes: 1, upvoted: true } });
  });

  it('refuses anonymous votes with 401, and unknown, hidden or malformed ids with 404 / 400', async () => {
    expect(await vote(newer.id, 'POST')).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(await vote(newer.id, 'DELETE')).toMatchObject({ status: 401 });
    const token = await apiToken(t, await buildUser(t));
    expect(await vote('2501.99999', 'POST', token)).toMatchObject({ status: 404, body: { message: 'paper 2501.99999 is not on paperboy' } });
    expect(await vote(hidden.id, 'POST', token)).toMatchObject({ status: 404 });
    expect(await vote('hello', 'POST', token)).toMatchObject({ status: 400, body: { message: '"hello" is not an arXiv id (like 2508.01234 or hep-th/9901001)' } });
    expect(await upvotesOf(newer.id)).toBe(5);
  });

  it('takes a browser session\'s vote only with the page\'s anti-forgery token', async () => {
    const user = await buildUser(t);
    const s = await loggedIn(t, user);
    const headers = { cookie: s.cookie, origin: 'http://paperboy.test' };
    expect((await app.request(`/api/papers/${newer.id}/upvote`, { method: 'POST', headers })).status).toBe(403);
    expect((await votedBy(t.db, user.id, [newer.id])).size).toBe(0);
    const res = await app.request(`/api/papers/${newer.id}/upvote`, { method: 'POST', headers: { ...headers, 'x-csrf-token': s.csrf } });
    expect(await res.json()).toEqual({ upvotes: 6, upvoted: true });
  });

  it('answers 429 with Retry-After once a member votes too fast', async () => {
    const token = await apiToken(t, await buildUser(t));
    for (let i = 0; i < 60; i++) {
      expect((await vote(newer.id, 'POST', token)).status).toBe(200);
      expect((await vote(newer.id, 'DELETE', token)).status).toBe(200);
    }
    const refused = await vote(newer.id, 'POST', token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.message).toBe('you are voting very fast; please wait a while before voting again');
  });

  describe('the vote button', () => {
    it('is a log-in link for anonymous readers, with nothing personal in the page', async () => {
      const text = await (await app.request(`/papers/date/${day}`)).text();
      expect(text).toContain(`href="/login?next=%2Fpapers%2F${older.id}" data-login-link`);
      expect(text).not.toContain('data-vote=');
      expect(text).not.toContain('name="_csrf"');
    });

    it('sends an anonymous form post to log in, coming back to the page it was on', async () => {
      const b = new TestBrowser(app);
      await b.get('/login'); // an anonymous visitor's form token
      const res = await app.request(`/papers/${older.id}/upvote`, {
        method: 'POST', body: new URLSearchParams({ _csrf: b.csrf, vote: 'up' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: b.cookieHeader, origin: 'http://paperboy.test', referer: `http://paperboy.test/papers/date/${day}` },
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/papers/date/${day}`)}`);
    });

    it('works as a plain form: votes, goes back, and shows the vote pressed on lists and the paper page', async () => {
      const user = await buildUser(t);
      const b = new TestBrowser(app);
      const s = await loggedIn(t, user);
      b.cookies.set(s.cookie.split('=')[0]!, s.cookie.split('=')[1]!);
      const list = await b.get(`/papers/date/${day}`);
      expect(list.text).toContain(`<form method="post" action="/papers/${newer.id}/upvote" data-vote="${newer.id}">`);
      expect(list.text).toMatch(new RegExp(`action="/papers/${newer.id}/upvote"[\\s\\S]*?name="vote" value="up"[\\s\\S]*?aria-pressed="false"`));
      const res = await app.request(`/papers/${newer.id}/upvote`, {
        method: 'POST', body: new URLSearchParams({ _csrf: b.csrf, vote: 'up' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: b.cookieHeader, origin: 'http://paperboy.test', referer: `http://paperboy.test/papers/date/${day}?page=1` },
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/papers/date/${day}?page=1`);
      const page = await b.get(`/papers/${newer.id}`);
      expect(page.text).toMatch(/<div class="votes voted">[\s\S]*?name="vote" value="down"[\s\S]*?aria-pressed="true"[\s\S]*?<strong data-vote-count>7<\/strong>/);
      const again = await b.get(`/papers/date/${day}`);
      expect(again.text).toMatch(new RegExp(`action="/papers/${newer.id}/upvote"[\\s\\S]*?aria-pressed="true"`));
      const down = await b.post(`/papers/${newer.id}/upvote`, { vote: 'down' });
      expect(down.res.status).toBe(303);
      expect((await votedBy(t.db, user.id, [newer.id])).size).toBe(0);
      expect((await b.post(`/papers/${newer.id}/upvote`, { vote: 'sideways' })).res.status).toBe(400);
    });

    it('refuses a cross-site form post and stores nothing', async () => {
      const user = await buildUser(t);
      const s = await loggedIn(t, user);
      const res = await app.request(`/papers/${newer.id}/upvote`, {
        method: 'POST', body: new URLSearchParams({ vote: 'up' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie, origin: 'https://evil.example' },
      });
      expect(res.status).toBe(403);
      expect((await votedBy(t.db, user.id, [newer.id])).size).toBe(0);
    });

    it('shows anonymous readers the new count right after a vote, cache or not', async () => {
      const before = await (await app.request(`/papers/date/${day}`)).text();
      const count = (html: string) => Number(new RegExp(`${encodeURIComponent(`/papers/${oldStyle.id}`)}" data-login-link[\\s\\S]*?<strong data-vote-count>(\\d+)</strong>`).exec(html)?.[1]);
      expect(count(before)).toBe(1);
      await vote(oldStyle.id, 'POST', await apiToken(t, await buildUser(t)));
      expect(count(await (await app.request(`/papers/date/${day}`)).text())).toBe(2);
    });
  });
});
