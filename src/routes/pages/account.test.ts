// Sign-up, log-in, log-out and /reset through the real app, on each database: the happy paths and
// every refusal a person can run into.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, PASSWORD, TestBrowser } from '../../../test/accounts.ts';
import { DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';
import { userByName } from '../../db/users.ts';
import { passwordLinkToken } from '../../domain/password-links.ts';
import { setSuspended } from '../../db/users.ts';

describe.each(DATABASES)('accounts on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
  });
  afterAll(() => t.close());

  const signUp = async (b: TestBrowser, fields: Record<string, string>) => {
    await b.get('/signup');
    return b.post('/signup', fields);
  };

  describe('sign-up', () => {
    it('creates the account, logs the browser in with a secure cookie and shows the name on every page', async () => {
      const b = new TestBrowser(app);
      const { res } = await signUp(b, { username: 'Grace_H', email: 'grace@example.org', password: 'a long password', next: '/papers/trending' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/papers/trending');
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pb_session='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/); // http base URL
      const page = await b.get('/papers');
      expect(page.text).toContain('href="/u/Grace_H"');
      expect(page.text).toContain('action="/logout"');
      expect((await b.get('/no-such-page')).text).toContain('href="/u/Grace_H"'); // error pages too
      const stored = await userByName(t.db, 'grace_h');
      expect(stored?.passwordHash).toMatch(/^scrypt\$/);
      expect(stored?.passwordHash).not.toContain('a long password');
    });

    it.each([
      [{ username: 'x', email: 'x@example.org', password: 'long enough' }, 'username', '2–32 letters'],
      [{ username: 'has space', email: 'x@example.org', password: 'long enough' }, 'username', '2–32 letters'],
      [{ username: 'a'.repeat(33), email: 'x@example.org', password: 'long enough' }, 'username', '2–32 letters'],
      [{ username: 'okname', email: 'not-an-email', password: 'long enough' }, 'email', 'e-mail address like'],
      [{ username: 'okname', email: 'a@b', password: 'long enough' }, 'email', 'e-mail address like'],
      [{ username: 'okname', email: 'ok@example.org', password: 'short' }, 'password', 'at least 8'],
    ])('refuses %o with 400 and says what is wrong', async (fields, field, message) => {
      const b = new TestBrowser(app);
      const { res, text } = await signUp(b, fields);
      expect(res.status).toBe(400);
      expect(text).toContain(message);
      expect(text).toMatch(new RegExp(`id="${field}-error"`));
      expect(text).not.toContain(fields.password === 'short' ? 'value="short"' : 'long enough'); // never echoes the password
      expect(await userByName(t.db, fields.username)).toBeNull();
      expect(b.cookies.has('pb_session')).toBe(false);
    });

    it('shows every field\'s mistake at once, keeping the username and e-mail but never the password', async () => {
      const res = await signUp(new TestBrowser(app), { username: 'x', email: 'not-an-address', password: 'short' });
      expect(res.res.status).toBe(400);
      expect(res.text).toContain('<p class="field-error" id="username-error">the username must be');
      expect(res.text).toContain('<p class="field-error" id="email-error">enter an e-mail address');
      expect(res.text).toContain('<p class="field-error" id="password-error">the password must be at least 8 characters</p>');
      expect(res.text).toContain('value="not-an-address"');
      expect(res.text).not.toContain('short"');
    });

    it('refuses a taken username or e-mail in any letter case with 409', async () => {
      await buildUser(t, { username: 'taken', email: 'taken@example.org' });
      const byName = await signUp(new TestBrowser(app), { username: 'TAKEN', email: 'new@example.org', password: 'long enough' });
      expect(byName.res.status).toBe(409);
      expect(byName.text).toContain('username is already taken');
      const byEmail = await signUp(new TestBrowser(app), { username: 'fresh', email: 'Taken@Example.org', password: 'long enough' });
      expect(byEmail.res.status).toBe(409);
      expect(byEmail.text).toContain('e-mail address is already taken');
    });

    it('refuses a sign-up posted without the form token or from another site (403), storing nothing', async () => {
      const b = new TestBrowser(app);
      await b.get('/signup');
      const fields = { username: 'forged1', email: 'forged1@example.org', password: 'long enough' };
      expect((await b.post('/signup', fields, { csrf: null })).res.status).toBe(403);
      expect((await b.post('/signup', fields, { origin: 'https://evil.example' })).res.status).toBe(403);
      const stranger = new TestBrowser(app); // never loaded the form: no cookie for the token to match
      expect((await stranger.post('/signup', fields, { csrf: b.csrf })).res.status).toBe(403);
      expect(await userByName(t.db, 'forged1')).toBeNull();
    });

    it('limits sign-ups per address (429 with Retry-After)', async () => {
      const ip = { incoming: { socket: { remoteAddress: '203.0.113.9' } } };
      const fromOneIp = new TestBrowser({ request: (path, init) => app.request(path, init, ip) });
      await fromOneIp.get('/signup');
      for (let i = 0; i < 5; i++) {
        const r = await fromOneIp.post('/signup', { username: `bulk${i}`, email: `bulk${i}@example.org`, password: 'long enough' });
        expect(r.res.status).toBe(303);
        await fromOneIp.post('/logout', {});
        await fromOneIp.get('/signup');
      }
      const sixth = await fromOneIp.post('/signup', { username: 'bulk6', email: 'bulk6@example.org', password: 'long enough' });
      expect(sixth.res.status).toBe(429);
      expect(Number(sixth.res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await userByName(t.db, 'bulk6')).toBeNull();
    });
  });

  describe('log-in and log-out', () => {
    it('logs in with the right password, issuing a new session id, and logs out with a POST', async () => {
      await buildUser(t, { username: 'ada' });
      const b = new TestBrowser(app);
      await b.get('/login');
      b.cookies.set('pb_session', 'planted-by-someone-else-0000000000');
      const { res } = await b.post('/login', { username: 'ADA', password: PASSWORD, next: '/settings' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/settings');
      expect(b.cookies.get('pb_session')).not.toBe('planted-by-someone-else-0000000000');
      expect((await b.get('/settings')).text).toContain('Logged in as <a href="/u/ada">ada</a>');

      const logout = await b.post('/logout', {});
      expect(logout.res.status).toBe(303);
      expect(b.cookies.has('pb_session')).toBe(false);
      expect((await b.get('/papers')).text).toContain('href="/login"');
    });

    it('does not let a session cookie survive log-out (the row is gone)', async () => {
      await buildUser(t, { username: 'replayer' });
      const b = new TestBrowser(app);
      await b.get('/login');
      await b.post('/login', { username: 'replayer', password: PASSWORD });
      const stolen = b.cookieHeader;
      await b.get('/papers');
      expect((await b.post('/logout', {})).res.status).toBe(303);
      const replay = await app.request('/api/whoami-v2', { headers: { cookie: stolen } });
      expect(replay.status).toBe(401);
    });

    it('refuses a wrong password or unknown user with the same 401 message', async () => {
      await buildUser(t, { username: 'bob' });
      const b = new TestBrowser(app);
      await b.get('/login');
      const wrong = await b.post('/login', { username: 'bob', password: 'not the password' });
      const unknown = await b.post('/login', { username: 'nobody-here', password: 'not the password' });
      expect(wrong.res.status).toBe(401);
      expect(unknown.res.status).toBe(401);
      expect(wrong.text).toContain('wrong username or password');
      expect(unknown.text).toContain('wrong username or password');
      expect(b.cookies.has('pb_session')).toBe(false);
    });

    it('refuses a suspended account with 403', async () => {
      const u = await buildUser(t, { username: 'suspended1' });
      await setSuspended(t.db, u.id, true, new Date().toISOString());
      const b = new TestBrowser(app);
      await b.get('/login');
      const r = await b.post('/login', { username: 'suspended1', password: PASSWORD });
      expect(r.res.status).toBe(403);
      expect(r.text).toContain('suspended');
      expect(b.cookies.has('pb_session')).toBe(false);
    });

    it('locks an account after 10 failed log-ins (429) even with the right password, from any address', async () => {
      await buildUser(t, { username: 'target' });
      const b = new TestBrowser({ request: (p, i) => app.request(p, i, { incoming: { socket: { remoteAddress: '198.51.100.1' } } }) });
      await b.get('/login');
      for (let i = 0; i < 10; i++) expect((await b.post('/login', { username: 'target', password: `guess ${i}xx` })).res.status).toBe(401);
      const locked = await b.post('/login', { username: 'target', password: PASSWORD });
      expect(locked.res.status).toBe(429);
      expect(locked.res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(locked.text).toContain('too many failed log-ins');
    });

    it('limits log-in attempts per address across usernames (429)', async () => {
      const b = new TestBrowser({ request: (p, i) => app.request(p, i, { incoming: { socket: { remoteAddress: '198.51.100.77' } } }) });
      await b.get('/login');
      for (let i = 0; i < 30; i++) expect((await b.post('/login', { username: `spray${i}`, password: 'password1' })).res.status).toBe(401);
      expect((await b.post('/login', { username: 'spray-last', password: 'password1' })).res.status).toBe(429);
    });

    it('never redirects to another site after log-in', async () => {
      await buildUser(t, { username: 'redirected' });
      for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/x\r\nSet-Cookie: a=b']) {
        const b = new TestBrowser(app);
        await b.get('/login');
        const r = await b.post('/login', { username: 'redirected', password: PASSWORD, next });
        expect(r.res.headers.get('location')).toBe('/');
      }
    });

    it('refuses a log-out posted from another site', async () => {
      await buildUser(t, { username: 'stay' });
      const b = new TestBrowser(app);
      await b.get('/login');
      await b.post('/login', { username: 'stay', password: PASSWORD });
      await b.get('/settings');
      expect((await b.post('/logout', {}, { origin: 'https://evil.example' })).res.status).toBe(403);
      expect((await b.get('/settings')).res.status).toBe(200);
    });
  });

  describe('/reset', () => {
    it('sets the password from a one-time link, logs in, and the link then stops working', async () => {
      const u = await buildUser(t, { username: 'invited', password: null });
      const token = passwordLinkToken(t.config.secret, u, Date.now());
      const b = new TestBrowser(app);
      const form = await b.get(`/reset?token=${token}`);
      expect(form.res.status).toBe(200);
      expect(form.res.headers.get('referrer-policy')).toBe('strict-origin');
      expect(form.text).toContain('<strong>invited</strong>');
      const short = await b.post('/reset', { token, password: 'short' });
      expect(short.res.status).toBe(400);
      const done = await b.post('/reset', { token, password: 'my new password' });
      expect(done.res.status).toBe(303);
      expect((await b.get('/settings')).text).toContain('Logged in as');
      const again = await new TestBrowser(app).get(`/reset?token=${token}`);
      expect(again.res.status).toBe(400);
      expect(again.text).toContain('already been used');
      const login = new TestBrowser(app);
      await login.get('/login');
      expect((await login.post('/login', { username: 'invited', password: 'my new password' })).res.status).toBe(303);
    });

    it('still refuses a set-password form posted with Origin: null (a sandboxed or foreign page)', async () => {
      const u = await buildUser(t, { username: 'invited3', password: null });
      const token = passwordLinkToken(t.config.secret, u, Date.now());
      const b = new TestBrowser(app);
      await b.get(`/reset?token=${token}`);
      const forged = await b.post('/reset', { token, password: 'my new password' }, { origin: 'null' });
      expect(forged.res.status).toBe(403);
      expect((await new TestBrowser(app).get(`/reset?token=${token}`)).res.status).toBe(200); // still unused
    });

    it('refuses a tampered or expired link', async () => {
      const u = await buildUser(t, { username: 'invited2', password: null });
      const token = passwordLinkToken(t.config.secret, u, Date.now());
      const tampered = token.replace(/^\d+/, String(u.id + 1000));
      expect((await new TestBrowser(app).get(`/reset?token=${tampered}`)).res.status).toBe(400);
      const old = passwordLinkToken(t.config.secret, u, Date.now() - 49 * 3600 * 1000);
      const expired = await new TestBrowser(app).get(`/reset?token=${old}`);
      expect(expired.res.status).toBe(400);
      expect(expired.text).toContain('expired');
    });
  });
});
