// What the in-memory keyword index is built from and kept current with: every visible paper's
// searchable text and the facts searches filter by, and the search_changes feed (papers whose text,
// visibility or facts changed, in order).
import type { Db } from './driver.ts';

export interface PaperSearchText {
  paperId: string;
  title: string;
  /** Author names joined by "; " (as the FTS5 index has them). */
  authors: string;
  abstract: string;
  facts: PaperFacts;
}

/** What search filters look at (see filterSql in search.ts). */
export interface PaperFacts {
  /** The publication day as YYYYMMDD, -1 when unknown. */
  day: number;
  /** The stored JSON array of arXiv categories. */
  categories: string;
  code: boolean;
  upvotes: number;
  listed: boolean;
}

export interface SearchChange {
  seq: number;
  paperId: string;
  /** The paper's text now; null when it is hidden or gone. */
  text: PaperSearchText | null;
}

interface TextRow {
  id: string;
  title: string;
  authors: string;
  abstract: string | null;
  published_at: string | null;
  categories: string;
  github_url: string | null;
  upvotes: number;
  listed: number;
}

const COLUMNS = `p.id, p.title, p.authors, p.abstract, p.published_at, p.categories, p.github_url, p.upvotes,
  case when d.paper_id is null then 0 else 1 end as listed`;

function toText(r: TextRow): PaperSearchText {
  const names = (JSON.parse(r.authors) as { name?: unknown }[]).map((a) => (typeof a?.name === 'string' ? a.name : ''));
  const day = /^\d{4}-\d\d-\d\d/.test(r.published_at ?? '') ? Number(r.published_at!.slice(0, 10).replace(/-/g, '')) : -1;
  const facts = { day, categories: r.categories, code: r.github_url !== null, upvotes: Number(r.upvotes), listed: Number(r.listed) === 1 };
  return { paperId: r.id, title: r.title, authors: names.join('; '), abstract: r.abstract ?? '', facts };
}

/** The number of the last change so far (0 before any). */
export async function searchChangePosition(db: Db): Promise<number> {
  const row = await db.get<{ s: number | null }>('select max(seq) as s from search_changes');
  return Number(row?.s ?? 0);
}

/** Visible papers' texts in id order after `afterId`, at most `limit`. */
export async function searchTexts(db: Db, afterId: string, limit: number): Promise<PaperSearchText[]> {
  const rows = await db.all<TextRow>(
    `select ${COLUMNS} from papers p left join daily_entries d on d.paper_id = p.id where p.id > ? and p.hidden = 0 order by p.id limit ?`,
    [afterId, limit],
  );
  return rows.map(toText);
}

/** Changes after `seq`, oldest first, at most `limit`, each with the paper's text as it is now. */
export async function searchChangesSince(db: Db, seq: number, limit: number): Promise<SearchChange[]> {
  const rows = await db.all<{ seq: number; paper_id: string; hidden: number | null } & Partial<TextRow>>(
    `select c.seq, c.paper_id, p.hidden, ${COLUMNS}
     from search_changes c left join papers p on p.id = c.paper_id left join daily_entries d on d.paper_id = p.id
     where c.seq > ? order by c.seq limit ?`,
    [seq, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), paperId: r.paper_id, text: r.id && !Number(r.hidden) ? toText(r as TextRow) : null }));
}
