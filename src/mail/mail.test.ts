// Subscriptions and digests end to end through the app and the job queue, against a real SMTP
// server on 127.0.0.1: opt-in, content and headers, alerts, one-click unsubscribe, outage, 5xx.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpServer, type ReceivedMail, type TestSmtp } from '../../test/smtp-server.ts';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from '../../test/support.ts';
import type { App } from '../app.ts';
import { deleteOldDeliveries, troubledDeliveries } from '../db/deliveries.ts';
import { findSubscription } from '../db/subscriptions.ts';
import { enqueue } from '../jobs/queue.ts';
import { runDueJobs } from '../jobs/runner.ts';
import { createLogger } from '../log.ts';
import { deliverPending } from './deliver.ts';
import { composeDigests } from './digests.ts';

const log = createLogger('silent');
const DAY1 = '2025-08-05';
const DAY2 = '2025-08-06';

function day(d: string, n: number, topic: string, upvotes: number) {
  return buildPaper({
    id: `2508.${d.slice(8)}${String(n).padStart(3, '0')}`,
    title: `${topic} paper ${n} of ${d}`,
    abstract: `We study ${topic.toLowerCase()} in depth. ${'Long sentences about the method follow. '.repeat(12)}`,
    upvotes,
    daily: { day: d, submittedAt: `${d}T10:${String(n).padStart(2, '0')}:00.000Z` },
  });
}

/** Follows a link from a mail through the app, as a mail reader's browser would. */
function pathOf(url: string): string {
  const u = new URL(url);
  expect(u.origin).toBe('http://paperboy.test');
  return u.pathname + u.search;
}

function linkIn(mail: ReceivedMail, path: string): string {
  const m = new RegExp(`http://paperboy\\.test${path.replace('?', '\\?')}[^\\s"<>]+`).exec(mail.text);
  if (!m) throw new Error(`no ${path} link in:\n${mail.text}`);
  return m[0];
}

