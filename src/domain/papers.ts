// Storing papers: how new metadata merges with what is known, and keeping the derived counts and
// trending key right. Importers, the arXiv fetcher and submissions all go through upsertPapers.
import { dailyRecordsByIds, setHot, upsertDailyEntry, type DailyRecord } from '../db/daily.ts';
import type { Db } from '../db/driver.ts';
import { insertPaper, paperRecordsByIds, refreshCounts, updatePaper, upsertVersion, type PaperRecord } from '../db/papers.ts';
import type { Author, ImportedSubmitter, PaperInput } from './paper.ts';
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

/**
 * A midnight-UTC timestamp is all a date-only source (`2026-08-20`) can say: it does not replace a
 * stored time of the same day, which says more. Any other value wins, a missing one never does.
 */
function moreExact(value: string | null | undefined, stored: string | null | undefined): string | null {
  if (!value) return stored ?? null;
  if (stored && value.endsWith('T00:00:00.000Z') && stored.slice(0, 10) === value.slice(0, 10)) return stored;
  return value;
}

/**
 * The incoming author list wins; an author it names without Hugging Face's id (an arXiv record) keeps
 * the stored Hugging Face id and account claim.
 */
function mergeAuthors(incoming: Author[] | undefined, stored: Author[] | undefined): Author[] {
  if (!incoming?.length) return stored ?? [];
  const known = new Map<string, Author[]>();
  for (const a of stored ?? []) if (a._id) known.set(a.name, [...(known.get(a.name) ?? []), a]);
  return incoming.map((a) => {
    if (a._id) return a;
    const old = known.get(a.name)?.shift();
    return old ? { ...old, name: a.name } : a;
  });
}

function repoFacts(input: PaperInput, old: PaperRecord | undefined): Pick<PaperRecord, 'githubStars' | 'githubRepoAddedBy'> {
  const sameRepo = !input.githubUrl || input.githubUrl === old?.githubUrl;
  return {
    githubStars: input.githubStars ?? (sameRepo ? (old?.githubStars ?? null) : null),
    githubRepoAddedBy: input.githubRepoAddedBy ?? (sameRepo ? (old?.githubRepoAddedBy ?? null) : null),
  };
}

/** Newer metadata wins field by field; a field the input does not carry keeps its stored value. */
export function mergePaper(old: PaperRecord | undefined, input: PaperInput): PaperRecord {
  const pick = <T>(value: T | null | undefined, stored: T | null | undefined): T | null => value ?? stored ?? null;
  return {
    id: input.id,
    title: input.title,
    abstract: pick(input.abstract, old?.abstract),
    authors: mergeAuthors(input.authors, old?.authors),
    categories: input.categories?.length ? input.categories : (old?.categories ?? []),
    publishedAt: moreExact(input.publishedAt, old?.publishedAt),
    updatedAt: moreExact(input.updatedAt, old?.updatedAt),
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
    // In the order rowToRecord reads them, so an unchanged paper compares equal.
    organization: pick(input.organization, old?.organization),
    mediaUrls: input.mediaUrls?.length ? input.mediaUrls : (old?.mediaUrls ?? null),
    // Stars and who linked the repository describe the stored repository: another repository drops them.
    ...repoFacts(input, old),
    // The model describes the stored summary: a new summary without one drops it.
    aiSummaryModel: input.aiSummary && input.aiSummary !== old?.aiSummary ? (input.aiSummaryModel ?? null) : pick(input.aiSummaryModel, old?.aiSummaryModel),
  };
}

const submitterName = (s: ImportedSubmitter | null | undefined) => (s ? String(s.user ?? s.name ?? '') || null : null);

/**
 * A paper has one listing, on the first day any source puts it. This is the one place a listing's
 * fields are decided: upsertDailyEntry stores the result as given, so a stored value survives only
 * because this keeps it. What a source leaves out (undefined or null) keeps its stored value, since
 * two sources describe the same listing, one more fully; a member's own submission is never
 * overwritten by an import.
 */
export function mergeDaily(old: DailyRecord | undefined, input: PaperInput): DailyRecord | undefined {
  const d = input.daily;
  if (!d) return old;
  if (old?.submittedBy != null) return old;
  const earlier = !old || d.day < old.day;
  const submitter = d.submitter ?? old?.submitter ?? null;
  return {
    paperId: input.id,
    day: earlier ? d.day : old.day,
    submittedAt: earlier ? d.submittedAt : d.day === old.day ? moreExact(d.submittedAt, old.submittedAt)! : old.submittedAt,
    submittedBy: null,
    // A submitter profile without a name does not unname the listing.
    submitterName: submitterName(submitter) ?? old?.submitterName ?? null,
    submitter,
    itemPublishedAt: d.itemPublishedAt ?? old?.itemPublishedAt ?? null,
    // `??`, not `||`: an incoming false is a value and replaces a stored true.
    authorParticipating: d.authorParticipating ?? old?.authorParticipating ?? null,
  };
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
          if (await upsertDailyEntry(tx, daily, hot)) {
            dailies.set(input.id, daily);
            stats.listed++;
          }
        } else await setHot(tx, input.id, hot);
      }
    }
  });
  await papersChanged(db, stats.changedIds.slice(changedBefore));
  return stats;
}
