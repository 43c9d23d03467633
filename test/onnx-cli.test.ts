// A user's own ONNX embedding model end to end: `paperboy index --rebuild` with PAPERBOY_EMBEDDING_MODEL
// embeds the archive with it, the server's search and similar papers rank by it, and a model that
// changed on disk or is missing is named, refused by `index` and re-indexed by the server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServer } from './cli.ts';
import { writeTinyModel } from './onnx-model.ts';
import { freeTcpPort } from './ports.ts';
import { emptyDatabase } from './postgres.ts';
import { apiIds as search, ASTRO, FAR, importLines, QUANT, SKY } from './onnx-corpus.ts';
import { topicPapers } from './search-corpus.ts';
import { DATABASES, tempDir } from './support.ts';

// "cosmology" is in no paper: only the model can tell what it is near. The second version moves it.
const V1 = { topics: { astro: [...ASTRO, 'cosmology'], quant: QUANT } };
const V2 = { topics: { astro: ASTRO, quant: [...QUANT, 'cosmology'] } };

describe.each(DATABASES)('a local ONNX embedding model on $name', ({ name }) => {
  const dir = tempDir();
  const model = join(dir.path, 'tiny-model');
  const corpus = topicPapers(8);
  const quant = new Set(corpus.filter((p) => p.topic === 'quant').map((p) => p.id));
  let env: Record<string, string>;
  let onnx: Record<string, string>;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    writeTinyModel(model, V1);
    const db = await emptyDatabase(name, dir.path);
    drop = db.drop;
    env = { PAPERBOY_DATABASE: db.location, PAPERBOY_DATA_DIR: dir.path, PAPERBOY_DEMO: 'false' };
    onnx = { ...env, PAPERBOY_EMBEDDING_MODEL: model };
    writeFileSync(join(dir.path, 'papers.jsonl'), importLines());
    expect((await runCli(['import', join(dir.path, 'papers.jsonl')], env)).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await drop?.();
    dir.remove();
  });

  it('index keeps the corpus model until told to rebuild with the configured one', async () => {
    expect((await runCli(['index'], env)).stdout).toMatch(/search model 1 \(ppmi-svd, \d+ dimensions\) covers 26 papers/);
    const before = await runCli(['search', 'cosmology', '--json'], env);
    expect(JSON.parse(before.stdout)).toEqual([]);
    const r = await runCli(['index'], onnx);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `paperboy: search model 1 uses paperboy's own corpus model, but PAPERBOY_EMBEDDING_MODEL names the ONNX model at ${model}: run \`paperboy index --rebuild\` to re-embed every paper with it\n`,
    );
  }, 60_000);

  it('index --rebuild embeds every paper with the model; search and similar papers rank by it', async () => {
    const r = await runCli(['index', '--rebuild'], onnx);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^search model 2 \(onnx:tiny-model, 32 dimensions\) covers 26 papers; built in [\d.]+ s\n$/);
    const server = await startServer(onnx, await freeTcpPort());
    try {
      // A word in no paper finds the two sky papers by meaning alone; the one that has "quasar" comes first.
      expect(await search(server.url, '/api/papers/search?q=cosmology')).toEqual(expect.arrayContaining([SKY.arxiv_id, FAR.arxiv_id]));
      expect(await search(server.url, '/api/papers/search?q=cosmology')).toHaveLength(2);
      expect(await search(server.url, '/api/papers/search?q=quasar%20cosmology')).toEqual([FAR.arxiv_id, SKY.arxiv_id]);
      expect(await search(server.url, `/api/papers/${SKY.arxiv_id}/similar`)).toEqual([FAR.arxiv_id]);
      const page = await (await fetch(`${server.url}/papers/${SKY.arxiv_id}`)).text();
      expect(page).toContain(FAR.title);
      // A paper stored later is embedded with the model at once, by whichever process stores it.
      const later = { arxiv_id: '2602.00003', title: 'Nebula photometry', abstract: 'A telescope looks at one nebula.', authors: ['Vera Rubin'], published_at: '2026-02-03' };
      writeFileSync(join(dir.path, 'later.jsonl'), JSON.stringify(later) + '\n');
      expect((await runCli(['import', join(dir.path, 'later.jsonl')], onnx)).code).toBe(0);
      expect(await search(server.url, '/api/papers/search?q=cosmology')).toEqual(expect.arrayContaining([SKY.arxiv_id, FAR.arxiv_id, later.arxiv_id]));
    } finally {
      await server.stop();
    }
  }, 90_000);

  it('a model changed on disk is refused by index and re-indexed by the server', async () => {
    writeTinyModel(model, V2);
    const r = await runCli(['index'], onnx);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the ONNX model at ${model} changed since search model 2 was built with it (tokenizer.json, onnx/model.onnx differ): run \`paperboy index --rebuild\``);
    const server = await startServer(onnx, await freeTcpPort());
    try {
      // The server rebuilds in the background; "cosmology" then means quantization.
      const deadline = Date.now() + 60_000;
      let found: string[] = [];
      while (Date.now() < deadline) {
        found = await search(server.url, '/api/papers/search?q=cosmology');
        if (found.length && found.every((id) => quant.has(id))) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((id) => quant.has(id))).toBe(true);
      expect(server.output()).toContain(`changed since search model 2 was built with it`);
    } finally {
      await server.stop();
    }
    expect((await runCli(['index'], onnx)).stdout).toMatch(/^search model 3 \(onnx:tiny-model, 32 dimensions\)/);
  }, 120_000);

  it('a missing or broken model stops the commands with one line naming it, the current model kept', async () => {
    const broken = join(dir.path, 'broken');
    writeTinyModel(broken, V1);
    writeFileSync(join(broken, 'onnx', 'model.onnx'), 'not a model');
    const r = await runCli(['index', '--rebuild'], { ...env, PAPERBOY_EMBEDDING_MODEL: broken });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^paperboy: cannot load the ONNX model at ${broken}: [^\\n]+\\n$`));
    expect((await runCli(['index'], onnx)).stdout).toMatch(/^search model 3 \(onnx:tiny-model/);
    const gone = join(dir.path, 'gone');
    for (const args of [['index'], ['serve', '--port', String(await freeTcpPort())]]) {
      const r = await runCli(args, { ...env, PAPERBOY_EMBEDDING_MODEL: gone });
      expect(r.code).toBe(78);
      expect(r.stderr).toBe(`paperboy: invalid configuration:\n  PAPERBOY_EMBEDDING_MODEL="${gone}": no model directory at ${gone}\n`);
    }
  });
});
