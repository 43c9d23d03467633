// Personal recommendations, measured offline on the Hugging Face Daily Papers history with prolific
// authors standing for readers (bench/_recommend-readers.ts): how well the ranking finds a reader's
// next papers among a week's (recall@10) and a day's (recall@5), next to trending and random; and
// what a personal digest's relevance cut-off does — recall, precision, papers sent and digests left
// empty, on days with their papers and on days without — next to the same digests without it.
// The settings were chosen on "dev" readers, "eval" is only reported. Author names are not used by
// the recommender: they define the targets, so they would leak.
// PAPERBOY_BENCH_DB=FILE reuses (or keeps) the imported and indexed database between runs.
import { papersByIds } from '../src/db/search.ts';
import { searchEngine } from '../src/search/engine.ts';
import { RECOMMEND, rankCandidates, type RecommendTuning } from '../src/search/recommend.ts';
import { recommendFor } from '../src/search/recommend-member.ts';
import { benchReaders, type Reader, type Window } from './_recommend-readers.ts';
import { measureCutoff } from './_recommend-cutoff.ts';
import { report } from './_support.ts';

/** How many papers count as found: about what a weekly and a daily personal digest hold. */
const K = { week: 10, day: 5 };

const { db, file, papers, readers, done } = await benchReaders();
const sem = await searchEngine(db).semantic.current();
if (!sem) throw new Error('no semantic model was built');

type Ranker = (r: Reader, w: Window) => Promise<string[]>;
async function measure(name: string, rank: Ranker, dev: boolean, span: 'week' | 'day', baseline?: { recall: number; mrr: number; name: string }) {
  const group = readers.filter((r) => r.dev === dev);
  const k = K[span];
  let recall = 0, mrr = 0;
  const times: number[] = [];
  for (const r of group) {
    const w = r[span];
    const started = performance.now();
    const ranked = await rank(r, w);
    times.push(performance.now() - started);
    recall += ranked.slice(0, k).filter((id) => w.targets.has(id)).length / Math.min(k, w.targets.size);
    const first = ranked.findIndex((id) => w.targets.has(id));
    mrr += first < 0 ? 0 : 1 / (first + 1);
  }
  const set = `${span === 'day' ? 'day_' : ''}${dev ? 'dev' : 'eval'}`;
  const result = { recall: recall / group.length, mrr: mrr / group.length };
  const extra = { readers: group.length, candidates: Math.round(group.reduce((sum, r) => sum + r[span].candidates.length, 0) / group.length), ...(baseline ? { baseline_name: baseline.name } : {}) };
  report({ name: `recommend_${name}_recall${k}_${set}`, value: +result.recall.toFixed(4), unit: `recall@${k}`, ...(baseline ? { baseline: +baseline.recall.toFixed(4) } : {}), ...extra });
  report({ name: `recommend_${name}_mrr_${set}`, value: +result.mrr.toFixed(4), unit: 'MRR', ...(baseline ? { baseline: +baseline.mrr.toFixed(4) } : {}), ...extra });
  return { ...result, name, medianMs: times.sort((a, b) => a - b)[times.length >> 1]! };
}

const likedOf = new Map<number, Awaited<ReturnType<typeof papersByIds>>>();
const liked = async (r: Reader) => {
  if (!likedOf.has(r.userId)) {
    const rows = await db.all<{ paper_id: string }>('select paper_id from votes where user_id = ? order by created_at desc, paper_id', [r.userId]);
    likedOf.set(r.userId, await papersByIds(db, rows.map((x) => x.paper_id)));
  }
  return likedOf.get(r.userId)!;
};
/** Ranked against the candidates alone, as before the background (the parts' figures keep to that). */
const ranker = (t: Partial<RecommendTuning>, profile?: number): Ranker => async (r, w) =>
  (await rankCandidates(sem, (await liked(r)).slice(0, profile), w.candidates, w.candidates.length, { ...RECOMMEND, ...t })).map((x) => x.paperId);

