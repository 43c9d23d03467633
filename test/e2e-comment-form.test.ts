// The comment form in Chromium with JavaScript off: a comment of only spaces (which `required`
// lets through) brings back the paper page with the reason next to the form and the text kept;
// the fixed comment then posts and lands on itself.
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, cliStep, useBrowserSite } from './browser.ts';
import { HF_SAMPLE } from './support.ts';

const PASSWORD = 'comment form password';

describe.runIf(chromiumAvailable())('the comment form without JavaScript', () => {
  const site = useBrowserSite(async ({ env }) => {
    await cliStep(['import', HF_SAMPLE], env);
    await cliStep(['user', 'add', 'plainreader', '--email', 'plain@example.org'], env, `${PASSWORD}\n`);
  });

  it('shows an empty comment\'s reason beside the form, keeps the text, then posts the fixed one', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${site.url}/login?next=%2Fpapers%2F2508.02324`);
    await page.getByLabel('Username').fill('plainreader');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${site.url}/papers/2508.02324`);

    const box = page.getByLabel('Add a comment');
    await box.fill('   \n  ');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.waitForLoadState();
    await expect(page.locator('h1').textContent()).resolves.toBe('Qwen-Image Technical Report');
    await expect(box.inputValue()).resolves.toBe('   \n  ');
    await expect(box.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#comment-new-error').textContent()).resolves.toBe('the comment is empty');
    // The reason sits right under the text box, inside the same form.
    const [field, reason] = await Promise.all([box.boundingBox(), page.locator('#comment-new-error').boundingBox()]);
    expect(reason!.y - (field!.y + field!.height)).toBeLessThan(20);
    await expect(page.getByText('Back to today').count()).resolves.toBe(0);

    await box.fill('Worth it for the **text rendering** alone.');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.waitForURL(/\/papers\/2508\.02324#comment-\d+$/);
    await expect(page.locator('.comments .comment-body strong').textContent()).resolves.toBe('text rendering');
    await expect(page.locator('.field-error').count()).resolves.toBe(0);
    await context.close();
  });
});
