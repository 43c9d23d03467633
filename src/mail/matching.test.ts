// Saved-search alerts match through the search index on each database: stemmed words, phrases,
// exclusions; never by meaning alone; only papers on a daily list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPapers, buildPaper, DATABASES, testEnv, type TestEnv } from '../../test/support.ts';
import { listPapers } from '../db/daily.ts';
import type { ListedPaper } from '../domain/paper.ts';
import { papersMatching } from './matching.ts';

describe.each(DATABASES)('alert matching on $name', ({ name }) => {
  let t: TestEnv;
  let listed: ListedPaper[];
  const ids = async (q: string) => (await papersMatching(t.db, q, listed)).map((p) => p.id);
  const on = (day: string) => ({ day, submittedAt: `${day}T09:00:00.000Z` });

  beforeAll(async () => {
    t = await testEnv(name);
    await addPapers(t.db, [
      buildPaper({ id: '2508.04001', title: 'Post-training Quantization of LLMs', abstract: 'We quantize weights to 4 bits.', upvotes: 9, daily: on('2025-08-05') }),
      buildPaper({ id: '2508.04002', title: 'Sparse attention', abstract: 'Sparsity meets quantized training.', upvotes: 8, daily: on('2025-08-05') }),
      buildPaper({ id: '2508.04003', title: 'Diffusion models', abstract: 'A mixture of experts routes denoising steps.', upvotes: 7, daily: on('2025-08-05') }),
      buildPaper({ id: '2508.04004', title: 'Low-bit inference engines', abstract: 'Integer kernels for fast serving.', upvotes: 6, daily: on('2025-08-05') }),
      buildPaper({ id: '2508.04005', title: 'Quantization never listed', abstract: 'Not on any daily list.', upvotes: 5 }),
    ]);
    listed = await listPapers(t.db, { from: '2025-08-05', to: '2025-08-05', order: 'upvotes', limit: 50 });
  });
  afterAll(() => t.close());

  it('matches a word in any form in title or abstract, keeping the given order', async () => {
    expect(await ids('quantization')).toEqual(['2508.04001', '2508.04002']);
    expect(await ids('Quantized')).toEqual(['2508.04001', '2508.04002']);
  });

  it('needs every word, where the ranked search takes any', async () => {
    expect(await ids('quantization sparse')).toEqual(['2508.04002']);
    expect(await ids('quantization diffusion')).toEqual([]);
  });

  it('needs quoted phrases in order and leaves out -excluded words', async () => {
    expect(await ids('"mixture of experts"')).toEqual(['2508.04003']);
    expect(await ids('"experts of mixture"')).toEqual([]);
    expect(await ids('quantization -sparsity')).toEqual(['2508.04001']);
  });

  it('adds nothing by meaning alone, and nothing for a query without words', async () => {
    expect(await ids('quantization')).not.toContain('2508.04004'); // low-bit, but no such word
    expect(await ids('!!')).toEqual([]);
  });

  it('only returns papers it was given', async () => {
    expect(await papersMatching(t.db, 'quantization', listed.filter((p) => p.id !== '2508.04001'))).toHaveLength(1);
  });
});