const trendingRanker: Ranker = async (_r, w) => w.candidates.map((p) => p.id);
const readerCount = { dev: readers.filter((r) => r.dev).length, eval: readers.filter((r) => !r.dev).length };
process.stderr.write(`${readers.length} readers (${readerCount.dev} dev, ${readerCount.eval} eval), ${(readers.reduce((s, r) => s + r.week.candidates.length, 0) / readers.length).toFixed(0)} candidates and ${(readers.reduce((s, r) => s + r.week.targets.size, 0) / readers.length).toFixed(2)} targets a week on average\n`);

// The product's path: votes read from the database, upvoted papers left out, the background read, the site's settings.
const site: Ranker = async (r, w) => (await recommendFor(db, r.userId, w.candidates, w.candidates.length)).items.map((x) => x.paper.id);
for (const dev of [true, false]) {
  let trendingWeek!: Awaited<ReturnType<typeof measure>>;
  for (const span of ['week', 'day'] as const) {
    const trending = await measure('trending', trendingRanker, dev, span);
    if (span === 'week') trendingWeek = trending;
    // What a random pick would score: each paper of the span equally likely in the top k.
    const group = readers.filter((r) => r.dev === dev);
    const k = K[span];
    report({ name: `recommend_random_recall${k}_${span === 'day' ? 'day_' : ''}${dev ? 'dev' : 'eval'}`, value: +(group.reduce((s, r) => s + Math.min(1, k / r[span].candidates.length), 0) / group.length).toFixed(4), unit: `recall@${k} (expected)`, readers: group.length });
    // Standardised against the candidates alone, without the background: the ranking before the cut-off.
    const before = await measure('without_background', ranker({}), dev, span, trending);
    const ours = await measure('site', site, dev, span, { ...before, name: 'without_background' });
    if (span === 'week') report({ name: `recommend_site_median_ms_${dev ? 'dev' : 'eval'}`, value: +ours.medianMs.toFixed(2), unit: 'ms', baseline: +before.medianMs.toFixed(2), baseline_name: 'without_background (votes read beforehand)', note: 'one reader: read the votes and the background, rank the week' });
  }
  if (dev) continue;
  // What each part brings, on the evaluation readers' weeks.
  const trending = trendingWeek;
  await measure('meaning_only', ranker({ wordWeight: 0, popularityWeight: 0 }), dev, 'week', trending);
  await measure('words_only', async (r, w) => (await rankCandidates(null, await liked(r), w.candidates, w.candidates.length, { ...RECOMMEND, popularityWeight: 0 })).map((x) => x.paperId), dev, 'week', trending);
  await measure('no_popularity', ranker({ popularityWeight: 0 }), dev, 'week', trending);
  for (const size of [1, 3]) await measure(`last_${size}_upvotes`, ranker({}, size), dev, 'week', trending);
}

// A large site: a week of 5,000 listed papers for a member with 100 upvotes (the most a profile holds),
// with a background of 1,000 papers (the most one holds).
const week = papers.slice(0, 5000);
const hundred = await papersByIds(db, papers.slice(5000, 5100).map((p) => p.id));
const background = papers.slice(5100, 6100);
const median = async (run: () => Promise<unknown>) => {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return +times.sort((a, b) => a - b)[2]!.toFixed(0);
};
const alone = await median(() => rankCandidates(sem, hundred, week, 30));
report({ name: 'recommend_5000_candidates_100_upvotes_ms', value: await median(() => rankCandidates(sem, hundred, week, 30, RECOMMEND, background)), unit: 'ms', baseline: alone, baseline_name: 'without a background', note: 'median of 5: rank 5,000 papers for 100 upvotes against 1,000 background papers (vectors in process, term counts of the papers known from the first run)' });

await measureCutoff(db, file, readers, liked);
done();
