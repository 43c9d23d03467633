// Every page, anonymous and as a logged-in administrator, in Chromium: the Content-Security-Policy
// the app sends is one the pages satisfy (no violation reported) and no script error occurs.
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, cliStep, useBrowserSite } from './browser.ts';
import { HF_SAMPLE } from './support.ts';

const PAGES = [
  '/', '/papers', '/papers/date/2025-08-05', '/papers/week/2025-W32', '/papers/month/2025-08', '/papers/trending',
  '/papers/2508.02324', '/submit', '/subscribe', '/login', '/signup', '/logout', '/settings', '/u/root',
  '/u/root?tab=upvotes', '/u/root?tab=comments', '/admin', '/reset?token=not-valid', '/no-such-page',
];

describe.runIf(chromiumAvailable())('Content-Security-Policy in Chromium', () => {
  let token = '';
  const site = useBrowserSite(async ({ env }) => {
    await cliStep(['import', HF_SAMPLE], env);
    await cliStep(['user', 'add', 'root', '--email', 'root@example.org', '--admin'], env, 'root password\n');
    token = (await cliStep(['token', 'add', 'root'], env)).trim().split(' ').pop()!;
  });
  beforeAll(async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // Content that exercises inline styles (KaTeX) and user markup on the paper and user pages.
    await fetch(`${site.url}/api/papers/2508.02324/upvote`, { method: 'POST', headers: auth });
    await fetch(`${site.url}/api/papers/2508.02324/comments`, { method: 'POST', headers: auth, body: JSON.stringify({ body: 'Loss $\\mathcal{L} = \\sum_i x_i^2$ and **bold** <img src=x onerror=alert(1)>' }) });
  });

  for (const who of ['anonymous', 'administrator'] as const) {
    it(`reports no violation on any page (${who})`, async () => {
      const context = await site.browser.newContext();
      await context.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
      );
      const page = await context.newPage();
      const problems: string[] = [];
      let current = '';
      page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource: the server responded') && problems.push(`${current}: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`${current}: ${e.message}`));
      if (who === 'administrator') {
        await page.goto(`${site.url}/login`);
        await page.getByLabel('Username').fill('root');
        await page.getByLabel('Password').fill('root password');
        await page.getByRole('button', { name: 'Log in' }).click();
        await page.waitForURL(`${site.url}/`);
      }
      for (const path of PAGES) {
        current = path;
        const res = await page.goto(`${site.url}${path}`);
        expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
        await page.waitForLoadState('load');
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
