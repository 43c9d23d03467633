// SciFact (BEIR): nDCG@10 of paperboy's hybrid search on the 809 train queries, next to plain BM25
// on the same index, built through the production path (the code `paperboy search-run` runs).
// The 300 test queries' judgments are held back from us on purpose; nothing here tunes on them.
import { join } from 'node:path';
import { openDatabase } from '../src/db/driver.ts';
import { migrate } from '../src/db/schema.ts';
import { beirQueries } from '../src/search/beir.ts';
import { mean, ndcg, readQrels, recall } from '../src/search/evaluate.ts';
import { engineFor, indexCorpus, rankQueries, type Ranker } from '../src/search/run.ts';
import { DATA, report, scratchDir } from './_support.ts';

const dir = join(DATA, 'scifact');
const scratch = scratchDir();
const db = await openDatabase(join(scratch.path, 'scifact.db'));
try {
  await migrate(db);
  const started = performance.now();
  const docs = await indexCorpus(db, join(dir, 'corpus.jsonl.gz'));
  report({ name: 'scifact_index_seconds', value: +((performance.now() - started) / 1000).toFixed(1), unit: 's', documents: docs });
  const qrels = readQrels(join(dir, 'qrels-train.tsv'));
  const queries = (await beirQueries(join(dir, 'queries.jsonl'))).filter((q) => qrels.has(q.id));
  const run = async (ranker: Ranker) => {
    const ranked = await rankQueries(engineFor(db, ranker), queries, 100);
    return new Map([...ranked].map(([q, hits]) => [q, hits.map((h) => h.id)]));
  };
  const [hybrid, bm25, semantic] = [await run('hybrid'), await run('keyword'), await run('semantic')];
  const at10 = (r: Map<string, string[]>) => +mean(r, qrels, (x, j) => ndcg(x, j, 10)).toFixed(4);
  const at100 = (r: Map<string, string[]>) => +mean(r, qrels, (x, j) => recall(x, j, 100)).toFixed(4);
  report({ name: 'scifact_train_ndcg10', value: at10(hybrid), unit: 'nDCG@10', baseline: at10(bm25), baseline_name: 'plain BM25', semantic_only: at10(semantic), queries: queries.length });
  report({ name: 'scifact_train_recall100', value: at100(hybrid), unit: 'recall@100', baseline: at100(bm25), baseline_name: 'plain BM25' });
} finally {
  await db.close();
  scratch.remove();
}
