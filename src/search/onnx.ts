// The ONNX provider: a user's local sentence-embedding model (Hugging Face layout) run on the CPU by
// @huggingface/transformers with mean pooling, never fetching anything. Model rows of kind `onnx:NAME`
// record the directory and the hash of each file, so a model changed on disk is refused, not mixed in.
import { basename } from 'node:path';
import type { ModelRow } from '../db/vectors.ts';
import { CORPUS_KIND, registerEmbedderKind, unavailableEmbedder, type Embedder } from './embedder.ts';
import { changedFiles, fingerprint, modelDirProblem } from './onnx-files.ts';

export const ONNX_KIND = 'onnx';

/** A model that cannot be used as configured: the message is meant for the person running paperboy. */
export class EmbeddingModelError extends Error {}

export interface OnnxParams {
  path: string;
  files: Record<string, string>;
  dims: number;
}

type Run = (texts: string[]) => Promise<{ dims: number[]; data: Float32Array }>;

/** Texts per run: padded to the longest in the batch, so texts are batched by length. */
const BATCH = 32;

type Transformers = typeof import('@huggingface/transformers');
let library: Promise<Transformers> | null = null;

/** The library, loaded on first use only: a site on the corpus model never pays for it. */
function transformers(): Promise<Transformers> {
  library ??= import('@huggingface/transformers').then(
    (t) => {
      t.env.allowRemoteModels = false;
      t.env.allowLocalModels = true;
      t.env.useFSCache = false;
      t.env.useBrowserCache = false;
      t.env.fetch = async (url) => {
        throw new Error(`paperboy reads embedding models from local files only, not ${String(url)}`);
      };
      t.env.logLevel = t.LogLevel.ERROR;
      return t;
    },
    (e: Error) => {
      library = null;
      throw new Error(`the optional package @huggingface/transformers did not load (${e.message.split('\n')[0]}): run \`npm install --include=optional\``);
    },
  );
  return library;
}

const open = new Map<string, { key: string; run: Promise<Run> }>();

/** One session per model directory and content, shared by every model row that uses it. */
function openModel(dir: string, files: Record<string, string>): Promise<Run> {
  const key = JSON.stringify(files);
  const known = open.get(dir);
  if (known?.key === key) return known.run;
  const run = startModel(dir);
  open.set(dir, { key, run });
  run.catch(() => open.get(dir)?.run === run && open.delete(dir));
  return run;
}

async function startModel(dir: string): Promise<Run> {
  let extractor;
  try {
    const t = await transformers();
    extractor = await t.pipeline('feature-extraction', dir, { dtype: 'fp32', device: 'cpu', local_files_only: true });
  } catch (e) {
    throw new EmbeddingModelError(`cannot load the ONNX model at ${dir}: ${(e as Error).message.split('\n')[0]}`);
  }
  // Texts are cut at the tokenizer's model_max_length; some exports leave it unset or at a huge
  // placeholder, and a longer text would then overrun the model's position table.
  const positions = (extractor.model.config as { max_position_embeddings?: number }).max_position_embeddings;
  const tokenizerConfig = (extractor.tokenizer as unknown as { _tokenizerConfig?: { model_max_length?: number } })._tokenizerConfig;
  if (positions && tokenizerConfig && !((tokenizerConfig.model_max_length ?? Infinity) <= positions)) tokenizerConfig.model_max_length = positions;
  return async (texts) => {
    let out;
    try {
      // Scaled to unit length once, by unit(), which also tells a text with no known token (a zero mean).
      out = await extractor(texts, { pooling: 'mean' });
    } catch (e) {
      throw new EmbeddingModelError(`the ONNX model at ${dir} failed to embed: ${(e as Error).message.split('\n')[0]}`);
    }
    return { dims: out.dims, data: out.data as Float32Array };
  };
}

/** A copy scaled to length 1; null for a text with no known token (its mean is zero or NaN). */
function unit(v: Float32Array): Float32Array | null {
  let n = 0;
  for (const x of v) n += x * x;
  if (!(n > 1e-12) || !Number.isFinite(n)) return null;
  const s = 1 / Math.sqrt(n);
  return Float32Array.from(v, (x) => x * s);
}

function onnxText(p: { title: string; abstract: string | null }): string {
  return p.abstract ? `${p.title}. ${p.abstract}` : p.title;
}

