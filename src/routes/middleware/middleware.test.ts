// The request pipeline through the real app: Bearer tokens and sessions set the viewer, forged
// posts are refused, bodies are capped, rate limits answer 429 with Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSuspended } from '../../db/users.ts';
import { apiToken, buildUser, formPost, loggedIn } from '../../../test/accounts.ts';
import { DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';
import { rateLimit } from './rate-limit.ts';

describe.each(DATABASES)('request pipeline on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    // Probe routes standing in for any state-changing page or API endpoint.
    app.post('/probe', (c) => c.text(`ok ${c.get('viewer')?.username ?? 'anonymous'}`));
    app.post('/api/probe', (c) => c.json({ viewer: c.get('viewer')?.username ?? null }));
    app.post('/limited', async (c) => {
      await rateLimit(c, 'probe', 2, 60);
      return c.text('ok');
    });
  });
  afterAll(() => t.close());

  it('takes a Bearer token as the viewer and refuses a bad one with 401 JSON', async () => {
    const user = await buildUser(t, { username: 'tokenuser' });
    const token = await apiToken(t, user);
    const ok = await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ type: 'user', name: 'tokenuser', isAdmin: false });

    const bad = await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${token}x` } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('invalid_token');
    expect(await bad.json()).toMatchObject({ error: 'invalid_token' });

    const none = await app.request('/api/whoami-v2');
    expect(none.status).toBe(401);
    expect((await none.json()).error).toBe('unauthorized');
  });

  it('refuses a suspended user\'s tokens with 403 saying why, and drops their sessions', async () => {
    const user = await buildUser(t);
    const token = await apiToken(t, user);
    const session = await loggedIn(t, user);
    await setSuspended(t.db, user.id, true, new Date().toISOString());
    // The token is real, so this is a refusal (403) that says why, not "invalid token" (401).
    const refused = await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: 'forbidden',
      message: `the account ${user.username} is suspended: its API tokens may not be used until an administrator lifts the suspension`,
    });
    const vote = await app.request('/api/papers/2501.00001/upvote', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(vote.status).toBe(403);
    const wrong = await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).message).toBe('the API token is not valid: it is mistyped or revoked');
    const page = await app.request('/api/whoami-v2', { headers: { cookie: session.cookie } });
    expect(page.status).toBe(401);
    expect(page.headers.get('set-cookie')).toMatch(/pb_session=;/);
  });

  it('accepts a same-site form post carrying the session-bound token', async () => {
    const user = await buildUser(t, { username: 'former' });
    const session = await loggedIn(t, user);
    const res = await app.request('/probe', formPost(session, { x: '1' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok former');
    const page = await app.request('/papers', { headers: { cookie: session.cookie } });
    expect(page.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('refuses posts without the token, with another session\'s token, or from another origin (403)', async () => {
    const user = await buildUser(t);
    const session = await loggedIn(t, user);
    const other = await loggedIn(t, await buildUser(t));
    const missing = await app.request('/probe', { ...formPost(session, {}), body: new URLSearchParams({ x: '1' }) });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('reload the page');
    expect((await app.request('/probe', formPost({ cookie: session.cookie, csrf: other.csrf }, {}))).status).toBe(403);
    const crossSite = await app.request('/probe', formPost(session, {}, 'https://evil.example'));
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain('another site');
    const badReferer = await app.request('/probe', { ...formPost(session, {}), headers: { ...(formPost(session, {}).headers as Record<string, string>), origin: '', referer: 'https://evil.example/page' } });
    expect(badReferer.status).toBe(403);
  });

  it('refuses cookie-authenticated API posts without X-CSRF-Token as JSON, accepts them with it', async () => {
    const session = await loggedIn(t, await buildUser(t, { username: 'fetcher' }));
    const refused = await app.request('/api/probe', { method: 'POST', headers: { cookie: session.cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'csrf_refused' });
    const ok = await app.request('/api/probe', { method: 'POST', headers: { cookie: session.cookie, 'content-type': 'application/json', 'x-csrf-token': session.csrf }, body: '{}' });
    expect(await ok.json()).toEqual({ viewer: 'fetcher' });
  });

  it('exempts Bearer-token requests and the signed one-click unsubscribe', async () => {
    const token = await apiToken(t, await buildUser(t, { username: 'scripted' }));
    const res = await app.request('/api/probe', { method: 'POST', headers: { authorization: `Bearer ${token}`, cookie: 'pb_session=stale', origin: 'https://elsewhere.example' }, body: '{}' });
    expect(await res.json()).toEqual({ viewer: 'scripted' });
    // The unsubscribe link's signature is its protection: a bad one is the mail module's 400, not a CSRF 403.
    const unsub = await app.request('/unsubscribe?token=not-signed', {
      method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'pb_csrf=x', origin: 'https://mail.example' },
    });
    expect(unsub.status).toBe(400);
    expect(await unsub.text()).not.toContain('refused');
  });

  it('binds anonymous forms to a signed cookie issued with HTML pages', async () => {
    const page = await app.request('/nowhere');
    const setCookie = page.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^pb_csrf=[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
    const noCookie = await app.request('/probe', formPost(null, { _csrf: 'forged' }));
    expect(noCookie.status).toBe(403);
    expect(await noCookie.text()).toContain('needs cookies');
  });

  it('refuses bodies over the limit with 413', async () => {
    const big = 'x'.repeat(t.config.maxBodyBytes + 1);
    const api = await app.request('/api/probe', { method: 'POST', body: big, headers: { 'content-type': 'application/json', 'content-length': String(big.length) } });
    expect(api.status).toBe(413);
    expect(await api.json()).toMatchObject({ error: 'payload_too_large' });
    const page = await app.request('/probe', { method: 'POST', body: big, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(page.status).toBe(413);
    expect(await page.text()).toContain('larger than the 64 KiB');
  });

  it('answers 429 with Retry-After past a route\'s limit', async () => {
    const token = await apiToken(t, await buildUser(t));
    const post = () => app.request('/limited', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const third = await post();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(120);
  });

  it('sends the security headers on every response', async () => {
    const res = await app.request('/papers');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});
