// repeat_views: what a page costs when it is viewed again, against its first view (the baseline:
// nothing remembered yet, every step computed as before memoisation). Similar papers of a paper page
// (ranking its words over every paper and scanning every vector), the paper page as a whole, the
// search results' rendering (LaTeX typeset, matches marked) and the as-you-type request as a whole.
// On the Hugging Face history (11k papers, imported and indexed here), or PAPERBOY_BENCH_DB=FILE (e.g. a
// copy of a large arXiv database: it is migrated, so never the original).
// Usage: node --import tsx bench/repeat-views.ts [--papers 200]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/driver.ts';
import { migrate } from '../src/db/schema.ts';
import { papersByIds } from '../src/db/search.ts';
import { importFile } from '../src/ingest/importer.ts';
import { createLogger } from '../src/log.ts';
import { searchEngine } from '../src/search/engine.ts';
import { matcher } from '../src/search/highlight.ts';
import { updateIndex } from '../src/search/maintenance.ts';
import { parseQuery } from '../src/search/query.ts';
import { searchResults } from '../src/views/search-page.ts';
import { DATA, report, scratchDir } from './_support.ts';

const { values } = parseArgs({ options: { papers: { type: 'string', default: '200' } } });
const PAPERS = Number(values.papers);
if (!(PAPERS >= 1)) throw new Error('--papers must be a number ≥ 1');
/** Searches typed on the site; the first ones are about what arXiv abstracts write formulas for. */
const QUERIES = ['hamiltonian eigenvalue', 'lattice gauge theory', 'matrix completion', 'spectral gap', 'quantum error correction', 'regret bound',
  'sparse recovery', 'diffusion', 'graph neural network', 'large language model reasoning', 'video generation', 'quantization'];
/** Others for the whole request, so its first time finds few of the results above already rendered. */
const TYPED = ['neural operator pde', 'spin glass', 'policy gradient convergence', 'optimal transport', 'federated learning privacy', 'speech synthesis',
  'mixture of experts', 'robot manipulation', 'protein structure', 'code generation', 'image segmentation', 'bayesian inference'];

const scratch = scratchDir();
const file = process.env.PAPERBOY_BENCH_DB ?? join(scratch.path, 'repeat.db');
const db = await openDatabase(file);
await migrate(db);
if (!process.env.PAPERBOY_BENCH_DB) {
  await importFile(db, join(DATA, 'hf-daily-papers.jsonl.gz'), { format: 'paperboy' });
  await updateIndex(db, searchEngine(db).semantic);
}
const config = loadConfig({ PAPERBOY_DATABASE: file, PAPERBOY_DATA_DIR: scratch.path, PAPERBOY_DEMO: 'false', PAPERBOY_LOG_LEVEL: 'silent' });
const app = createApp({ db, config, log: createLogger('silent') });
const engine = searchEngine(db);
// As a running server: the keyword index built, the vectors loaded.
await engine.ready();
await engine.semantic.current();
const total = (await db.get<{ n: number }>('select cast(count(*) as integer) as n from papers where hidden = 0'))!.n;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.floor(s.length / 2)]!.toFixed(2));
};
async function timed<T>(fn: () => Promise<T> | T): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
/** Each item's first run, then its second, each item in turn (so both meet the same load on a shared machine). */
async function firstAndAgain<T>(items: T[], run: (item: T) => Promise<unknown> | unknown): Promise<{ first: number[]; again: number[] }> {
  const first: number[] = [];
  const again: number[] = [];
  for (const item of items) {
    first.push(await timed(() => run(item)));
    again.push(await timed(() => run(item)));
  }
  return { first, again };
}

// Papers spread over the whole archive, the same ones every run.
const ids = (await db.all<{ id: string }>('select id from papers where hidden = 0 order by id')).map((r) => r.id);
const step = Math.max(1, Math.floor(ids.length / (2 * PAPERS)));
const chosen = Array.from({ length: Math.min(2 * PAPERS, ids.length) }, (_, i) => ids[i * step]!).filter(Boolean);
const [forSimilar, forPages] = [chosen.filter((_, i) => i % 2 === 0), chosen.filter((_, i) => i % 2 === 1)];
const common = { papers: total, database: db.dialect };

const similar = await firstAndAgain(await papersByIds(db, forSimilar), (p) => engine.similar(p, 6));
report({ name: 'similar_papers_again_ms', value: median(similar.again), unit: 'ms (median)', ...common, views: forSimilar.length, baseline: { name: 'similar_papers_first_ms', value: median(similar.first) } });

const pages = await firstAndAgain(forPages, async (id) => {
  const res = await app.request(`/papers/${encodeURIComponent(id)}`);
  if (res.status !== 200) throw new Error(`/papers/${id} answered ${res.status}`);
  await res.text();
});
report({ name: 'paper_page_again_ms', value: median(pages.again), unit: 'ms (median)', ...common, views: forPages.length, baseline: { name: 'paper_page_first_ms', value: median(pages.first) } });

// Results rendering alone: another search (a new matcher) showing the same papers, as the next keystroke often does.
const views = [];
for (const q of QUERIES) {
  const { hits } = await engine.search(q, { limit: 20 });
  views.push({ q, papers: await papersByIds(db, hits.map((h) => h.paperId)) });
}
const withMath = views.flatMap((v) => v.papers).filter((p) => /\$|\\\(|\\\[/.test(`${p.title} ${p.abstract ?? ''}`)).length;
const render = await firstAndAgain(views, (v) =>
  searchResults({ params: { q: v.q }, papers: v.papers, match: matcher(parseQuery(v.q)), prev: null, next: null, feed: null, page: { viewer: null, csrf: '' } }),
);
const shown = views.reduce((s, v) => s + v.papers.length, 0);
report({ name: 'search_results_render_again_ms', value: median(render.again), unit: 'ms (median, 20 results)', ...common, queries: QUERIES.length, results_with_formulas: `${withMath}/${shown}`, baseline: { name: 'search_results_render_first_ms', value: median(render.first) } });

// The case that was slowest: results that are all abstracts with formulas (twenty at a time, by id).
const mathIds = (await db.all<{ id: string }>("select id from papers where hidden = 0 and abstract like '%$%' order by id")).map((r) => r.id);
const mathStep = Math.max(20, Math.floor(mathIds.length / 12 / 20) * 20);
const mathViews = [];
for (let i = 0; i + 20 <= mathIds.length && mathViews.length < 12; i += mathStep) mathViews.push(await papersByIds(db, mathIds.slice(i, i + 20)));
const mathRender = await firstAndAgain(mathViews, (papers) =>
  searchResults({ params: { q: 'energy' }, papers, match: matcher(parseQuery('energy')), prev: null, next: null, feed: null, page: { viewer: null, csrf: '' } }),
);
if (mathViews.length) report({ name: 'formula_results_render_again_ms', value: median(mathRender.again), unit: 'ms (median, 20 results)', ...common, pages: mathViews.length, baseline: { name: 'formula_results_render_first_ms', value: median(mathRender.first) } });

// The as-you-type request whole: ranking (not memoised) plus rendering.
const partial = await firstAndAgain(TYPED, async (q) => (await app.request(`/search?partial=1&q=${encodeURIComponent(q)}`)).text());
report({ name: 'search_as_you_type_again_ms', value: median(partial.again), unit: 'ms (median)', ...common, queries: TYPED.length, baseline: { name: 'search_as_you_type_first_ms', value: median(partial.first) } });

await db.close();
scratch.remove();
