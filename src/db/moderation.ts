// What /admin lists and changes on other tables: recent listings and comments with hidden ones
// included, and the papers.hidden flag (list queries in db/daily.ts honour it).
import type { Db } from './driver.ts';

export interface ModeratedPaper {
  id: string;
  title: string;
  hidden: boolean;
  day: string | null;
  submitter: string | null;
  upvotes: number;
  numComments: number;
}

type PaperRow = { id: string; title: string; hidden: number; day: string | null; submitter_name: string | null; upvotes: number; num_comments: number };
const toPaper = (r: PaperRow): ModeratedPaper => ({
  id: r.id, title: r.title, hidden: Boolean(r.hidden), day: r.day, submitter: r.submitter_name, upvotes: Number(r.upvotes), numComments: Number(r.num_comments),
});
const PAPER = `select p.id, p.title, p.hidden, d.day, d.submitter_name, p.upvotes, p.num_comments from papers p`;

/** The newest listings, hidden papers included. */
export async function recentListings(db: Db, limit: number): Promise<ModeratedPaper[]> {
  const rows = await db.all<PaperRow>(`${PAPER} join daily_entries d on d.paper_id = p.id order by d.submitted_at desc, p.id limit ?`, [limit]);
  return rows.map(toPaper);
}

export async function moderatedPaper(db: Db, id: string): Promise<ModeratedPaper | null> {
  const row = await db.get<PaperRow>(`${PAPER} left join daily_entries d on d.paper_id = p.id where p.id = ?`, [id]);
  return row ? toPaper(row) : null;
}

/** Hides or shows a paper everywhere (lists, API, feeds, search); false when there is no such paper. */
export async function setPaperHidden(db: Db, id: string, hidden: boolean, now: string): Promise<boolean> {
  return (await db.run('update papers set hidden = ?, modified_at = ? where id = ?', [hidden, now, id])).changes > 0;
}

/** Papers hidden by moderators, newest change first. */
export async function hiddenPapers(db: Db, limit: number): Promise<ModeratedPaper[]> {
  const rows = await db.all<PaperRow>(`${PAPER} left join daily_entries d on d.paper_id = p.id where p.hidden = 1 order by p.modified_at desc limit ?`, [limit]);
  return rows.map(toPaper);
}

export interface ModeratedComment {
  id: number;
  paperId: string;
  paperTitle: string;
  username: string;
  body: string;
  createdAt: string;
  hidden: boolean;
  deleted: boolean;
}

/** The newest comments, hidden ones included (deleted ones have no text left to moderate). */
export async function recentComments(db: Db, limit: number): Promise<ModeratedComment[]> {
  const rows = await db.all<{ id: number; paper_id: string; title: string; username: string; body: string; created_at: string; hidden: number; deleted_at: string | null }>(
    `select c.id, c.paper_id, p.title, u.username, c.body, c.created_at, c.hidden, c.deleted_at
     from comments c join users u on u.id = c.user_id join papers p on p.id = c.paper_id
     where c.deleted_at is null order by c.id desc limit ?`,
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id), paperId: r.paper_id, paperTitle: r.title, username: r.username, body: r.body, createdAt: r.created_at,
    hidden: Boolean(r.hidden), deleted: r.deleted_at !== null,
  }));
}
