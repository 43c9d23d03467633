// A stored ONNX model that cannot load in this process (the optional package missing, as after
// `npm install --omit=optional`) or whose file was corrupted after indexing: the site, the API and
// `paperboy search` still answer by keywords and say why once; `index` stops with one line naming the model.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServer } from './cli.ts';
import { writeTinyModel } from './onnx-model.ts';
import { apiIds as ids, ASTRO, FAR, importLines, QUANT, SKY, type Item } from './onnx-corpus.ts';
import { freeTcpPort } from './ports.ts';
import { emptyDatabase } from './postgres.ts';
import { topicPapers } from './search-corpus.ts';
import { DATABASES, tempDir } from './support.ts';

const HOOK = join(import.meta.dirname, 'without-transformers.mjs');
const STACK = /\n\s+at /;

const count = (text: string, part: string) => text.split(part).length - 1;

describe.each(DATABASES)('an ONNX model that cannot load, on $name', ({ name }) => {
  const dir = tempDir();
  const model = join(dir.path, 'tiny-model');
  const quant = new Set(topicPapers(8).filter((p) => p.topic === 'quant').map((p) => p.id));
  let onnx: Record<string, string>;
  let missing: Record<string, string>;
  let drop: () => Promise<void>;
  const cannotLoad = () => `cannot load the ONNX model at ${model}: the optional package @huggingface/transformers did not load (`;

  beforeAll(async () => {
    // "cosmology" is in no paper: only the model can find the sky papers by it.
    writeTinyModel(model, { topics: { astro: [...ASTRO, 'cosmology'], quant: QUANT } });
    const db = await emptyDatabase(name, dir.path);
    drop = db.drop;
    onnx = { PAPERBOY_DATABASE: db.location, PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false', PAPERBOY_EMBEDDING_MODEL: model };
    missing = { ...onnx, NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import ${HOOK}`].filter(Boolean).join(' ') };
    writeFileSync(join(dir.path, 'papers.jsonl'), importLines());
    expect((await runCli(['import', join(dir.path, 'papers.jsonl')], onnx)).code).toBe(0);
    expect((await runCli(['index', '--rebuild'], onnx)).stdout).toMatch(/^search model 1 \(onnx:tiny-model, 32 dimensions\) covers 26 papers/);
  }, 90_000);
  afterAll(async () => {
    await drop?.();
    dir.remove();
  });

  it('without the optional package the server answers by keywords, similar papers by the stored vectors, and says why once', async () => {
    const server = await startServer(missing, await freeTcpPort());
    try {
      const found = await ids(server.url, '/api/papers/search?q=quantization');
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((id) => quant.has(id))).toBe(true);
      // A word in no paper: only the model could find the sky papers, and it cannot load.
      expect(await ids(server.url, '/api/papers/search?q=cosmology')).toEqual([]);
      expect(await ids(server.url, `/api/papers/${SKY.arxiv_id}/similar`)).toEqual([FAR.arxiv_id]);
      const page = await fetch(`${server.url}/search?q=galaxy`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('galaxy</mark> telescope survey');
      const paper = await fetch(`${server.url}/papers/${SKY.arxiv_id}`);
      expect(paper.status).toBe(200);
      expect(await paper.text()).toContain(FAR.title);
      expect(await ids(server.url, '/api/papers/search?q=galaxy')).toEqual([SKY.arxiv_id]);
      expect(count(server.output(), cannotLoad())).toBe(1);
      expect(server.output()).not.toContain('"status":500');
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('paperboy search lists the keyword matches and says why in one line', async () => {
    const r = await runCli(['search', 'galaxy', '--json'], missing);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Item[]).map((i) => i.paper.id)).toEqual([SKY.arxiv_id]);
    expect(r.stderr.startsWith(`paperboy: ${cannotLoad()}`)).toBe(true);
    expect(r.stderr).toMatch(/^[^\n]*: run `npm install --include=optional`; meanwhile searches rank by keywords and nothing is embedded with it\n$/);
  }, 30_000);

  it('index stops with one line naming the model; an import stores its papers, embedded once the model loads', async () => {
    for (const args of [['index'], ['index', '--rebuild']]) {
      const r = await runCli(args, missing);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.startsWith(`paperboy: ${cannotLoad()}`)).toBe(true);
      expect(r.stderr).toMatch(/^[^\n]*: run `npm install --include=optional`\n$/);
      expect(r.stdout).toBe('');
    }
    const later = { arxiv_id: '2602.00003', title: 'Nebula photometry', abstract: 'A telescope looks at one nebula.', authors: ['Vera Rubin'], published_at: '2026-02-03' };
    writeFileSync(join(dir.path, 'later.jsonl'), JSON.stringify(later) + '\n');
    const imported = await runCli(['import', join(dir.path, 'later.jsonl')], missing);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('1 new');
    expect(count(imported.stderr, cannotLoad())).toBe(1);
    expect(imported.stderr).not.toMatch(STACK);
    // No model was half-built by the failed rebuild; the new paper waits for its vector until index runs with the model.
    const byMeaning = async () => (JSON.parse((await runCli(['search', 'cosmology', '--json'], onnx)).stdout) as Item[]).map((i) => i.paper.id).sort();
    expect(await byMeaning()).toEqual([SKY.arxiv_id, FAR.arxiv_id]);
    expect((await runCli(['index'], onnx)).stdout).toMatch(/^search model 1 \(onnx:tiny-model, 32 dimensions\)/);
    expect(await byMeaning()).toEqual([SKY.arxiv_id, FAR.arxiv_id, later.arxiv_id]);
  }, 60_000);

  it('a model file corrupted after indexing: keyword results, and index names what changed', async () => {
    writeFileSync(join(model, 'onnx', 'model.onnx'), 'not a model');
    const changed = `the ONNX model at ${model} changed since search model 1 was built with it (onnx/model.onnx differ)`;
    const r = await runCli(['search', 'quantization', '--json'], onnx);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Item[]).length).toBeGreaterThan(0);
    expect(r.stderr).toBe(`paperboy: ${changed}: run \`paperboy index --rebuild\` to re-embed every paper with it; meanwhile searches rank by keywords and nothing is embedded with it\n`);
    const index = await runCli(['index'], onnx);
    expect(index.code).toBe(1);
    expect(index.stderr).toBe(`paperboy: ${changed}: run \`paperboy index --rebuild\` to re-embed every paper with it\n`);
    const rebuild = await runCli(['index', '--rebuild'], onnx);
    expect(rebuild.code).toBe(1);
    expect(rebuild.stderr).toMatch(new RegExp(`^paperboy: cannot load the ONNX model at ${model}: [^\\n]+\\n$`));
    const server = await startServer(onnx, await freeTcpPort());
    try {
      for (let i = 0; i < 3; i++) expect(await ids(server.url, '/api/papers/search?q=galaxy')).toEqual([SKY.arxiv_id]);
      expect((await fetch(`${server.url}/search?q=galaxy`)).status).toBe(200);
      expect(await ids(server.url, `/api/papers/${SKY.arxiv_id}/similar`)).toContain(FAR.arxiv_id);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
