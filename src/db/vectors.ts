// The search_models and search_vectors tables: trained semantic models and each paper's vector.
// Vectors carry a sequence number so every process can pick up the ones written since it last looked.
import type { Db } from './driver.ts';

export interface ModelRow {
  id: number;
  kind: string;
  params: string;
  dims: number;
  papers: number;
  status: 'building' | 'ready';
  created_at: string;
}

export interface ModelData {
  vocab: string[];
  wordVectors: Float32Array;
  weights: Float32Array;
  common: Float32Array;
}

const HEADER = 'id, kind, params, dims, papers, status, created_at';

export function toBytes(a: Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function toFloats(b: Uint8Array): Float32Array {
  // A copy: the driver's buffer may sit at an offset that is not a multiple of 4.
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}

export async function insertModel(db: Db, m: { kind: string; params: unknown; dims: number; papers: number; data: ModelData | null }, now: string): Promise<number> {
  const row = await db.get<{ id: number }>(
    `insert into search_models (kind, params, dims, vocab, word_vectors, weights, common, papers, status, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'building', ?) returning id`,
    [
      m.kind, JSON.stringify(m.params), m.dims, m.data ? m.data.vocab.join('\n') : null,
      m.data ? toBytes(m.data.wordVectors) : null, m.data ? toBytes(m.data.weights) : null, m.data ? toBytes(m.data.common) : null,
      m.papers, now,
    ],
  );
  return Number(row!.id);
}

/** Makes a built model the current one and drops every older model with its vectors. */
export async function activateModel(db: Db, id: number): Promise<void> {
  await db.tx(async (tx) => {
    await tx.run(`update search_models set status = 'ready' where id = ?`, [id]);
    await tx.run(`delete from search_vectors where model < ?`, [id]);
    await tx.run(`delete from search_models where id < ?`, [id]);
  });
}

export async function deleteModel(db: Db, id: number): Promise<void> {
  await db.tx(async (tx) => {
    await tx.run('delete from search_vectors where model = ?', [id]);
    await tx.run('delete from search_models where id = ?', [id]);
  });
}

/** The newest ready model, or null before the first training. */
export async function currentModel(db: Db): Promise<ModelRow | null> {
  return (await db.get<ModelRow>(`select ${HEADER} from search_models where status = 'ready' order by id desc limit 1`)) ?? null;
}

/** Models new vectors must be written for: the current one and any being built. */
export async function liveModels(db: Db): Promise<ModelRow[]> {
  const rows = await db.all<ModelRow>(`select ${HEADER} from search_models order by id`);
  const ready = rows.filter((r) => r.status === 'ready').at(-1);
  return rows.filter((r) => r === ready || (r.status === 'building' && (!ready || r.id > ready.id)));
}

export async function modelData(db: Db, id: number): Promise<ModelData | null> {
  const row = await db.get<{ vocab: string | null; word_vectors: Uint8Array | null; weights: Uint8Array | null; common: Uint8Array | null }>(
    'select vocab, word_vectors, weights, common from search_models where id = ?',
    [id],
  );
  if (!row?.vocab || !row.word_vectors || !row.weights || !row.common) return null;
  return { vocab: row.vocab.split('\n'), wordVectors: toFloats(row.word_vectors), weights: toFloats(row.weights), common: toFloats(row.common) };
}

const BATCH = 400;

/** Stores vectors under a model with increasing sequence numbers (writers take turns for that). */
export async function upsertVectors(db: Db, model: number, vectors: { paperId: string; vector: Float32Array }[]): Promise<void> {
  if (!vectors.length) return;
  await db.tx(async (tx) => {
    // Numbers must be handed out in commit order, or a reader could step over a late commit.
    if (tx.dialect === 'postgres') await tx.run('select pg_advisory_xact_lock(7357003)');
    const top = await tx.get<{ s: number | null }>('select max(seq) as s from search_vectors where model = ?', [model]);
    let seq = Number(top?.s ?? 0);
    for (let i = 0; i < vectors.length; i += BATCH) {
      const batch = vectors.slice(i, i + BATCH);
      await tx.run(
        `insert into search_vectors (model, paper_id, seq, vector) values ${batch.map(() => '(?, ?, ?, ?)').join(', ')}
         on conflict (model, paper_id) do update set seq = excluded.seq, vector = excluded.vector`,
        batch.flatMap((v) => [model, v.paperId, ++seq, toBytes(v.vector)]),
      );
    }
  });
}

export interface VectorRow {
  paperId: string;
  seq: number;
  vector: Float32Array;
}

/** Vectors of a model written after `seq`, in order, at most `limit`. */
export async function vectorsSince(db: Db, model: number, seq: number, limit: number): Promise<VectorRow[]> {
  const rows = await db.all<{ paper_id: string; seq: number; vector: Uint8Array }>(
    'select paper_id, seq, vector from search_vectors where model = ? and seq > ? order by seq limit ?',
    [model, seq, limit],
  );
  return rows.map((r) => ({ paperId: r.paper_id, seq: Number(r.seq), vector: toFloats(r.vector) }));
}

export async function vectorOf(db: Db, model: number, paperId: string): Promise<Float32Array | null> {
  const row = await db.get<{ vector: Uint8Array }>('select vector from search_vectors where model = ? and paper_id = ?', [model, paperId]);
  return row ? toFloats(row.vector) : null;
}

export interface PaperText {
  id: string;
  title: string;
  abstract: string | null;
}

/** All papers' texts in id order, a page at a time (training reads the whole corpus). */
export async function paperTexts(db: Db, afterId: string, limit: number): Promise<PaperText[]> {
  return db.all<PaperText>('select id, title, abstract from papers where id > ? order by id limit ?', [afterId, limit]);
}

/** Papers that have no vector under the model yet, in id order. */
export async function papersWithoutVector(db: Db, model: number, afterId: string, limit: number): Promise<PaperText[]> {
  return db.all<PaperText>(
    `select p.id, p.title, p.abstract from papers p
     where p.id > ? and not exists (select 1 from search_vectors v where v.model = ? and v.paper_id = p.id)
     order by p.id limit ?`,
    [afterId, model, limit],
  );
}

export async function paperTextsByIds(db: Db, ids: readonly string[]): Promise<PaperText[]> {
  if (!ids.length) return [];
  return db.all<PaperText>(`select id, title, abstract from papers where id in (${ids.map(() => '?').join(', ')})`, ids);
}
