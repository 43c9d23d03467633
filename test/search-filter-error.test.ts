// A refused search filter on /search: said as an error next to its field (role=alert), the field
// marked and keeping what was typed — in the HTML, and in Chromium, where a date field would blank it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { chromiumAvailable, cliStep, useBrowserSite } from './browser.ts';
import { DATABASES, HF_SAMPLE, testApp, testEnv, type TestEnv } from './support.ts';

describe.each(DATABASES)('a bad search filter on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
  });
  afterAll(async () => t.close());

  it('marks the date field, keeps the typed value and says the error beside it', async () => {
    const res = await app.request('/search?q=x&from=2024-02-30');
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('<input type="text" name="from" value="2024-02-30" inputmode="numeric" placeholder="YYYY-MM-DD" size="10" aria-invalid="true" aria-describedby="filter-error">');
    expect(page).toMatch(/name="from"[^>]*><\/label><p id="filter-error" class="field-error" role="alert">Published from must be a date, YYYY-MM-DD<\/p>/);
    expect(page).toContain('<details class="filters" open>');
    expect(page).toContain('<p class="notice error">No search: Published from must be a date, YYYY-MM-DD.</p>');
    expect(page).not.toContain('class="empty"');
  });

  it('marks a count that is not one, and escapes what was typed', async () => {
    const page = await (await app.request('/search?q=x&min_upvotes=%22%3E%3Cb%3E')).text();
    expect(page).toContain('value="&quot;&gt;&lt;b&gt;"');
    expect(page).toMatch(/name="min_upvotes"[^>]*aria-invalid="true"/);
    expect(page).toMatch(/<p id="filter-error" class="field-error" role="alert">At least … upvotes must be/);
  });
});

describe.runIf(chromiumAvailable())('a bad search filter in Chromium', () => {
  const site = useBrowserSite(async ({ env }) => void (await cliStep(['import', HF_SAMPLE], env)));

  it('shows the impossible date as typed, with the alert beside it', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/search?q=image&from=2024-02-30`);
    await expect(page.locator('input[name="from"]').inputValue()).resolves.toBe('2024-02-30');
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toBe('Published from must be a date, YYYY-MM-DD');
    await expect(alert.evaluate((e) => getComputedStyle(e).color)).resolves.toBe('rgb(185, 28, 28)');
    // Fixed and searched again (the page's script): the mark and the message go, the results come.
    await page.locator('input[name="from"]').fill('2024-02-01');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForSelector('#results ol.results');
    await expect(page.locator('#filter-error').count()).resolves.toBe(0);
    await expect(page.locator('input[name="from"]').getAttribute('aria-invalid')).resolves.toBeNull();
    await page.close();
  });
});
