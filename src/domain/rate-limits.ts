// Sliding-window rate limits: the current fixed window's count plus the previous window's count
// weighted by how much of it still overlaps the last `window` seconds. Counters live in the
// database so every web process sees the same numbers; finished windows are swept (account-sweep.ts).
import type { Db } from '../db/driver.ts';
import { countHit, readCount, type WindowCount } from '../db/rate-limits.ts';
import { sweepOccasionally } from './account-sweep.ts';

export interface Verdict {
  allowed: boolean;
  /** Seconds until one more request would be allowed (0 when allowed). */
  retryAfter: number;
}

interface Windows {
  start: number;
  startIso: string;
  prevIso: string;
  /** Fraction of the current window already elapsed, 0–1. */
  elapsed: number;
}

function windows(nowMs: number, windowSeconds: number): Windows {
  const w = windowSeconds * 1000;
  const start = Math.floor(nowMs / w) * w;
  return { start, startIso: new Date(start).toISOString(), prevIso: new Date(start - w).toISOString(), elapsed: (nowMs - start) / w };
}

/** Counters as of `now`: a stored row from an older window rolls over the same way countHit does. */
function current(count: WindowCount | null, win: Windows): { hits: number; prev: number } {
  if (!count) return { hits: 0, prev: 0 };
  if (count.windowStart === win.startIso) return { hits: count.hits, prev: count.prevHits };
  if (count.windowStart === win.prevIso) return { hits: 0, prev: count.hits };
  return { hits: 0, prev: 0 };
}

/**
 * The verdict for one more request given `hits` already in this window (that request excluded)
 * and `prev` in the previous one; when refused, the wait until a request would pass.
 */
export function judge(hits: number, prev: number, limit: number, windowSeconds: number, win: Pick<Windows, 'elapsed'>): Verdict {
  const weight = 1 - win.elapsed;
  if (prev * weight + hits + 1 <= limit) return { allowed: true, retryAfter: 0 };
  const left = (1 - win.elapsed) * windowSeconds;
  // Still in this window once the previous one has faded enough?
  if (prev > 0 && hits + 1 <= limit) {
    const until = 1 - (limit - hits - 1) / prev;
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((until - win.elapsed) * windowSeconds)) };
  }
  // Otherwise in the next window, when this window's hits (now the previous) have faded enough.
  const fade = hits > 0 ? Math.max(0, 1 - (limit - 1) / hits) : 0;
  return { allowed: false, retryAfter: Math.max(1, Math.ceil(left + fade * windowSeconds)) };
}

/** Counts a request under `key` and says whether it is within `limit` per `windowSeconds`. */
export async function hit(db: Db, key: string, limit: number, windowSeconds: number, now = Date.now()): Promise<Verdict> {
  const win = windows(now, windowSeconds);
  // A row matters until the window after this one has ended (it is then nobody's "previous").
  const expires = new Date(win.start + 2 * windowSeconds * 1000).toISOString();
  const after = await countHit(db, key, win.startIso, win.prevIso, expires);
  await sweepOccasionally(db, now);
  if (judge(after.hits - 1, after.prevHits, limit, windowSeconds, win).allowed) return { allowed: true, retryAfter: 0 };
  // Refused requests count too (hammering keeps one out); the wait is for the next one to pass.
  return judge(after.hits, after.prevHits, limit, windowSeconds, win);
}

/** Whether one more request under `key` would be allowed, without counting it. */
export async function check(db: Db, key: string, limit: number, windowSeconds: number, now = Date.now()): Promise<Verdict> {
  const win = windows(now, windowSeconds);
  const { hits, prev } = current(await readCount(db, key), win);
  return judge(hits, prev, limit, windowSeconds, win);
}