describe.each(DATABASES)('e-mail subscriptions and digests on $name', ({ name }) => {
  let smtp: TestSmtp;
  let t: TestEnv;
  let app: App;
  const deps = () => ({ db: t.db, config: t.config, log });
  const subscribe = (body: unknown) =>
    app.request('/api/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const digests: ReceivedMail[] = [];
  const digestRun = async () => {
    await composeDigests(deps(), { cadence: 'daily' });
    return deliverPending(deps(), { ignoreBackoff: true });
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await testEnv(name, { PAPERBOY_SMTP_URL: smtp.url });
    app = testApp(t);
    const papers = [
      ...Array.from({ length: 12 }, (_, i) => day(DAY1, i + 1, i % 4 === 0 ? 'Quantization' : 'Diffusion', 100 - i)),
      buildPaper({ id: '2508.19999', title: 'Hidden <script>alert(1)</script> & co', upvotes: 1, daily: { day: DAY1, submittedAt: `${DAY1}T11:00:00.000Z` } }),
    ];
    await addPapers(t.db, papers);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.replyCode = null;
  });

  it('refuses what is not an address with 400 JSON and sends nothing', async () => {
    for (const email of ['not an address', 'a@b', 'x@example..org', '']) {
      const res = await subscribe({ email, cadence: 'daily' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'bad_request' });
    }
    expect((await subscribe({ email: 'ok@example.org', cadence: 'hourly' })).status).toBe(400);
    expect((await app.request('/api/subscriptions', { method: 'POST', body: 'email=x' })).status).toBe(400);
    await runDueJobs(deps());
    expect(smtp.messages).toHaveLength(0);
  });

  it('sends a confirmation mail whose link confirms; nothing else reaches an unconfirmed address', async () => {
    expect((await subscribe({ email: 'Alice@Example.org', cadence: 'daily' })).status).toBe(202);
    expect((await subscribe({ email: 'bob@example.org', cadence: 'daily' })).status).toBe(202);
    expect((await subscribe({ email: 'quant@example.org', cadence: 'daily', query: 'quantization' })).status).toBe(202);
    expect((await subscribe({ email: 'never@example.org', cadence: 'daily' })).status).toBe(202);
    await runDueJobs(deps());
    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['alice@example.org', 'bob@example.org', 'never@example.org', 'quant@example.org']);
    const mail = smtp.to('alice@example.org')[0]!;
    expect(mail.subject).toBe('Confirm your paperboy subscription');
    expect(mail.html).toContain('Yes, send it to me');
    expect(mail.header('list-unsubscribe')).toBeUndefined(); // not subscribed yet: nothing to leave

    for (const who of ['alice', 'bob', 'quant']) {
      const link = pathOf(linkIn(smtp.to(`${who}@example.org`)[0]!, '/subscribe/confirm?token='));
      // Following the link (as a mail scanner does) only asks; the button's POST confirms.
      const page = await app.request(link);
      expect(page.status).toBe(200);
      const asked = await page.text();
      expect(asked).toContain('Confirm your subscription');
      expect(asked).toContain('<button type="submit" class="primary">Yes, subscribe</button>');
      const pending = await findSubscription(t.db, `${who}@example.org`, who === 'quant' ? 'quantization' : null);
      expect(pending?.email).toBe(`${who}@example.org`);
      expect(pending!.confirmedAt).toBeNull();
      const token = new URL(link, 'http://x').searchParams.get('token')!;
      const forged = await app.request('/subscribe/confirm', {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: new URLSearchParams({ token }).toString(),
      });
      expect(forged.status).toBe(403);
      const done = await app.request('/subscribe/confirm', {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://paperboy.test' }, body: new URLSearchParams({ token }).toString(),
      });
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('You’re subscribed');
    }
    expect((await findSubscription(t.db, 'never@example.org', null))?.confirmedAt).toBeNull();
    const forged = linkIn(mail, '/subscribe/confirm?token=').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await app.request(pathOf(forged))).status).toBe(400);
  });

  it('asking again for a confirmed address answers the same and changes nothing', async () => {
    smtp.messages.length = 0;
    const again = await subscribe({ email: 'alice@example.org', cadence: 'daily' });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(await (await subscribe({ email: 'stranger@example.org', cadence: 'daily' })).json());
    await runDueJobs(deps());
    expect(smtp.messages.map((m) => m.envelopeTo[0])).toEqual(['stranger@example.org']);
  });

  it('sends each confirmed subscriber one digest with the day’s top papers, both parts and RFC 8058 headers', async () => {
    smtp.messages.length = 0;
    const report = await digestRun();
    expect(report).toMatchObject({ sent: 3, retrying: 0, failed: 0 });
    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['alice@example.org', 'bob@example.org', 'quant@example.org']);
    digests.push(...smtp.messages);

    const mail = smtp.to('alice@example.org')[0]!;
    expect(mail.subject).toBe('Daily Papers · Aug 5, 2025 · 13 papers');
    expect(mail.text).toMatch(/^1\. Quantization paper 1 of 2025-08-05 \(▲ 100\)$/m);
    expect(mail.text).toContain('http://paperboy.test/papers/2508.05001');
    expect(mail.text).toContain('arXiv: https://arxiv.org/abs/2508.05001');
    expect(mail.text).toMatch(/Also on the list:\n11\. Diffusion paper 11/);
    expect(mail.html).toContain('href="http://paperboy.test/papers/2508.05002"');
    expect(mail.html).toContain('Hidden &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(mail.html).not.toMatch(/<script|<img|<link|<style/i);
    // A two-line abstract: its start, cut at a word.
    const html = mail.html.replace(/\s+/g, ' ');
    const shown = /We study quantization in depth\.[^<]*…/.exec(html)![0];
    expect(shown.length).toBeLessThan(180);
    expect(shown).toMatch(/ follow\.…$| method…$| the…$| about…$| sentences…$| Long…$/);

    const unsubscribe = mail.header('list-unsubscribe')!;
    expect(unsubscribe).toMatch(/^<http:\/\/paperboy\.test\/unsubscribe\?token=[\w.-]+>$/);
    expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.header('list-id')).toBe('paperboy daily digest <daily.paperboy.test>');
    expect(mail.html).toContain(`href="${unsubscribe.slice(1, -1)}"`); // visible too
    expect(mail.messageId).toMatch(/^<daily.2025-08-05.\w+@paperboy\.test>$/);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(3);
    expect(mail.parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
  });

  it('sends a saved-search subscriber only that day’s matching papers', async () => {
    const mail = digests.find((m) => m.envelopeTo[0] === 'quant@example.org')!;
    const titles = [...mail.text.matchAll(/^\d+\. (.+) \(▲/gm)].map((m) => m[1]);
    expect(titles).toEqual(['Quantization paper 1 of 2025-08-05', 'Quantization paper 5 of 2025-08-05', 'Quantization paper 9 of 2025-08-05']);
    expect(mail.subject).toBe('3 new papers matching “quantization” · Aug 5, 2025');
    expect(mail.header('list-id')).toBe('paperboy saved-search alerts <alerts.paperboy.test>');
  });

  it('sends nothing when run again', async () => {
    smtp.messages.length = 0;
    expect(await digestRun()).toMatchObject({ sent: 0 });
    expect(smtp.messages).toHaveLength(0);
  });

  it('shows a confirm page on GET and unsubscribes at once on a one-click POST without log-in', async () => {
    const url = digests.find((m) => m.envelopeTo[0] === 'bob@example.org')!.header('list-unsubscribe')!.slice(1, -1);
    const confirmPage = await app.request(pathOf(url));
    expect(confirmPage.status).toBe(200);
    const html = await confirmPage.text();
    expect(html).toContain('bob@example.org</strong> will get no more e-mail');
    expect(html).toMatch(/<form method="post" action="\/unsubscribe\?token=[^"]+">/);
    expect((await findSubscription(t.db, 'bob@example.org', null))!.unsubscribedAt).toBeNull(); // GET changes nothing

    const res = await app.request(pathOf(url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You’re unsubscribed');
    expect((await findSubscription(t.db, 'bob@example.org', null))!.unsubscribedAt).not.toBeNull();
    const forged = await app.request(pathOf(url.replace(/token=(\d+)/, (_, id) => `token=${Number(id) + 1}`)), { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(forged.status).toBe(400);
  });

  it('brings the next day’s list to the others, and nothing to the unsubscribed', async () => {
    await addPapers(t.db, [day(DAY2, 1, 'Diffusion', 50), day(DAY2, 2, 'Quantization', 40), day(DAY2, 3, 'Agents', 30)]);
    smtp.messages.length = 0;
    expect(await digestRun()).toMatchObject({ sent: 2 });
    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['alice@example.org', 'quant@example.org']);
    expect(smtp.to('alice@example.org')[0]!.subject).toBe('Daily Papers · Aug 6, 2025 · 3 papers');
    expect(smtp.to('alice@example.org')[0]!.text).not.toContain('of 2025-08-05');
    expect(smtp.to('quant@example.org')[0]!.text).toMatch(/^1\. Quantization paper 2 of 2025-08-06/m);
    expect(smtp.to('quant@example.org')[0]!.text).not.toMatch(/Diffusion|Agents/);
  });

  it('keeps digests through an SMTP outage and delivers each exactly once when the server is back', async () => {
    await addPapers(t.db, [day('2025-08-07', 1, 'Quantization', 9)]);
    smtp.messages.length = 0;
    await smtp.stop();
    try {
      const down = await digestRun();
      expect(down).toMatchObject({ sent: 0, retrying: 2 });
      expect(down.temporaryError).toMatch(/ECONNREFUSED/);
      expect(await digestRun()).toMatchObject({ sent: 0, retrying: 2 }); // a second try by hand, still down
    } finally {
      await smtp.start();
    }
    // The scheduler waits out the backoff…
    expect(await deliverPending(deps())).toMatchObject({ sent: 0 });
    // …and sends once it has passed.
    const later = () => new Date(Date.now() + 5 * 60_000);
    expect(await deliverPending(deps(), { now: later })).toMatchObject({ sent: 2, retrying: 0 });
    expect(await deliverPending(deps(), { now: later, ignoreBackoff: true })).toMatchObject({ sent: 0 });
    expect(await digestRun()).toMatchObject({ sent: 0 });
    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['alice@example.org', 'quant@example.org']);
  });

  it('retries a 4xx answer and records a 5xx for admins without retrying it', async () => {
    expect((await subscribe({ email: 'temp@example.org', cadence: 'weekly' })).status).toBe(202);
    smtp.replyCode = 451;
    expect(await deliverPending(deps())).toMatchObject({ sent: 0, retrying: 1, temporaryError: expect.stringMatching(/451/) });
    smtp.replyCode = 550;
    expect(await deliverPending(deps(), { ignoreBackoff: true })).toMatchObject({ sent: 0, failed: 1 });
    smtp.replyCode = null;
    expect(await deliverPending(deps(), { ignoreBackoff: true })).toMatchObject({ sent: 0, failed: 0 });
    const troubled = await troubledDeliveries(t.db, 10);
    expect(troubled[0]).toMatchObject({ email: 'temp@example.org', kind: 'confirm', status: 'failed', lastError: expect.stringMatching(/^550/) });
  });

  it('runs as the scheduler does: a digest job composes and sends; in an outage a retry is queued for the backoff time', async () => {
    await addPapers(t.db, [day('2025-08-08', 1, 'Quantization', 3)]);
    smtp.messages.length = 0;
    await smtp.stop();
    try {
      await enqueue(t.db, 'digest.compose', { cadence: 'daily' });
      expect(await runDueJobs(deps())).toBeGreaterThanOrEqual(2); // digest.compose, then the mail.deliver it queued
    } finally {
      await smtp.start();
    }
    const retry = await t.db.get<{ run_at: string; status: string }>(`select run_at, status from jobs where kind = 'mail.deliver' and status = 'queued'`);
    expect(Date.parse(retry!.run_at)).toBeGreaterThan(Date.now() + 30_000);
    expect(await runDueJobs(deps())).toBe(0); // nothing before its time
    // Time passes: the retry and the deliveries come due.
    const past = new Date(Date.now() - 1000).toISOString();
    await t.db.run(`update jobs set run_at = ? where kind = 'mail.deliver' and status = 'queued'`, [past]);
    await t.db.run(`update deliveries set next_attempt_at = ? where status = 'pending'`, [past]);
    expect(await runDueJobs(deps())).toBe(1);
    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['alice@example.org', 'quant@example.org']);
    expect(await runDueJobs(deps())).toBe(0);
  });

  it('forgets finished deliveries past the keep period, with the papers they carried', async () => {
    const count = async (table: string) => Number((await t.db.get<{ n: number }>(`select cast(count(*) as integer) as n from ${table}`))!.n);
    expect(await count('delivered_papers')).toBeGreaterThan(0);
    expect(await deleteOldDeliveries(t.db, new Date(Date.now() - 86_400_000).toISOString())).toBe(0);
    expect(await deleteOldDeliveries(t.db, new Date(Date.now() + 1000).toISOString())).toBeGreaterThan(5);
    expect(await count('deliveries')).toBe(0);
    expect(await count('delivered_papers')).toBe(0);
  });
});
