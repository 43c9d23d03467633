// `paperboy fetch ID…`: looks papers up on the arXiv API and upserts them, one line per paper.
import { fetchArxivPapers, ArxivUnavailableError } from '../arxiv/index.ts';
import { parseArxivRef } from '../domain/arxiv-id.ts';
import { upsertPapers, emptyStats } from '../domain/papers.ts';
import { CliError, isInteractive, openCheckedDatabase, type Command } from './context.ts';

/** arXiv's API terms: at most one request every three seconds for bulk use. */
const BULK_INTERVAL_MS = 3000;
const BATCH = 100;

export const fetchCommand: Command = {
  summary: 'fetch papers from the arXiv API (ids, ids with version, abs/pdf URLs) and upsert them',
  usage: 'fetch ARXIV_ID…',
  async run(args, config) {
    if (!args.length) throw new CliError('fetch: name at least one arXiv id or abs/pdf URL', 2);
    const refs = args.map((arg) => {
      const ref = parseArxivRef(arg);
      if (!ref) throw new CliError(`fetch: "${arg}" is not an arXiv id (2508.01234, hep-th/9901001) or an arxiv.org abs/pdf URL`, 2);
      return { arg, ref };
    });
    const db = await openCheckedDatabase(config);
    try {
      const batches = Math.ceil(refs.length / BATCH);
      let papers;
      try {
        papers = await fetchArxivPapers(config, refs.map((r) => (r.ref.version ? `${r.ref.id}v${r.ref.version}` : r.ref.id)), {
          batchSize: BATCH,
          minIntervalMs: BULK_INTERVAL_MS,
          budgetMs: 60_000 + batches * BULK_INTERVAL_MS,
          onProgress: isInteractive() && batches > 1 ? (done, total) => process.stderr.write(`\rfetched ${done}/${total}`) : undefined,
        });
      } catch (e) {
        if (e instanceof ArxivUnavailableError) throw new CliError(`fetch: ${e.message}; nothing stored`, 69);
        throw e;
      }
      if (isInteractive() && batches > 1) process.stderr.write('\n');
      let unknown = 0;
      const seen = new Set<string>();
      for (const { arg, ref } of refs) {
        if (seen.has(ref.id)) continue;
        seen.add(ref.id);
        const paper = papers.get(ref.id);
        if (!paper) {
          unknown++;
          process.stdout.write(`${arg}\tunknown\tarXiv does not know this id\n`);
          continue;
        }
        const stats = await upsertPapers(db, [paper], emptyStats());
        const status = stats.inserted ? 'stored' : stats.updated ? 'updated' : 'unchanged';
        process.stdout.write(`${paper.id}v${paper.version}\t${status}\t${paper.title}\n`);
      }
      if (unknown) throw new CliError(`fetch: arXiv does not know ${unknown} of the ${seen.size} ids`, 1);
    } finally {
      await db.close();
    }
  },
};
