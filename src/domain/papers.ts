// Storing papers: how new metadata merges with what is known, and keeping the derived counts and
// trending key right. Importers, the arXiv fetcher and submissions all go through upsertPapers.
import { dailyRecordsByIds, setHot, upsertDailyEntry, type DailyRecord } from '../db/daily.ts';
import type { Db } from '../db/driver.ts';
import { insertPaper, paperRecordsByIds, refreshCounts, updatePaper, upsertVersion, type PaperRecord } from '../db/papers.ts';
import type { PaperInput } from './paper.ts';
import { hotness } from './trending.ts';

export interface UpsertStats {
  inserted: number;
  updated: number;
  unchanged: number;
  listed: number;
  /** Ids whose stored fields changed (new or updated), for the search index. */
  changedIds: string[];
}

export function emptyStats(): UpsertStats {
  return { inserted: 0, updated: 0, unchanged: 0, listed: 0, changedIds: [] };
}

/** Newer metadata wins field by field; a field the input does not know keeps its stored value. */
export function mergePaper(old: PaperRecord | undefined, input: PaperInput): PaperRecord {
  const pick = <T>(value: T | null | undefined, stored: T | null | undefined): T | null => value ?? stored ?? null;
  return {
    id: input.id,
    title: input.title,
    abstract: pick(input.abstract, old?.abstract),
    authors: input.authors?.length ? input.authors : (old?.authors ?? []),
    categories: input.categories?.length ? input.categories : (old?.categories ?? []),
    publishedAt: pick(input.publishedAt, old?.publishedAt),
    updatedAt: pick(input.updatedAt, old?.updatedAt),
    latestVersion: Math.max(input.version ?? 0, old?.latestVersion ?? 0) || null,
    comment: pick(input.comment, old?.comment),
    githubUrl: pick(input.githubUrl, old?.githubUrl),
    projectPage: pick(input.projectPage, old?.projectPage),
    thumbnail: pick(input.thumbnail, old?.thumbnail),
    aiSummary: pick(input.aiSummary, old?.aiSummary),
    aiKeywords: input.aiKeywords?.length ? input.aiKeywords : (old?.aiKeywords ?? null),
    discussionId: pick(input.discussionId, old?.discussionId),
    importedUpvotes: input.upvotes ?? old?.importedUpvotes ?? 0,
    importedComments: input.numComments ?? old?.importedComments ?? 0,
  };
}

/** A paper stays on the first day it was listed; a member's own submission is never overwritten by an import. */
export function mergeDaily(old: DailyRecord | undefined, input: PaperInput): DailyRecord | undefined {
  const d = input.daily;
  if (!d) return old;
  const incoming: DailyRecord = {
    paperId: input.id,
    day: d.day,
    submittedAt: d.submittedAt,
    submittedBy: null,
    submitterName: d.submitter ? String(d.submitter.user ?? d.submitter.name ?? '') || null : null,
    submitter: d.submitter ?? null,
  };
  if (!old) return incoming;
  if (old.submittedBy !== null || old.day < incoming.day) return old;
  return incoming;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Called after each committed batch with the ids it inserted or changed (the search index embeds them). */
export type PapersChanged = (db: Db, ids: string[]) => Promise<void>;
const changeListeners: PapersChanged[] = [];
export function onPapersChanged(listener: PapersChanged): void {
  if (!changeListeners.includes(listener)) changeListeners.push(listener);
}

/** Tells the listeners about papers a committed write inserted or changed (every way papers are written calls it). */
export async function papersChanged(db: Db, ids: string[]): Promise<void> {
  if (ids.length) for (const listener of changeListeners) await listener(db, ids);
}

/** Upserts a batch in one transaction. Importing the same data twice changes nothing. */
export async function upsertPapers(db: Db, inputs: PaperInput[], stats: UpsertStats = emptyStats()): Promise<UpsertStats> {
  if (!inputs.length) return stats;
  const now = new Date().toISOString();
  const changedBefore = stats.changedIds.length;
  await db.tx(async (tx) => {
    const ids = [...new Set(inputs.map((p) => p.id))];
    const papers = await paperRecordsByIds(tx, ids);
    const dailies = await dailyRecordsByIds(tx, ids);
    for (const input of inputs) {
      const old = papers.get(input.id);
      const merged = mergePaper(old, input);
      // Known without a query for a new paper (no votes yet); otherwise read back when needed.
      let upvotes: number | null = old ? null : merged.importedUpvotes;
      if (!old) {
        await insertPaper(tx, merged, now);
        stats.inserted++;
        stats.changedIds.push(merged.id);
      } else if (!same(old, merged)) {
        await updatePaper(tx, merged, now);
        upvotes = (await refreshCounts(tx, merged.id)).upvotes;
        stats.updated++;
        stats.changedIds.push(merged.id);
      } else {
        stats.unchanged++;
      }
      papers.set(merged.id, merged);
      if (input.version) await upsertVersion(tx, input.id, input.version, input.updatedAt ?? null);
      for (const v of input.versions ?? []) if (v.version !== input.version) await upsertVersion(tx, input.id, v.version, v.submittedAt);

      const oldDaily = dailies.get(input.id);
      const daily = mergeDaily(oldDaily, input);
      const dailyChanged = daily !== undefined && !same(daily, oldDaily);
      const votesChanged = old !== undefined && old.importedUpvotes !== merged.importedUpvotes;
      if (daily && (dailyChanged || votesChanged)) {
        upvotes ??= (await refreshCounts(tx, input.id)).upvotes;
        const hot = hotness(upvotes, daily.submittedAt);
        if (dailyChanged) {
          await upsertDailyEntry(tx, daily, hot);
          dailies.set(input.id, daily);
          stats.listed++;
        } else await setHot(tx, input.id, hot);
      }
    }
  });
  await papersChanged(db, stats.changedIds.slice(changedBefore));
  return stats;
}
