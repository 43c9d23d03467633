// Search as you type in Chromium: typing into /search swaps in new results without a page load,
// the address follows the query, and the page works without JavaScript too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from './browser.ts';
import { freePort, runCli, startServer } from './cli.ts';
import { topicPapers } from './search-corpus.ts';
import { tempDir } from './support.ts';

describe.runIf(chromiumAvailable())('search in Chromium', () => {
  const dir = tempDir();
  const env = { PAPERBOY_DATABASE: join(dir.path, 'search.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false' };
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    const file = join(dir.path, 'papers.jsonl');
    writeFileSync(file, topicPapers(10).map((p) => JSON.stringify({ arxiv_id: p.id, title: p.title, abstract: p.abstract, authors: p.authors!.map((a) => a.name) })).join('\n'));
    expect((await runCli(['import', file], env)).code).toBe(0);
    expect((await runCli(['index'], env)).code).toBe(0);
    server = await startServer(env, freePort());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir.remove();
  });

  it('updates the results while the query is typed', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${server.url}/search`);
    await expect(page.locator('#results').textContent()).resolves.toContain('Search all papers by words');
    const box = page.getByRole('searchbox', { name: 'Search papers' });
    await box.pressSequentially('gripper', { delay: 30 });
    await page.locator('#results ol.results > li').first().waitFor();
    const first = await page.locator('#results ol.results h3').allTextContents();
    expect(first.length).toBeGreaterThan(0);
    expect(await page.locator('#results mark').first().textContent()).toMatch(/gripper/i);
    await page.waitForURL(`${server.url}/search?q=gripper`);
    await box.fill('');
    await box.pressSequentially('denoising sampler', { delay: 30 });
    await page.waitForFunction(() => document.querySelector('#results mark')?.textContent?.match(/denois|sampler/i));
    const second = await page.locator('#results ol.results h3').allTextContents();
    expect(second).not.toEqual(first);
    expect(loads).toBe(1);
    expect(problems).toEqual([]);
  });

  it('works as a plain form without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/search`);
    await page.getByRole('searchbox', { name: 'Search papers' }).fill('tactile arm');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/search\?q=tactile\+arm/);
    expect(await page.locator('ol.results > li').count()).toBeGreaterThan(0);
    await context.close();
  });
});
