// The papers and paper_versions tables.
import type { Paper } from '../domain/paper.ts';
import type { Db } from './driver.ts';
import { placeholders } from './sql.ts';

/**
 * The stored fields of a paper, as importers and fetchers write them: the paper without what is
 * derived from other rows (counts, daily entry, moderation, the primary category), plus the baselines
 * the counts start from.
 */
export type PaperRecord = Omit<Paper, 'daily' | 'upvotes' | 'numComments' | 'hidden' | 'primaryCategory'> & {
  importedUpvotes: number;
  importedComments: number;
};

const RECORD_COLUMNS = `id, title, abstract, authors, categories, published_at, updated_at, latest_version, comment,
  github_url, project_page, thumbnail, ai_summary, ai_keywords, discussion_id, imported_upvotes, imported_comments,
  organization, media_urls, github_stars, github_repo_added_by, ai_summary_model`;
const RECORD_COUNT = 22;

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

function recordValues(r: PaperRecord): unknown[] {
  return [
    r.id, r.title, r.abstract, JSON.stringify(r.authors), JSON.stringify(r.categories), r.publishedAt, r.updatedAt,
    r.latestVersion, r.comment, r.githubUrl, r.projectPage, r.thumbnail, r.aiSummary,
    r.aiKeywords ? JSON.stringify(r.aiKeywords) : null, r.discussionId, r.importedUpvotes, r.importedComments,
    json(r.organization), json(r.mediaUrls), r.githubStars ?? null, r.githubRepoAddedBy ?? null, r.aiSummaryModel ?? null,
  ];
}

interface PaperRow {
  id: string; title: string; abstract: string | null; authors: string; categories: string;
  primary_category: string | null; published_at: string | null; updated_at: string | null;
  latest_version: number | null; comment: string | null; github_url: string | null; project_page: string | null;
  thumbnail: string | null; ai_summary: string | null; ai_keywords: string | null; discussion_id: string | null;
  imported_upvotes: number; imported_comments: number; upvotes: number; num_comments: number; hidden: number;
  organization: string | null; media_urls: string | null; github_stars: number | null; github_repo_added_by: string | null;
  ai_summary_model: string | null;
}

function rowToRecord(row: PaperRow): PaperRecord {
  return {
    id: row.id, title: row.title, abstract: row.abstract, authors: JSON.parse(row.authors), categories: JSON.parse(row.categories),
    publishedAt: row.published_at, updatedAt: row.updated_at, latestVersion: row.latest_version, comment: row.comment,
    githubUrl: row.github_url, projectPage: row.project_page, thumbnail: row.thumbnail, aiSummary: row.ai_summary,
    aiKeywords: row.ai_keywords ? JSON.parse(row.ai_keywords) : null, discussionId: row.discussion_id,
    importedUpvotes: row.imported_upvotes, importedComments: row.imported_comments,
    organization: row.organization ? JSON.parse(row.organization) : null, mediaUrls: row.media_urls ? JSON.parse(row.media_urls) : null,
    githubStars: row.github_stars === null || row.github_stars === undefined ? null : Number(row.github_stars),
    githubRepoAddedBy: row.github_repo_added_by ?? null, aiSummaryModel: row.ai_summary_model ?? null,
  };
}

/** A stored row as the rest of the app sees it (without its daily entry). */
export function rowToPaper(row: PaperRow): Omit<Paper, 'daily'> {
  const record = rowToRecord(row);
  const { importedUpvotes: _u, importedComments: _c, ...rest } = record;
  return {
    ...rest,
    primaryCategory: row.primary_category,
    upvotes: Number(row.upvotes),
    numComments: Number(row.num_comments),
    commentsElsewhere: Number(row.imported_comments),
    hidden: Boolean(row.hidden),
  };
}

export type { PaperRow };

