// A new member in a real browser: sign up → submit an arXiv URL with a version through /submit →
// upvote in place (no reload) → comment → reply. arXiv is the fixture server on 127.0.0.1.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IDS, startArxivFixture, type ArxivFixture } from './arxiv-fixture.ts';
import { chromiumAvailable, useBrowserSite } from './browser.ts';

describe.runIf(chromiumAvailable())('joining the community in Chromium', () => {
  let arxiv: ArxivFixture;
  const site = useBrowserSite(undefined, { services: async () => [(arxiv = await startArxivFixture())] });
  let page: Page;
  const problems: string[] = [];
  const paperId = () => FIXTURE_IDS.fresh[0]!;

  // One page through every step: each test goes on from where the one before left it.
  beforeAll(async () => {
    page = await site.browser.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => (problems.push(`unexpected dialog: ${d.message()}`), d.dismiss()));
  });

  it('signs up through the form', async () => {
    await page.goto(`${site.url}/papers`);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Username').fill('noether');
    await page.getByLabel('E-mail').fill('emmy@example.org');
    await page.getByLabel('Password').fill('invariant theory');
    await page.locator('main').getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(/\/papers$|\/$/);
    await expect(page.locator('header .who').textContent()).resolves.toBe('noether');
  });

  it('submits an arXiv abs URL with a version and lands on the paper\'s page', async () => {
    await page.getByRole('link', { name: 'Submit' }).click();
    await page.waitForURL(`${site.url}/submit`);
    await page.getByLabel('arXiv id or link').fill(`https://arxiv.org/abs/${paperId()}v1`);
    await page.getByRole('button', { name: 'Submit paper' }).click();
    await page.waitForURL(`${site.url}/papers/${paperId()}`);
    await expect(page.locator('h1').textContent()).resolves.toContain('No Place to Hide');
    await expect(page.locator('.listed').textContent()).resolves.toContain('submitted by noether');
    expect(arxiv.requests.some((r) => r.url.includes(`id_list=${paperId()}`))).toBe(true);
  });

  it('upvotes in place: the count changes without a reload, and a second click takes it back', async () => {
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const box = page.locator('.paper-head .votes');
    const button = box.getByRole('button', { name: 'Upvote' });
    await expect(box.locator('[data-vote-count]').textContent()).resolves.toBe('0');
    await button.click();
    await page.waitForFunction(() => document.querySelector('.paper-head [data-vote-count]')?.textContent === '1');
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('true');
    await button.click();
    await page.waitForFunction(() => document.querySelector('.paper-head [data-vote-count]')?.textContent === '0');
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('false');
    await button.click();
    await page.waitForFunction(() => document.querySelector('.paper-head [data-vote-count]')?.textContent === '1');
    await expect(page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).resolves.toBe(true);
    const api = await (await fetch(`${site.url}/api/papers/${paperId()}`)).json();
    expect(api.upvotes).toBe(1);
  });

  it('comments, with Markdown and math rendered and markup shown as text', async () => {
    await page.getByLabel('Add a comment').fill('The bound $O(n \\log n)$ is **tight**. <script>alert(1)</script>');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.waitForURL(new RegExp(`/papers/${paperId()}#comment-\\d+$`));
    const comment = page.locator('.comments li.comment').first();
    await expect(comment.locator('.comment-meta .author').textContent()).resolves.toBe('noether');
    await expect(comment.locator('.comment-body strong').textContent()).resolves.toBe('tight');
    await expect(comment.locator('.comment-body .katex').count()).resolves.toBe(1);
    await expect(comment.locator('.comment-body').textContent()).resolves.toContain('<script>alert(1)</script>');
    await expect(page.locator('h2#comments .count').textContent()).resolves.toBe('1 comment');
  });

  it('replies to the comment, and the reply is threaded under it', async () => {
    const parent = page.locator('.comments li.comment').first();
    await parent.locator('summary', { hasText: 'Reply' }).click();
    await parent.getByLabel('Your reply').fill('Agreed, see the lower bound in §3.');
    await parent.getByRole('button', { name: 'Reply', exact: true }).click();
    await page.waitForURL(new RegExp(`#comment-\\d+$`));
    const reply = page.locator('.comments li.comment ol.thread li.comment');
    await expect(reply.locator('.comment-body').textContent()).resolves.toContain('Agreed, see the lower bound in §3.');
    await expect(page.locator('h2#comments .count').textContent()).resolves.toBe('2 comments');
    const listed = await (await fetch(`${site.url}/api/daily_papers`)).json();
    expect(listed[0].numComments).toBe(2);
    const shots = process.env.PAPERBOY_SCREENSHOTS;
    if (shots) {
      await page.screenshot({ path: join(shots, 'paper-thread-light.png'), fullPage: true });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: join(shots, 'paper-thread-dark.png'), fullPage: true });
    }
    expect(problems).toEqual([]);
  });
});
