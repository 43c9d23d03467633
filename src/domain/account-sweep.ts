// Clean-up of account state that has run out: expired sessions and rate-limit counters whose
// windows are over. Each process sweeps now and then as logins and rate-limited requests pass
// by (every process may; the deletes are idempotent), so no scheduler is needed.
import type { Db } from '../db/driver.ts';
import { deleteExpiredLimits } from '../db/rate-limits.ts';
import { deleteExpiredSessions } from '../db/sessions.ts';

const SWEEP_EVERY_MS = 15 * 60_000;
let lastSweep = 0;

export async function sweepExpired(db: Db, now = new Date()): Promise<{ sessions: number; limits: number }> {
  const iso = now.toISOString();
  return { sessions: await deleteExpiredSessions(db, iso), limits: await deleteExpiredLimits(db, iso) };
}

/** Sweeps when this process has not done so for a while. */
export async function sweepOccasionally(db: Db, nowMs = Date.now()): Promise<void> {
  if (Math.abs(nowMs - lastSweep) < SWEEP_EVERY_MS) return;
  lastSweep = nowMs;
  await sweepExpired(db, new Date(nowMs));
}
