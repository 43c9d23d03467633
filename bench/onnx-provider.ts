// The ONNX embedding provider on the demo corpus (2,076 papers) with a generated model whose
// vocabulary is the corpus's own words: `paperboy index --rebuild`, what loading the provider costs,
// embedding throughput and query latency, each next to paperboy's corpus model in the same run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openDatabase } from '../src/db/driver.ts';
import { currentModel, modelData } from '../src/db/vectors.ts';
import { DEMO_FILE } from '../src/ingest/demo.ts';
import { loadEmbedder, type Embedder } from '../src/search/embedder.ts';
import '../src/search/onnx.ts';
import { words } from '../src/search/text.ts';
import { writeTinyModel } from '../test/onnx-model.ts';
import { benchEnv, report } from './_support.ts';

const papers = gunzipSync(readFileSync(DEMO_FILE))
  .toString('utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { title: string; abstract: string | null });

const bench = benchEnv('onnx');
const seconds = (since: number) => +((performance.now() - since) / 1000).toFixed(2);
const timed = (args: string[]) => {
  const t = performance.now();
  bench.cli(args);
  return seconds(t);
};

/** The stored current model's embedder, loaded as a fresh process would, and how long that took. */
async function loadCurrent(): Promise<{ embedder: Embedder; ms: number }> {
  const db = await openDatabase(bench.env.PAPERBOY_DATABASE!);
  try {
    const row = (await currentModel(db))!;
    const t = performance.now();
    const embedder = await loadEmbedder(row, () => modelData(db, row.id));
    return { embedder, ms: Math.round(performance.now() - t) };
  } finally {
    await db.close();
  }
}

async function queryP50(embedder: Embedder): Promise<number> {
  const queries = ['quantization of large language models', 'diffusion image editing', 'robot manipulation policy', 'retrieval augmented generation'];
  const ms: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    await embedder.embedQuery(queries[i % queries.length]!);
    ms.push(performance.now() - t);
  }
  return +ms.sort((a, b) => a - b)[30]!.toFixed(2);
}

try {
  // A WordPiece vocabulary of the corpus's 30,000 commonest words, 384 dimensions like the small sentence-transformers.
  const counts = new Map<string, number>();
  for (const p of papers) for (const w of words(`${p.title} ${p.abstract ?? ''}`.toLowerCase())) counts.set(w, (counts.get(w) ?? 0) + 1);
  const vocab = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30_000).map(([w]) => w);
  const model = join(bench.dir.path, 'tiny-model');
  writeTinyModel(model, { topics: {}, words: vocab, dims: 384 });

  bench.cli(['import', DEMO_FILE]);
  const corpusRebuild = timed(['index', '--rebuild']);
  const corpusNoop = timed(['index']);
  const corpus = await loadCurrent();

  bench.env.PAPERBOY_EMBEDDING_MODEL = model;
  const onnxRebuild = timed(['index', '--rebuild']);
  const onnxNoop = timed(['index']);
  const onnx = await loadCurrent();

  report({ name: 'onnx_index_rebuild_demo_s', value: onnxRebuild, unit: 's', baseline: corpusRebuild, papers: papers.length });
  report({ name: 'onnx_provider_load_ms', value: onnx.ms, unit: 'ms', baseline: corpus.ms, note: 'library import, ONNX session, file hashes; baseline: the stored corpus model' });
  report({ name: 'onnx_index_noop_process_s', value: onnxNoop, unit: 's', baseline: corpusNoop, note: 'a whole `paperboy index` process with nothing to embed' });

  let t = performance.now();
  const vectors = await onnx.embedder.embedPapers(papers);
  const onnxEmbed = seconds(t);
  t = performance.now();
  await corpus.embedder.embedPapers(papers);
  report({ name: 'onnx_embed_demo_s', value: onnxEmbed, unit: 's', baseline: seconds(t), papers: papers.length, embedded: vectors.filter(Boolean).length });
  report({ name: 'onnx_query_embed_p50_ms', value: await queryP50(onnx.embedder), unit: 'ms', baseline: await queryP50(corpus.embedder) });
} finally {
  bench.dir.remove();
}
