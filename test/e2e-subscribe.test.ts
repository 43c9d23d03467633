// A visitor subscribes in a real browser: from the header link to the form, the confirmation mail
// the running server sends, the link in it, a digest, and the unsubscribe page's button.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, cliStep, useBrowserSite } from './browser.ts';
import { runCli } from './cli.ts';
import { startSmtpServer, type TestSmtp } from './smtp-server.ts';
import { HF_SAMPLE } from './support.ts';

describe.runIf(chromiumAvailable())('subscribing in Chromium', () => {
  let smtp: TestSmtp;
  const site = useBrowserSite(async ({ env }) => void (await cliStep(['import', HF_SAMPLE], env)), {
    services: async () => {
      smtp = await startSmtpServer();
      return [{ env: { PAPERBOY_SMTP_URL: smtp.url }, close: () => smtp.close() }];
    },
  });

  it('subscribes through the form, confirms from the mail, gets a digest and unsubscribes with one click', async () => {
    const page = await site.browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(`${site.url}/papers/date/2025-08-05`);
    await page.getByRole('link', { name: '✉ Get the digest' }).click();
    await page.waitForURL(`${site.url}/subscribe`);
    await page.getByLabel('E-mail address').fill('reader@example.org');
    await page.getByRole('radio', { name: /^Weekly/ }).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Check your inbox');

    // The server's job runner sends the confirmation by itself.
    const [confirmation] = await smtp.waitFor(1, 15_000);
    expect(confirmation!.envelopeTo).toEqual(['reader@example.org']);
    const link = /http:\/\/127\.0\.0\.1:\d+\/subscribe\/confirm\?token=\S+/.exec(confirmation!.text)![0];
    // A mail scanner fetching the link confirms nothing: the page asks, and its button confirms.
    expect((await fetch(link)).status).toBe(200);
    await page.goto(link);
    await expect(page.locator('h1').textContent()).resolves.toBe('Confirm your subscription');
    await expect(page.locator('.notice').count()).resolves.toBe(0); // not already confirmed
    await page.getByRole('button', { name: 'Yes, subscribe' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('You’re subscribed');
    await expect(page.locator('main').textContent()).resolves.toContain('weekly digest of the best new papers');

    const run = await runCli(['digest', '--cadence', 'weekly'], site.env);
    expect(run.code).toBe(0);
    const digest = (await smtp.waitFor(2))[1]!;
    expect(digest.subject).toBe('Top papers of the week · Aug 5, 2025');
    expect(digest.html).toContain('Qwen-Image Technical Report');

    await page.goto(digest.header('list-unsubscribe')!.slice(1, -1));
    await expect(page.locator('h1').textContent()).resolves.toBe('Unsubscribe?');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('You’re unsubscribed');
    expect(problems).toEqual([]);
  });
});
