// A newcomer in a real browser: signs up, logs out and in again, creates an API token on /settings,
// uses it against the API, revokes it, logs out — with no console errors or CSP violations.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, cliStep, useBrowserSite } from './browser.ts';
import { HF_SAMPLE } from './support.ts';

describe.runIf(chromiumAvailable())('an account in Chromium', () => {
  const site = useBrowserSite(async ({ env }) => void (await cliStep(['import', HF_SAMPLE], env)));

  /** A page that records console errors and CSP violations. */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const context = await site.browser.newContext();
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
    );
    const page = await context.newPage();
    const problems: string[] = [];
    // A refused form answers 401/409 on purpose; Chromium logs that status, which is no fault.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource: the server responded') && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    return { page, problems };
  }

  it('signs up, logs out, logs in, makes a token that works against the API, revokes it and logs out', async () => {
    const { page, problems } = await watchedPage();
    const header = page.locator('header.site .tools');

    await page.goto(`${site.url}/papers/date/2025-08-05`);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.waitForURL(/\/signup$/);
    await page.getByLabel('Username').fill('newcomer');
    await page.getByLabel('E-mail').fill('newcomer@example.org');
    await page.getByLabel('Password').fill('newcomer password');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(`${site.url}/`);
    await expect(header.getByRole('link', { name: 'newcomer' }).getAttribute('href')).resolves.toBe('/u/newcomer');

    await header.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${site.url}/`);
    await expect(header.getByRole('link', { name: 'Log in' }).isVisible()).resolves.toBe(true);

    await page.goto(`${site.url}/settings`);
    await page.waitForURL(/\/login\?next=%2Fsettings$/);
    await page.getByLabel('Username').fill('newcomer');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.locator('.notice.error').textContent()).resolves.toBe('wrong username or password');
    await expect(page.locator('#forgot').textContent()).resolves.toMatch(/Forgot your password\? .*ask one of its\s+administrators for a set-password link/);
    await page.getByLabel('Password').fill('newcomer password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${site.url}/settings`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Settings');

    await page.getByLabel('New token name').fill('e2e script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.locator('#new-token').textContent())!;
    expect(token).toMatch(/^pb_[\w-]{43}$/);
    // The form's answer was a redirect: reloading shows the page again without posting a second token.
    expect(page.url()).toBe(`${site.url}/settings#tokens-h`);
    await page.reload();
    await expect(page.locator('ul.tokens li').count()).resolves.toBe(1);
    await expect(page.locator('#new-token').count()).resolves.toBe(0);
    const who = await fetch(`${site.url}/api/whoami-v2`, { headers: { authorization: `Bearer ${token}` } });
    expect(await who.json()).toMatchObject({ name: 'newcomer' });
    const vote = await fetch(`${site.url}/api/papers/2508.02324/upvote`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(vote.status).toBe(200);
    await page.goto(`${site.url}/papers/2508.02324`);
    await expect(page.locator('.paper-head .votes button[aria-pressed]').first().getAttribute('aria-pressed')).resolves.toBe('true');
    await page.goto(`${site.url}/u/newcomer?tab=upvotes`);
    await expect(page.getByRole('link', { name: 'Qwen-Image Technical Report' }).isVisible()).resolves.toBe(true);

    await page.goto(`${site.url}/settings`);
    await expect(page.locator('#new-token').count()).resolves.toBe(0); // shown once only
    await page.getByRole('button', { name: 'Revoke' }).click();
    await expect(page.locator('.notice.ok').textContent()).resolves.toContain('revoked');
    expect((await fetch(`${site.url}/api/whoami-v2`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    await page.locator('header.site').getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${site.url}/`);
    await page.goto(`${site.url}/settings`);
    await page.waitForURL(/\/login/);
    expect(problems).toEqual([]);
  });

  it('shows a sign-up mistake next to its field and keeps what was typed, except the password', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${site.url}/signup`);
    await page.getByLabel('Username').fill('newcomer');
    await page.getByLabel('E-mail').fill('someone@example.org');
    await page.getByLabel('Password').fill('another password');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.locator('#username-error').textContent()).resolves.toBe('that username is already taken');
    await expect(page.getByLabel('E-mail').inputValue()).resolves.toBe('someone@example.org');
    await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
    expect(problems).toEqual([]);
  });

  it('shows every sign-up mistake at once, each by its field', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${site.url}/signup`);
    // Both pass the browser's own checks (pattern, type=email); the site refuses both.
    await page.getByLabel('Username').fill('newcomer');
    await page.getByLabel('E-mail').fill('someone@localhost');
    await page.getByLabel('Password').fill('a third password');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.locator('#username-error').textContent()).resolves.toBe('that username is already taken');
    await expect(page.locator('#email-error').textContent()).resolves.toBe('enter an e-mail address like name@example.org');
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe('newcomer');
    await expect(page.getByLabel('E-mail').inputValue()).resolves.toBe('someone@localhost');
    await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
    expect(problems).toEqual([]);
  });
});
