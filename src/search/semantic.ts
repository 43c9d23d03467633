// This process's copy of the current model and of every paper's vector under it. Before each
// search it asks the database what changed (one indexed query), so any number of processes stay
// current with whatever another process imported, embedded or retrained.
import type { Db } from '../db/driver.ts';
import { currentModel, modelData, vectorsSince, type ModelRow } from '../db/vectors.ts';
import { loadEmbedder, type Embedder } from './embedder.ts';
import { VectorIndex } from './vector-index.ts';

const PAGE = 5000;

export interface Semantic {
  model: ModelRow;
  embedder: Embedder;
  index: VectorIndex;
}

export class SemanticIndex {
  private state: (Semantic & { seq: number }) | null = null;
  private refreshing: Promise<Semantic | null> | null = null;
  private embedders = new Map<number, Promise<Embedder>>();

  constructor(private db: Db) {}

  /** The current model with all vectors written so far; null before the first training. */
  async current(): Promise<Semantic | null> {
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** The embedder of any stored model (shared, loaded once per process). */
  embedderFor(model: ModelRow): Promise<Embedder> {
    let e = this.embedders.get(model.id);
    if (!e) {
      e = loadEmbedder(model, () => modelData(this.db, model.id));
      e.catch(() => this.embedders.delete(model.id));
      this.embedders.set(model.id, e);
    }
    return e;
  }

  /** Puts vectors this process just wrote into its own copy at once. */
  remember(modelId: number, vectors: { paperId: string; vector: Float32Array }[]): void {
    if (this.state?.model.id !== modelId) return;
    for (const v of vectors) this.state.index.set(v.paperId, v.vector);
  }

  private async refresh(): Promise<Semantic | null> {
    const model = await currentModel(this.db);
    if (!model) return (this.state = null);
    if (this.state?.model.id !== model.id) {
      for (const id of this.embedders.keys()) if (id < model.id) this.embedders.delete(id);
      const embedder = await this.embedderFor(model);
      this.state = { model, embedder, index: new VectorIndex(model.dims, model.papers + 1024), seq: 0 };
    }
    const s = this.state;
    for (;;) {
      const rows = await vectorsSince(this.db, model.id, s.seq, PAGE);
      for (const r of rows) s.index.set(r.paperId, r.vector);
      if (rows.length) s.seq = rows.at(-1)!.seq;
      if (rows.length < PAGE) break;
    }
    return s;
  }
}
