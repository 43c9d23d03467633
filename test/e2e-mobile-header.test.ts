// The phone header in Chromium: one row (brand, search, menu) at 375 px on every kind of page, a
// "Menu" disclosure that opens without JavaScript, and at 1280 px no menu button at all.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, cliStep, useBrowserSite } from './browser.ts';
import { HF_SAMPLE } from './support.ts';

const PAGES = ['/', '/papers/week/2025-W32', '/papers/trending', '/search?q=image', '/papers/2508.02324', '/login'];

describe.runIf(chromiumAvailable())('the phone header in Chromium', () => {
  const site = useBrowserSite(async ({ env }) => void (await cliStep(['import', HF_SAMPLE], env)));

  it('is one row at 375 px, and its menu opens without JavaScript to every list and account link', async () => {
    const context = await site.browser.newContext({ viewport: { width: 375, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    for (const path of PAGES) {
      await page.goto(`${site.url}${path}`);
      const header = (await page.locator('header.site').boundingBox())!;
      expect(header.height, path).toBeLessThan(60);
      await expect(page.locator('header.site nav').isVisible(), path).resolves.toBe(false);
      await expect(page.getByRole('link', { name: 'Search', exact: true }).first().isVisible(), path).resolves.toBe(true);
    }
    await page.goto(`${site.url}/`);
    await page.locator('header.site summary', { hasText: 'Menu' }).click();
    for (const name of ['Daily', 'Weekly', 'Monthly', 'Trending', 'For you', 'Submit', 'Log in', 'Sign up']) {
      const link = page.locator('header.site .menu-body').getByRole('link', { name, exact: true });
      await expect(link.isVisible(), name).resolves.toBe(true);
      const box = (await link.boundingBox())!;
      expect(box.x + box.width, name).toBeLessThanOrEqual(375);
    }
    await page.locator('header.site .menu-body').getByRole('link', { name: 'Weekly', exact: true }).click();
    await page.waitForURL(/\/papers\/week/);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
    await context.close();
  });

  it('shows the lists in the row at 1280 px, with no menu button or extra search icon', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const path of PAGES) {
      await page.goto(`${site.url}${path}`);
      await expect(page.locator('header.site summary').isVisible(), path).resolves.toBe(false);
      await expect(page.locator('header.site .search-link').isVisible(), path).resolves.toBe(false);
      await expect(page.locator('header.site nav').getByRole('link', { name: 'Trending' }).isVisible(), path).resolves.toBe(true);
      expect((await page.locator('header.site').boundingBox())!.height, path).toBeLessThan(65);
    }
    await page.close();
  });
});
