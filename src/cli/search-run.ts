// `paperboy search-run --corpus FILE --queries FILE --out RUN [--k 100]`: ranks a BEIR-style corpus
// with the production search code (a throwaway SQLite database: keyword index, trained model,
// fusion) and writes a TREC run file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/driver.ts';
import { migrate } from '../db/schema.ts';
import { BeirError, beirQueries } from '../search/beir.ts';
import { engineFor, indexCorpus, rankQueries, type Ranker } from '../search/run.ts';
import { CliError, type Command } from './context.ts';
import { cannotWrite, checkOutput, moveIntoPlace, partialPath } from './output-file.ts';
import { progressBar } from './search-progress.ts';

export const searchRunCommand: Command = {
  summary: 'rank a BEIR corpus with the production search and write a TREC run file',
  usage: 'search-run --corpus FILE --queries FILE --out RUN [--k 100] [--ranker hybrid|keyword|semantic]',
  async run(args) {
    const { values } = parseArgs({ args, options: { corpus: { type: 'string' }, queries: { type: 'string' }, out: { type: 'string' }, k: { type: 'string', default: '100' }, tag: { type: 'string', default: 'paperboy' }, ranker: { type: 'string', default: 'hybrid' } } });
    if (!values.corpus || !values.queries || !values.out) throw new CliError('search-run: give --corpus FILE, --queries FILE and --out RUN', 2);
    const k = Number(values.k);
    if (!Number.isInteger(k) || k < 1 || k > 1000) throw new CliError(`search-run: --k must be a whole number from 1 to 1000, not "${values.k}"`, 2);
    if (!/^\S+$/.test(values.tag!)) throw new CliError('search-run: --tag must be one word', 2);
    const ranker = values.ranker as Ranker;
    if (!['hybrid', 'keyword', 'semantic'].includes(ranker)) throw new CliError(`search-run: --ranker must be hybrid, keyword or semantic, not "${ranker}"`, 2);
    // Ranking a corpus takes minutes: a run file that cannot be written is refused before that.
    checkOutput('search-run', values.out);
    let queries: { id: string; text: string }[];
    try {
      queries = await beirQueries(values.queries);
    } catch (e) {
      if (e instanceof BeirError) throw new CliError(`search-run: ${e.message}`, 65);
      throw e;
    }
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-run-'));
    const db = await openDatabase(join(dir, 'run.db'));
    const started = performance.now();
    try {
      await migrate(db);
      const bar = progressBar('indexing');
      let docs: number;
      try {
        docs = await indexCorpus(db, values.corpus, bar?.update);
      } catch (e) {
        if (e instanceof BeirError) throw new CliError(`search-run: ${e.message}`, 65);
        throw e;
      } finally {
        bar?.stop();
      }
      const indexed = (performance.now() - started) / 1000;
      const searchStarted = performance.now();
      const ranked = await rankQueries(engineFor(db, ranker), queries, k);
      const lines = [...ranked].flatMap(([q, hits]) => hits.map((h, i) => `${q} Q0 ${h.id} ${i + 1} ${h.score.toFixed(6)} ${values.tag}\n`));
      const partial = partialPath(values.out);
      try {
        writeFileSync(partial, lines.join(''));
      } catch (e) {
        rmSync(partial, { force: true });
        throw cannotWrite('search-run', values.out, e);
      }
      moveIntoPlace('search-run', partial, values.out);
      const perQuery = (performance.now() - searchStarted) / Math.max(1, queries.length);
      process.stdout.write(`${values.out}: ${queries.length} queries over ${docs} documents; indexed in ${indexed.toFixed(1)} s, ${perQuery.toFixed(1)} ms a query\n`);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
