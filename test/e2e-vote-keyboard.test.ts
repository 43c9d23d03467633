// Voting with the keyboard in Chromium: Enter on ▲ toggles the vote in place, the focus stays on the
// button (so Enter again takes it back) and a polite live region says the new count.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, cliStep, useBrowserSite } from './browser.ts';
import { HF_SAMPLE } from './support.ts';

const PASSWORD = 'keyboard voter password';

describe.runIf(chromiumAvailable())('voting with the keyboard in Chromium', () => {
  const site = useBrowserSite(async ({ env }) => {
    await cliStep(['import', HF_SAMPLE], env);
    await cliStep(['user', 'add', 'keyboarder', '--email', 'keys@example.org'], env, `${PASSWORD}\n`);
  });

  async function logIn(): Promise<Page> {
    const page = await site.browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.url}/login`);
    await page.getByLabel('Username').fill('keyboarder');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${site.url}/`);
    return page;
  }

  it('keeps focus on ▲ after Enter, announces the count, and Enter again takes the vote back', async () => {
    const page = await logIn();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${site.url}/papers/date/2025-08-05`);
    const box = page.locator('.votes').first();
    const count = box.locator('[data-vote-count]');
    const before = Number((await count.textContent())!.replace(/,/g, ''));
    await box.getByRole('button', { name: 'Upvote' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => count.textContent()).toBe((before + 1).toLocaleString('en-US'));
    await expect(box.locator('button').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.evaluate(() => document.activeElement?.matches('.votes button') ?? false)).resolves.toBe(true);
    await expect(page.locator('#vote-status[aria-live="polite"]').textContent()).resolves.toContain(`${(before + 1).toLocaleString('en-US')} upvote`);
    await page.keyboard.press('Enter');
    await expect.poll(() => count.textContent()).toBe(before.toLocaleString('en-US'));
    await expect(box.locator('button').getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(page.evaluate(() => document.activeElement?.matches('.votes button') ?? false)).resolves.toBe(true);
    await expect(page.locator('#vote-status').textContent()).resolves.toContain('taken back');
    expect(problems).toEqual([]);
    await page.close();
  });
});
