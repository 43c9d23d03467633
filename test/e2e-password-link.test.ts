// A member the administrator created from the command line, in a real browser: opens the one-time
// link `paperboy user add` printed, sets a password, lands logged in, and logs in with it later;
// `paperboy user link` gives a working link again. The form must pass the site's forgery check as
// Chromium really sends it (with the Origin header the page's referrer policy allows).
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, cliStep, useBrowserSite } from './browser.ts';

const linkIn = (out: string) => out.match(/https?:\/\/\S+\/reset\?token=\S+/)?.[0] ?? '';

describe.runIf(chromiumAvailable())('a set-password link in Chromium', { timeout: 90_000 }, () => {
  let firstLink = '';
  const site = useBrowserSite(async ({ env }) => {
    await cliStep(['migrate'], env);
    firstLink = linkIn(await cliStep(['user', 'add', 'ada', '--email', 'ada@example.org'], env, ''));
  });

  it('sets the password from the link printed by `user add`, ends logged in, and logs in with it', async () => {
    expect(firstLink).toContain('/reset?token=');
    const page = await (await site.browser.newContext()).newPage();
    await page.goto(firstLink);
    await expect(page.locator('h1').textContent()).resolves.toBe('Set your password');
    await page.getByLabel('New password').fill('ada lovelace 1815');
    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await page.waitForURL(`${site.url}/settings`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Settings');
    await expect(page.locator('header.site').getByRole('link', { name: 'ada' }).isVisible()).resolves.toBe(true);

    // The link is spent.
    await page.goto(firstLink);
    await expect(page.locator('.notice.error').textContent()).resolves.toContain('already been used');

    const fresh = await (await site.browser.newContext()).newPage();
    await fresh.goto(`${site.url}/login`);
    await fresh.getByLabel('Username').fill('ada');
    await fresh.getByLabel('Password').fill('ada lovelace 1815');
    await fresh.getByRole('button', { name: 'Log in' }).click();
    await fresh.waitForURL(`${site.url}/`);
    await expect(fresh.locator('header.site').getByRole('link', { name: 'ada' }).isVisible()).resolves.toBe(true);
  });

  it('sets a new password from `user link`, replacing the old one', async () => {
    const link = linkIn(await cliStep(['user', 'link', 'ada'], site.env));
    const page = await (await site.browser.newContext()).newPage();
    await page.goto(link);
    await page.getByLabel('New password').fill('analytical engine');
    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await page.waitForURL(`${site.url}/settings`);

    const fresh = await (await site.browser.newContext()).newPage();
    await fresh.goto(`${site.url}/login`);
    await fresh.getByLabel('Username').fill('ada');
    await fresh.getByLabel('Password').fill('ada lovelace 1815');
    await fresh.getByRole('button', { name: 'Log in' }).click();
    await expect(fresh.locator('.notice.error').textContent()).resolves.toBe('wrong username or password');
    await fresh.getByLabel('Password').fill('analytical engine');
    await fresh.getByRole('button', { name: 'Log in' }).click();
    await fresh.waitForURL(`${site.url}/`);
  });

  it('keeps the link out of every Referer, even to the site itself', async () => {
    const link = linkIn(await cliStep(['user', 'link', 'ada'], site.env));
    const page = await (await site.browser.newContext()).newPage();
    const referers: string[] = [];
    page.on('request', (r) => r.headers().referer && referers.push(r.headers().referer!));
    await page.goto(link);
    await page.waitForLoadState('networkidle');
    expect(referers.length).toBeGreaterThan(0); // the stylesheet and script at least
    expect(referers.filter((r) => r.includes('token'))).toEqual([]);
  });
});
