// A BEIR corpus imports when its ids are arXiv ids (the papers then work like any other: page, search,
// API); one keyed otherwise (SciFact) is refused at its first line with the reason and search-run named.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA, DATABASES, testApp, testEnv, type TestEnv } from '../../test/support.ts';
import { countPapers } from '../db/papers.ts';
import { ImportError, importFile } from './importer.ts';

const doc = (id: string | number, title: string, text: string) => JSON.stringify({ _id: id, title, text, metadata: {} });

describe.each(DATABASES)('importing a BEIR corpus on $name', ({ name }) => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await testEnv(name);
  });
  afterAll(async () => t.close());

  it('stores arXiv-keyed documents as papers that the page, the API and search all show', async () => {
    const corpus = join(t.dir, 'corpus.jsonl');
    writeFileSync(
      corpus,
      [
        doc('2503.01001v2', 'Gradient noise in sparse mixtures of experts', 'We measure gradient noise in sparse mixture-of-experts routers.'),
        doc('2503.01002', 'Tokenizer-free language models', 'A byte-level model without a tokenizer.'),
      ].join('\n'),
    );
    expect(await importFile(t.db, corpus)).toMatchObject({ format: 'beir', records: 2, inserted: 2 });
    const app = testApp(t);
    const paper = (await (await app.request('/api/papers/2503.01001')).json()) as any;
    expect(paper).toMatchObject({ id: '2503.01001', title: 'Gradient noise in sparse mixtures of experts', summary: 'We measure gradient noise in sparse mixture-of-experts routers.' });
    const page = await app.request('/papers/2503.01001');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Gradient noise in sparse mixtures of experts');
    expect(html).toContain('https://arxiv.org/abs/2503.01001');
    const found = (await (await app.request('/api/papers/search?q=gradient%20noise%20routers')).json()) as any[];
    expect(found[0].paper.id).toBe('2503.01001');
  });

  it('refuses a corpus keyed otherwise at its first line, saying why and what to use instead', async () => {
    const before = await countPapers(t.db);
    const error = await importFile(t.db, join(DATA, 'scifact/corpus.jsonl.gz')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/corpus\.jsonl\.gz: line 1: "_id" "4983" is not an arXiv id: the site keys papers by arXiv id/);
    expect((error as Error).message).toContain('use `paperboy search-run --corpus FILE --queries FILE --out RUN`');
    expect(await countPapers(t.db)).toBe(before);
  });

  it('names a document without a title', async () => {
    const corpus = join(t.dir, 'untitled.jsonl');
    writeFileSync(corpus, doc('2503.01003', ' ', 'Text only.'));
    await expect(importFile(t.db, corpus, { format: 'beir' })).rejects.toThrow('line 1: document 2503.01003 has no "title"; a paper needs one');
  });
});
