// The comments table. Rows stay when a comment is deleted (body cleared, deleted_at set) so that
// replies keep their place; hidden rows are a moderator's decision. papers.num_comments follows both.
import type { Db } from './driver.ts';
import { refreshCounts } from './papers.ts';

export interface CommentRecord {
  id: number;
  paperId: string;
  parentId: number | null;
  userId: number;
  username: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hidden: boolean;
}

interface CommentRow {
  id: number; paper_id: string; parent_id: number | null; user_id: number; username: string; body: string;
  created_at: string; edited_at: string | null; deleted_at: string | null; hidden: number;
}

const SELECT = `select c.id, c.paper_id, c.parent_id, c.user_id, u.username, c.body, c.created_at, c.edited_at, c.deleted_at, c.hidden
  from comments c join users u on u.id = c.user_id`;

function rowToComment(r: CommentRow): CommentRecord {
  return {
    id: Number(r.id), paperId: r.paper_id, parentId: r.parent_id === null ? null : Number(r.parent_id), userId: Number(r.user_id),
    username: r.username, body: r.body, createdAt: r.created_at, editedAt: r.edited_at, deletedAt: r.deleted_at, hidden: Boolean(r.hidden),
  };
}

export async function insertComment(
  db: Db,
  c: { paperId: string; parentId: number | null; userId: number; body: string },
  now: string,
): Promise<number> {
  const row = await db.get<{ id: number }>(
    'insert into comments (paper_id, parent_id, user_id, body, created_at) values (?, ?, ?, ?, ?) returning id',
    [c.paperId, c.parentId, c.userId, c.body, now],
  );
  return Number(row!.id);
}

export async function commentById(db: Db, id: number): Promise<CommentRecord | null> {
  const row = await db.get<CommentRow>(`${SELECT} where c.id = ?`, [id]);
  return row ? rowToComment(row) : null;
}

/** Every comment on a paper, hidden and deleted ones included, oldest first; the caller builds the thread. */
export async function commentsOfPaper(db: Db, paperId: string): Promise<CommentRecord[]> {
  const rows = await db.all<CommentRow>(`${SELECT} where c.paper_id = ? order by c.id`, [paperId]);
  return rows.map(rowToComment);
}

/** A user's visible comments on visible papers, newest first (for their profile page). */
export async function commentsByUser(db: Db, userId: number, limit: number, offset = 0): Promise<(CommentRecord & { paperTitle: string })[]> {
  const rows = await db.all<CommentRow & { title: string }>(
    `select c.id, c.paper_id, c.parent_id, c.user_id, u.username, c.body, c.created_at, c.edited_at, c.deleted_at, c.hidden, p.title
     from comments c join users u on u.id = c.user_id join papers p on p.id = c.paper_id
     where c.user_id = ? and c.hidden = 0 and c.deleted_at is null and p.hidden = 0 order by c.id desc limit ? offset ?`,
    [userId, limit, offset],
  );
  return rows.map((r) => ({ ...rowToComment(r), paperTitle: r.title }));
}

export async function updateCommentBody(db: Db, id: number, body: string, now: string): Promise<void> {
  await db.run('update comments set body = ?, edited_at = ? where id = ?', [body, now, id]);
}

/** Deletes what the author wrote but keeps the row, so replies stay threaded under "[deleted]". */
export async function markCommentDeleted(db: Db, id: number, now: string): Promise<void> {
  await db.run(`update comments set body = '', deleted_at = ? where id = ?`, [now, id]);
}

/**
 * Hides or shows a comment (moderation) and recomputes the paper's comment count in the same
 * transaction. Returns the comment's paper id, or null when there is no such comment.
 */
export async function setCommentHidden(db: Db, id: number, hidden: boolean): Promise<string | null> {
  return db.tx(async (tx) => {
    const row = await tx.get<{ paper_id: string }>('select paper_id from comments where id = ?', [id]);
    if (!row) return null;
    await tx.run('update comments set hidden = ? where id = ?', [hidden ? 1 : 0, id]);
    await refreshCounts(tx, row.paper_id);
    return row.paper_id;
  });
}