/**
 * The stored records of these papers, read to merge new metadata into them: the first step of an
 * upsert. On PostgreSQL it first takes a lock that every upsert transaction takes, so two processes
 * upserting the same new paper (two servers loading the demo corpus at once, two submissions) merge
 * one after the other instead of both inserting it. SQLite's write transactions are serial already.
 */
export async function paperRecordsByIds(db: Db, ids: readonly string[]): Promise<Map<string, PaperRecord>> {
  const found = new Map<string, PaperRecord>();
  if (!ids.length) return found;
  if (db.dialect === 'postgres') await db.get('select pg_advisory_xact_lock(7357002)');
  const rows = await db.all<PaperRow>(`select * from papers where id in (${placeholders(ids.length)})`, ids);
  for (const row of rows) found.set(row.id, rowToRecord(row));
  return found;
}

export async function insertPaper(db: Db, r: PaperRecord, now: string): Promise<void> {
  await db.run(
    `insert into papers (${RECORD_COLUMNS}, primary_category, upvotes, num_comments, created_at, modified_at)
     values (${placeholders(RECORD_COUNT)}, ?, ?, ?, ?, ?)`,
    [...recordValues(r), r.categories[0] ?? null, r.importedUpvotes, r.importedComments, now, now],
  );
}

/** Rewrites a paper's fields; its derived counts are refreshed by refreshCounts. */
export async function updatePaper(db: Db, r: PaperRecord, now: string): Promise<void> {
  await db.run(
    `update papers set title = ?, abstract = ?, authors = ?, categories = ?, published_at = ?, updated_at = ?,
       latest_version = ?, comment = ?, github_url = ?, project_page = ?, thumbnail = ?, ai_summary = ?,
       ai_keywords = ?, discussion_id = ?, imported_upvotes = ?, imported_comments = ?, organization = ?, media_urls = ?,
       github_stars = ?, github_repo_added_by = ?, ai_summary_model = ?, primary_category = ?, modified_at = ?
     where id = ?`,
    [...recordValues(r).slice(1), r.categories[0] ?? null, now, r.id],
  );
}

/** Recomputes the derived upvote and comment counts from their baseline and rows; returns the new upvotes. */
export async function refreshCounts(db: Db, id: string): Promise<{ upvotes: number; numComments: number }> {
  await db.run(
    `update papers set upvotes = imported_upvotes + (select cast(count(*) as integer) from votes where votes.paper_id = papers.id),
       num_comments = imported_comments + (select cast(count(*) as integer) from comments
         where comments.paper_id = papers.id and comments.hidden = 0 and comments.deleted_at is null)
     where id = ?`,
    [id],
  );
  const row = await db.get<{ upvotes: number; num_comments: number }>('select upvotes, num_comments from papers where id = ?', [id]);
  return { upvotes: Number(row?.upvotes ?? 0), numComments: Number(row?.num_comments ?? 0) };
}

export async function upsertVersion(db: Db, id: string, version: number, submittedAt: string | null): Promise<void> {
  await db.run(
    `insert into paper_versions (paper_id, version, submitted_at) values (?, ?, ?)
     on conflict (paper_id, version) do update set submitted_at = coalesce(excluded.submitted_at, paper_versions.submitted_at)`,
    [id, version, submittedAt],
  );
}

export async function paperVersions(db: Db, id: string): Promise<{ version: number; submittedAt: string | null }[]> {
  const rows = await db.all<{ version: number; submitted_at: string | null }>(
    'select version, submitted_at from paper_versions where paper_id = ? order by version',
    [id],
  );
  return rows.map((r) => ({ version: r.version, submittedAt: r.submitted_at }));
}

export async function countPapers(db: Db): Promise<number> {
  const row = await db.get<{ n: number }>('select cast(count(*) as integer) as n from papers');
  return Number(row?.n ?? 0);
}

export async function hasAnyPaper(db: Db): Promise<boolean> {
  return (await db.get('select 1 as one from papers limit 1')) !== undefined;
}
