// bench/recommend.ts's measurement of personal digests with and without the relevance cut-off:
// each reader's digest for the first day of their next papers (daily, PERSONAL_MAX.daily papers), for a
// day without any of their papers, and for the week (weekly). The cut-off is chosen on the dev readers
// (a sweep), reported on the eval ones, and checked there under other models and a shorter background.
import { copyFileSync, rmSync } from 'node:fs';
import { openDatabase, type Db } from '../src/db/driver.ts';
import { papersByIds } from '../src/db/search.ts';
import type { Paper } from '../src/domain/paper.ts';
import { PERSONAL_MAX } from '../src/mail/personal.ts';
import { searchEngine } from '../src/search/engine.ts';
import { retrain } from '../src/search/maintenance.ts';
import { RECOMMEND, rankCandidates } from '../src/search/recommend.ts';
import { backgroundOf, recommendFor } from '../src/search/recommend-member.ts';
import type { Semantic } from '../src/search/semantic.ts';
import { dot } from '../src/search/vector-math.ts';
import type { Reader, Window } from './_recommend-readers.ts';
import { report } from './_support.ts';

interface Pick { id: string; relevance: number | null; because: string | null }
/** The window's papers ranked for the reader, all of them. */
type Picker = (r: Reader, w: Window) => Promise<Pick[]>;
interface Run { targets: Set<string>; picks: Pick[] }
interface Digests { daily: Run[]; other: Run[]; weekly: Run[] }

async function collect(group: readonly Reader[], pick: Picker): Promise<Digests> {
  const out: Digests = { daily: [], other: [], weekly: [] };
  for (const r of group) {
    out.daily.push({ targets: r.day.targets, picks: await pick(r, r.day) });
    out.weekly.push({ targets: r.week.targets, picks: await pick(r, r.week) });
    if (r.other) out.other.push({ targets: r.other.targets, picks: await pick(r, r.other) });
  }
  return out;
}

/** The digests as sent: the best k of the papers at or above `cut`, as personal.ts picks them. */
function stats(runs: readonly Run[], cut: number | null, k: number) {
  let recall = 0, withTargets = 0, hits = 0, sent = 0, empty = 0;
  for (const r of runs) {
    const kept = r.picks.filter((p) => cut === null || (p.relevance ?? -Infinity) >= cut).slice(0, k);
    const found = kept.filter((p) => r.targets.has(p.id)).length;
    if (r.targets.size) (withTargets++, (recall += found / Math.min(k, r.targets.size)));
    hits += found;
    sent += kept.length;
    if (!kept.length) empty++;
  }
  return { recall: withTargets ? recall / withTargets : 0, precision: sent ? hits / sent : 0, papers: sent / runs.length, empty: empty / runs.length };
}

const round = (x: number) => +x.toFixed(4);
/** Close to the recall without a cut-off: this share of it kept, on the dev readers. */
const RULE = { daily: 0.9, weekly: 0.95 };

/** Figures of digests cut at `cut`, each next to the same digests uncut. */
function reportDigests(label: string, set: string, d: Digests, cut: number, note?: string) {
  const extra = { cutoff: cut, readers: d.daily.length, baseline_name: 'no cut-off', ...(note ? { note } : {}) };
  for (const [cadence, runs, k] of [['daily', d.daily, PERSONAL_MAX.daily], ['weekly', d.weekly, PERSONAL_MAX.weekly]] as const) {
    const [ours, base] = [stats(runs, cut, k), stats(runs, null, k)];
    const name = `recommend_digest_${label}_${cadence}`;
    report({ name: `${name}_recall_${set}`, value: round(ours.recall), unit: `recall@${k}`, baseline: round(base.recall), ...extra });
    report({ name: `${name}_precision_${set}`, value: round(ours.precision), unit: `precision@${k}`, baseline: round(base.precision), ...extra });
    report({ name: `${name}_papers_${set}`, value: round(ours.papers), unit: 'papers a digest', baseline: round(base.papers), ...extra });
    report({ name: `${name}_empty_${set}`, value: round(ours.empty), unit: 'share of digests not sent (their papers listed)', baseline: round(base.empty), ...extra });
  }
  const [other, base] = [stats(d.other, cut, PERSONAL_MAX.daily), stats(d.other, null, PERSONAL_MAX.daily)];
  report({ name: `recommend_digest_${label}_daily_other_day_papers_${set}`, value: round(other.papers), unit: 'papers a digest (none of theirs listed)', baseline: round(base.papers), ...extra, readers: d.other.length });
  report({ name: `recommend_digest_${label}_daily_other_day_empty_${set}`, value: round(other.empty), unit: 'share of digests not sent (none of theirs listed)', baseline: round(base.empty), ...extra, readers: d.other.length });
}

