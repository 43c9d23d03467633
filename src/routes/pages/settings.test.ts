// /settings through the real app on each database: e-mail and password changes need the current
// password; API tokens are shown once, work as Bearer tokens, and stop working when revoked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, PASSWORD, TestBrowser } from '../../../test/accounts.ts';
import { DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';
import { tokensOfUser } from '../../db/tokens.ts';
import { userByName } from '../../db/users.ts';

describe.each(DATABASES)('/settings on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
  });
  afterAll(() => t.close());

  async function member(username: string): Promise<TestBrowser> {
    await buildUser(t, { username });
    const b = new TestBrowser(app);
    await b.get('/login');
    expect((await b.post('/login', { username, password: PASSWORD })).res.status).toBe(303);
    await b.get('/settings');
    return b;
  }

  it('sends anonymous visitors to log in, and back here afterwards', async () => {
    const res = await app.request('/settings');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fsettings');
    const post = await app.request('/settings/tokens', { method: 'POST' });
    expect(post.status).toBe(403); // no session, no form token: refused before anything else
  });

  it('changes the e-mail with the current password, refuses it without', async () => {
    const b = await member('mailer');
    const wrong = await b.post('/settings/email', { email: 'new@example.org', current: 'not my password' });
    expect(wrong.res.status).toBe(401);
    expect(wrong.text).toContain('not your current password');
    expect((await userByName(t.db, 'mailer'))!.email).toBe('mailer@example.org');
    const bad = await b.post('/settings/email', { email: 'nonsense', current: PASSWORD });
    expect(bad.res.status).toBe(400);
    await buildUser(t, { username: 'other', email: 'other@example.org' });
    const taken = await b.post('/settings/email', { email: 'OTHER@example.org', current: PASSWORD });
    expect(taken.res.status).toBe(409);
    const ok = await b.post('/settings/email', { email: 'new@example.org', current: PASSWORD });
    expect(ok.res.status).toBe(303);
    expect(ok.res.headers.get('location')).toBe('/settings#email-h');
    const after = await b.get('/settings');
    expect(after.text).toContain('Your e-mail address was changed.');
    expect(after.text).toContain('value="new@example.org"');
    expect((await b.get('/settings')).text).not.toContain('Your e-mail address was changed.'); // once
    expect((await userByName(t.db, 'mailer'))!.email).toBe('new@example.org');
  });

  it('changes the password, keeps this browser logged in and logs out the others', async () => {
    const b = await member('changer');
    const elsewhere = new TestBrowser(app);
    await elsewhere.get('/login');
    await elsewhere.post('/login', { username: 'changer', password: PASSWORD });
    expect((await b.post('/settings/password', { current: 'wrong one', password: 'brand new pass' })).res.status).toBe(401);
    expect((await b.post('/settings/password', { current: PASSWORD, password: 'short' })).res.status).toBe(400);
    const ok = await b.post('/settings/password', { current: PASSWORD, password: 'brand new pass' });
    expect(ok.res.status).toBe(303);
    const after = await b.get('/settings');
    expect(after.res.status).toBe(200);
    expect(after.text).toContain('other browsers were logged out');
    expect((await elsewhere.get('/settings')).res.status).toBe(303);
    const login = new TestBrowser(app);
    await login.get('/login');
    expect((await login.post('/login', { username: 'changer', password: PASSWORD })).res.status).toBe(401);
    expect((await login.post('/login', { username: 'changer', password: 'brand new pass' })).res.status).toBe(303);
  });

  it('creates a token shown once, which works against the API until revoked', async () => {
    const b = await member('scripter');
    const created = await b.post('/settings/tokens', { name: 'digest bot' });
    expect(created.res.status).toBe(303); // reloading the page that follows cannot post the form again
    expect(created.res.headers.get('location')).toBe('/settings#tokens-h');
    expect(await created.res.text()).not.toContain('pb_');
    const shown = await b.get('/settings');
    expect(shown.res.headers.get('cache-control')).toBe('no-store');
    const token = /<code id="new-token">(pb_[\w-]+)<\/code>/.exec(shown.text)?.[1];
    expect(token).toBeDefined();
    const who = await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${token}` } });
    expect(await who.json()).toMatchObject({ name: 'scripter' });

    const later = await b.get('/settings');
    expect(later.text).toContain('digest bot');
    expect(later.text).not.toContain(token!);
    expect(later.text).toContain(`${token!.slice(0, 7)}…`);

    const [stored] = await tokensOfUser(t.db, (await userByName(t.db, 'scripter'))!.id);
    const revoked = await b.post(`/settings/tokens/${stored!.id}/revoke`, {});
    expect(revoked.res.status).toBe(303);
    expect((await b.get('/settings')).text).toContain('The token was revoked');
    expect((await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('shows a new token only to the member who made it, and not from a tampered cookie', async () => {
    const b = await member('flasher');
    await b.post('/settings/tokens', { name: 'cli' });
    const flash = [...b.cookies].find(([k]) => k.endsWith('pb_flash'))!;
    expect(flash[1]).not.toMatch(/pb_/); // the secret is not readable in the cookie store
    const other = await member('bystander');
    other.cookies.set(flash[0], flash[1]);
    expect((await other.get('/settings')).text).not.toContain('id="new-token"');
    const tampered = await member('tamperer');
    tampered.cookies.set(flash[0], `${flash[1].slice(0, -2)}AA`);
    const page = await tampered.get('/settings');
    expect(page.res.status).toBe(200);
    expect(page.text).not.toContain('id="new-token"');
    expect((await b.get('/settings')).text).toContain('id="new-token"');
  });

  it('refuses an unnamed token, and revoking someone else\'s token', async () => {
    const b = await member('careful');
    expect((await b.post('/settings/tokens', { name: '   ' })).res.status).toBe(400);
    const victim = await member('victim');
    await victim.post('/settings/tokens', { name: 'mine' });
    const [theirs] = await tokensOfUser(t.db, (await userByName(t.db, 'victim'))!.id);
    expect((await b.post(`/settings/tokens/${theirs!.id}/revoke`, {})).res.status).toBe(404);
    expect(await tokensOfUser(t.db, theirs!.userId)).toHaveLength(1);
  });

  it('refuses a token creation posted from another site', async () => {
    const b = await member('targeted');
    const forged = await b.post('/settings/tokens', { name: 'attacker' }, { origin: 'https://evil.example' });
    expect(forged.res.status).toBe(403);
    const noToken = await b.post('/settings/tokens', { name: 'attacker' }, { csrf: null });
    expect(noToken.res.status).toBe(403);
    expect(await tokensOfUser(t.db, (await userByName(t.db, 'targeted'))!.id)).toHaveLength(0);
  });
});
