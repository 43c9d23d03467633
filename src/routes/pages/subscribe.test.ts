// The subscription pages through the real app: the /subscribe form, a member's /settings/digest
// and its preview, the unsubscribe pages, and /admin/mail — with the SMTP server of the tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, PASSWORD, TestBrowser } from '../../../test/accounts.ts';
import { startSmtpServer, type TestSmtp } from '../../../test/smtp-server.ts';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';
import { findSubscription } from '../../db/subscriptions.ts';
import { runDueJobs } from '../../jobs/runner.ts';
import { createLogger } from '../../log.ts';

describe.each(DATABASES)('subscription pages on $name', ({ name }) => {
  let smtp: TestSmtp;
  let t: TestEnv;
  let app: App;
  const sendQueued = () => runDueJobs({ db: t.db, config: t.config, log: createLogger('silent') });
  const confirmLink = (email: string) => /http:\/\/paperboy\.test(\/subscribe\/confirm\?token=\S+)/.exec(smtp.to(email).at(-1)!.text)![1]!;

  async function member(username: string, isAdmin = false): Promise<TestBrowser> {
    await buildUser(t, { username, isAdmin });
    const b = new TestBrowser(app);
    await b.get('/login');
    expect((await b.post('/login', { username, password: PASSWORD })).res.status).toBe(303);
    return b;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await testEnv(name, { PAPERBOY_SMTP_URL: smtp.url });
    app = testApp(t);
    await addPapers(t.db, [
      buildPaper({ id: '2508.03001', title: 'Sparse <b>mixtures</b> for everyone', upvotes: 12, daily: { day: '2025-08-05', submittedAt: '2025-08-05T09:00:00Z' } }),
      buildPaper({ id: '2508.03002', title: 'Quantization at 2 bits', upvotes: 30, daily: { day: '2025-08-05', submittedAt: '2025-08-05T09:05:00Z' } }),
    ]);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('has the form on /subscribe, and subscribing through it sends the confirmation mail', async () => {
    const b = new TestBrowser(app);
    const page = await b.get('/subscribe');
    expect(page.res.status).toBe(200);
    expect(page.text).toContain('<form method="post" action="/subscribe"');
    expect(page.text).toMatch(/<input id="email" name="email" type="email"/);
    expect(page.text).toContain('name="cadence" value="weekly"');
    expect(page.text).toContain('name="query"');
    const done = await b.post('/subscribe', { email: 'Form@Example.org', cadence: 'weekly', query: '' });
    expect(done.res.status).toBe(200);
    expect(done.text).toContain('Check your inbox');
    await sendQueued();
    expect(smtp.to('form@example.org')).toHaveLength(1);
    const asked = await b.get(confirmLink('form@example.org'));
    expect(asked.res.headers.get('referrer-policy')).toBe('strict-origin');
    expect(asked.text).toContain('Send <strong>form@example.org</strong> the weekly digest of the best new papers?');
    const token = /<input type="hidden" name="token" value="([^"]+)">/.exec(asked.text)![1]!;
    expect((await findSubscription(t.db, 'form@example.org', null))!.confirmedAt).toBeNull(); // following the link only asks
    const confirmed = await new TestBrowser(app).post('/subscribe/confirm', { token }, { csrf: null }); // no cookies: the token is the proof
    expect(confirmed.res.status).toBe(200);
    expect(confirmed.text).toContain('will get the weekly digest of the best new papers');
    expect(confirmed.text).toMatch(/next one goes out Monday, [A-Z][a-z]+ \d+, \d{4} at 07:00 UTC/);
  });

  it('shows what is wrong with a bad address and keeps what was typed', async () => {
    const b = new TestBrowser(app);
    await b.get('/subscribe');
    const bad = await b.post('/subscribe', { email: 'not an address', cadence: 'daily', query: 'diffusion' });
    expect(bad.res.status).toBe(400);
    expect(bad.text).toContain('is not an e-mail address');
    expect(bad.text).toContain('value="diffusion"');
    expect(bad.text).toContain('<div class="field invalid">');
  });

  it('refuses the form posted from another site without the form token', async () => {
    const res = await app.request('/subscribe', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'email=victim%40example.org&cadence=daily',
    });
    expect(res.status).toBe(403);
    expect(await findSubscription(t.db, 'victim@example.org', null)).toBeNull();
  });

  it('answers a forged or truncated link with a 400 page', async () => {
    expect((await app.request('/subscribe/confirm?token=1.daily.99.x')).status).toBe(400);
    expect((await app.request('/unsubscribe?token=12')).status).toBe(400);
    expect((await app.request('/unsubscribe')).status).toBe(400);
  });

  it('lets a member add an alert, preview their next mail and stop it', async () => {
    const b = await member('reader');
    expect((await b.get('/settings')).text).toContain('href="/settings/digest"');
    const page = await b.get('/settings/digest');
    expect(page.text).toContain('value="reader@example.org"');
    expect(page.text).toContain('You get no e-mail from paperboy yet.');

    const added = await b.post('/settings/digest', { email: 'reader@example.org', cadence: 'daily', query: 'quantization' });
    expect(added.text).toContain('a confirmation link is on its way to reader@example.org');
    expect(added.text).toContain('waiting for you to follow the link');
    await sendQueued();
    const asked = await b.get(confirmLink('reader@example.org'));
    await b.post('/subscribe/confirm', { token: /name="token" value="([^"]+)"/.exec(asked.text)![1]! });
    const active = await b.get('/settings/digest');
    expect(active.text).toContain('Daily alert: new papers matching “quantization”');

    const id = /\/settings\/digest-preview\?id=(\d+)/.exec(active.text)![1];
    const preview = await b.get(`/settings/digest-preview?id=${id}`);
    expect(preview.res.status).toBe(200);
    expect(preview.text).toContain('nothing has been sent');
    expect(preview.text).toContain('Quantization at 2 bits');
    expect(preview.text).not.toContain('Sparse');
    const text = await b.get(`/settings/digest-preview?id=${id}&format=text`);
    expect(text.text).toContain('1. Quantization at 2 bits (▲ 30)');
    expect((await b.get('/settings/digest-preview?id=999999')).res.status).toBe(404);

    const stopped = await b.post(`/settings/digest/${id}/stop`, {});
    expect(stopped.text).toContain('Stopped.');
    expect(stopped.text).toContain('You get no e-mail from paperboy yet.');
  });

  it('tells a member without subscriptions they have none, shows what a daily digest would bring, with escaped titles', async () => {
    const b = await member('curious');
    const preview = await b.get('/settings/digest-preview');
    expect(preview.text).not.toContain('your next');
    expect(preview.text).toMatch(/You have no e-mail digest yet\. This is what a daily digest would bring you: “[^”]+”\. <a href="\/settings\/digest"[^>]*>Subscribe to get it<\/a>/);
    const text = await b.get('/settings/digest-preview?format=text');
    expect(text.text).toContain('The plain-text part of a daily digest; you have no e-mail digest yet · <a href="/settings/digest">Subscribe to get it</a>');
    expect(preview.text).toContain('Sparse &lt;b&gt;mixtures&lt;/b&gt; for everyone');
    expect(preview.text.indexOf('Quantization at 2 bits')).toBeLessThan(preview.text.indexOf('Sparse &lt;b&gt;'));
    expect((await app.request('/settings/digest-preview')).status).toBe(303);
  });

  it('shows admins the deliveries that need attention, and no one else', async () => {
    const res = await app.request('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bounce@example.org', cadence: 'daily' }) });
    expect(res.status).toBe(202);
    smtp.replyCode = 550;
    await sendQueued();
    smtp.replyCode = null;
    const visitor = await member('visitor');
    expect((await visitor.get('/admin/mail')).res.status).toBe(403);
    const admin = await member('boss', true);
    expect((await admin.get('/admin')).text).toContain('<a href="/admin/mail">Mail and job queue</a>');
    const page = await admin.get('/admin/mail');
    expect(page.res.status).toBe(200);
    expect(page.text).toMatch(/<td>bounce@example\.org<\/td>[\s\S]*?>failed<[\s\S]*?550 mailbox unavailable/);
    const id = /\/admin\/mail\/deliveries\/(\d+)\/resend/.exec(page.text)![1];
    const resent = await admin.post(`/admin/mail/deliveries/${id}/resend`, {});
    expect(resent.res.status).toBe(303);
    await sendQueued();
    expect(smtp.to('bounce@example.org')).toHaveLength(1);
    expect((await admin.get('/admin/mail')).text).toContain('Nothing needs attention.');
  });

  it('documents POST /api/subscriptions in the OpenAPI description', async () => {
    const spec = await (await app.request('/api/openapi.json')).json();
    expect(Object.keys(spec.paths['/api/subscriptions'].post.responses)).toEqual(['202', '400', '429']);
  });
});