/** The mean cosine of each day's first pick with the upvoted paper it is like: the scale a model's scores live on. */
async function topCosine(sem: Semantic, d: Digests): Promise<number> {
  let sum = 0, n = 0;
  for (const r of d.daily) {
    const top = r.picks[0]; // the best of the day, whatever its relevance
    const [a, b] = top?.because ? [await sem.search.get(top.id), await sem.search.get(top.because)] : [null, null];
    if (a && b) (sum += dot(a, 0, b, 0, a.length)), n++;
  }
  return n ? sum / n : NaN;
}

export async function measureCutoff(db: Db, file: string, readers: readonly Reader[], liked: (r: Reader) => Promise<Paper[]>): Promise<void> {
  const dev = readers.filter((r) => r.dev);
  const evaluation = readers.filter((r) => !r.dev);
  // The product's path: what a personal digest calls.
  const site: Picker = async (r, w) => (await recommendFor(db, r.userId, w.candidates, w.candidates.length)).items.map((i) => ({ id: i.paper.id, relevance: i.relevance, because: i.because?.id ?? null }));
  const tuning = await collect(dev, site);
  for (const cut of [0.25, 0.5, 0.7, 1, 1.5, 2]) reportDigests(`cut${cut}`, 'dev', tuning, cut);
  // The rule the cut-off is chosen by: the highest that keeps recall close to what the digests had without it.
  const kept = (cut: number, cadence: 'daily' | 'weekly') => stats(tuning[cadence], cut, PERSONAL_MAX[cadence]).recall / stats(tuning[cadence], null, PERSONAL_MAX[cadence]).recall;
  let chosen = 0;
  for (let cut = 0; cut <= 3; cut = round(cut + 0.05)) if (kept(cut, 'daily') >= RULE.daily && kept(cut, 'weekly') >= RULE.weekly) chosen = cut;
  report({ name: 'recommend_digest_cutoff_by_rule_dev', value: chosen, unit: 'spreads', baseline: RECOMMEND.cutoff, baseline_name: 'RECOMMEND.cutoff', note: `the highest cut-off (steps of 0.05) keeping ${RULE.daily * 100} % of the daily digests' recall and ${RULE.weekly * 100} % of the weekly's` });
  const sem = (await searchEngine(db).semantic.current())!;
  const held = await collect(evaluation, site);
  reportDigests('site', 'eval', held, RECOMMEND.cutoff);
  report({ name: 'recommend_top_pick_cosine_site_model_eval', value: round(await topCosine(sem, held)), unit: 'cosine', note: `the site's model (${sem.model.dims} dimensions)` });

  // The same cut-off on other scales: without a model (words alone), and with a background of 7 days.
  const variant = (s: Semantic | null, days?: number): Picker => async (r, w) =>
    (await rankCandidates(s, await liked(r), w.candidates, w.candidates.length, RECOMMEND, await backgroundOf(db, w.candidates, days))).map((x) => ({ id: x.paperId, relevance: x.relevance, because: x.because }));
  reportDigests('words_only', 'eval', await collect(evaluation, variant(null)), RECOMMEND.cutoff, 'no semantic model');
  reportDigests('background_7_days', 'eval', await collect(evaluation, variant(sem, 7)), RECOMMEND.cutoff, 'the background of 7 days of lists instead of 28');

  // A model retrained with other settings (64 dimensions instead of 256), on a copy of the database.
  await db.close();
  const copy = `${file}.retrained`;
  copyFileSync(file, copy);
  const other = await openDatabase(copy);
  try {
    const started = performance.now();
    await retrain(other, searchEngine(other).semantic, { dims: 64 });
    process.stderr.write(`retrained a 64-dimension model in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    const sem64 = (await searchEngine(other).semantic.current())!;
    const likedHere = async (r: Reader) => papersByIds(other, (await liked(r)).map((p) => p.id));
    const retrained: Picker = async (r, w) =>
      (await rankCandidates(sem64, await likedHere(r), w.candidates, w.candidates.length, RECOMMEND, await backgroundOf(other, w.candidates))).map((x) => ({ id: x.paperId, relevance: x.relevance, because: x.because }));
    const d = await collect(evaluation, retrained);
    reportDigests('retrained_64_dims', 'eval', d, RECOMMEND.cutoff, 'a corpus model of 64 dimensions');
    report({ name: 'recommend_top_pick_cosine_retrained_64_dims_eval', value: round(await topCosine(sem64, d)), unit: 'cosine', note: 'a corpus model of 64 dimensions' });
  } finally {
    await other.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  }
}
