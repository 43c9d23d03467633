// A reader in a real browser: the day page, a paper, its abstract, keyboard use, no console or CSP errors.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, cliStep, useBrowserSite } from './browser.ts';
import { HF_SAMPLE } from './support.ts';

describe.runIf(chromiumAvailable())('reading the daily list in Chromium', () => {
  const site = useBrowserSite(async ({ env }) => void (await cliStep(['import', HF_SAMPLE], env)));

  it('opens the day page, follows a paper link and reads its abstract', async () => {
    const page = await site.browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${site.url}/papers/date/2025-08-05`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Daily Papers');
    const cards = page.locator('ol.papers > li');
    expect(await cards.count()).toBe(13);
    await expect(cards.first().locator('.votes strong').textContent()).resolves.toBe('20');
    await page.getByRole('link', { name: 'Qwen-Image Technical Report' }).click();
    await page.waitForURL(`${site.url}/papers/2508.02324`);
    await expect(page.locator('.abstract').textContent()).resolves.toContain('We present Qwen-Image, an image generation foundation model');
    await expect(page.getByRole('link', { name: 'arXiv page' }).getAttribute('href')).resolves.toBe('https://arxiv.org/abs/2508.02324');
    expect(problems).toEqual([]);
  });

  it('moves to another day with the date picker', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/papers/date/2025-08-05`);
    await page.getByLabel('Go to day').fill('2025-08-04');
    await page.waitForURL(`${site.url}/papers/date/2025-08-04`);
    await expect(page.locator('.empty').textContent()).resolves.toContain('No papers were listed on Monday, August 4, 2025');
    await page.getByRole('link', { name: /Next day/ }).click();
    await page.waitForURL(`${site.url}/papers/date/2025-08-05`);
  });

  it('can be used from the keyboard: the skip link leads to the content', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/papers/date/2025-08-05`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    // Following the link is asynchronous: wait for it (this fails by timeout if it never happens).
    await page.waitForURL(/#main$/, { timeout: 5000 });
    expect(page.url()).toMatch(/#main$/);
  });
});
