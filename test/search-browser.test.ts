// Search as you type in Chromium: typing into /search swaps in new results without a page load,
// the address follows the query, and the page works without JavaScript too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, cliStep, useBrowserSite } from './browser.ts';
import { topicPapers } from './search-corpus.ts';
import { buildPaper } from './support.ts';

const RXTX = buildPaper({
  id: '2505.09814',
  title: '$XX^{t}$ Can Be Faster',
  abstract: 'We present RXTX, a new algorithm for computing the product of matrix by its transpose $XX^{t}$ for $X\\in \\mathbb{R}^{n\\times m}$. RXTX uses $5\\%$ fewer multiplications than State-of-the-Art algorithms.',
});

describe.runIf(chromiumAvailable())('search in Chromium', () => {
  const site = useBrowserSite(async ({ env, dir }) => {
    const file = join(dir, 'papers.jsonl');
    const papers = [...topicPapers(10), RXTX].map((p) => JSON.stringify({ arxiv_id: p.id, title: p.title, abstract: p.abstract, authors: p.authors!.map((a) => a.name) }));
    writeFileSync(file, papers.join('\n'));
    await cliStep(['import', file], env);
    await cliStep(['index'], env);
  });

  it('updates the results while the query is typed', async () => {
    const page = await site.browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${site.url}/search`);
    await expect(page.locator('#results').textContent()).resolves.toContain('Search all papers by words');
    const box = page.getByRole('searchbox', { name: 'Search papers' });
    await box.pressSequentially('gripper', { delay: 30 });
    await page.locator('#results ol.results > li').first().waitFor();
    const first = await page.locator('#results ol.results h3').allTextContents();
    expect(first.length).toBeGreaterThan(0);
    expect(await page.locator('#results mark').first().textContent()).toMatch(/gripper/i);
    await page.waitForURL(`${site.url}/search?q=gripper`);
    await box.fill('');
    await box.pressSequentially('denoising sampler', { delay: 30 });
    await page.waitForFunction(() => document.querySelector('#results mark')?.textContent?.match(/denois|sampler/i));
    const second = await page.locator('#results ol.results h3').allTextContents();
    expect(second).not.toEqual(first);
    expect(loads).toBe(1);
    expect(problems).toEqual([]);
  });

  it('results swapped in as you type typeset their math, with matches marked', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/search`);
    await page.getByRole('searchbox', { name: 'Search papers' }).pressSequentially('RXTX transpose', { delay: 30 });
    // Results for what was typed so far ("RXTX t…") come first: wait for the whole query's.
    await page.locator('#results .sub', { hasText: '“RXTX transpose”' }).waitFor();
    const snippet = page.locator('#results .snippet', { hasText: 'new algorithm' });
    await snippet.locator('.katex').first().waitFor();
    expect(await page.locator('#results h3 .katex').count()).toBeGreaterThan(0);
    expect(await snippet.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['RXTX', 'transpose']));
    // What a reader sees: typeset symbols, no TeX source.
    expect(await snippet.locator('.katex-html').allTextContents()).toEqual(['XXt', 'X∈Rn×m', '5%']);
    expect(await snippet.innerText()).not.toMatch(/\\mathbb|\$|\\in\b/);
    await page.close();
  });

  it('works as a plain form without JavaScript', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/search`);
    await page.getByRole('searchbox', { name: 'Search papers' }).fill('tactile arm');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/search\?q=tactile\+arm/);
    expect(await page.locator('ol.results > li').count()).toBeGreaterThan(0);
    await context.close();
  });
});
