// What one member did, for their /u/NAME page: the papers they put on the daily lists and the papers
// they upvoted (visible papers only), and how many of each. Their comments are in db/comments.ts.
import type { Db } from './driver.ts';

export interface ActivityPaper {
  id: string;
  title: string;
  upvotes: number;
  numComments: number;
  /** Of numComments, those imported from Hugging Face (shown there, not here). */
  commentsElsewhere: number;
  /** When they listed it (submissions) or voted for it (upvotes). */
  at: string;
  day: string | null;
}

type Row = { id: string; title: string; upvotes: number; num_comments: number; imported_comments: number; at: string; day: string | null };
const toPaper = (r: Row): ActivityPaper => ({ id: r.id, title: r.title, upvotes: Number(r.upvotes), numComments: Number(r.num_comments), commentsElsewhere: Number(r.imported_comments), at: r.at, day: r.day });

export async function papersSubmittedBy(db: Db, userId: number, limit: number, offset: number): Promise<ActivityPaper[]> {
  const rows = await db.all<Row>(
    `select p.id, p.title, p.upvotes, p.num_comments, p.imported_comments, d.submitted_at as at, d.day
     from daily_entries d join papers p on p.id = d.paper_id
     where d.submitted_by = ? and p.hidden = 0 order by d.submitted_at desc, p.id limit ? offset ?`,
    [userId, limit, offset],
  );
  return rows.map(toPaper);
}

export async function papersUpvotedBy(db: Db, userId: number, limit: number, offset: number): Promise<ActivityPaper[]> {
  const rows = await db.all<Row>(
    `select p.id, p.title, p.upvotes, p.num_comments, p.imported_comments, v.created_at as at, d.day
     from votes v join papers p on p.id = v.paper_id left join daily_entries d on d.paper_id = p.id
     where v.user_id = ? and p.hidden = 0 order by v.created_at desc, p.id limit ? offset ?`,
    [userId, limit, offset],
  );
  return rows.map(toPaper);
}

export interface ActivityCounts {
  submissions: number;
  upvotes: number;
  comments: number;
}

/** The counts on the page's tabs, with the same visibility rules as the lists. */
export async function activityCounts(db: Db, userId: number): Promise<ActivityCounts> {
  const row = await db.get<{ s: number; v: number; c: number }>(
    `select
       (select cast(count(*) as integer) from daily_entries d join papers p on p.id = d.paper_id where d.submitted_by = ? and p.hidden = 0) as s,
       (select cast(count(*) as integer) from votes v join papers p on p.id = v.paper_id where v.user_id = ? and p.hidden = 0) as v,
       (select cast(count(*) as integer) from comments c join papers p on p.id = c.paper_id
          where c.user_id = ? and c.hidden = 0 and c.deleted_at is null and p.hidden = 0) as c`,
    [userId, userId, userId],
  );
  return { submissions: Number(row?.s ?? 0), upvotes: Number(row?.v ?? 0), comments: Number(row?.c ?? 0) };
}
