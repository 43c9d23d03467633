// Every kind of job paperboy runs, and the one list of periodic jobs with when each runs next.
// A module with background work adds its kinds and periodic entries here.
import type { Config } from '../config.ts';
import type { Db } from '../db/driver.ts';
import { deleteFinishedJobs } from '../db/jobs.ts';
import { mailJobKinds } from '../mail/jobs.ts';
import { nextDigestTime } from '../mail/schedule.ts';
import { enqueue, type JobKind } from './queue.ts';
import { searchJobKinds } from '../search/jobs.ts';

export const jobKinds: Record<string, JobKind> = {
  ...mailJobKinds,
  ...searchJobKinds,
  'jobs.cleanup': {
    async run(_payload, { db }) {
      await deleteFinishedJobs(db, new Date(Date.now() - 7 * 86_400_000).toISOString());
    },
  },
};

export interface PeriodicJob {
  /** Unique name; also the dedupe key, so one waiting run per entry however many processes schedule it. */
  name: string;
  kind: string;
  payload: unknown;
  /** The first run time strictly after `after`. */
  next(after: Date, config: Config): Date;
}

export const periodicJobs: PeriodicJob[] = [
  // The job itself decides whether the archive grew enough to retrain.
  { name: 'search.retrain', kind: 'search.retrain', payload: {}, next: (after) => dailyAt(after, 4.25) },
  { name: 'digest.daily', kind: 'digest.compose', payload: { cadence: 'daily' }, next: (after, config) => nextDigestTime(after, 'daily', config) },
  { name: 'digest.weekly', kind: 'digest.compose', payload: { cadence: 'weekly' }, next: (after, config) => nextDigestTime(after, 'weekly', config) },
  { name: 'jobs.cleanup', kind: 'jobs.cleanup', payload: {}, next: (after) => dailyAt(after, 3.5) },
  { name: 'mail.prune', kind: 'mail.prune', payload: {}, next: (after) => dailyAt(after, 3.75) },
];

/** The first time after `after` that is `hours` past a UTC midnight. */
function dailyAt(after: Date, hours: number): Date {
  const today = Math.floor(after.getTime() / 86_400_000) * 86_400_000 + hours * 3_600_000;
  return new Date(today > after.getTime() ? today : today + 86_400_000);
}

/** Makes sure each periodic job has its next run queued. Safe to call often and from any process. */
export async function schedulePeriodicJobs(db: Db, config: Config, now: Date): Promise<void> {
  for (const p of periodicJobs) {
    await enqueue(db, p.kind, p.payload, { runAt: p.next(now, config), dedupeKey: `periodic:${p.name}` });
  }
}
