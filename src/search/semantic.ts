// This process's copy of the current model and of every paper's vector under it (or, for an archive
// too big to hold, PostgreSQL's pgvector). Before each search it asks the database what changed (one
// indexed query), so any number of processes stay current with whatever another process imported,
// embedded or retrained.
import type { Db } from '../db/driver.ts';
import { currentModel, modelData, vectorsSince, type ModelRow } from '../db/vectors.ts';
import { pgvectorNearest, pgvectorOf, pgvectorSimilarities, pgvectorTableExists } from '../db/vectors-pg.ts';
import { loadEmbedder, type Embedder } from './embedder.ts';
import { VectorIndex, type Neighbour } from './vector-index.ts';

const PAGE = 5000;

/** Nearest-neighbour search over one model's paper vectors, in this process or in the database. */
export interface VectorSearch {
  get(paperId: string): Promise<Float32Array | null>;
  similarities(query: Float32Array, paperIds: readonly string[]): Promise<Map<string, number>>;
  nearest(query: Float32Array, k: number, exclude?: ReadonlySet<string>): Promise<Neighbour[]>;
}

export interface Semantic {
  model: ModelRow;
  embedder: Embedder;
  search: VectorSearch;
  /** This process's copy of the vectors; null when pgvector holds them. */
  index: VectorIndex | null;
}

function inProcess(index: VectorIndex): VectorSearch {
  return {
    get: async (id) => index.get(id),
    similarities: async (q, ids) => new Map(ids.flatMap((id) => { const s = index.similarity(q, id); return s === null ? [] : [[id, s] as const]; })),
    nearest: async (q, k, exclude) => index.nearest(q, k, exclude),
  };
}

function inDatabase(db: Db, model: number): VectorSearch {
  return {
    get: (id) => pgvectorOf(db, model, id),
    similarities: (q, ids) => pgvectorSimilarities(db, model, q, ids),
    nearest: (q, k, exclude) => pgvectorNearest(db, model, q, k, exclude ?? new Set()),
  };
}

/**
 * Vectors up to this size are held in each process even where pgvector has them: a scan in process
 * takes a few milliseconds where a round trip to PostgreSQL's HNSW index took ten or more (about
 * 130 MB at 100,000 papers of 256 dimensions, floats and bytes). Bigger archives are left to pgvector.
 */
export const VECTORS_IN_PROCESS_BYTES = 512 * 2 ** 20;

/**
 * A model that could not embed here (its files changed, the optional package missing) is loaded again
 * after this long, not by every search: loading a large model takes seconds.
 */
export const EMBEDDER_RETRY_MS = 60_000;

export class SemanticIndex {
  private state: (Semantic & { seq: number }) | null = null;
  private refreshing: Promise<Semantic | null> | null = null;
  private embedders = new Map<number, { embedder: Promise<Embedder>; retryAt: number }>();

  constructor(private db: Db, private inProcessBytes = VECTORS_IN_PROCESS_BYTES, private retryMs = EMBEDDER_RETRY_MS) {}

  /**
   * The current model with all vectors written so far; null before the first training. Its embedder
   * may be `unavailable` (embeds nothing): searches then rank by keywords and the stored vectors.
   */
  async current(): Promise<Semantic | null> {
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /**
   * The embedder of any stored model (shared, loaded once per process). One that cannot embed
   * (`unavailable`) is loaded again once `retryMs` have passed.
   */
  embedderFor(model: ModelRow): Promise<Embedder> {
    const known = this.embedders.get(model.id);
    if (known && Date.now() < known.retryAt) return known.embedder;
    const entry = { embedder: loadEmbedder(model, () => modelData(this.db, model.id)), retryAt: Infinity };
    entry.embedder.then(
      (e) => void (e.unavailable && (entry.retryAt = Date.now() + this.retryMs)),
      () => this.embedders.get(model.id) === entry && this.embedders.delete(model.id),
    );
    this.embedders.set(model.id, entry);
    return entry.embedder;
  }

  /** Puts vectors this process just wrote into its own copy at once. */
  remember(modelId: number, vectors: { paperId: string; vector: Float32Array }[]): void {
    if (this.state?.model.id !== modelId || !this.state.index) return;
    for (const v of vectors) this.state.index.set(v.paperId, v.vector);
  }

  private async refresh(): Promise<Semantic | null> {
    const model = await currentModel(this.db);
    if (!model) return (this.state = null);
    if (this.state?.model.id !== model.id) {
      for (const id of this.embedders.keys()) if (id < model.id) this.embedders.delete(id);
      const embedder = await this.embedderFor(model);
      const bytes = (model.papers + 1024) * model.dims * 5;
      if (bytes > this.inProcessBytes && (await pgvectorTableExists(this.db, model.id))) this.state = { model, embedder, search: inDatabase(this.db, model.id), index: null, seq: 0 };
      else {
        const index = new VectorIndex(model.dims, model.papers + 1024);
        this.state = { model, embedder, search: inProcess(index), index, seq: 0 };
      }
    }
    const s = this.state;
    // A model that could not embed may load now (the package installed, the model's files put back):
    // tried beside the searches, which meanwhile rank without it.
    if (s.embedder.unavailable) void this.embedderFor(model).then((e) => void (this.state === s && (s.embedder = e)), () => {});
    const index = s.index;
    if (!index) return s;
    for (;;) {
      const rows = await vectorsSince(this.db, model.id, s.seq, PAGE);
      for (const r of rows) index.set(r.paperId, r.vector);
      if (rows.length) s.seq = rows.at(-1)!.seq;
      if (rows.length < PAGE) break;
    }
    return s;
  }
}
