// Searching for one paper by its arXiv id or a link to it, through the page, the API, the feed
// (on SQLite and PostgreSQL) and `paperboy search`: that paper alone, never a hidden one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { setPaperHidden } from '../src/db/moderation.ts';
import { upsertPapers } from '../src/domain/papers.ts';
import { runCli } from './cli.ts';
import { topicPapers } from './search-corpus.ts';
import { buildPaper, DATABASES, tempDir, testApp, testEnv, type TestEnv } from './support.ts';

const TARGET = buildPaper({ id: '2608.19880', title: 'Sparse attention kernels for long contexts', abstract: 'We write block-sparse attention kernels.', categories: ['cs.LG'] });
const OLD = buildPaper({ id: 'hep-th/9901001', title: 'Strings on a circle', abstract: 'Compactified strings.', categories: ['hep-th'] });
const HIDDEN = buildPaper({ id: '2608.19881', title: 'A withdrawn attention study', abstract: 'Withdrawn.' });

const ids = (items: { paper: { id: string } }[]) => items.map((i) => i.paper.id);

describe.each(DATABASES)('searching by arXiv id or link on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  const api = async (q: string, extra = '') => (await (await app.request(`/api/papers/search?q=${encodeURIComponent(q)}${extra}`)).json()) as { paper: { id: string } }[];
  const page = async (q: string, extra = '') => (await app.request(`/search?q=${encodeURIComponent(q)}${extra}`)).text();

  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await upsertPapers(t.db, [...topicPapers(4), TARGET, OLD, HIDDEN]);
    await setPaperHidden(t.db, HIDDEN.id, true, new Date().toISOString());
  });
  afterAll(async () => t.close());

  it('an id, with or without version or "arXiv:", or an arxiv.org or Hugging Face link returns that paper alone', async () => {
    const forms = [
      '2608.19880', ' 2608.19880v2 ', 'arXiv:2608.19880', 'https://arxiv.org/abs/2608.19880v2', 'https://arxiv.org/pdf/2608.19880v2',
      'arxiv.org/pdf/2608.19880v1.pdf', 'https://www.arxiv.org/abs/2608.19880?context=cs', 'https://huggingface.co/papers/2608.19880', 'hf.co/papers/2608.19880#community',
    ];
    for (const q of forms) expect([q, ids(await api(q))]).toEqual([q, ['2608.19880']]);
    expect(ids(await api('hep-th/9901001v3'))).toEqual(['hep-th/9901001']);
    expect(ids(await api('https://arxiv.org/abs/hep-th/9901001'))).toEqual(['hep-th/9901001']);
  });

  it('the page lists the paper for a pasted link, and the feed carries it', async () => {
    const body = await page('https://arxiv.org/abs/2608.19880v2');
    expect(body).toContain('1 result for “https://arxiv.org/abs/2608.19880v2”');
    expect([...body.matchAll(/<h3><a href="\/papers\/([^"]+)"/g)].map((m) => m[1])).toEqual(['2608.19880']);
    const feed = await (await app.request('/search/feed.xml?q=2608.19880')).text();
    expect([...feed.matchAll(/<link>[^<]*\/papers\/([^<]+)<\/link>/g)].map((m) => m[1])).toEqual(['2608.19880']);
  });

  it('a hidden paper stays hidden; an id not on the site offers to submit it', async () => {
    expect(await api(HIDDEN.id)).toEqual([]);
    expect(await api('https://arxiv.org/abs/2699.00001')).toEqual([]);
    for (const [q, id] of [[HIDDEN.id, HIDDEN.id], ['https://arxiv.org/abs/2699.00001v1', '2699.00001']] as const) {
      const body = await page(q);
      expect(body).toContain(`arXiv:${id} is not on paperboy yet. <a href="/submit">Submit it</a>`);
      expect(body).toContain(`<a href="https://arxiv.org/abs/${id}" rel="noopener">on arXiv</a>`);
      expect(body).not.toContain(`href="/papers/${id}"`);
      expect(body).not.toContain('withdrawn attention');
    }
  });

  it('filters still apply: a paper outside them is not listed, and the page does not call it missing', async () => {
    expect(ids(await api('2608.19880', '&category=cs.LG'))).toEqual(['2608.19880']);
    expect(await api('2608.19880', '&category=cs.CV')).toEqual([]);
    const body = await page('2608.19880', '&category=cs.CV');
    expect(body).toContain('No papers match “2608.19880” with these filters.');
    expect(body).not.toContain('Submit it');
    expect(await api('2608.19880', '&p=1')).toEqual([]);
  });

  it('a query that only mentions an id among other words is an ordinary search', async () => {
    expect(ids(await api('sparse attention kernels'))[0]).toBe('2608.19880');
    expect(ids(await api('2608.19880 strings circle'))).toContain('hep-th/9901001');
  });
});

describe('paperboy search by arXiv id or link', () => {
  const dir = tempDir();
  const env = { PAPERBOY_DATABASE: join(dir.path, 'cli.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false' };
  afterAll(() => dir.remove());

  it('prints that paper alone, as text and as JSON; an unknown id matches nothing', async () => {
    const file = join(dir.path, 'papers.jsonl');
    const line = (p: typeof TARGET) => JSON.stringify({ arxiv_id: p.id, title: p.title, abstract: p.abstract, authors: p.authors!.map((a) => a.name), categories: p.categories });
    writeFileSync(file, [...topicPapers(3), TARGET, OLD].map(line).join('\n') + '\n');
    expect((await runCli(['import', file], env)).code).toBe(0);
    const text = await runCli(['search', 'https://huggingface.co/papers/2608.19880'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ 1\. Sparse attention kernels for long contexts\n {4}arXiv:2608\.19880/);
    expect(text.stdout).not.toMatch(/^ 2\./m);
    const json = await runCli(['search', 'hep-th/9901001v2', '--json'], env);
    expect(ids(JSON.parse(json.stdout))).toEqual(['hep-th/9901001']);
    const unknown = await runCli(['search', '2699.00001'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('no papers match "2699.00001"');
  }, 90_000);
});
