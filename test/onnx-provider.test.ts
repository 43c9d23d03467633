// The ONNX provider on a tiny model generated here: transformers.js runs it as a feature-extraction
// model (mean pooling, unit vectors), the setting is checked at start-up, and a model row whose files
// changed on disk is refused instead of mixing two models' vectors.
import { cpSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import type { ModelRow } from '../src/db/vectors.ts';
import { CORPUS_KIND, loadEmbedder } from '../src/search/embedder.ts';
import { fingerprint } from '../src/search/onnx-files.ts';
import { retrain } from '../src/search/maintenance.ts';
import { onnxProvider, providerMismatch } from '../src/search/onnx.ts';
import { SemanticIndex } from '../src/search/semantic.ts';
import { writeTinyModel } from './onnx-model.ts';
import { addPapers, buildPaper, tempDir, testEnv } from './support.ts';

const SPEC = {
  topics: {
    astro: ['galaxy', 'telescope', 'stellar', 'photometry', 'quasar', 'redshift', 'nebula', 'cosmology'],
    quant: ['quantization', 'int4', 'rounding', 'calibration'],
  },
  words: ['survey', 'catalogue'],
};

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('ONNX embedding provider', () => {
  const dir = tempDir();
  const model = join(dir.path, 'tiny');
  let table: ReturnType<typeof writeTinyModel>;

  beforeAll(() => {
    table = writeTinyModel(model, SPEC);
  });
  afterAll(() => dir.remove());

  it('runs the generated model: mean of the token vectors, unit length, null when no token is known', async () => {
    const p = await onnxProvider(model);
    expect(p.kind).toBe('onnx:tiny');
    expect(p.dims).toBe(32);
    expect(p.params.path).toBe(model);
    expect(Object.keys(p.params.files).sort()).toEqual(['config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json']);
    const [sky, more, bits, none] = await p.embedder.embedPapers([
      { title: 'Galaxy telescope', abstract: 'Stellar photometry.' },
      { title: 'Quasar', abstract: 'redshift nebula' },
      { title: 'int4 rounding', abstract: null },
      { title: 'nothing this model knows', abstract: null },
    ]);
    for (const v of [sky, more, bits]) expect(Math.abs(dot(v!, v!) - 1)).toBeLessThan(1e-5);
    expect(none).toBeNull();
    // What the graph computes, by hand: the table rows of the known words, averaged, scaled to length 1.
    const expected = new Float32Array(32);
    for (const w of ['galaxy', 'telescope', 'stellar', 'photometry']) {
      const row = table.vocab.indexOf(w);
      for (let j = 0; j < 32; j++) expected[j]! += table.table[row * 32 + j]!;
    }
    const norm = Math.sqrt(dot(expected, expected));
    expect(Array.from(sky!).map((x, j) => Math.abs(x - expected[j]! / norm)).every((d) => d < 1e-5)).toBe(true);
    expect(dot(sky!, more!)).toBeGreaterThan(0.95);
    expect(Math.abs(dot(sky!, bits!))).toBeLessThan(0.1);
    const query = await p.embedder.embedQuery('cosmology');
    expect(dot(query!, sky!)).toBeGreaterThan(0.95);
  });

  it('cuts long texts at the model\'s positions when the tokenizer names no limit', async () => {
    const short = join(dir.path, 'short');
    writeTinyModel(short, { ...SPEC, maxPositions: 6, modelMaxLength: null });
    const p = await onnxProvider(short);
    const sky = await p.embedder.embedQuery('galaxy telescope stellar photometry');
    // [CLS] and the first five words fit: four of the sky, one int4; the twenty int4 after them are cut.
    const long = await p.embedder.embedQuery(`galaxy telescope stellar photometry ${'int4 '.repeat(20)}`);
    expect(dot(sky!, long!)).toBeGreaterThan(0.9);
    const untruncated = await (await onnxProvider(model)).embedder.embedQuery(`galaxy telescope stellar photometry ${'int4 '.repeat(20)}`);
    expect(dot(sky!, untruncated!)).toBeLessThan(0.5);
  });

  it('generates the same files from the same description', async () => {
    const again = join(dir.path, 'again');
    writeTinyModel(again, SPEC);
    expect(await fingerprint(again)).toEqual(await fingerprint(model));
  });

  it('checks the setting at start-up, naming the directory and what it lacks', () => {
    const env = { PAPERBOY_DATA_DIR: dir.path, PAPERBOY_SECRET: 'x'.repeat(32) };
    expect(loadConfig({ ...env, PAPERBOY_EMBEDDING_MODEL: relative(process.cwd(), model) }).embeddingModel).toBe(model);
    expect(loadConfig(env).embeddingModel).toBeUndefined();
    const missing = join(dir.path, 'missing');
    expect(() => loadConfig({ ...env, PAPERBOY_EMBEDDING_MODEL: missing })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, PAPERBOY_EMBEDDING_MODEL: missing })).toThrow(`PAPERBOY_EMBEDDING_MODEL="${missing}": no model directory at ${missing}`);
    const partial = join(dir.path, 'partial');
    cpSync(model, partial, { recursive: true });
    rmSync(join(partial, 'onnx'), { recursive: true });
    rmSync(join(partial, 'tokenizer_config.json'));
    expect(() => loadConfig({ ...env, PAPERBOY_EMBEDDING_MODEL: partial })).toThrow(`the model directory ${partial} has no tokenizer_config.json, onnx/model.onnx`);
  });

  it('refuses a stored model whose files changed, and says which provider a model is from', async () => {
    const copy = join(dir.path, 'copy');
    cpSync(model, copy, { recursive: true });
    const p = await onnxProvider(copy);
    const row: ModelRow = { id: 7, kind: p.kind, params: JSON.stringify(p.params), dims: p.dims, papers: 1, status: 'ready', created_at: '2026-01-01T00:00:00.000Z' };
    expect(await providerMismatch(row, copy)).toBeNull();
    expect(await (await loadEmbedder(row, async () => null)).embedQuery('galaxy')).not.toBeNull();

    writeTinyModel(copy, { topics: { astro: ['galaxy'] } });
    expect(await providerMismatch(row, copy)).toBe(`the ONNX model at ${copy} changed since search model 7 was built with it (config.json, tokenizer.json, onnx/model.onnx differ)`);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const stale = await loadEmbedder(row, async () => null);
      expect(await stale.embedQuery('galaxy')).toBeNull();
      expect(await stale.embedPapers([{ title: 'galaxy', abstract: null }])).toEqual([null]);
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining(`changed since search model 7 was built with it`));
    } finally {
      stderr.mockRestore();
    }

    expect(await providerMismatch(row, undefined)).toBe(`search model 7 uses the ONNX model at ${copy}, but PAPERBOY_EMBEDDING_MODEL is unset (paperboy's own corpus model)`);
    expect(await providerMismatch(row, model)).toBe(`search model 7 uses the ONNX model at ${copy}, but PAPERBOY_EMBEDDING_MODEL names the ONNX model at ${model}`);
    const corpus = { ...row, kind: CORPUS_KIND, params: '{}' };
    expect(await providerMismatch(corpus, undefined)).toBeNull();
    expect(await providerMismatch(corpus, model)).toBe(`search model 7 uses paperboy's own corpus model, but PAPERBOY_EMBEDDING_MODEL names the ONNX model at ${model}`);
  });

  it('a stored model that cannot embed is loaded again after a while, not by every search', async () => {
    const env = await testEnv('sqlite');
    const back = join(dir.path, 'back');
    writeTinyModel(back, SPEC);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await addPapers(env.db, [buildPaper({ title: 'Galaxy telescope', abstract: 'Stellar photometry.' })]);
      await retrain(env.db, new SemanticIndex(env.db), {}, undefined, back);
      writeTinyModel(back, { topics: { astro: ['galaxy'] } });
      const semantic = new SemanticIndex(env.db, undefined, 300);
      const first = (await semantic.current())!;
      expect(first.embedder.unavailable).toContain(`the ONNX model at ${back} changed since search model 1 was built with it`);
      expect(await first.embedder.embedQuery('galaxy')).toBeNull();
      // Put back: within the retry interval the model is not loaded again.
      writeTinyModel(back, SPEC);
      expect(semantic.embedderFor(first.model)).toBe(semantic.embedderFor(first.model));
      expect((await semantic.current())!.embedder.unavailable).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 350));
      await vi.waitFor(async () => expect((await semantic.current())!.embedder.unavailable).toBeUndefined(), { timeout: 10_000 });
      expect(await (await semantic.current())!.embedder.embedQuery('galaxy')).not.toBeNull();
      expect(stderr.mock.calls.filter(([line]) => String(line).includes('changed since search model 1'))).toHaveLength(1);
    } finally {
      stderr.mockRestore();
      await env.close();
    }
  });
});