function onnxEmbedder(kind: string, dims: number, run: Run): Embedder {
  async function embed(texts: string[]): Promise<(Float32Array | null)[]> {
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    const out: (Float32Array | null)[] = texts.map(() => null);
    for (let i = 0; i < order.length; i += BATCH) {
      const batch = order.slice(i, i + BATCH);
      const r = await run(batch.map((j) => texts[j]!));
      const d = r.dims.at(-1);
      if (d !== dims) throw new EmbeddingModelError(`the ONNX model ${kind} gave ${d}-dimensional vectors where its search model has ${dims}`);
      batch.forEach((j, k) => (out[j] = unit(r.data.subarray(k * d, (k + 1) * d))));
    }
    return out;
  }
  return {
    kind,
    dims,
    embedPapers: (papers) => embed(papers.map(onnxText)),
    embedQuery: async (text) => (await embed([text]))[0]!,
  };
}

/** A new model of the ONNX provider for `paperboy index --rebuild`: what to store and its embedder. */
export async function onnxProvider(dir: string): Promise<{ kind: string; params: OnnxParams; dims: number; data: null; embedder: Embedder }> {
  const problem = modelDirProblem(dir);
  if (problem) throw new EmbeddingModelError(problem);
  const files = await fingerprint(dir).catch((e: Error) => {
    throw new EmbeddingModelError(`cannot read the ONNX model at ${dir}: ${e.message}`);
  });
  const run = await openModel(dir, files);
  const dims = (await run(['dimensions'])).dims.at(-1)!;
  const kind = `${ONNX_KIND}:${basename(dir)}`;
  return { kind, params: { path: dir, files, dims }, dims, data: null, embedder: onnxEmbedder(kind, dims, run) };
}

/** Why a stored ONNX model can no longer embed consistently with its vectors; null when it can (EmbeddingModelError: its files cannot be read). */
async function staleReason(model: ModelRow, p: OnnxParams): Promise<string | null> {
  const problem = modelDirProblem(p.path);
  if (problem) return `search model ${model.id} was built with the ONNX model at ${p.path}, which is gone (${problem})`;
  const changed = await changedFiles(p.path, p.files).catch((e: Error) => {
    throw new EmbeddingModelError(`cannot read the ONNX model at ${p.path}: ${e.message}`);
  });
  if (changed.length) return `the ONNX model at ${p.path} changed since search model ${model.id} was built with it (${changed.join(', ')} differ)`;
  return null;
}

/**
 * Whether the current model comes from the provider the settings name (`configured` is
 * PAPERBOY_EMBEDDING_MODEL, undefined for the corpus model): null when it does, else why not.
 */
export async function providerMismatch(model: ModelRow, configured: string | undefined): Promise<string | null> {
  const p = model.kind.split(':')[0] === ONNX_KIND ? (JSON.parse(model.params) as OnnxParams) : null;
  const what = p ? `the ONNX model at ${p.path}` : model.kind === CORPUS_KIND ? "paperboy's own corpus model" : `a model of kind ${model.kind}`;
  if (!configured) return model.kind === CORPUS_KIND ? null : `search model ${model.id} uses ${what}, but PAPERBOY_EMBEDDING_MODEL is unset (paperboy's own corpus model)`;
  if (!p || p.path !== configured) return `search model ${model.id} uses ${what}, but PAPERBOY_EMBEDDING_MODEL names the ONNX model at ${configured}`;
  return staleReason(model, p);
}

/**
 * A stored model whose files changed or went away, or that cannot load here (the optional package
 * missing, a file unreadable), embeds nothing: searches rank by keywords (and the stored vectors)
 * rather than failing or mixing vectors of two models.
 */
async function loadOnnxModel(row: ModelRow): Promise<Embedder> {
  const p = JSON.parse(row.params) as OnnxParams;
  try {
    const stale = await staleReason(row, p);
    if (stale) return unavailableEmbedder(row, `${stale}: run \`paperboy index --rebuild\` to re-embed every paper with it`);
    return onnxEmbedder(row.kind, row.dims, await openModel(p.path, p.files));
  } catch (e) {
    if (e instanceof EmbeddingModelError) return unavailableEmbedder(row, e.message);
    throw e;
  }
}

registerEmbedderKind(ONNX_KIND, loadOnnxModel);
