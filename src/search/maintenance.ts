// Keeping the semantic side current: embedding papers as they arrive, catching up on papers
// without a vector, and retraining the corpus model (`paperboy index --rebuild`, the scheduled job).
import type { Db } from '../db/driver.ts';
import { countPapers } from '../db/papers.ts';
import {
  activateModel, currentModel, deleteModel, insertModel, liveModels, paperTexts, paperTextsByIds, papersWithoutVector,
  upsertVectors, type ModelData, type ModelRow, type PaperText,
} from '../db/vectors.ts';
import { CORPUS_KIND, corpusEmbedder, type Embedder } from './embedder.ts';
import { onnxProvider } from './onnx.ts';
import type { SemanticIndex } from './semantic.ts';
import { dropPgvectorTables, mirrorToPgvector, upsertPgvectors } from '../db/vectors-pg.ts';
import { trainWordModel, type TrainingText, type WordModelParams } from './word-model.ts';

export type Progress = (stage: string, done: number, total: number) => void;

const PAGE = 2000;

/** Embeds these papers under every live model (the current one and one being built). */
export async function embedPapers(db: Db, semantic: SemanticIndex, ids: string[]): Promise<void> {
  const models = await liveModels(db);
  if (!models.length) return;
  for (let i = 0; i < ids.length; i += PAGE) {
    const papers = await paperTextsByIds(db, ids.slice(i, i + PAGE));
    for (const model of models) await embedInto(db, semantic, model, await semantic.embedderFor(model), papers);
  }
}

async function embedInto(db: Db, semantic: SemanticIndex, model: ModelRow, embedder: Embedder, papers: PaperText[]): Promise<number> {
  const vectors = await embedder.embedPapers(papers);
  const rows = papers.flatMap((p, i) => (vectors[i] ? [{ paperId: p.id, vector: vectors[i]! }] : []));
  await upsertVectors(db, model.id, rows);
  await upsertPgvectors(db, model.id, rows);
  semantic.remember(model.id, rows);
  return rows.length;
}

/**
 * Embeds every paper that has no vector under the model yet; returns how many got one, and how many
 * stay without (the model knows no word of them: they are tried again on each run).
 */
export async function catchUp(db: Db, semantic: SemanticIndex, model: ModelRow, embedder: Embedder, progress?: Progress): Promise<{ embedded: number; withoutWords: number }> {
  const total = await countPapers(db);
  let after = '';
  let done = 0;
  let embedded = 0;
  for (;;) {
    const page = await papersWithoutVector(db, model.id, after, PAGE);
    if (!page.length) return { embedded, withoutWords: done - embedded };
    embedded += await embedInto(db, semantic, model, embedder, page);
    done += page.length;
    after = page.at(-1)!.id;
    progress?.('embedding', Math.min(done, total), total);
  }
}

/** Every paper's title and abstract, read a page at a time. */
async function corpus(db: Db, progress?: Progress): Promise<TrainingText[]> {
  const total = await countPapers(db);
  const texts: TrainingText[] = [];
  let after = '';
  for (;;) {
    const page = await paperTexts(db, after, 10_000);
    if (!page.length) return texts;
    texts.push(...page);
    after = page.at(-1)!.id;
    progress?.('reading', texts.length, total);
  }
}

/**
 * Trains a new corpus model on all papers (or, given `embeddingModel`, a local ONNX model's
 * directory, takes that model), embeds every paper with it and makes it current; the old model
 * keeps answering searches until then. Returns the new model, or null when there are no papers.
 */
export async function retrain(db: Db, semantic: SemanticIndex, params: Partial<WordModelParams> = {}, progress?: Progress, embeddingModel?: string): Promise<ModelRow | null> {
  let built: { kind: string; params: unknown; dims: number; papers: number; data: ModelData | null; embedder: Embedder };
  if (embeddingModel) {
    const papers = await countPapers(db);
    if (!papers) return null;
    progress?.('loading model', 0, 0);
    built = { ...(await onnxProvider(embeddingModel)), papers };
  } else {
    const texts = await corpus(db, progress);
    if (!texts.length) return null;
    const model = trainWordModel(() => texts, params, progress);
    const data = { vocab: model.vocab, wordVectors: model.vectors, weights: model.weights, common: model.common };
    built = { kind: CORPUS_KIND, params: model.params, dims: model.params.dims, papers: texts.length, data, embedder: corpusEmbedder(model) };
  }
  const id = await insertModel(db, built, new Date().toISOString());
  try {
    const row = (await liveModels(db)).find((m) => m.id === id)!;
    const embedder = built.embedder;
    await catchUp(db, semantic, row, embedder, progress);
    // Before the switch, so every process sees the new model's pgvector table from its first search.
    progress?.('pgvector', 0, 0);
    await mirrorToPgvector(db, id, built.dims);
    await activateModel(db, id);
    await dropPgvectorTables(db, id);
    // Papers that arrived between the last page and the switch.
    await catchUp(db, semantic, row, embedder);
    return (await currentModel(db)) ?? row;
  } catch (e) {
    await deleteModel(db, id);
    await dropPgvectorTables(db, (await currentModel(db))?.id ?? null);
    throw e;
  }
}

/** Brings vectors up to date: trains the first model when there is none, else embeds what is missing. */
export async function updateIndex(db: Db, semantic: SemanticIndex, progress?: Progress): Promise<{ trained: boolean; embedded: number; withoutWords: number }> {
  const model = await currentModel(db);
  if (!model) return { trained: (await retrain(db, semantic, {}, progress)) !== null, embedded: 0, withoutWords: 0 };
  return { trained: false, ...(await catchUp(db, semantic, model, await semantic.embedderFor(model), progress)) };
}
