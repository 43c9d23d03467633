// `paperboy index [--rebuild]`: brings the search indexes up to date. The keyword index is kept by
// the database itself; this builds the semantic model when there is none (or, with --rebuild,
// always) — paperboy's corpus model, or the ONNX model PAPERBOY_EMBEDDING_MODEL names — and
// embeds every paper that has no vector yet.
import { parseArgs } from 'node:util';
import { currentModel } from '../db/vectors.ts';
import { searchEngine } from '../search/engine.ts';
import { memoryKeywords } from '../search/keywords.ts';
import { catchUp, retrain, updateIndex } from '../search/maintenance.ts';
import { hasAnyPaper } from '../db/papers.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Logger } from '../log.ts';
import type { Db } from '../db/driver.ts';
import type { Config } from '../config.ts';
import { reportUnavailable } from '../search/embedder.ts';
import { EmbeddingModelError, providerMismatch } from '../search/onnx.ts';
import { CliError, openCheckedDatabase, type Command } from './context.ts';
import { addBackground } from './serve.ts';
import { progressBar } from './search-progress.ts';
import { plural } from '../text.ts';

export const indexCommand: Command = {
  summary: 'bring the search indexes up to date (--rebuild retrains the semantic model)',
  usage: 'index [--rebuild]',
  async run(args, config) {
    const { values } = parseArgs({ args, options: { rebuild: { type: 'boolean', default: false } } });
    const db = await openCheckedDatabase(config);
    const started = performance.now();
    try {
      const semantic = searchEngine(db).semantic;
      const bar = progressBar('index');
      let caught = { embedded: 0, withoutWords: 0 };
      const current = await currentModel(db);
      const build = values.rebuild || !current;
      try {
        if (build) await retrain(db, semantic, {}, bar?.update, config.embeddingModel);
        else {
          // Vectors of two models are not comparable: a new provider takes a full rebuild.
          const mismatch = await providerMismatch(current, config.embeddingModel);
          if (mismatch) throw new CliError(`${mismatch}: run \`paperboy index --rebuild\` to re-embed every paper with it`);
          // A model that cannot load here would embed nothing and look done.
          const embedder = await semantic.embedderFor(current);
          if (embedder.unavailable) throw new CliError(embedder.unavailable);
          caught = await updateIndex(db, semantic, bar?.update);
        }
      } catch (e) {
        // The model's row and vectors are left as they were (a failed rebuild removes its own).
        throw e instanceof EmbeddingModelError ? new CliError(e.message) : e;
      } finally {
        bar?.stop();
      }
      const model = await currentModel(db);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (!model) process.stdout.write('no papers yet: nothing to index\n');
      else {
        // Papers the model knows no word of get no vector (keyword search still finds them): said apart, not counted as embedded.
        const done = build ? 'built' : `${plural(caught.embedded, 'paper')} embedded`;
        const without = caught.withoutWords
          ? `; ${plural(caught.withoutWords, 'paper')} left without a vector: the model knows none of their words (keyword search finds them)`
          : '';
        process.stdout.write(`search model ${model.id} (${model.kind}, ${model.dims} dimensions) covers ${model.papers} papers; ${done} in ${seconds} s${without}\n`);
      }
    } finally {
      await db.close();
    }
  },
};

/**
 * On start the server embeds papers that have no vector yet; a site without a model (a new one with
 * the demo corpus) gets its first training queued, which runs in a child process so the server
 * answers (keyword search included) meanwhile.
 */
async function keepIndexCurrent(db: Db, config: Config, log: Logger): Promise<void> {
  const model = await currentModel(db);
  if (!model) {
    if (await hasAnyPaper(db)) await enqueue(db, 'search.retrain', {}, { dedupeKey: 'search.retrain.start' });
    return;
  }
  // PAPERBOY_EMBEDDING_MODEL set, unset or changed on disk: the same rebuild `paperboy index --rebuild` does.
  const mismatch = await providerMismatch(model, config.embeddingModel);
  if (mismatch) {
    log.warn(`${mismatch}: re-embedding every paper with the configured model in the background; searches use the current one until then`);
    await enqueue(db, 'search.retrain', {}, { dedupeKey: 'search.retrain.start' });
    return;
  }
  const started = performance.now();
  const semantic = searchEngine(db).semantic;
  const embedder = await semantic.embedderFor(model);
  // The site still answers (by keywords): said once here, not by every search.
  if (embedder.unavailable) return reportUnavailable(embedder.unavailable, (line) => log.warn(line));
  const { embedded, withoutWords } = await catchUp(db, semantic, model, embedder);
  if (embedded || withoutWords) log.info({ embedded, withoutWords, ms: Math.round(performance.now() - started) }, 'embedded the papers that had no vector');
}

addBackground(async ({ db, config, log }) => {
  const work = keepIndexCurrent(db, config, log).catch((err) =>
    err instanceof EmbeddingModelError ? log.warn(err.message) : log.error({ err }, 'could not bring the search index up to date'),
  );
  return async () => void (await work);
});

// The server's in-memory keyword index, built beside the requests (the database's index answers until
// it is ready), and its copy of the vectors, loaded now rather than by the first search.
addBackground(async ({ db, log }) => {
  const keywords = memoryKeywords(db);
  void keywords.start(log);
  void searchEngine(db).semantic.current().catch((err) => log.error({ err }, 'could not load the search vectors'));
  return async () => keywords.stop();
});
