// The votes table: one row per user and paper. Rows are the truth; papers.upvotes is derived from
// them by refreshCounts (db/papers.ts) in the same transaction that changes a row.
import type { Db } from './driver.ts';
import { placeholders } from './sql.ts';

/** Adds a vote; true when a row was added, false when the user had already voted. */
export async function addVote(db: Db, userId: number, paperId: string, now: string): Promise<boolean> {
  const { changes } = await db.run(
    'insert into votes (user_id, paper_id, created_at) values (?, ?, ?) on conflict (user_id, paper_id) do nothing',
    [userId, paperId, now],
  );
  return changes > 0;
}

/** Takes a vote back; true when a row was removed. */
export async function removeVote(db: Db, userId: number, paperId: string): Promise<boolean> {
  const { changes } = await db.run('delete from votes where user_id = ? and paper_id = ?', [userId, paperId]);
  return changes > 0;
}

export async function hasVoted(db: Db, userId: number, paperId: string): Promise<boolean> {
  return (await db.get('select 1 as one from votes where user_id = ? and paper_id = ?', [userId, paperId])) !== undefined;
}

/** Which of these papers the user has voted for: one query for a whole list page. */
export async function votedBy(db: Db, userId: number | null | undefined, paperIds: readonly string[]): Promise<Set<string>> {
  if (userId === null || userId === undefined || !paperIds.length) return new Set();
  const ids = [...new Set(paperIds)];
  const rows = await db.all<{ paper_id: string }>(
    `select paper_id from votes where user_id = ? and paper_id in (${placeholders(ids.length)})`,
    [userId, ...ids],
  );
  return new Set(rows.map((r) => r.paper_id));
}

/** The papers a user upvoted, newest vote first (for their profile page). */
export async function votesByUser(db: Db, userId: number, limit: number, offset = 0): Promise<{ paperId: string; votedAt: string }[]> {
  const rows = await db.all<{ paper_id: string; created_at: string }>(
    `select v.paper_id, v.created_at from votes v join papers p on p.id = v.paper_id
     where v.user_id = ? and p.hidden = 0 order by v.created_at desc, v.paper_id limit ? offset ?`,
    [userId, limit, offset],
  );
  return rows.map((r) => ({ paperId: r.paper_id, votedAt: r.created_at }));
}
