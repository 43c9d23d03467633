// What turns text into vectors: paperboy's own corpus model, or another provider (a local ONNX
// sentence-embedding model). Every provider gives unit vectors of a fixed size.
import type { ModelData, ModelRow } from '../db/vectors.ts';
import { stem } from './text.ts';
import { modelFrom, paperText, textVector, type WordModel, type WordModelParams } from './word-model.ts';

export interface Embedder {
  kind: string;
  dims: number;
  /** Vectors for papers (title and abstract); null where the text has nothing the model knows. */
  embedPapers(papers: { title: string; abstract: string | null }[]): Promise<(Float32Array | null)[]>;
  embedQuery(text: string): Promise<Float32Array | null>;
  /** How distinctive a word is (higher = rarer; 0 = unknown), where the provider knows. */
  rarity?(word: string): number;
  /** Inverse document frequency-like weight of a word, log(1 / its share of all words); words it never saw count as rare. */
  idf?(word: string): number;
  /** Why this model embeds nothing in this process (its files changed, it cannot load), naming it; absent when it works. */
  unavailable?: string;
}

export const CORPUS_KIND = 'ppmi-svd';

export function corpusEmbedder(model: WordModel): Embedder {
  return {
    kind: CORPUS_KIND,
    dims: model.params.dims,
    async embedPapers(papers) {
      return papers.map((p) => textVector(model, paperText(p)));
    },
    async embedQuery(text) {
      return textVector(model, text);
    },
    rarity(word) {
      const id = model.index.get(stem(word));
      return id === undefined ? 0 : model.weights[id]!;
    },
    idf(word) {
      const id = model.index.get(stem(word));
      const a = model.params.sif;
      // weight = a / (a + p)  ⇒  p = a / weight − a; unseen words are rarer than the rarest kept one.
      const p = id === undefined ? a / model.weights[model.weights.length - 1]! - a : a / model.weights[id]! - a;
      return Math.log(1 / Math.max(p * (id === undefined ? 0.5 : 1), 1e-9));
    },
  };
}

/**
 * A stored model that cannot embed here: every vector is null, so searches rank by keywords (similar
 * papers also by the vectors already stored) instead of failing. Says why on first use, once.
 */
export function unavailableEmbedder(row: ModelRow, reason: string): Embedder {
  const none = () => (reportUnavailable(reason), null);
  return { kind: row.kind, dims: row.dims, unavailable: reason, embedPapers: async (papers) => papers.map(none), embedQuery: async () => none() };
}

const reported = new Set<string>();

/** Writes why a model embeds nothing once per process and reason: on stderr, or with `write` (the server's log). */
export function reportUnavailable(reason: string, write: (line: string) => void = (line) => void process.stderr.write(`paperboy: ${line}\n`)): void {
  if (reported.has(reason)) return;
  reported.add(reason);
  write(`${reason}; meanwhile searches rank by keywords and nothing is embedded with it`);
}

/** Providers other than the corpus model register a loader for their kind (see onnx.ts). */
export type EmbedderLoader = (row: ModelRow) => Promise<Embedder>;
const loaders = new Map<string, EmbedderLoader>();
export function registerEmbedderKind(kind: string, loader: EmbedderLoader): void {
  loaders.set(kind, loader);
}

/** The embedder for a stored model row. */
export async function loadEmbedder(row: ModelRow, data: () => Promise<ModelData | null>): Promise<Embedder> {
  if (row.kind === CORPUS_KIND) {
    const d = await data();
    if (!d) throw new Error(`search model ${row.id} has no stored word vectors`);
    return corpusEmbedder(modelFrom(JSON.parse(row.params) as WordModelParams, d.vocab, d.wordVectors, d.weights, d.common));
  }
  const loader = loaders.get(row.kind.split(':')[0]!);
  if (!loader) throw new Error(`search model ${row.id} is of kind "${row.kind}", which this paperboy cannot load`);
  return loader(row);
}
