// The search commands as a user runs them: search-run on a BEIR corpus writing a TREC run,
// index (train, then catch up), and search with text and JSON output; bad input fails cleanly.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicPapers } from './search-corpus.ts';
import { runCli } from './cli.ts';
import { tempDir } from './support.ts';

describe('search commands', () => {
  const dir = tempDir();
  const env = { PAPERBOY_DATABASE: join(dir.path, 'cli.db'), PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false' };
  const corpus = topicPapers(15);
  const corpusFile = join(dir.path, 'corpus.jsonl');
  const queriesFile = join(dir.path, 'queries.jsonl');

  beforeAll(() => {
    writeFileSync(corpusFile, corpus.map((p) => JSON.stringify({ _id: `doc-${p.id}`, title: p.title, text: p.abstract })).join('\n') + '\n');
    writeFileSync(queriesFile, [{ _id: 'q1', text: 'robot gripper grasping' }, { _id: 'q2', text: 'denoising diffusion sampler' }].map((q) => JSON.stringify(q)).join('\n') + '\n');
    const lines = corpus.map((p) => JSON.stringify({ arxiv_id: p.id, title: p.title, abstract: p.abstract, authors: p.authors!.map((a) => a.name), categories: p.categories, published_at: p.publishedAt!.slice(0, 10) }));
    writeFileSync(join(dir.path, 'papers.jsonl'), lines.join('\n') + '\n');
  });
  afterAll(() => dir.remove());

  it('search-run ranks a BEIR corpus and writes a TREC run file', { timeout: 90_000 }, async () => {
    const out = join(dir.path, 'run.trec');
    const r = await runCli(['search-run', '--corpus', corpusFile, '--queries', queriesFile, '--out', out, '--k', '5'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 queries over 45 documents/);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split(' '));
    expect(rows).toHaveLength(10);
    for (const [i, row] of rows.entries()) {
      expect(row).toHaveLength(6);
      expect(row[1]).toBe('Q0');
      expect(row[3]).toBe(String((i % 5) + 1));
      expect(row[5]).toBe('paperboy');
    }
    const topic = (docid: string) => corpus.find((p) => `doc-${p.id}` === docid)!.topic;
    expect(rows.filter((r) => r[0] === 'q1').every((r) => topic(r[2]!) === 'robots')).toBe(true);
    expect(rows.filter((r) => r[0] === 'q2').every((r) => topic(r[2]!) === 'diffusion')).toBe(true);
  });

  it('search-run names the file and line of bad input and the missing options', async () => {
    const bad = join(dir.path, 'bad.jsonl');
    writeFileSync(bad, '{"_id": "1", "title": "ok", "text": "fine"}\n{"_id": "2", "title": \n');
    const r = await runCli(['search-run', '--corpus', bad, '--queries', queriesFile, '--out', join(dir.path, 'x.trec')], env);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/bad.jsonl: line 2: invalid JSON/);
    const missing = await runCli(['search-run', '--corpus', corpusFile], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('give --corpus FILE, --queries FILE and --out RUN');
  });

  it('index trains the model, then only embeds what is missing', async () => {
    expect((await runCli(['import', join(dir.path, 'papers.jsonl')], env)).code).toBe(0);
    const index = await runCli(['index'], env);
    expect(index.code).toBe(0);
    expect(index.stdout).toMatch(/search model 1 \(ppmi-svd, \d+ dimensions\) covers 45 papers/);
    const again = await runCli(['index'], env);
    expect(again.stdout).toMatch(/; 0 papers embedded in \d+\.\d s\n$/);

    // A paper made of words no other paper has: the model cannot place it, and index says so instead of counting it embedded.
    const unknown = JSON.stringify({ arxiv_id: '2601.09999', title: 'Qwzrtx plovnik', abstract: 'Zorbulent fremish vaxtroid.', authors: ['A. Nobody'] });
    writeFileSync(join(dir.path, 'unknown.jsonl'), unknown + '\n');
    expect((await runCli(['import', join(dir.path, 'unknown.jsonl')], env)).code).toBe(0);
    const partly = await runCli(['index'], env);
    expect(partly).toMatchObject({ code: 0, stderr: '' });
    expect(partly.stdout).toMatch(
      /^search model 1 \(ppmi-svd, \d+ dimensions\) covers 45 papers; 0 papers embedded in \d+\.\d s; 1 paper left without a vector: the model knows none of their words \(keyword search finds them\)\n$/,
    );
    const found = await runCli(['search', 'plovnik', '--json'], env);
    expect((JSON.parse(found.stdout) as { paper: { id: string } }[]).map((i) => i.paper.id)).toEqual(['2601.09999']);
  }, 90_000);

  it('search finds papers as text and as JSON, and refuses an over-long query', async () => {
    const text = await runCli(['search', 'tactile', 'gripper', '--limit', '3'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ 1\. .+\n {4}arXiv:2601\.\d{5}/);
    const json = await runCli(['search', 'tactile gripper', '--json', '--limit', '3'], env);
    const items = JSON.parse(json.stdout) as { paper: { id: string } }[];
    expect(items).toHaveLength(3);
    expect(items.every((i) => corpus.find((p) => p.id === i.paper.id)?.topic === 'robots')).toBe(true);
    const long = await runCli(['search', 'x'.repeat(251)], env);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('at most 250 characters');
  }, 90_000);
});
