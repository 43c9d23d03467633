// The model files' hashes are read once per process while the files stay as they were (a real model
// is hundreds of MB and start-up asks several times), and a file changed since is still noticed.
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelRow } from '../src/db/vectors.ts';
import { changedFiles, fingerprint, MODEL_FILES } from '../src/search/onnx-files.ts';
import { providerMismatch } from '../src/search/onnx.ts';
import { tinyOnnxModel, tinyTable, writeTinyModel } from './onnx-model.ts';
import { tempDir } from './support.ts';

// Every file the code under test opens for reading, by path.
const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const createReadStream = ((path: Parameters<typeof fs.createReadStream>[0], options?: Parameters<typeof fs.createReadStream>[1]) => {
    reads.push(String(path));
    return fs.createReadStream(path, options);
  }) as typeof fs.createReadStream;
  return { ...fs, default: { ...fs, createReadStream }, createReadStream };
});

const V1 = { topics: { astro: ['galaxy', 'telescope', 'cosmology'], quant: ['int4', 'rounding'] } };
const V2 = { topics: { astro: ['galaxy', 'telescope'], quant: ['int4', 'rounding', 'cosmology'] } };
const HOUR_AGO = new Date(Date.now() - 3600_000);

describe('ONNX model file hashes', () => {
  const dir = tempDir();
  const model = join(dir.path, 'tiny');
  const onnxFile = join(model, 'onnx', 'model.onnx');
  const readsOf = (file: string) => reads.filter((r) => r === file).length;
  const settle = () => MODEL_FILES.forEach((f) => utimesSync(join(model, f), HOUR_AGO, HOUR_AGO));
  let row: ModelRow;

  beforeAll(async () => {
    writeTinyModel(model, V1);
    settle();
    const files = await fingerprint(model);
    row = { id: 3, kind: 'onnx:tiny', params: JSON.stringify({ path: model, files, dims: 32 }), dims: 32, papers: 1, status: 'ready', created_at: '2026-01-01T00:00:00.000Z' };
  });
  afterAll(() => dir.remove());

  it('reads each file once per process while it is unchanged, concurrent checks included', async () => {
    expect(MODEL_FILES.map((f) => readsOf(join(model, f)))).toEqual([1, 1, 1, 1]);
    const checks = await Promise.all([providerMismatch(row, model), providerMismatch(row, model), changedFiles(model, JSON.parse(row.params).files)]);
    expect(checks).toEqual([null, null, []]);
    expect(await fingerprint(model)).toEqual(JSON.parse(row.params).files);
    expect(MODEL_FILES.map((f) => readsOf(join(model, f)))).toEqual([1, 1, 1, 1]);
  });

  it('reads a file again once it was touched, and finds it unchanged', async () => {
    const before = readsOf(onnxFile);
    utimesSync(onnxFile, new Date(Date.now() - 7200_000), new Date(Date.now() - 7200_000));
    expect(await providerMismatch(row, model)).toBeNull();
    expect(readsOf(onnxFile)).toBe(before + 1);
    settle();
  });

  it('notices a file replaced by one of the same size with its old modification time put back', async () => {
    expect(await providerMismatch(row, model)).toBeNull();
    const t = tinyTable(V2);
    const other = tinyOnnxModel(t.table, t.vocab.length, t.dims);
    expect(other.length).toBe(statSync(onnxFile).size);
    expect(Buffer.compare(Buffer.from(other), readFileSync(onnxFile))).not.toBe(0);
    writeFileSync(onnxFile, other);
    settle();
    expect(await providerMismatch(row, model)).toBe(`the ONNX model at ${model} changed since search model 3 was built with it (onnx/model.onnx differ)`);
  });

  it('notices a model rewritten after its first hash, and hashes a file just written each time', async () => {
    writeTinyModel(model, V1);
    settle();
    expect(await providerMismatch(row, model)).toBeNull();
    writeTinyModel(model, V2);
    const before = readsOf(onnxFile);
    const changed = `the ONNX model at ${model} changed since search model 3 was built with it (tokenizer.json, onnx/model.onnx differ)`;
    expect(await providerMismatch(row, model)).toBe(changed);
    // Written a moment ago: a further write within the file system's timestamp resolution could keep its stamp.
    expect(await providerMismatch(row, model)).toBe(changed);
    expect(readsOf(onnxFile)).toBe(before + 2);
  });
});
