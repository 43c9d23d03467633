// The daily_entries table and the list queries that feed pages, feeds and the API alike.
import { UNKNOWN_SUBMITTER, type DailyEntry, type ImportedSubmitter, type ListedPaper, type Paper } from '../domain/paper.ts';
import type { Db } from './driver.ts';
import { rowToPaper, type PaperRow } from './papers.ts';
import { placeholders } from './sql.ts';

export interface DailyRecord {
  paperId: string;
  day: string;
  submittedAt: string;
  submittedBy: number | null;
  submitterName: string | null;
  submitter: ImportedSubmitter | null;
  itemPublishedAt: string | null;
  authorParticipating: boolean | null;
}

type DailyRow = {
  paper_id: string; day: string; submitted_at: string; submitted_by: number | null; submitter_name: string | null;
  submitter: string | null; item_published_at: string | null; author_participating: number | null;
};

const flag = (value: number | null): boolean | null => (value === null || value === undefined ? null : Number(value) === 1);

export async function dailyRecordsByIds(db: Db, ids: readonly string[]): Promise<Map<string, DailyRecord>> {
  const found = new Map<string, DailyRecord>();
  if (!ids.length) return found;
  const rows = await db.all<DailyRow>(
    `select paper_id, day, submitted_at, submitted_by, submitter_name, submitter, item_published_at, author_participating
     from daily_entries where paper_id in (${placeholders(ids.length)})`,
    ids,
  );
  for (const r of rows) {
    found.set(r.paper_id, {
      paperId: r.paper_id, day: r.day, submittedAt: r.submitted_at, submittedBy: r.submitted_by,
      submitterName: r.submitter_name, submitter: r.submitter ? JSON.parse(r.submitter) : null,
      itemPublishedAt: r.item_published_at, authorParticipating: flag(r.author_participating),
    });
  }
  return found;
}

/**
 * Writes a listing as given, every field: domain/papers.ts mergeDaily alone decides what is kept, so a
 * null here stores null. False when the paper meanwhile became a member's listing (a claim committed
 * after the merge read the row): an import never replaces one, and the member's listing stays whole.
 */
export async function upsertDailyEntry(db: Db, e: DailyRecord, hot: number): Promise<boolean> {
  const { changes } = await db.run(
    `insert into daily_entries (paper_id, day, submitted_at, submitted_by, submitter_name, submitter, item_published_at, author_participating, hot)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (paper_id) do update set day = excluded.day, submitted_at = excluded.submitted_at,
       submitted_by = excluded.submitted_by, submitter_name = excluded.submitter_name, submitter = excluded.submitter,
       item_published_at = excluded.item_published_at, author_participating = excluded.author_participating,
       hot = excluded.hot
     where daily_entries.submitted_by is null or excluded.submitted_by is not null`,
    [
      e.paperId, e.day, e.submittedAt, e.submittedBy, e.submitterName, e.submitter ? JSON.stringify(e.submitter) : null,
      e.itemPublishedAt, e.authorParticipating === null ? null : Number(e.authorParticipating), hot,
    ],
  );
  return changes > 0;
}

export async function setHot(db: Db, paperId: string, hot: number): Promise<void> {
  await db.run('update daily_entries set hot = ? where paper_id = ?', [hot, paperId]);
}

export interface ListQuery {
  from?: string;
  to?: string;
  submitter?: string;
  order: 'upvotes' | 'newest' | 'trending';
  limit: number;
  offset?: number;
}

const ORDER: Record<ListQuery['order'], string> = {
  upvotes: 'p.upvotes desc, d.submitted_at, p.id',
  newest: 'd.day desc, p.upvotes desc, p.id',
  trending: 'd.hot desc, p.id',
};

/** A daily entry's columns (joined as `d`), read back by rowToListed. */
export const DAILY_COLUMNS = 'd.day, d.submitted_at as daily_submitted_at, d.submitter_name, d.submitter, d.hot, d.item_published_at, d.author_participating';
const LISTED = `select p.*, ${DAILY_COLUMNS} from daily_entries d join papers p on p.id = d.paper_id`;

export type ListedRow = PaperRow & {
  day: string; daily_submitted_at: string; submitter_name: string | null; submitter: string | null; hot: number;
  item_published_at: string | null; author_participating: number | null;
};

export function rowToListed(row: ListedRow): ListedPaper {
  const daily: DailyEntry = {
    day: row.day,
    submittedAt: row.daily_submitted_at,
    submitterUsername: row.submitter_name,
    importedSubmitter: row.submitter ? JSON.parse(row.submitter) : null,
    hot: Number(row.hot),
    itemPublishedAt: row.item_published_at,
    authorParticipating: flag(row.author_participating),
  };
  return { ...rowToPaper(row), daily };
}

/** Papers on the daily lists, visible ones only. */
export async function listPapers(db: Db, q: ListQuery): Promise<ListedPaper[]> {
  const where = ['p.hidden = 0'];
  const params: unknown[] = [];
  if (q.from) (where.push('d.day >= ?'), params.push(q.from));
  if (q.to) (where.push('d.day <= ?'), params.push(q.to));
  if (q.submitter === UNKNOWN_SUBMITTER) where.push('d.submitter_name is null');
  else if (q.submitter) (where.push('d.submitter_name = ?'), params.push(q.submitter));
  const rows = await db.all<ListedRow>(
    `${LISTED} where ${where.join(' and ')} order by ${ORDER[q.order]} limit ? offset ?`,
    [...params, q.limit, q.offset ?? 0],
  );
  return rows.map(rowToListed);
}

/** One paper with its daily entry, hidden or not (callers decide what to show). */
export async function getPaper(db: Db, id: string): Promise<Paper | null> {
  const row = await db.get<ListedRow>(
    `select p.*, ${DAILY_COLUMNS} from papers p left join daily_entries d on d.paper_id = p.id where p.id = ?`,
    [id],
  );
  if (!row) return null;
  return row.day ? rowToListed(row) : { ...rowToPaper(row), daily: null };
}

/** The newest day that has a visible paper, or null on an empty site. */
export async function latestDay(db: Db): Promise<string | null> {
  const row = await db.get<{ day: string }>(
    'select d.day from daily_entries d join papers p on p.id = d.paper_id where p.hidden = 0 order by d.day desc limit 1',
  );
  return row?.day ?? null;
}

/** The nearest days with visible papers before `from` and after `to` (empty days are skipped). */
export async function neighbourDays(db: Db, from: string, to: string): Promise<{ prev: string | null; next: string | null }> {
  // "order by day limit 1" walks the day index and stops at the first visible paper.
  const prev = await db.get<{ day: string }>(
    'select d.day from daily_entries d join papers p on p.id = d.paper_id where d.day < ? and p.hidden = 0 order by d.day desc limit 1',
    [from],
  );
  const next = await db.get<{ day: string }>(
    'select d.day from daily_entries d join papers p on p.id = d.paper_id where d.day > ? and p.hidden = 0 order by d.day limit 1',
    [to],
  );
  return { prev: prev?.day ?? null, next: next?.day ?? null };
}

/** The latest listing time on the site: the "now" that trending scores are shown at. */
export async function latestListingTime(db: Db): Promise<string | null> {
  const row = await db.get<{ t: string }>('select submitted_at as t from daily_entries order by submitted_at desc limit 1');
  return row?.t ?? null;
}
