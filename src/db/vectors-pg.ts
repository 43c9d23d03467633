// pgvector, where `CREATE EXTENSION vector` succeeds: each model's vectors mirrored into a table of
// its own with an HNSW index, so PostgreSQL answers nearest-neighbour searches and web processes
// need not hold every vector in memory. Without the extension, search_vectors alone serves.
import type { Db } from './driver.ts';
import { toFloats, vectorsSince } from './vectors.ts';

const ready = new WeakMap<Db, Promise<boolean>>();

/** Whether pgvector can be used on this database (tries to create the extension once per handle). */
export function pgvectorAvailable(db: Db): Promise<boolean> {
  if (db.dialect !== 'postgres') return Promise.resolve(false);
  let p = ready.get(db);
  if (!p) {
    p = db.exec('create extension if not exists vector').then(() => true, () => false);
    ready.set(db, p);
  }
  return p;
}

const table = (model: number) => `search_pgvector_${Math.trunc(model)}`;
const literal = (v: Float32Array) => `[${Array.from(v, (x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;

export async function pgvectorTableExists(db: Db, model: number): Promise<boolean> {
  if (db.dialect !== 'postgres') return false;
  const row = await db.get<{ t: string | null }>('select to_regclass(?)::text as t', [table(model)]);
  return Boolean(row?.t);
}

const BATCH = 500;

/** Creates the model's pgvector table from its stored vectors and indexes it; false without pgvector. */
export async function mirrorToPgvector(db: Db, model: number, dims: number): Promise<boolean> {
  if (!(await pgvectorAvailable(db))) return false;
  const name = table(model);
  await db.exec(`create table if not exists ${name} (paper_id text primary key references papers (id) on delete cascade, embedding vector(${Math.trunc(dims)}) not null)`);
  for (let seq = 0; ;) {
    const rows = await vectorsSince(db, model, seq, BATCH);
    if (!rows.length) break;
    await upsertRows(db, name, rows);
    seq = rows.at(-1)!.seq;
  }
  await db.exec(`create index if not exists ${name}_hnsw on ${name} using hnsw (embedding vector_cosine_ops)`);
  return true;
}

async function upsertRows(db: Db, name: string, rows: { paperId: string; vector: Float32Array }[]): Promise<void> {
  if (!rows.length) return;
  await db.run(
    `insert into ${name} (paper_id, embedding) values ${rows.map(() => '(?, ?::vector)').join(', ')}
     on conflict (paper_id) do update set embedding = excluded.embedding`,
    rows.flatMap((r) => [r.paperId, literal(r.vector)]),
  );
}

/** Writes vectors into the model's pgvector table when it has one. */
export async function upsertPgvectors(db: Db, model: number, rows: { paperId: string; vector: Float32Array }[]): Promise<void> {
  if (!rows.length || !(await pgvectorTableExists(db, model))) return;
  for (let i = 0; i < rows.length; i += BATCH) await upsertRows(db, table(model), rows.slice(i, i + BATCH));
}

export async function pgvectorNearest(db: Db, model: number, q: Float32Array, k: number, exclude: ReadonlySet<string>): Promise<{ paperId: string; score: number }[]> {
  // The HNSW search returns at most ef_search rows, so it is raised to what this search needs.
  return db.tx(async (tx) => {
    await tx.exec(`set local hnsw.ef_search = ${Math.min(1000, Math.max(40, k + exclude.size))}`);
    const rows = await tx.all<{ paper_id: string; distance: number }>(
      `select paper_id, embedding <=> ?::vector as distance from ${table(model)} order by embedding <=> ?::vector limit ?`,
      [literal(q), literal(q), k + exclude.size],
    );
    return rows.filter((r) => !exclude.has(r.paper_id)).slice(0, k).map((r) => ({ paperId: r.paper_id, score: 1 - Number(r.distance) }));
  });
}

export async function pgvectorSimilarities(db: Db, model: number, q: Float32Array, ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.all<{ paper_id: string; distance: number }>(
    `select paper_id, embedding <=> ?::vector as distance from ${table(model)} where paper_id = any(?)`,
    [literal(q), ids],
  );
  return new Map(rows.map((r) => [r.paper_id, 1 - Number(r.distance)]));
}

export async function pgvectorOf(db: Db, model: number, paperId: string): Promise<Float32Array | null> {
  const row = await db.get<{ v: string }>(`select embedding::text as v from ${table(model)} where paper_id = ?`, [paperId]);
  return row ? Float32Array.from(JSON.parse(row.v) as number[]) : null;
}


/** Drops the pgvector tables of models other than the current one (after a retrain or a failed one). */
export async function dropPgvectorTables(db: Db, keep: number | null): Promise<void> {
  if (db.dialect !== 'postgres') return;
  const rows = await db.all<{ name: string }>(
    `select c.relname as name from pg_class c where c.relkind = 'r' and c.relname like 'search\\_pgvector\\_%' and pg_table_is_visible(c.oid)`,
  );
  for (const { name } of rows) if (/^search_pgvector_\d+$/.test(name) && name !== (keep === null ? '' : table(keep))) await db.exec(`drop table if exists ${name}`);
}
