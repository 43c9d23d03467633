// The evaluation runner's steps, shared by `paperboy search-run` and the benchmarks: load a BEIR
// corpus into a database through upsertPapers (so triggers build the keyword index as in
// production), train and embed, then rank queries with a search engine.
import type { Db } from '../db/driver.ts';
import type { PaperInput } from '../domain/paper.ts';
import { upsertPapers } from '../domain/papers.ts';
import { beirCorpus } from './beir.ts';
import { searchEngine, SearchEngine, TUNING, type Tuning } from './engine.ts';
import { updateIndex, type Progress } from './maintenance.ts';

/** Imports the corpus and builds the semantic index; returns the number of documents. */
export async function indexCorpus(db: Db, corpusPath: string, progress?: Progress): Promise<number> {
  let batch: PaperInput[] = [];
  let docs = 0;
  for await (const d of beirCorpus(corpusPath)) {
    batch.push({ id: d.id, title: d.title || d.text.slice(0, 80), abstract: d.text, authors: [] });
    if (batch.length === 2000) {
      await upsertPapers(db, batch);
      docs += batch.length;
      batch = [];
      progress?.('importing', docs, 0);
    }
  }
  await upsertPapers(db, batch);
  docs += batch.length;
  await updateIndex(db, searchEngine(db).semantic, progress);
  return docs;
}

export type Ranker = 'hybrid' | 'keyword' | 'semantic';

/** Plain BM25: the database's own (FTS5's) with equal field weights, no semantic part — the baseline every figure is shown next to. */
export const PLAIN_BM25: Tuning = { ...TUNING, fields: { title: 1, authors: 1, abstract: 1 }, keywords: 'database', semanticWeight: 0, semanticDepth: 0, maxDocShare: 1, maxTerms: 1000 };

/** An engine for one of the rankers, sharing the database's semantic index. */
export function engineFor(db: Db, ranker: Ranker, tuning: Tuning = TUNING): SearchEngine {
  const shared = searchEngine(db);
  if (ranker === 'hybrid' && tuning === TUNING) return shared;
  const t = ranker === 'keyword' ? PLAIN_BM25 : ranker === 'semantic' ? { ...tuning, keywordDepth: 0 } : tuning;
  return new SearchEngine(db, t, shared.semantic, ranker === 'semantic');
}

/** Each query's ranked document ids with scores. */
export async function rankQueries(engine: SearchEngine, queries: { id: string; text: string }[], k: number): Promise<Map<string, { id: string; score: number }[]>> {
  const out = new Map<string, { id: string; score: number }[]>();
  await engine.ready();
  for (const q of queries) {
    const { hits } = await engine.search(q.text, { limit: k });
    out.set(q.id, hits.map((h) => ({ id: h.paperId, score: h.score })));
  }
  return out;
}
