// How many visible papers the daily lists of a period hold: the total a day, week or month page
// shows when its papers run over several pages. The lists themselves are db/daily.ts's listPapers.
import type { Db } from './driver.ts';

/** Visible papers listed from `from` to `to` (days, inclusive), the same rows listPapers pages through. */
export async function countListed(db: Db, from: string, to: string): Promise<number> {
  const row = await db.get<{ n: number }>(
    `select cast(count(*) as integer) as n from daily_entries d join papers p on p.id = d.paper_id
     where p.hidden = 0 and d.day >= ? and d.day <= ?`,
    [from, to],
  );
  return Number(row?.n ?? 0);
}
