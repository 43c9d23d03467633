// What the in-memory keyword index is built from and kept current with: every visible paper's
// searchable text, and the search_changes feed (papers whose text or visibility changed, in order).
import type { Db } from './driver.ts';

export interface PaperSearchText {
  paperId: string;
  title: string;
  /** Author names joined by "; " (as the FTS5 index has them). */
  authors: string;
  abstract: string;
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
}

function toText(r: TextRow): PaperSearchText {
  const names = (JSON.parse(r.authors) as { name?: unknown }[]).map((a) => (typeof a?.name === 'string' ? a.name : ''));
  return { paperId: r.id, title: r.title, authors: names.join('; '), abstract: r.abstract ?? '' };
}

/** The number of the last change so far (0 before any). */
export async function searchChangePosition(db: Db): Promise<number> {
  const row = await db.get<{ s: number | null }>('select max(seq) as s from search_changes');
  return Number(row?.s ?? 0);
}

/** Visible papers' texts in id order after `afterId`, at most `limit`. */
export async function searchTexts(db: Db, afterId: string, limit: number): Promise<PaperSearchText[]> {
  const rows = await db.all<TextRow>('select id, title, authors, abstract from papers where id > ? and hidden = 0 order by id limit ?', [afterId, limit]);
  return rows.map(toText);
}

/** Changes after `seq`, oldest first, at most `limit`, each with the paper's text as it is now. */
export async function searchChangesSince(db: Db, seq: number, limit: number): Promise<SearchChange[]> {
  const rows = await db.all<{ seq: number; paper_id: string; id: string | null; title: string | null; authors: string | null; abstract: string | null; hidden: number | null }>(
    `select c.seq, c.paper_id, p.id, p.title, p.authors, p.abstract, p.hidden
     from search_changes c left join papers p on p.id = c.paper_id where c.seq > ? order by c.seq limit ?`,
    [seq, limit],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    paperId: r.paper_id,
    text: r.id && !Number(r.hidden) ? toText({ id: r.id, title: r.title!, authors: r.authors!, abstract: r.abstract }) : null,
  }));
}
