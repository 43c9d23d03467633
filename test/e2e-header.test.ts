// The site header in Chromium: one row at 1280 px even for an admin with a long name (brand, lists,
// digest link, name, Settings, Admin, Log out), and at 390 px every item on screen with no sideways scroll.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, cliStep, useBrowserSite } from './browser.ts';
import { HF_SAMPLE } from './support.ts';

const ADMIN = 'administrator42';
const PASSWORD = 'header test password';

interface Box { text: string; top: number; bottom: number; left: number; right: number }

/** Every item of the header: the brand, each list link, each account and digest item. */
function headerItems(page: Page): Promise<Box[]> {
  return page.locator('header.site .brand, header.site nav li, header.site .tools > *').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { text: (e.textContent ?? '').trim(), top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    }),
  );
}

describe.runIf(chromiumAvailable())('the site header in Chromium', () => {
  const site = useBrowserSite(async ({ env }) => {
    await cliStep(['import', HF_SAMPLE], env);
    await cliStep(['user', 'add', ADMIN, '--email', 'admin@example.org', '--admin'], env, `${PASSWORD}\n`);
  });

  async function adminPage(width: number): Promise<Page> {
    const page = await site.browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${site.url}/login`);
    await page.getByLabel('Username').fill(ADMIN);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${site.url}/`);
    return page;
  }

  it('keeps every item of an admin\'s header on one row at 1280 px', async () => {
    const page = await adminPage(1280);
    for (const path of ['/admin', '/papers/date/2025-08-05', '/settings']) {
      await page.goto(`${site.url}${path}`);
      const items = await headerItems(page);
      // Every list link (more may come) and every account item.
      expect(items.map((i) => i.text.replace(/\s+/g, ' '))).toEqual(expect.arrayContaining(
        ['paperboy', 'Daily', 'Weekly', 'Monthly', 'Trending', 'Search', 'Submit', '✉ Get the digest', ADMIN, 'Settings', 'Admin', 'Log out'],
      ));
      const top = Math.min(...items.map((i) => i.top));
      const bottom = Math.max(...items.map((i) => i.bottom));
      expect(bottom - top, `header items on ${path} span ${bottom - top}px`).toBeLessThan(45);
      expect(Math.max(...items.map((i) => i.right))).toBeLessThanOrEqual(1280);
      // The full name is there to read, not cut.
      await expect(page.locator('header.site a.who').evaluate((e) => e.scrollWidth <= e.clientWidth)).resolves.toBe(true);
    }
    await page.close();
  });

  it('fits a phone at 390 px: no sideways scroll, every item on screen, and the page still starts near the top', async () => {
    const page = await adminPage(390);
    await page.goto(`${site.url}/papers/date/2025-08-05`);
    // On a phone the lists and account items are behind the header's "Menu" disclosure.
    await page.locator('header.site summary', { hasText: 'Menu' }).click();
    const items = await headerItems(page);
    expect(items.length).toBeGreaterThanOrEqual(12);
    for (const item of items) {
      expect(item.left, item.text).toBeGreaterThanOrEqual(0);
      expect(item.right, item.text).toBeLessThanOrEqual(390);
    }
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    const header = (await page.locator('header.site').boundingBox())!;
    expect(header.height).toBeLessThan(220);
    // Scrolled down, the tall phone header has gone and the papers have the screen.
    await page.mouse.wheel(0, 600);
    await page.waitForFunction(() => window.scrollY >= 500);
    await expect(page.locator('header.site').evaluate((e) => e.getBoundingClientRect().bottom)).resolves.toBeLessThanOrEqual(0);
    await page.close();
  });

  it('keeps an anonymous visitor\'s header on one row at 1280 px', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.url}/papers/date/2025-08-05`);
    const items = await headerItems(page);
    expect(items.map((i) => i.text)).toEqual(expect.arrayContaining(['Log in', 'Sign up']));
    expect(Math.max(...items.map((i) => i.bottom)) - Math.min(...items.map((i) => i.top))).toBeLessThan(45);
    await page.close();
  });
});
