// Pipeline behaviour that depends on configuration: secure cookies on an https site, expiring
// sessions, and whose address a rate limit counts (X-Forwarded-For only behind a trusted proxy).
import { afterEach, describe, expect, it } from 'vitest';
import { buildUser, PASSWORD, TestBrowser } from '../../../test/accounts.ts';
import { testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import { insertSession } from '../../db/sessions.ts';
import { newSecret, secretHash } from '../../domain/accounts.ts';
import { rateLimit, requestIp } from './rate-limit.ts';

let t: TestEnv | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('session cookies', () => {
  it('are Secure and __Host- prefixed when the site is served over https', async () => {
    t = await testEnv('sqlite', { PAPERBOY_BASE_URL: 'https://papers.example.org' });
    const app = testApp(t);
    await buildUser(t, { username: 'secure' });
    const b = new TestBrowser(app, 'https://papers.example.org');
    const form = await b.get('/login');
    expect(form.res.headers.get('set-cookie')).toMatch(/^__Host-pb_csrf=[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const { res } = await b.post('/login', { username: 'secure', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('__Host-pb_session='))).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect((await b.get('/settings')).res.status).toBe(200);
  });

  it('stop working once expired, and the browser is told to drop them', async () => {
    t = await testEnv('sqlite');
    const app = testApp(t);
    const user = await buildUser(t);
    const id = newSecret();
    await insertSession(t.db, secretHash(id), user.id, '2025-01-01T00:00:00.000Z', '2025-01-31T00:00:00.000Z');
    const res = await app.request('/settings', { headers: { cookie: `pb_session=${id}` } });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().some((c) => /^pb_session=; Max-Age=0/.test(c))).toBe(true);
  });
});

describe('client address for rate limits', () => {
  async function limitedApp(trustProxy: string) {
    t = await testEnv('sqlite', { PAPERBOY_TRUST_PROXY: trustProxy });
    const app = testApp(t);
    app.get('/ip-limited', async (c) => {
      await rateLimit(c, `probe:${requestIp(c)}`, 1, 60);
      return c.text(requestIp(c));
    });
    const socket = { incoming: { socket: { remoteAddress: '10.0.0.2' } } };
    return (forwarded: string) => app.request('/ip-limited', { headers: { 'x-forwarded-for': forwarded } }, socket);
  }

  it('is the socket peer by default: X-Forwarded-For cannot dodge a limit', async () => {
    const get = await limitedApp('false');
    const first = await get('1.1.1.1');
    expect(await first.text()).toBe('10.0.0.2');
    expect((await get('2.2.2.2')).status).toBe(429);
  });

  it('is the address the trusted proxy appended when PAPERBOY_TRUST_PROXY is set', async () => {
    const get = await limitedApp('true');
    const first = await get('6.6.6.6, 1.1.1.1');
    expect(await first.text()).toBe('1.1.1.1'); // the client-written 6.6.6.6 is not believed
    expect((await get('6.6.6.6, 1.1.1.1')).status).toBe(429);
    expect((await get('2.2.2.2')).status).toBe(200);
  });
});
