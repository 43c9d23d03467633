// The three-topic corpus of search-corpus.ts on the daily lists, for recommendation tests: half of
// each topic listed early in January (what members upvote), half across the week of 2026-01-20.
import type { Db } from '../src/db/driver.ts';
import { upsertPapers } from '../src/domain/papers.ts';
import { searchEngine } from '../src/search/engine.ts';
import { retrain } from '../src/search/maintenance.ts';
import { topicPapers, type Topic } from './search-corpus.ts';

export const EARLY_DAY = '2026-01-05';
export const WEEK = { from: '2026-01-20', to: '2026-01-26' };

export function listedTopicPapers() {
  return topicPapers(20).map((p, i) => {
    const day = i % 2 ? `2026-01-${String(20 + (i % 7)).padStart(2, '0')}` : EARLY_DAY;
    return { ...p, daily: { day, submittedAt: `${day}T09:${String(i % 60).padStart(2, '0')}:00.000Z` } };
  });
}

export type ListedTopicPaper = ReturnType<typeof listedTopicPapers>[number];

/** The corpus stored and a small semantic model trained on it. */
export async function seedRecommendCorpus(db: Db): Promise<ListedTopicPaper[]> {
  const corpus = listedTopicPapers();
  await upsertPapers(db, corpus);
  await retrain(db, searchEngine(db).semantic, { dims: 16, minCount: 2 });
  return corpus;
}

export const earlyPapers = (corpus: readonly ListedTopicPaper[], topic: Topic) => corpus.filter((p) => p.topic === topic && p.daily.day === EARLY_DAY);

/**
 * A new list day: `perTopic` papers of each topic, new ids and titles over the abstracts of the
 * January papers, with upvotes that do not follow the topics.
 */
export function newListDay(corpus: readonly ListedTopicPaper[], day: string, perTopic: number, firstId: number): ListedTopicPaper[] {
  const topics = ['quant', 'diffusion', 'robots'] as const;
  return topics.flatMap((topic, t) =>
    corpus.filter((p) => p.topic === topic).slice(0, perTopic).map((p, i) => {
      const n = firstId + t * perTopic + i;
      return { ...p, id: `2602.${String(n).padStart(5, '0')}`, title: `${p.title.split(' study ')[0]} follow-up ${n}`, upvotes: (n * 7) % 23, daily: { day, submittedAt: `${day}T08:${String(n % 60).padStart(2, '0')}:00.000Z` } };
    }),
  );
}
