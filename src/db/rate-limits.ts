// The rate_limits table: per-key hit counters for the current and previous fixed window, shared by
// every web process. Rows are swept once their window can no longer matter.
import type { Db } from './driver.ts';

export interface WindowCount {
  windowStart: string;
  hits: number;
  prevHits: number;
}

/**
 * Counts one hit in the window starting at `windowStart` and returns the counters after it. When
 * the stored row is from an older window it rolls over in the same statement: the stored count
 * becomes the previous window's if it was the one just before, else both start afresh.
 */
export async function countHit(db: Db, key: string, windowStart: string, prevWindowStart: string, expiresAt: string): Promise<WindowCount> {
  const row = await db.get<{ window_start: string; hits: number; prev_hits: number }>(
    `insert into rate_limits (key, window_start, hits, prev_hits, expires_at) values (?, ?, 1, 0, ?)
     on conflict (key) do update set
       prev_hits = case when rate_limits.window_start = excluded.window_start then rate_limits.prev_hits
                        when rate_limits.window_start = ? then rate_limits.hits else 0 end,
       hits = case when rate_limits.window_start = excluded.window_start then rate_limits.hits + 1 else 1 end,
       window_start = excluded.window_start,
       expires_at = excluded.expires_at
     returning window_start, hits, prev_hits`,
    [key, windowStart, expiresAt, prevWindowStart],
  );
  return { windowStart: row!.window_start, hits: Number(row!.hits), prevHits: Number(row!.prev_hits) };
}

/** The stored counters for a key without counting anything. */
export async function readCount(db: Db, key: string): Promise<WindowCount | null> {
  const row = await db.get<{ window_start: string; hits: number; prev_hits: number }>(
    'select window_start, hits, prev_hits from rate_limits where key = ?',
    [key],
  );
  return row ? { windowStart: row.window_start, hits: Number(row.hits), prevHits: Number(row.prev_hits) } : null;
}

export async function deleteExpiredLimits(db: Db, now: string): Promise<number> {
  return (await db.run('delete from rate_limits where expires_at <= ?', [now])).changes;
}

/** Forgets a key (e.g. a username's failed log-ins after a successful one). */
export async function clearLimit(db: Db, key: string): Promise<void> {
  await db.run('delete from rate_limits where key = ?', [key]);
}
