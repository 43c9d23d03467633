// Daily entries made by members (the member side of daily_entries; imports go through db/daily.ts):
// the first-come claim of a paper's one listing, and the per-day count the quota checks.
import type { Db } from './driver.ts';

/** Lists a paper for a member unless it is already listed; false when another listing won. */
export async function claimDailyEntry(
  db: Db,
  e: { paperId: string; day: string; submittedAt: string; userId: number; username: string },
  hot: number,
): Promise<boolean> {
  const { changes } = await db.run(
    `insert into daily_entries (paper_id, day, submitted_at, submitted_by, submitter_name, submitter, hot)
     values (?, ?, ?, ?, ?, null, ?) on conflict (paper_id) do nothing`,
    [e.paperId, e.day, e.submittedAt, e.userId, e.username, hot],
  );
  return changes > 0;
}

/** How many papers a member put on the list of one day. */
export async function submissionsOn(db: Db, userId: number, day: string): Promise<number> {
  const row = await db.get<{ n: number }>(
    'select cast(count(*) as integer) as n from daily_entries where submitted_by = ? and day = ?',
    [userId, day],
  );
  return Number(row?.n ?? 0);
}

/** The day a paper is listed on, or null. */
export async function listedDay(db: Db, paperId: string): Promise<string | null> {
  const row = await db.get<{ day: string }>('select day from daily_entries where paper_id = ?', [paperId]);
  return row?.day ?? null;
}
